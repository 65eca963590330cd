#include "start_dialog.h"

#include <wx/filedlg.h>
#include <wx/filepicker.h>
#include <wx/stdpaths.h>

#include <filesystem>

#include "app/demo.h"
#include "colours.h"
#include "io/grid_reader.h"
#include "io/paths.h"
#include "workbench.h"
#include "wx_text.h"

namespace cotation::gui {

std::unique_ptr<Session> OpenDemo(const std::string& call) {
    namespace fs = std::filesystem;
    fs::path dir = from_wx(wxStandardPaths::Get().GetUserLocalDataDir());
    fs::create_directories(dir);
    std::string path = (dir / ("demo-" + call + ".cot")).string();
    return fs::exists(path) ? Session::open(path) : create_demo(path, call);
}

namespace {
struct GridChoice {
    std::string path, title, authority, status;
};

std::vector<GridChoice> available_grids() {
    std::vector<GridChoice> out;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(io::data_root() + "/scoring-grids", ec)) {
        if (e.path().extension() != ".xml") continue;
        try {
            Grid g = io::read_grid_file(e.path().string());
            out.push_back({e.path().string(), g.title, g.authority, g.status});
        } catch (const std::exception&) {
            // An invalid grid is not offered; `cotation grid check` says why.
        }
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.title < b.title; });
    return out;
}

class NewCampaignDialog : public wxDialog {
public:
    explicit NewCampaignDialog(wxWindow* parent)
        : wxDialog(parent, wxID_ANY, to_wx("Nouvelle campagne"), wxDefaultPosition, wxSize(760, 460)), grids_(available_grids()) {
        auto* list = new wxListBox(this, wxID_ANY);
        for (const auto& g : grids_) list->Append(to_wx(g.title + (g.status == "proposition" ? "  (grille proposée)" : "")));
        auto* form = new wxFlexGridSizer(2, wxSize(8, 6));
        form->AddGrowableCol(1, 1);
        auto row = [&](const char* label, wxWindow* w) {
            form->Add(new wxStaticText(this, wxID_ANY, to_wx(label)), wxSizerFlags().CenterVertical());
            form->Add(w, wxSizerFlags().Expand());
        };
        reference_ = new wxTextCtrl(this, wxID_ANY);
        reference_->SetHint(to_wx("ex. : AAC n°1/2024"));
        authority_ = new wxTextCtrl(this, wxID_ANY);
        file_ = new wxFilePickerCtrl(this, wxID_ANY, "", to_wx("Fichier de la campagne"), to_wx("Campagnes (*.cot)|*.cot"),
                                     wxDefaultPosition, wxDefaultSize, wxFLP_SAVE | wxFLP_OVERWRITE_PROMPT | wxFLP_USE_TEXTCTRL);
        row("Référence de l'appel", reference_);
        row("Autorité", authority_);
        row("Fichier", file_);
        error_ = new wxStaticText(this, wxID_ANY, "");
        error_->SetForegroundColour(colour(Colour::Refused));
        auto* main = new wxBoxSizer(wxVERTICAL);
        main->Add(new wxStaticText(this, wxID_ANY, to_wx("Grille de cotation (dossier scoring-grids/) :")),
                  wxSizerFlags().Border(wxALL, 10));
        main->Add(list, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, 10));
        main->Add(form, wxSizerFlags().Expand().Border(wxALL, 10));
        main->Add(error_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, 10));
        main->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), wxSizerFlags().Expand().Border(wxALL, 10));
        SetSizer(main);
        list->Bind(wxEVT_LISTBOX, [this](wxCommandEvent& e) {
            chosen_ = e.GetSelection();
            authority_->ChangeValue(to_wx(grids_[static_cast<std::size_t>(chosen_)].authority));
        });
        Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnOk(); }, wxID_OK);
    }
    std::unique_ptr<Session> session;

