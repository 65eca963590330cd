#include "core/french.h"
#include "panels.h"
#include "wx_text.h"

namespace cotation::gui {

RankingPanel::RankingPanel(wxWindow* parent, Workbench& wb) : wxPanel(parent), wb_(wb) {
    summary_ = new wxStaticText(this, wxID_ANY, "");
    summary_->SetFont(summary_->GetFont().Bold());
    ranked_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    ineligible_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 160), wxLC_REPORT | wxLC_SINGLE_SEL);
    ineligible_->InsertColumn(0, to_wx("Dossier"), wxLIST_FORMAT_LEFT, 110);
    ineligible_->InsertColumn(1, to_wx("Organisme"), wxLIST_FORMAT_LEFT, 270);
    ineligible_->InsertColumn(2, to_wx("Motifs d'irrecevabilité"), wxLIST_FORMAT_LEFT, 820);
    auto* tie = new wxStaticText(this, wxID_ANY, to_wx(Ranking::tie_rule()));
    tie->SetForegroundColour(wxColour(90, 90, 90));
    tie->Wrap(1200);
    auto* main = new wxBoxSizer(wxVERTICAL);
    main->Add(summary_, wxSizerFlags().Border(wxALL, 10));
    main->Add(ranked_, wxSizerFlags(3).Expand().Border(wxLEFT | wxRIGHT, 10));
    auto* h = new wxStaticText(this, wxID_ANY, to_wx("Dossiers irrecevables, non classés"));
    h->SetFont(h->GetFont().Bold());
    main->Add(h, wxSizerFlags().Border(wxLEFT | wxTOP, 10));
    main->Add(ineligible_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT | wxTOP, 10));
    main->Add(tie, wxSizerFlags().Expand().Border(wxALL, 10));
    SetSizer(main);
}

void RankingPanel::Reload() {
    if (!wb_.session) return;
    Session& s = *wb_.session;
    const Grid& g = s.grid();
    const Ranking& r = s.ranking();
    Freeze();
    ranked_->ClearAll();
    int col = 0;
    ranked_->InsertColumn(col++, to_wx("Rang"), wxLIST_FORMAT_RIGHT, 60);
    ranked_->InsertColumn(col++, to_wx("Dossier"), wxLIST_FORMAT_LEFT, 110);
    ranked_->InsertColumn(col++, to_wx("Organisme"), wxLIST_FORMAT_LEFT, 260);
    ranked_->InsertColumn(col++, to_wx("Places"), wxLIST_FORMAT_RIGHT, 60);
    ranked_->InsertColumn(col++, to_wx("Total /" + fr::number(g.max_total())), wxLIST_FORMAT_RIGHT, 90);
    for (const auto& t : g.themes)
        ranked_->InsertColumn(col++, to_wx(t.id + " /" + fr::number(g.theme_max(t))), wxLIST_FORMAT_RIGHT, 75);
    ranked_->InsertColumn(col++, to_wx("Proposition"), wxLIST_FORMAT_LEFT, 110);
    ranked_->InsertColumn(col, to_wx("Observations"), wxLIST_FORMAT_LEFT, 380);
    for (const auto& e : r.ranked) {
        const Dossier& d = s.dossiers()[e.dossier];
        long i = ranked_->InsertItem(ranked_->GetItemCount(), to_wx(std::to_string(e.rank) + (e.ex_aequo ? " =" : "")));
        int c = 1;
        ranked_->SetItem(i, c++, to_wx(d.reference));
        ranked_->SetItem(i, c++, to_wx(d.organisme));
        Value places = d.get("places");
        ranked_->SetItem(i, c++, std::holds_alternative<Rational>(places) ? to_wx(fr::number(std::get<Rational>(places))) : wxString());
        ranked_->SetItem(i, c++, to_wx(fr::number(e.score.total)));
        for (const auto& t : e.score.themes) ranked_->SetItem(i, c++, to_wx(fr::number(t)));
        ranked_->SetItem(i, c++, to_wx(proposal_label(e.proposal)));
        std::string obs;
        if (e.ex_aequo) obs = "ex aequo";
        auto missing = e.eligibility.missing_facts();
        if (!missing.empty()) {
            obs += std::string(obs.empty() ? "" : " · ") + "non décidable, manque : ";
            for (std::size_t k = 0; k < missing.size(); ++k) obs += (k ? ", " : "") + missing[k];
        }
        for (const auto& a : e.eligibility.attention_points()) obs += (obs.empty() ? "" : " · ") + a;
        if (!e.score.fully_rated(g))
            obs += (obs.empty() ? "" : " · ") + std::string("cotation incomplète (") + std::to_string(e.score.rated) + "/" +
                   std::to_string(g.criterion_count()) + ")";
        if (!e.proposal_reason.empty()) obs += (obs.empty() ? "" : " · ") + e.proposal_reason;
        ranked_->SetItem(i, c, to_wx(obs));
        if (e.proposal == Proposal::Retained) ranked_->SetItemBackgroundColour(i, wxColour(228, 244, 230));
        if (!missing.empty()) ranked_->SetItemTextColour(i, wxColour(160, 90, 0));
    }
    ineligible_->DeleteAllItems();
    for (const auto& e : r.ineligible) {
        const Dossier& d = s.dossiers()[e.dossier];
        long i = ineligible_->InsertItem(ineligible_->GetItemCount(), to_wx(d.reference));
        ineligible_->SetItem(i, 1, to_wx(d.organisme));
        std::string reasons;
        for (const auto& m : e.eligibility.elimination_reasons()) reasons += (reasons.empty() ? "" : " · ") + m;
        ineligible_->SetItem(i, 2, to_wx(reasons));
        ineligible_->SetItemTextColour(i, wxColour(150, 40, 40));
    }
    std::string sum = std::to_string(r.ranked.size()) + " dossiers classés, " + std::to_string(r.ineligible.size()) +
                      " irrecevables";
    if (r.capacity > Rational(0))
        sum += " · places proposées : " + fr::number(r.granted) + " sur " + fr::number(r.capacity) +
               " (en vert, dans l'ordre du classement jusqu'à épuisement de la capacité)";
    summary_->SetLabel(to_wx(sum));
    Thaw();
    Layout();
}

}  // namespace cotation::gui
