#include "views.h"

#include "committee_panel.h"
#include "consolidation_panel.h"
#include "decision_panel.h"
#include "journal_panel.h"
#include "panels.h"
#include "procedure_panel.h"
#include "team_panel.h"
#include "territory_panel.h"

namespace cotation::gui {
namespace {
template <class T>
Page page(wxWindow* parent, Workbench& wb) {
    auto* v = new T(parent, wb);
    return {v, [v](Changes) { v->Reload(); }};
}

// Another dossier chosen: the members' opinions on it, not the whole meeting.
Page committee(wxWindow* parent, Workbench& wb) {
    auto* v = new CommitteePanel(parent, wb);
    return {v, [v](Changes c) {
                if (c.only(Change::Selection | Change::Actor)) v->ShowOpinions();
                else v->Reload();
            }};
}

// Another dossier chosen: its form; anything else, the whole table.
Page decisions(wxWindow* parent, Workbench& wb) {
    auto* v = new DecisionPanel(parent, wb);
    return {v, [v, &wb](Changes c) {
                if (!c.only(Change::Selection)) v->Reload();
                if (c.meets(Change::Selection) && wb.selected) v->Select(*wb.selected);
            }};
}

constexpr Change D = Change::Dossier, R = Change::Rating, T = Change::Team, P = Change::Procedure, X = Change::Decision,
                 Z = Change::Territory, G = Change::Grid, C = Change::Campaign, S = Change::Selection, A = Change::Actor;

// What each view shows decides what refreshes it: a rating moves scores and
// ranks (list, ranking, consolidation, decisions' order, territory's
// allocation), not the team's roles nor the calendar.
const std::vector<ViewDef> view_table = {
    {View::List, "dossiers", "Dossiers", D | R | P | G | C, true, &page<DossierListView>},
    {View::Dossier, "dossier", "Dossier", D | R | P | G | C | S, false, &page<DossierPanel>},
    {View::Rating, "cotation", "Cotation", D | R | T | P | G | C | S | A, false, &page<RatingPanel>},
    {View::Ranking, "classement", "Classement", D | R | P | X | G | C, false, &page<RankingPanel>},
    {View::Consolidation, "consolidation", "Consolidation", D | R | G | C, false, &page<ConsolidationPanel>},
    // Everything is journaled; read only when shown (hundreds of thousands of entries).
    {View::Journal, "journal", "Journal", Changes::all(), false, &page<JournalPanel>},
    {View::Team, "equipe", "Équipe", D | T | R | C, false, &page<TeamPanel>},
    {View::Procedure, "procedure", "Procédure", D | P | X | C, false, &page<ProcedurePanel>},
    {View::Committee, "commission", "Commission", D | R | T | P | G | C | S | A, false, &committee},
    {View::Decisions, "decisions", "Décisions", D | R | P | X | G | C | S, false, &decisions},
    {View::Territory, "territoire", "Territoire", D | R | P | X | Z | G | C, false, &page<TerritoryPanel>},
};
}  // namespace

const std::vector<ViewDef>& views() { return view_table; }

const ViewDef* view_named(const std::string& name) {
    for (const auto& v : view_table)
        if (name == v.name) return &v;
    return nullptr;
}

}  // namespace cotation::gui