private:
    void OnOk() {
        if (chosen_ < 0) { error_->SetLabel(to_wx("Choisissez une grille.")); return; }
        if (file_->GetPath().empty()) { error_->SetLabel(to_wx("Choisissez le fichier de la campagne.")); return; }
        NewCampaign nc;
        nc.reference = typed_from_wx(reference_->GetValue());
        nc.authority = typed_from_wx(authority_->GetValue());
        std::string path = from_wx(file_->GetPath());
        if (std::filesystem::path(path).extension() != ".cot") path += ".cot";
        try {
            session = Session::create(path, grids_[static_cast<std::size_t>(chosen_)].path, nc, wxGetUserId().ToStdString());
            EndModal(wxID_OK);
        } catch (const std::exception& e) {
            error_->SetLabel(to_wx(e.what()));
            Layout();
        }
    }
    std::vector<GridChoice> grids_;
    int chosen_ = -1;
    wxTextCtrl *reference_, *authority_;
    wxFilePickerCtrl* file_;
    wxStaticText* error_;
};

class StartDialog : public wxDialog {
public:
    explicit StartDialog(wxWindow* parent)
        : wxDialog(parent, wxID_ANY, to_wx("Cotation — bienvenue"), wxDefaultPosition, wxSize(640, 470)) {
        auto* title = new wxStaticText(this, wxID_ANY, to_wx("Cotation"));
        title->SetFont(title->GetFont().Bold().Scaled(1.8f));
        auto* sub = new wxStaticText(this, wxID_ANY, to_wx("Instruction des appels à candidatures médico-sociaux"));
        auto* main = new wxBoxSizer(wxVERTICAL);
        main->Add(title, wxSizerFlags().Expand().Border(wxLEFT | wxTOP | wxRIGHT, 16));
        main->Add(sub, wxSizerFlags().Expand().Border(wxLEFT | wxBOTTOM | wxRIGHT, 16));
        auto add = [&](const char* label, const char* help, std::function<std::unique_ptr<Session>()> action) {
            auto* b = new wxButton(this, wxID_ANY, to_wx(label), wxDefaultPosition, wxDefaultSize, wxBU_LEFT);
            main->Add(b, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, 16));
            auto* h = new wxStaticText(this, wxID_ANY, to_wx(help));
            h->SetForegroundColour(colour(Colour::Faint));
            main->Add(h, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, 16));
            b->Bind(wxEVT_BUTTON, [this, action](wxCommandEvent&) {
                try {
                    if ((session = action())) EndModal(wxID_OK);
                } catch (const std::exception& e) {
                    show_error(this, e);
                }
            });
        };
        add("Ouvrir une campagne…", "Un fichier .cot existant.", [this]() -> std::unique_ptr<Session> {
            wxFileDialog dlg(this, to_wx("Ouvrir une campagne"), "", "", to_wx("Campagnes (*.cot)|*.cot"),
                             wxFD_OPEN | wxFD_FILE_MUST_EXIST);
            return dlg.ShowModal() == wxID_OK ? Session::open(from_wx(dlg.GetPath())) : nullptr;
        });
        add("Nouvelle campagne…", "Sur une grille de scoring-grids/ : ACT HLM, CRT, UPHV ou une grille de l'autorité.",
            [this] { return ShowNewCampaignDialog(this); });
        add("Démonstration : ACT « hors les murs », ARS PACA", "73 places, 11 dossiers fictifs, deux évaluateurs.",
            [] { return OpenDemo("act-hlm"); });
        add("Démonstration : centres de ressources territoriaux, ARS Nouvelle-Aquitaine",
            "Grille proposée, 10 candidats EHPAD, SSIAD, SPASAD, SAAD.", [] { return OpenDemo("crt"); });
        add("Démonstration : unités pour personnes handicapées vieillissantes, Charente-Maritime",
            "3 unités de 8 lits, 8 EHPAD candidats.", [] { return OpenDemo("uphv"); });
        SetSizer(main);
    }
    std::unique_ptr<Session> session;
};
}  // namespace

std::unique_ptr<Session> ShowStartDialog(wxWindow* parent) {
    StartDialog dlg(parent);
    dlg.ShowModal();
    return std::move(dlg.session);
}

std::unique_ptr<Session> ShowNewCampaignDialog(wxWindow* parent) {
    NewCampaignDialog dlg(parent);
    return dlg.ShowModal() == wxID_OK ? std::move(dlg.session) : nullptr;
}

}  // namespace cotation::gui
