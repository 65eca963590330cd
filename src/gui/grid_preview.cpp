// The preview of moving the campaign to another version of its grid: each
// dossier's total and rank before and after, then the change applied with a
// reason written to the journal.
#include "colours.h"
#include "core/french.h"
#include "grid_editor.h"
#include "layout.h"
#include "wx_text.h"

namespace cotation::gui {
namespace {

class PreviewDialog : public wxDialog {
public:
    PreviewDialog(wxWindow* parent, Workbench& wb, const Session::GridCandidate& c)
        : wxDialog(parent, wxID_ANY, to_wx("Changement de grille : aperçu avant application"), wxDefaultPosition,
                   wxSize(1000, 640), wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
          wb_(wb), candidate_(c) {
        Session& s = *wb.session;
        GridChange change = s.preview_grid_change(c);
        std::string head = s.grid().id + " version " + s.grid().version + " → " + c.grid.id + " version " + c.grid.version +
                           " ; maximum " + fr::number(change.max_before) + " → " + fr::number(change.max_after) + " points";
        std::string details;
        for (const auto& x : change.changed_coefficients) details += "Coefficient " + x + "\n";
        for (const auto& x : change.removed_criteria) details += "Critère retiré : " + x + "\n";
        for (const auto& x : change.added_criteria) details += "Critère ajouté : " + x + "\n";
        if (details.empty()) details = "Aucun coefficient ni critère modifié.\n";
        auto* title = new wxStaticText(this, wxID_ANY, to_wx(head));
        title->SetFont(title->GetFont().Bold());
        auto* list = make_list(this, {{"Dossier", 110}, {"Organisme", 260}, {"Total avant", 95, true}, {"Total après", 95, true},
                                      {"Rang avant", 85, true}, {"Rang après", 85, true}, {"Recevabilité après", 150}});
        for (const auto& d : change.dossiers) {
            const Dossier& x = s.dossiers()[d.dossier];
            auto rank = [](int r) { return r ? std::to_string(r) : std::string(); };
            add_row(list,
                    {x.reference, x.organisme, fr::number(d.before), fr::number(d.after), rank(d.rank_before), rank(d.rank_after),
                     d.verdict_after},
                    d.rank_after != d.rank_before ? colour(Colour::Moved) : wxNullColour);
        }
        reason_ = new wxTextCtrl(this, wxID_ANY);
        reason_->SetHint(to_wx("Motif du changement (inscrit au journal)"));
        auto* main = new wxBoxSizer(wxVERTICAL);
        main->Add(title, wxSizerFlags().Expand().Border(wxALL, 10));
        main->Add(new wxStaticText(this, wxID_ANY, to_wx(details)), wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, 10));
        main->Add(list, wxSizerFlags(1).Expand().Border(wxALL, 10));
        main->Add(new wxStaticText(this, wxID_ANY,
                                   to_wx("En bleu : les dossiers dont le rang changerait. Les notes restent attachées "
                                         "aux critères ; l'ancienne grille est conservée dans l'historique.")),
                  wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, 10));
        main->Add(reason_, wxSizerFlags().Expand().Border(wxALL, 10));
        auto* buttons = new wxStdDialogButtonSizer;
        auto* ok = new wxButton(this, wxID_OK, to_wx("Appliquer la nouvelle version"));
        buttons->AddButton(ok);
        buttons->AddButton(new wxButton(this, wxID_CANCEL, to_wx("Annuler")));
        buttons->Realize();
        main->Add(buttons, wxSizerFlags().Expand().Border(wxALL, 10));
        SetSizer(main);
        ok->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
            try {
                wb_.session->apply_grid_change(candidate_, from_wx(reason_->GetValue()), wb_.reviewer);
                EndModal(wxID_OK);
            } catch (const std::exception& e) {
                show_error(this, e);
            }
        });
    }

private:
    Workbench& wb_;
    Session::GridCandidate candidate_;
    wxTextCtrl* reason_;
};

}  // namespace

bool ShowGridChangePreview(wxWindow* parent, Workbench& wb, const Session::GridCandidate& candidate) {
    PreviewDialog dlg(parent, wb, candidate);
    return dlg.ShowModal() == wxID_OK;
}

}  // namespace cotation::gui
