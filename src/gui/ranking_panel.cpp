#include "colours.h"
#include "app/accounts.h"
#include "core/french.h"

#include <algorithm>

#include <wx/dcbuffer.h>

#include <map>
#include "layout.h"
#include "panels.h"
#include "wx_text.h"

namespace cotation::gui {

namespace {
// What the reader of each ranked list may see (core/ranking_reading.h), computed at Reload().
std::map<const RankedListView*, RankingReading>& readings() {
    static std::map<const RankedListView*, RankingReading> m;
    return m;
}
// The ranking position a row shows; nullopt for a dossier the reader may not read (listed last).
std::optional<std::size_t> position_of(const RankedListView* view, long item) {
    const RankingReading& r = readings()[view];
    auto i = static_cast<std::size_t>(item);
    if (i < r.shown.size()) return r.shown[i];
    return std::nullopt;
}
}  // namespace

RankingPanel::RankingPanel(wxWindow* parent, Workbench& wb) : wxPanel(parent), wb_(wb) {
    summary_ = heading(this, "");
    ranked_ = new RankedListView(this, wb_);
    ineligible_ = new CallbackListView(this, wxSize(-1, 160), [this](long item, long column) -> std::string {
        Session& s = *wb_.session;
        const Ranking& r = s.ranking();
        std::size_t i = static_cast<std::size_t>(item);
        bool pending = i < r.pending.size();
        const RankEntry& e = pending ? r.pending[i] : r.ineligible[i - r.pending.size()];
        const Dossier& d = s.dossiers()[e.dossier];
        if (column == 0) return d.reference;
        if (column == 1) return d.organisme;
        if (pending && e.proposal == Proposal::Unrated) return "Non noté, hors classement : " + e.proposal_reason;
        if (pending && !s.reading(d.id).others) return "En attente : total masqué — " + s.reading(d.id).why;
        if (pending) return "En attente : " + e.proposal_reason + " (" + fr::number(e.score.total) + " points provisoires)";
        std::string reasons = fr::join(e.apart_reasons(), " · ");
        return reasons;
    });
    ineligible_->attr.SetTextColour(colour(Colour::Refused));
    add_columns(ineligible_, {{"Dossier", 110}, {"Organisme", 270}, {"Motif", 820}});
    auto* tie = new wxStaticText(this, wxID_ANY, to_wx(std::string(Ranking::tie_rule()) +
                                                       " ⚠ : rang fragile, une note consolidée changée d'un point au plus "
                                                       "peut inverser le dossier et son voisin."));
    tie->SetForegroundColour(colour(Colour::Muted));
    tie->Wrap(1200);
    auto* main = new wxBoxSizer(wxVERTICAL);
    main->Add(summary_, wxSizerFlags().Expand().Border(wxALL, 10));
    main->Add(ranked_, wxSizerFlags(3).Expand().Border(wxLEFT | wxRIGHT, 10));
    auto* h = heading(this, "Hors classement : en attente d'arbitrage ou non notés, puis irrecevables");
    profile_ = new ProfileView(this, wb_);
    auto* lower = new wxBoxSizer(wxHORIZONTAL);
    auto* left = new wxBoxSizer(wxVERTICAL);
    left->Add(h, wxSizerFlags().Expand().Border(wxBOTTOM, 6));
    left->Add(ineligible_, wxSizerFlags(1).Expand());
    lower->Add(left, wxSizerFlags(1).Expand().Border(wxRIGHT, 10));
    lower->Add(profile_, wxSizerFlags().Expand());
    main->Add(lower, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT | wxTOP, 10));
    ranked_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) {
        profile_->Show(position_of(ranked_, e.GetIndex()));
        e.Skip();
    });
    main->Add(tie, wxSizerFlags().Expand().Border(wxALL, 10));
    SetSizer(main);
}

wxString CallbackListView::OnGetItemText(long item, long column) const { return to_wx(text_(item, column)); }

RankedListView::RankedListView(wxWindow* parent, Workbench& wb)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL), wb_(wb) {
    retained_.SetBackgroundColour(colour(Colour::RetainedRow));
    pending_.SetTextColour(colour(Colour::Attention));
    retained_pending_.SetBackgroundColour(colour(Colour::RetainedRow));
    retained_pending_.SetTextColour(colour(Colour::Attention));
}

