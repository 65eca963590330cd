// cotation-workbench [CAMPAGNE] [--vue VUE] [--dossier REF] [--evaluateur NOM] …
// (workbench_options, the one list; --help prints it, display or not).
#include <wx/cmdline.h>
#include <wx/stdpaths.h>
#include <wx/wx.h>

#include <algorithm>
#include <clocale>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string_view>

#include "app/demo.h"
#include "core/french.h"
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

namespace {
// The options, declared once: the parser and the help printed without a
// display read them (trial 12: `--help` without a display said GTK's English).
struct WorkbenchOption {
    const char* name;
    const char* value;   // shown in the help
    std::string help;
};
// The views --vue opens beyond the tabs.
const char* const kExtraViews[] = {"documents", "nouveau-dossier", "editeur-grille", "apercu-grille"};
std::string view_names() {
    std::vector<std::string> names;
    for (const ViewDef& v : views()) names.push_back(v.name);
    for (const char* extra : kExtraViews) names.push_back(extra);
    return fr::join(names, ", ", "ou");
}
const std::vector<WorkbenchOption>& workbench_options() {
    static const std::vector<WorkbenchOption> options = {
        {"vue", "VUE", "vue ouverte au démarrage : " + view_names()},
        {"dossier", "RÉF", "référence du dossier à afficher"},
        {"evaluateur", "NOM", "nom de l'évaluateur"},
        {"critere", "ID", "critère sélectionné dans l'éditeur de grille"},
        {"grille", "FICHIER", "grille proposée pour l'aperçu de changement de grille"},
    };
    return options;
}
}  // namespace

// Printed before wx starts: GTK needs a display even to say its usage.
std::string workbench_usage() {
    std::string out = "Usage : cotation-workbench [CAMPAGNE] [options]\n"
                      "  CAMPAGNE : un fichier .cot (créé avec la démonstration s'il n'existe pas) ou l'adresse "
                      "postgresql://hôte/base?campagne=RÉF d'une campagne partagée ; sans elle, l'écran d'accueil.\n";
    for (const WorkbenchOption& o : workbench_options())
        out += "  --" + std::string(o.name) + " " + o.value + " : " + o.help + "\n";
    out += "  -h, --help : cette aide\n";
    return out;
}

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
        for (const WorkbenchOption& o : workbench_options()) p.AddOption("", o.name, to_wx(o.help));
        p.AddSwitch("h", "help", to_wx("aide"), wxCMD_LINE_OPTION_HELP);
        if (p.Parse() != 0) return false;
        // An unknown view was ignored without a word (trial 12).
        wxString view;
        if (p.Found("vue", &view) && !view_named(from_wx(view)) &&
            std::none_of(std::begin(kExtraViews), std::end(kExtraViews), [&](const char* v) { return view == v; })) {
            std::fputs(("cotation-workbench : vue « " + from_wx(view) + " » inconnue (--vue) ; les vues : " + view_names() +
                        ".\n").c_str(),
                       stderr);
            return false;
        }
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
        wxString ref;
        if (p.Found("dossier", &ref)) {
            if (auto i = frame->workbench().session->find(typed_from_wx(ref))) frame->SelectDossier(*i);
            else
                frame->CallAfter([frame, r = typed_from_wx(ref)] {
                    wxMessageBox(to_wx("Aucun dossier « " + r + " » dans cette campagne (--dossier) : la liste s'ouvre sur le "
                                       "premier."),
                                 to_wx("Cotation"), wxOK | wxICON_WARNING, frame);
                });
        }
        if (!view.empty()) {
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

wxIMPLEMENT_APP_NO_MAIN(cotation::gui::WorkbenchApp);

// Before wx: the help, and the absence of a display, said in French (GTK says
// « Unable to initialize GTK+, is DISPLAY set properly? »).
int main(int argc, char** argv) {
    for (int i = 1; i < argc; ++i)
        if (std::string_view(argv[i]) == "-h" || std::string_view(argv[i]) == "--help") {
            std::fputs(cotation::gui::workbench_usage().c_str(), stdout);
            return 0;
        }
    const char* display = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    if ((!display || !*display) && (!wayland || !*wayland)) {
        std::fputs("cotation-workbench : aucun affichage (variables DISPLAY et WAYLAND_DISPLAY vides) : lancez l'atelier dans "
                   "une session graphique, ou sur un serveur sans écran avec scripts/workbench.sh (Xvfb). Les commandes de "
                   "cotation (ligne de commande) n'en ont pas besoin.\n",
                   stderr);
        return 2;
    }
    return wxEntry(argc, argv);
}
