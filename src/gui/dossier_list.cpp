#include "dossier_list.h"

#include <map>

#include "app/accounts.h"

#include "colours.h"
#include "core/french.h"
#include "core/rejection_rules.h"
#include "io/reference_data.h"
#include "layout.h"
#include "wx_text.h"

namespace cotation::gui {

namespace {
// Ranks show only when no ranked dossier is hidden from the list's reader (core/ranking_reading.h), computed at Reload().
std::map<const DossierListView*, bool>& places() {
    static std::map<const DossierListView*, bool> m;
    return m;
}
}  // namespace

DossierListView::DossierListView(wxWindow* parent, Workbench& wb)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL), wb_(wb) {
    // Widths that keep « Rejet avant évaluation » and « écarté avant l'évaluation » whole at 1280 pixels.
    add_columns(this, {{"Référence", 105}, {"Organisme", 245}, {"Commune", 180}, {"Places", 55, true},
                       {"Budget annuel", 105, true}, {"Dépôt", 88}, {"Recevabilité", 165},
                       {"Note", 65, true}, {"Rang", 50, true}, {"Proposition", 190}});
    ineligible_.SetTextColour(colour(Colour::Refused));
    pending_.SetTextColour(colour(Colour::Attention));
}

void DossierListView::Reload() {
    SetItemCount(wb_.session ? static_cast<long>(wb_.session->dossiers().size()) : 0);
    places()[this] = !wb_.session || ranking_reading(*wb_.session).places;
    Refresh();
}

wxString DossierListView::OnGetItemText(long item, long column) const {
    Session& s = *wb_.session;
    const Dossier& d = s.dossiers()[static_cast<std::size_t>(item)];
    const RankEntry* e = s.proposed_entry_of(static_cast<std::size_t>(item));
    auto fact = [&](const char* id) {
        const FactDef* def = s.grid().fact(id);
        return def ? display(*def, d.get(id)) : std::string();
    };
    switch (column) {
        case 0: return to_wx(d.reference);
        case 1: return to_wx(d.organisme);
        case 2: {
            const io::CommuneInfo* c = io::ReferenceData::instance().commune(d.commune);
            return to_wx(c ? c->name + " (" + c->departement + ")" : d.commune);
        }
        case 3: {
            Value v = d.get("places");
            const Rational* r = std::get_if<Rational>(&v);
            return r ? to_wx(fr::number(*r)) : wxString();
        }
        case 4: return to_wx(fact("budget_annuel"));
        case 5: return to_wx(fact("date_depot"));
        case 6: {
            if (!e) return wxString();
            // A request for missing pieces awaiting its answer (core/pieces.h).
            if (e->prior_rejection.empty() && s.pieces_requested(d.id))
                if (std::string wait = pieces_verdict(s.pieces(d.id)); !wait.empty()) return to_wx(wait);
            if (e->prior_rejection.empty()) return to_wx(verdict_label(e->eligibility));
            // As the campaign's procedure calls it (« rejet avant évaluation » in an appel à candidatures).
            return to_wx(fr::capitalized(rejection_name(s.procedure())));
        }
        // Neither total nor place of what the reader may not read (core/read_rules.h).
        case 7: return !e ? wxString() : s.reading(d.id).others ? to_wx(fr::number(e->score.total)) : to_wx("masqué");
        case 8:
            return !e || !e->rank            ? wxString()
                   : !s.reading(d.id).others ? to_wx("—")
                   : !places()[this]         ? to_wx("·")
                                             : to_wx(std::to_string(e->rank) + (e->ex_aequo ? " =" : ""));
        case 9: return !e ? wxString() : !e->prior_rejection.empty() ? to_wx("écarté avant l'évaluation")
                                             : s.reading(d.id).others ? to_wx(proposal_label(e->proposal)) : to_wx("masqué");
    }
    return {};
}

wxListItemAttr* DossierListView::OnGetItemAttr(long item) const {
    const RankEntry* e = wb_.session->entry_of(static_cast<std::size_t>(item));
    if (!e) return nullptr;
    if (e->apart()) return &ineligible_;
    if (e->eligibility.undecidable()) return &pending_;
    return nullptr;
}

}  // namespace cotation::gui