void RankedListView::Reload() {
    const Grid& g = wb_.session->grid();
    if (GetColumnCount() == 0 || themes_ != g.themes.size()) {
        ClearAll();
        themes_ = g.themes.size();
        int col = 0;
        InsertColumn(col++, to_wx("Rang"), wxLIST_FORMAT_RIGHT, 60);
        InsertColumn(col++, to_wx("Dossier"), wxLIST_FORMAT_LEFT, 110);
        InsertColumn(col++, to_wx("Organisme"), wxLIST_FORMAT_LEFT, 240);
        InsertColumn(col++, to_wx("Places"), wxLIST_FORMAT_RIGHT, 60);
        InsertColumn(col++, to_wx("Total /" + fr::number(g.max_total())), wxLIST_FORMAT_RIGHT, 90);
        for (const auto& t : g.themes)
            InsertColumn(col++, to_wx(t.id + " /" + fr::number(g.theme_max(t))), wxLIST_FORMAT_RIGHT, 72);
        InsertColumn(col++, to_wx("Proposition ou décision"), wxLIST_FORMAT_LEFT, 170);
        InsertColumn(col++, to_wx("Marge avec le suivant"), wxLIST_FORMAT_LEFT, 200);
        InsertColumn(col, to_wx("Observations"), wxLIST_FORMAT_LEFT, 420);
    }
    readings()[this] = ranking_reading(*wb_.session);
    SetItemCount(static_cast<long>(wb_.session->ranking().ranked.size()));
    Refresh();
}

wxString RankedListView::OnGetItemText(long item, long column) const {
    Session& s = *wb_.session;
    const Grid& g = s.grid();
    const RankingReading& reading = readings()[this];
    auto at = position_of(this, item);
    std::size_t pos = at ? *at : reading.hidden.at(static_cast<std::size_t>(item) - reading.shown.size());
    const RankEntry& e = s.committee_proposal().ranked[pos];   // the marks the committee votes on
    const Dossier& d = s.dossiers()[e.dossier];
    long themes = static_cast<long>(g.themes.size());
    if (!at) {   // neither total nor place of what the reader may not read
        if (column == 0) return to_wx("—");
        if (column == 1) return to_wx(d.reference);
        if (column == 2) return to_wx(d.organisme);
        if (column == 4) return to_wx("masqué");
        if (column == 7 + themes) return to_wx(s.reading(d.id).why);
        return wxString();
    }
    if (column == 0) return reading.places ? to_wx(std::to_string(e.rank) + (e.ex_aequo ? " =" : "")) : to_wx("·");
    if (column == 1) return to_wx(d.reference);
    if (column == 2) return to_wx(d.organisme);
    if (column == 3) {
        Value places = d.get("places");
        return std::holds_alternative<Rational>(places) ? to_wx(fr::number(std::get<Rational>(places))) : wxString();
    }
    if (column == 4) return to_wx(fr::number(e.score.total));
    if (column < 5 + themes) return to_wx(fr::number(e.score.themes[static_cast<std::size_t>(column - 5)]));
    if (column == 5 + themes) {
        auto it = s.decisions().find(d.id);
        if (it == s.decisions().end()) return to_wx(proposal_label(e.proposal));
        const Decision& x = it->second;
        return to_wx(std::string("décidé : ") + decision_label(x.kind) +
                     (x.places ? " (" + fr::number(*x.places) + ")" : std::string()));
    }
    if (column == 6 + themes) {
        if (!reading.places) return wxString();   // margins would place the hidden dossiers
        const RankingSolidity& sol = s.solidity();
        std::string text = sol.fragile[pos] ? "⚠ " : "";
        if (pos < sol.margins.size()) {
            const SwapMargin& m = sol.margins[pos];
            text += fr::number(m.gap) + " pts";
            if (m.rating_change) text += " ; note " + m.rating_criterion + " ±" + fr::number(*m.rating_change);
        }
        return to_wx(text);
    }
    std::string obs;
    for (const auto& o : observations(g, e)) obs += (obs.empty() ? "" : " · ") + o;
    return to_wx(obs);
}

wxListItemAttr* RankedListView::OnGetItemAttr(long item) const {
    auto at = position_of(this, item);
    if (!at) return nullptr;
    const RankEntry& e = wb_.session->committee_proposal().ranked[*at];
    bool retained = e.proposal == Proposal::Retained;
    bool pending = e.eligibility.undecidable();
    if (retained && pending) return &retained_pending_;
    if (retained) return &retained_;
    if (pending) return &pending_;
    return nullptr;
}

ProfileView::ProfileView(wxWindow* parent, Workbench& wb)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxSize(470, 190)), wb_(wb) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    Bind(wxEVT_PAINT, &ProfileView::OnPaint, this);
}

void ProfileView::Show(std::optional<std::size_t> position) {
    position_ = position;
    Refresh();
}

