// cotation-workbench [FICHIER] [--vue dossiers|dossier|cotation|classement|nouveau-dossier]
//                    [--dossier REF] [--evaluateur NOM]
#include <wx/cmdline.h>
#include <wx/stdpaths.h>
#include <wx/wx.h>

#include <clocale>
#include <filesystem>

#include "app/demo.h"
#include "main_frame.h"
#include "wx_text.h"

namespace cotation::gui {

class WorkbenchApp : public wxApp {
public:
    bool OnInit() override {
        // Numbers are parsed and formatted by Cotation itself, never by the C locale.
        std::setlocale(LC_NUMERIC, "C");
        wxCmdLineParser p(argc, argv);
        p.AddParam(to_wx("campagne.cot"), wxCMD_LINE_VAL_STRING, wxCMD_LINE_PARAM_OPTIONAL);
        p.AddOption("", "vue", to_wx("vue ouverte au démarrage : dossiers, dossier, cotation, classement ou nouveau-dossier"));
        p.AddOption("", "dossier", to_wx("référence du dossier à afficher"));
        p.AddOption("", "evaluateur", to_wx("nom de l'évaluateur"));
        p.AddSwitch("h", "help", to_wx("aide"), wxCMD_LINE_OPTION_HELP);
        if (p.Parse() != 0) return false;
        std::string path;
        if (p.GetParamCount() > 0) {
            path = from_wx(p.GetParam(0));
        } else {
            // No file given: the demo campaign, created on first run.
            std::filesystem::path dir = from_wx(wxStandardPaths::Get().GetUserLocalDataDir());
            std::filesystem::create_directories(dir);
            path = (dir / "demo-act-hlm.cot").string();
        }
        std::unique_ptr<Session> session;
        try {
            session = std::filesystem::exists(path) ? Session::open(path) : create_demo(path, "act-hlm");
        } catch (const std::exception& e) {
            wxMessageBox(to_wx(e.what()), to_wx("Cotation — erreur"), wxOK | wxICON_ERROR);
            return false;
        }
        wxString reviewer;
        p.Found("evaluateur", &reviewer);
        auto* frame = new MainFrame(std::move(session), from_wx(reviewer));
        wxString ref, view;
        if (p.Found("dossier", &ref))
            if (auto i = frame->workbench().session->find(from_wx(ref))) frame->SelectDossier(*i);
        if (p.Found("vue", &view)) {
            if (view == "dossier") frame->ShowView(MainFrame::View::Dossier);
            else if (view == "cotation") frame->ShowView(MainFrame::View::Rating);
            else if (view == "classement") frame->ShowView(MainFrame::View::Ranking);
            else if (view == "nouveau-dossier")
                frame->CallAfter([frame] {
                    if (edit_dossier_dialog(frame, frame->workbench(), nullptr)) frame->workbench().changed();
                });
        }
        frame->SetPosition(wxPoint(0, 0));
        frame->Show();
        return true;
    }
};

}  // namespace cotation::gui

wxIMPLEMENT_APP(cotation::gui::WorkbenchApp);
