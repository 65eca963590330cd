// The main window's file and document actions: opening and creating a
// campaign or a grid, importing a file, writing the letters into a folder.
// The window itself, its views and its updates are in main_frame.cpp.
#include <wx/dirdlg.h>
#include <wx/filedlg.h>
#include <wx/infobar.h>

#include <filesystem>

#include "app/demo.h"
#include "core/french.h"
#include "grid_editor.h"
#include "io/grid_reader.h"
#include "io/paths.h"
#include "main_frame.h"
#include "start_dialog.h"
#include "wx_text.h"

namespace cotation::gui {

void MainFrame::OpenCampaign() {
    wxFileDialog dlg(this, to_wx("Ouvrir une campagne"), "", "", to_wx("Campagnes Cotation (*.cot)|*.cot|Tous les fichiers|*"),
                     wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dlg.ShowModal() != wxID_OK) return;
    try {
        Load(Session::open(from_wx(dlg.GetPath())));
    } catch (const std::exception& e) {
        show_error(this, e);
    }
}

void MainFrame::NewCampaign() {
    Replace([this] { return ShowNewCampaignDialog(this); });
}

void MainFrame::OpenDemoCampaign(const std::string& call) {
    Replace([&call] { return OpenDemo(call); });
}

void MainFrame::EditGrid() { ShowGridEditor(this, wb_, wb_.session->grid(), true); }

void MainFrame::Replace(const std::function<std::unique_ptr<Session>()>& make) {
    try {
        if (auto s = make()) Load(std::move(s));
    } catch (const std::exception& e) {
        show_error(this, e);
    }
}

void MainFrame::OpenGridFile() {
    wxFileDialog dlg(this, to_wx("Ouvrir une grille"), to_wx(io::data_root() + "/scoring-grids"), "",
                     to_wx("Grilles (*.xml)|*.xml"), wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dlg.ShowModal() != wxID_OK) return;
    try {
        ShowGridEditor(this, wb_, io::read_grid_file(from_wx(dlg.GetPath())), false);
    } catch (const std::exception& e) {
        show_error(this, e);
    }
}

void MainFrame::NewGrid() {
    // From scratch: one theme, one criterion, the current grid's level descriptors.
    Grid g;
    g.id = "nouvelle-grille";
    g.version = "1";
    g.title = "Nouvelle grille";
    g.status = "proposition";
    // The scale too: a campaign graded 0–10 gets a new grid graded 0–10.
    if (wb_.session) {
        g.scale_min = wb_.session->grid().scale_min;
        g.scale_max = wb_.session->grid().scale_max;
    }
    g.default_levels = wb_.session ? wb_.session->grid().default_levels
                                   : std::vector<std::string>(static_cast<std::size_t>(g.scale_max - g.scale_min + 1), "");
    Theme t;
    t.id = "I";
    t.label = "Premier thème";
    Criterion c;
    c.id = "I.1";
    c.label = "Premier critère";
    c.coefficient = Rational(1);
    c.levels = g.default_levels;
    t.criteria.push_back(c);
    g.themes.push_back(t);
    ShowGridEditor(this, wb_, g, false);
}

void MainFrame::ShowGridHistory() {
    std::string text = "Grille en vigueur : " + wb_.session->grid().id + " version " + wb_.session->grid().version + "\n";
    auto versions = wb_.session->store().grid_versions();
    if (versions.empty()) text += "\nAucune version antérieure : la campagne a toujours utilisé cette grille.";
    for (const auto& v : versions) text += "\n• " + v;
    wxMessageBox(to_wx(text), to_wx("Historique des grilles"), wxOK | wxICON_INFORMATION, this);
}

void MainFrame::ImportDossiers() {
    wxFileDialog dlg(this, to_wx("Importer des dossiers"), "", "", to_wx("Fichiers CSV (*.csv)|*.csv"),
                     wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dlg.ShowModal() == wxID_OK) ImportFile(from_wx(dlg.GetPath()), false);
}

void MainFrame::ImportRatings() {
    wxFileDialog dlg(this, to_wx("Importer des notes"), "", "", to_wx("Fichiers CSV (*.csv)|*.csv"),
                     wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dlg.ShowModal() == wxID_OK) ImportFile(from_wx(dlg.GetPath()), true);
}

void MainFrame::ImportFile(const std::string& path, bool ratings) {
    try {
        std::size_t n = ratings ? wb_.session->import_ratings_file(path, wb_.reviewer)
                                : wb_.session->import_dossiers_file(path, wb_.reviewer);
        wb_.changed(ratings ? Changes(Change::Rating) : Changes(Change::Dossier));
        std::string done = (ratings ? fr::plural(n, "note") + " " + fr::agree(n, "importée")
                                    : fr::plural(n, "dossier") + " " + fr::agree(n, "importé")) + " depuis " +
                           std::filesystem::path(path).filename().string() + ".";
        SetStatusText(to_wx(done), 0);
        const std::string& notice = wb_.session->import_notice();
        notice_text_ = notice.empty() ? std::string() : done + " " + notice;
        if (!notice.empty()) notice_->ShowMessage(to_wx(notice_text_), wxICON_WARNING);
        else notice_->Dismiss();
    } catch (const std::exception& e) {
        show_error(this, e);
    }
}

void MainFrame::WriteLetters() {
    letters_dialog(this, wb_);
    wb_.changed(Change::Documents);
}

void write_to_folder(wxWindow* parent, const std::string& title, const std::string& what,
                     const std::function<report::DocumentBatch(const std::string&)>& write) {
    wxDirDialog dlg(parent, to_wx(title));
    if (dlg.ShowModal() != wxID_OK) return;
    try {
        wxBusyCursor busy;
        std::string dir = from_wx(dlg.GetPath());
        auto batch = write(dir);
        std::string text = std::to_string(batch.size()) + " " + what + " écrits dans " + dir + ".";
        if (!batch.ok()) text += "\n\n" + fr::plural(batch.failures.size(), "non écrit") + " :";
        for (std::size_t i = 0; i < batch.failures.size(); ++i) text += "\n• " + batch.failure(i);
        if (!batch.warnings.empty()) text += "\n\nÀ vérifier :";
        for (const auto& w : batch.warnings) text += "\n• " + w;
        wxMessageBox(to_wx(text), to_wx("Cotation"), wxOK | (batch.ok() ? wxICON_INFORMATION : wxICON_WARNING), parent);
    } catch (const std::exception& e) {
        show_error(parent, e);
    }
}

void letters_dialog(wxWindow* parent, Workbench& wb) {
    // Flagged before the letters are produced: templates this grid cannot
    // fill, dossiers without a postal address.
    std::vector<std::string> checks;
    try {
        checks = wb.session->check_documents();
    } catch (const std::exception& e) {
        show_error(parent, e);
        return;
    }
    if (!checks.empty()) {
        std::string text = "Avant d'écrire les lettres :";
        for (const auto& c : checks) text += "\n• " + c;
        text += "\n\nÉcrire quand même les lettres qui peuvent l'être ?";
        if (wxMessageBox(to_wx(text), to_wx("Lettres"), wxYES_NO | wxICON_WARNING, parent) != wxYES) return;
    }
    write_to_folder(parent, "Dossier où écrire les lettres", "courriers (PDF)",
                    [&](const std::string& dir) { return wb.session->write_letters(dir); });
}

}  // namespace cotation::gui