void ProfileView::OnPaint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(GetBackgroundColour()));
    dc.Clear();
    if (!wb_.session) return;
    Session& s = *wb_.session;
    const Ranking& r = s.ranking();
    const Grid& g = s.grid();
    if (!position_ || *position_ >= r.ranked.size()) {
        dc.DrawText(to_wx("Choisissez un dossier classé : son profil par thème s'affiche ici."), 4, 4);
        return;
    }
    const RankEntry& e = r.ranked[*position_];
    auto means = theme_means(g, r);
    wxFont bold = GetFont().Bold();
    dc.SetFont(bold);
    dc.DrawText(to_wx("Profil de " + s.dossiers()[e.dossier].reference + " (bleu) et moyenne des classés (gris)"), 4, 2);
    dc.SetFont(GetFont());
    const int label_w = 46, bar_x = label_w + 4, bar_w = GetClientSize().x - bar_x - 70, row_h = 26;
    int y = 26;
    for (std::size_t t = 0; t < g.themes.size(); ++t, y += row_h) {
        Rational max = g.theme_max(g.themes[t]);
        double mine = (e.score.themes[t] / max).to_double(), mean = (means[t] / max).to_double();
        dc.DrawText(to_wx(g.themes[t].id), 4, y + 3);
        dc.SetPen(*wxTRANSPARENT_PEN);
        dc.SetBrush(wxBrush(colour(Colour::BarTrack)));
        dc.DrawRectangle(bar_x, y + 2, bar_w, row_h - 8);
        dc.SetBrush(wxBrush(colour(Colour::BarDossier)));
        dc.DrawRectangle(bar_x, y + 2, static_cast<int>(bar_w * mine), (row_h - 8) / 2);
        dc.SetBrush(wxBrush(colour(Colour::BarMean)));
        dc.DrawRectangle(bar_x, y + 2 + (row_h - 8) / 2, static_cast<int>(bar_w * mean), (row_h - 8) / 2);
        dc.DrawText(to_wx(fr::number(Rational(static_cast<std::int64_t>(mine * 1000 + 0.5), 10), 0) + " %"), bar_x + bar_w + 6,
                    y + 3);
    }
}

void RankingPanel::Reload() {
    if (!wb_.session) return;
    Session& s = *wb_.session;
    const Ranking& r = s.ranking();
    Freeze();
    ranked_->Reload();
    ineligible_->SetItemCount(static_cast<long>(r.pending.size() + r.ineligible.size()));
    profile_->Show(position_of(ranked_, 0));
    ineligible_->Refresh();
    std::string sum = ranking_summary(r);
    // Made of every dossier's ratings: shown to a reader of them all, as `accord` (trial 13b F10).
    const bool reads_all =
        std::all_of(s.dossiers().begin(), s.dossiers().end(), [&](const Dossier& d) { return s.reading(d.id).others; });
    const Agreement& ag = s.agreement();
    if (ag.alpha && reads_all) sum += " · accord entre évaluateurs (alpha de Krippendorff) : " + fr::number(*ag.alpha, 2);
    // The proposal the committee votes on (the allocation's, partial grants counted), as the green marks show.
    if (const Ranking& p = s.committee_proposal(); p.capacity > Rational(0))
        sum += " · proposé : " + p.model.capacity_text(p.granted) + " sur " + p.model.capacity_text(p.capacity) +
               " (en vert)";
    std::string rules_tip;
    if (!s.territory_rules_error().empty())
        sum += " · SANS LA RÈGLE TERRITORIALE (règles de l'appel illisibles : voir le bandeau)";
    else if (const auto lines = s.allocation_rule_lines(); !lines.empty()) {
        // Each rule's status (trial 1011B F2): how many are the call's, how many proposals; the lines in the tooltip.
        const auto proposals = static_cast<std::size_t>(std::count_if(lines.begin(), lines.end(), [](const std::string& l) {
            return l.find(", non une règle de l'appel") != std::string::npos;
        }));
        // On a line of its own: beside the counts it no longer fits a window 1 280 px wide (GUI test).
        sum += "\nRègles de répartition : " + fr::plural(lines.size() - proposals, "règle") + " de l'appel, " +
               fr::plural(proposals, "proposition") + " (le détail au survol et dans l'onglet Territoire)";
        for (const auto& l : lines)
            rules_tip += (rules_tip.empty() ? "" : "\n") + l;
    }
    summary_->SetLabel(to_wx(sum));
    summary_->SetToolTip(to_wx(rules_tip));
    Thaw();
    Layout();
}

}  // namespace cotation::gui
