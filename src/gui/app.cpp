// cotation-workbench [FICHIER] [--vue dossiers|dossier|cotation|classement|nouveau-dossier]
//                    [--dossier REF] [--evaluateur NOM]
#include <wx/cmdline.h>
#include <wx/stdpaths.h>
#include <wx/wx.h>

#include <clocale>
#include <csignal>
#include <filesystem>

#include "app/demo.h"
#include "grid_editor.h"
#include "layout.h"
#include "documents_dialog.h"
#include "main_frame.h"
#include "start_dialog.h"
#include "store/open_store.h"
#include "views.h"
#include "workbench.h"
#include "wx_text.h"

namespace cotation::gui {

class WorkbenchApp : public wxApp {
public:
    // An exception no handler caught is said, and the window goes on (trial 15d F1).
    bool OnExceptionInMainLoop() override { return report_unexpected_exception(); }
    // Escaped the loop all the same (thrown while reporting): said before the end, in French.
    void OnUnhandledException() override {
        try {
            wxMessageOutputBest().Printf("%s", to_wx(unexpected_exception_text()));
        } catch (...) {
        }
    }
    bool OnInit() override {
        // Numbers are parsed and formatted by Cotation itself, never by the C locale.
        std::setlocale(LC_NUMERIC, "C");
        // A write past a file-size limit (ulimit -f) is said, not fatal (trial 13e F9).
        std::signal(SIGXFSZ, SIG_IGN);
        load_french_catalog();
        wxCmdLineParser p(argc, argv);
        p.AddParam(to_wx("campagne.cot"), wxCMD_LINE_VAL_STRING, wxCMD_LINE_PARAM_OPTIONAL);
        std::string names;
        for (const ViewDef& v : views()) names += std::string(v.name) + ", ";
        p.AddOption("", "vue", to_wx("vue ouverte au démarrage : " + names + "nouveau-dossier, editeur-grille ou apercu-grille"));
        p.AddOption("", "dossier", to_wx("référence du dossier à afficher"));
        p.AddOption("", "evaluateur", to_wx("nom de l'évaluateur"));
        p.AddOption("", "critere", to_wx("critère sélectionné dans l'éditeur de grille"));
        p.AddOption("", "grille", to_wx("grille proposée pour l'aperçu de changement de grille"));
        p.AddSwitch("h", "help", to_wx("aide"), wxCMD_LINE_OPTION_HELP);
        if (p.Parse() != 0) return false;
        std::unique_ptr<Session> session;
        if (p.GetParamCount() > 0) {
            std::string path = from_wx(p.GetParam(0));
            try {
                // A server campaign's URI is opened as is (issue 15); a file that does not exist is the demo.
                session = std::filesystem::exists(path) || names_server_campaign(path) ? Session::open(path)
                                                                                      : create_demo(path, "act-hlm");
            } catch (const std::exception& e) {
                wxMessageBox(to_wx(e.what()), to_wx("Cotation — erreur"), wxOK | wxICON_ERROR);
                return false;
            }
        } else {
            // No file given: the start screen (open, new campaign, demos).
            session = ShowStartDialog(nullptr);
            if (!session) return false;
        }
        wxString reviewer;
        p.Found("evaluateur", &reviewer);
        auto* frame = new MainFrame(std::move(session), typed_from_wx(reviewer));
        wxString ref, view;
        if (p.Found("dossier", &ref))
            if (auto i = frame->workbench().session->find(typed_from_wx(ref))) frame->SelectDossier(*i);
        if (p.Found("vue", &view)) {
            if (view == "documents") frame->CallAfter([frame] { documents_dialog(frame, frame->workbench()); });
            else if (const ViewDef* v = view_named(from_wx(view))) frame->ShowView(v->id);
            else if (view == "editeur-grille") {
                wxString crit;
                p.Found("critere", &crit);
                std::string c = from_wx(crit);
                frame->CallAfter([frame, c] {
                    ShowGridEditor(frame, frame->workbench(), frame->workbench().session->grid(), true, c);
                });
            } else if (view == "apercu-grille") {
                wxString file;
                p.Found("grille", &file);
                std::string f = from_wx(file);
                frame->CallAfter([frame, f] {
                    try {
                        auto candidate = frame->workbench().session->read_candidate_grid(f);
                        if (ShowGridChangePreview(frame, frame->workbench(), candidate)) frame->workbench().changed(Change::Grid);
                    } catch (const std::exception& e) {
                        show_error(frame, e);
                    }
                });
            } else if (view == "nouveau-dossier")
                frame->CallAfter([frame] {
                    if (edit_dossier_dialog(frame, frame->workbench(), nullptr)) frame->workbench().changed(Change::Dossier);
                });
        }
        frame->SetPosition(wxPoint(0, 0));
        frame->Show();
        return true;
    }
};

}  // namespace cotation::gui

wxIMPLEMENT_APP(cotation::gui::WorkbenchApp);
