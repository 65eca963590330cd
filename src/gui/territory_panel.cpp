#include "territory_panel.h"
#include "actions.h"

#include <wx/aboutdlg.h>
#include <wx/bookctrl.h>
#include <wx/dcbuffer.h>
#include <wx/stopwatch.h>

#include <algorithm>
#include <cmath>

#include "colours.h"
#include "core/enums.h"
#include "core/french.h"
#include "io/geo.h"
#include "layout.h"
#include "wx_text.h"

namespace cotation::gui {

namespace {

std::string fr_num(double v, int decimals) {
    const std::int64_t scale = decimals == 0 ? 1 : decimals == 1 ? 10 : 100;
    return fr::number(Rational(static_cast<std::int64_t>(std::llround(v * static_cast<double>(scale))), scale), decimals);
}
std::string pct(double share) { return fr_num(share * 100, 1) + fr::kNbsp + "%"; }

// A click this close to a candidate's symbol (pixels) picks it.
constexpr int kHitRadius = 12;

}  // namespace

// ---- the map ----

TerritoryMapView::TerritoryMapView(wxWindow* parent, std::function<void(const std::string&)> clicked)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxSize(700, 500)), clicked_(std::move(clicked)) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    Bind(wxEVT_PAINT, &TerritoryMapView::OnPaint, this);
    Bind(wxEVT_LEFT_DOWN, &TerritoryMapView::OnClick, this);
    Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        e.Skip();
        Render();
        Refresh(false);
    });
}

void TerritoryMapView::Show(report::MapData map) {
    map_ = std::move(map);
    has_map_ = true;
    Render();
    Refresh(false);
    Update();   // painted now: the redraw time measured after a click includes it
}

void TerritoryMapView::Render() {
    const wxSize size = GetClientSize();
    if (!has_map_ || size.x < 50 || size.y < 50) {
        bitmap_ = wxBitmap();
        sites_at_.clear();
        labels_.clear();
        return;
    }
    // Labels of 11 px and a legend of 12 px at any window size (the map's
    // own scale would make them 5 px in a 700 px wide view); the labels are
    // those of the committee file's page, none dropped for lack of room.
    map_.text_scale = std::max(1.0, size.x / 1400.0);
    auto rgb = report::render_map_rgb(map_, size.x, size.y, &sites_at_, &labels_);
    // wxImage takes ownership of a malloc'ed buffer.
    auto* data = static_cast<unsigned char*>(std::malloc(rgb.size()));
    std::copy(rgb.begin(), rgb.end(), data);
    wxImage image(size.x, size.y, data, false);
    bitmap_ = wxBitmap(image);
}

void TerritoryMapView::OnPaint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(*wxWHITE_BRUSH);
    dc.Clear();
    if (bitmap_.IsOk()) dc.DrawBitmap(bitmap_, 0, 0);
}

std::vector<std::pair<std::string, wxPoint>> TerritoryMapView::candidate_points() const {
    std::vector<std::pair<std::string, wxPoint>> out;
    for (std::size_t i = 0; i < map_.sites.size() && i < sites_at_.size(); ++i)
        if (map_.sites[i].kind != report::MapSite::Kind::Existing)
            out.push_back({map_.sites[i].label, wxPoint(static_cast<int>(std::lround(sites_at_[i].x)),
                                                        static_cast<int>(std::lround(sites_at_[i].y)))});
    return out;
}

void TerritoryMapView::OnClick(wxMouseEvent& e) {
    // The nearest candidate symbol within reach; existing structures are not choices.
    std::string best;
    double best_d = kHitRadius * kHitRadius + 1;
    for (const auto& [ref, p] : candidate_points()) {
        const double dx = p.x - e.GetX(), dy = p.y - e.GetY(), d = dx * dx + dy * dy;
        if (d < best_d) best_d = d, best = ref;
    }
    if (!best.empty() && clicked_) clicked_(best);
}

// ---- the view ----

TerritoryPanel::TerritoryPanel(wxWindow* parent, Workbench& wb) : wxPanel(parent), wb_(wb) {
    title_ = heading(this, "Territoire");
    map_ = new TerritoryMapView(this, [this](const std::string& ref) { Toggle(ref); });
    // The side column scrolls when the window is too short for it: at the
    // default size (1280 × 1024 under Xvfb) a new user's trial saw the
    // allocation table squeezed to its header row and the recorded motif cut.
    side_ = new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL);
    side_->SetScrollRate(0, 12);
    wxWindow* col = side_;
    figures_ = make_list(col, {{"Indicateur", 240}, {"Ensemble choisi", 130, true}, {"Ordre du classement", 155, true}}, 190);
    candidates_ = new wxCheckListBox(col, wxID_ANY, wxDefaultPosition, wxSize(-1, 130));
    allocation_ = make_list(
        col, {{"Rang", 40}, {"Dossier", 100}, {"Commune", 105}, {"Ordre du classement", 160}, {"Ensemble choisi", 125}}, 160);
    // Never fewer than six rows visible (header included): the rule that
    // passed a dossier over must be readable at any window size.
    figures_->SetMinSize(wxSize(-1, 190));
    candidates_->SetMinSize(wxSize(-1, 110));
    allocation_->SetMinSize(wxSize(-1, 170));
    reason_ = new WrappedText(col);
    recorded_ = new WrappedText(col);
    waiting_ = new WrappedText(col);
    record_ = action_button(col, Action::RecordAllocation);
    status_ = new wxStaticText(this, wxID_ANY,
                               to_wx("Cocher une candidature, ou cliquer sur son symbole (cercle ou étoile) sur la carte, "
                                     "l'ajoute à l'ensemble choisi ou l'en retire."));

    auto* side = new wxBoxSizer(wxVERTICAL);
    side->Add(heading(col, "Chiffres"), wxSizerFlags().Expand().Border(wxBOTTOM, 4));
    side->Add(figures_, wxSizerFlags().Expand().Border(wxBOTTOM, 8));
    side->Add(heading(col, "Candidatures (cocher : ajouter à l'ensemble)"), wxSizerFlags().Expand().Border(wxBOTTOM, 4));
    side->Add(candidates_, wxSizerFlags().Expand().Border(wxBOTTOM, 8));
    side->Add(heading(col, "Répartition : ordre du classement et ensemble choisi"), wxSizerFlags().Expand().Border(wxBOTTOM, 4));
    side->Add(allocation_, wxSizerFlags(1).Expand().Border(wxBOTTOM, 4));
    side->Add(reason_, wxSizerFlags().Expand().Border(wxBOTTOM, 6));
    side->Add(waiting_, wxSizerFlags().Expand().Border(wxBOTTOM, 6));
    side->Add(recorded_, wxSizerFlags().Expand().Border(wxBOTTOM, 4));
    side->Add(record_, wxSizerFlags().Left().Border(wxRIGHT | wxBOTTOM, 4));
    side_->SetSizer(side);
    side_->FitInside();
    auto* body = new wxBoxSizer(wxHORIZONTAL);
    body->Add(map_, wxSizerFlags(11).Expand().Border(wxRIGHT, 10));
    body->Add(side_, wxSizerFlags(9).Expand());
    auto* main = new wxBoxSizer(wxVERTICAL);
    main->Add(title_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, 10));
    main->Add(body, wxSizerFlags(1).Expand().Border(wxALL, 10));
    main->Add(status_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, 10));
    SetSizer(main);

    allocation_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) { ShowReason(static_cast<std::size_t>(e.GetIndex())); });
    candidates_->Bind(wxEVT_CHECKLISTBOX, [this](wxCommandEvent& e) {
        if (!study_) return;
        const auto i = static_cast<std::size_t>(e.GetInt());
        if (i < study_->candidates().size()) Toggle(study_->candidates()[i].reference);
    });
    // Built when first shown: loading the geography costs a few hundred ms.
    // A notebook page gets no wxEVT_SHOW under wxGTK: its book says when.
    if (auto* book = dynamic_cast<wxBookCtrlBase*>(parent))
        book->Bind(wxEVT_BOOKCTRL_PAGE_CHANGED, [this, book](wxBookCtrlEvent& e) {
            e.Skip();
            if (dirty_ && e.GetSelection() >= 0 && book->GetPage(static_cast<std::size_t>(e.GetSelection())) == this)
                CallAfter([this] {
                    if (dirty_) Rebuild();
                });
        });
}

void TerritoryPanel::Reload() {
    dirty_ = true;
    if (IsShownOnScreen()) Rebuild();
}

void TerritoryPanel::Rebuild() {
    dirty_ = false;
    study_.reset();
    chosen_.clear();
    candidates_->Clear();
    figures_->DeleteAllItems();
    allocation_->DeleteAllItems();
    if (!wb_.session) return;
    try {
        wxBusyCursor busy;
        study_ = std::make_unique<TerritoryStudy>(*wb_.session);
    } catch (const std::exception& e) {
        status_->SetLabel(to_wx(std::string("Territoire indisponible : ") + e.what()));
        return;
    }
    const auto& t = *study_;
    std::string deps;
    for (const auto& d : t.departements())
        deps += (deps.empty() ? "" : ", ") +
                (t.departements().size() <= 3 ? t.territory().departement_names.at(d) + " (" + d + ")" : d);
    title_->SetLabel(to_wx("Territoire : " + std::string(t.departements().size() <= 3 ? "" : "départements ") + deps +
                           " — distance d'accès " + allocation::km_text(t.access_km())));
    // The set starts as the ranking order's allocation; the coordinator departs from it.
    const auto c = t.compare({});
    ranking_refs_.clear();
    for (std::size_t i : c.ranking.retained()) ranking_refs_.push_back(t.candidates()[i].reference);
    ranking_summary_ = t.summary(ranking_refs_);
    // The allocation the campaign recorded, else the ranking order's.
    chosen_ = t.recorded() ? t.recorded()->retained : ranking_refs_;
    recorded_->SetText(t.recorded_text());
    // What keeps dossiers out of the allocation (notes, arbitrations) and how to settle it.
    const std::string waiting = t.waiting_text() + t.proposal_warning();
    waiting_->SetText(waiting);
    waiting_->Show(!waiting.empty());
    for (const auto& k : t.candidates()) {
        const auto* commune = t.territory().find(k.commune);
        candidates_->Append(to_wx(k.reference + " — " + k.label + (commune ? " (" + commune->name + ")" : "")));
    }
    Update();
}

void TerritoryPanel::Toggle(const std::string& reference) {
    if (!study_ || !study_->candidate(reference)) return;
    wxStopWatch watch;
    if (auto it = std::find(chosen_.begin(), chosen_.end(), reference); it != chosen_.end()) chosen_.erase(it);
    else chosen_.push_back(reference);
    // Kept in ranking order, as the allocation reads it.
    std::vector<std::string> ordered;
    for (const auto& k : study_->candidates())
        if (std::find(chosen_.begin(), chosen_.end(), k.reference) != chosen_.end()) ordered.push_back(k.reference);
    chosen_ = ordered;
    Update();
    last_ms_ = watch.Time();
    status_->SetLabel(
        to_wx(reference + (std::find(chosen_.begin(), chosen_.end(), reference) != chosen_.end() ? " ajouté à" : " retiré de") +
              " l'ensemble choisi : chiffres, répartition et carte recalculés en " + std::to_string(last_ms_) + " ms."));
}

void TerritoryPanel::Update() {
    if (!study_) return;
    const auto& t = *study_;
    for (std::size_t i = 0; i < t.candidates().size(); ++i)
        candidates_->Check(static_cast<unsigned>(i),
                           std::find(chosen_.begin(), chosen_.end(), t.candidates()[i].reference) != chosen_.end());

    // Figures: this set beside the ranking order's.
    const auto now = t.summary(chosen_);
    const auto c = t.compare(chosen_.empty() ? std::vector<std::string>{} : chosen_);
    allocation::Figures none;
    const allocation::Figures& vf = c.variant_figures ? *c.variant_figures : none;
    figures_->DeleteAllItems();
    auto row = [&](const std::string& name, const std::string& mine, const std::string& ranking) {
        const long r = figures_->InsertItem(figures_->GetItemCount(), to_wx(name));
        figures_->SetItem(r, 1, to_wx(mine));
        figures_->SetItem(r, 2, to_wx(ranking));
    };
    row("Candidatures", std::to_string(chosen_.size()), std::to_string(ranking_refs_.size()));
    // In the call's unit (lits, places, missions); amounts to the cent.
    row("Capacité ajoutée (" + t.rules().unit_many + ")", fr_num(c.variant_figures ? vf.places : 0, 0),
        fr_num(c.ranking_figures.places, 0));
    auto euros = [](double v) { return fr::amount(Rational(static_cast<std::int64_t>(std::llround(v * 100)), 100)); };
    row("Coût annuel", euros(c.variant_figures ? vf.cost : 0), euros(c.ranking_figures.cost));
    row("Distance moyenne", now.sites_located ? allocation::km_text(now.mean_km) : "—",
        ranking_summary_.sites_located ? allocation::km_text(ranking_summary_.mean_km) : "—");
    row("Population au-delà de " + allocation::km_text(t.access_km()),
        fr_num(static_cast<double>(now.population_beyond), 0) + " (" + pct(now.share_beyond) + ")",
        fr_num(static_cast<double>(ranking_summary_.population_beyond), 0) + " (" + pct(ranking_summary_.share_beyond) + ")");
    row("Communes non couvertes", fr_num(static_cast<double>(now.communes_beyond.size()), 0),
        fr_num(static_cast<double>(ranking_summary_.communes_beyond.size()), 0));
    // Zones entered for the campaign (e.g. an existing DRAD zone): what the set overlaps.
    std::vector<coverage::Area> chosen_areas;
    for (const auto& r : chosen_) chosen_areas.push_back(t.intervention_territories()[*t.candidate(r)]);
    std::vector<coverage::Area> ranking_areas;
    for (const auto& r : ranking_refs_) ranking_areas.push_back(t.intervention_territories()[*t.candidate(r)]);
    for (std::size_t z = 0; z < t.zones().size(); ++z) {
        auto overlap = [&](const std::vector<coverage::Area>& areas) {
            std::pair<std::size_t, long> n{0, 0};
            for (const auto& o : coverage::overlaps(t.territory(), areas, t.zones()))
                if (o.b == z) n.first += o.communes.size(), n.second += o.population;
            return n;
        };
        const auto a = overlap(chosen_areas), b = overlap(ranking_areas);
        row(t.zones()[z].id + " : communes recouvertes", fr_num(static_cast<double>(a.first), 0),
            fr_num(static_cast<double>(b.first), 0));
        row(t.zones()[z].id + " : habitants recouverts", fr_num(static_cast<double>(a.second), 0),
            fr_num(static_cast<double>(b.second), 0));
    }

    // Places per 10 000 inhabitants (total population: no age breakdown is shipped).
    const auto existing = t.existing_sites();
    // The sites each allocation retains with the places it grants, as its places and cost above (trial 1011C F1).
    const auto mine = coverage::densities(t.territory(), existing, c.variant ? t.sites_of(*c.variant) : existing,
                                          coverage::ZoneKind::Departement);
    const auto theirs = coverage::densities(t.territory(), existing, t.sites_of(c.ranking), coverage::ZoneKind::Departement);
    for (std::size_t i = 0; i < mine.size() && i < theirs.size() && !t.rules().per_dossier; ++i)
        row("Places pour 10 000 hab. (" + mine[i].code + ")", fr_num(mine[i].per10k_after, 2), fr_num(theirs[i].per10k_after, 2));

    // The allocation: ranking order beside this set, with the constraint of each.
    allocation_->DeleteAllItems();
    reasons_.clear();
    reason_->SetText("Choisir une ligne : la règle qui a écarté le dossier, chiffres à l'appui.");
    for (std::size_t i = 0; i < t.candidates().size(); ++i) {
        const auto& k = t.candidates()[i];
        const auto& ch = c.ranking.choices[i];
        const auto* commune = t.territory().find(k.commune);
        const long r = allocation_->InsertItem(static_cast<long>(i), to_wx(std::to_string(i + 1)));
        allocation_->SetItem(r, 1, to_wx(k.reference));
        allocation_->SetItem(r, 2, to_wx(commune ? commune->name : k.commune));
        allocation_->SetItem(r, 3,
                             to_wx(ch.retained ? std::string("retenu") : std::string("écarté : ") + enum_label(ch.constraint)));
        std::string mine_text = "non retenu";
        std::string why =
            k.reference + " — ordre du classement : " + (ch.retained ? std::string("retenu.") : "écarté. " + ch.reason);
        if (c.variant) {
            const auto& v = c.variant->choices[i];
            if (v.retained) {
                mine_text = v.constraint == allocation::Constraint::None
                                ? "retenu"
                                : std::string("retenu, à motiver : ") + enum_label(v.constraint);
                if (v.constraint != allocation::Constraint::None) why += " Ensemble choisi : écart à motiver. " + v.reason;
            }
        }
        reasons_.push_back(why);
        allocation_->SetItem(r, 4, to_wx(mine_text));
        if (ch.retained != (mine_text != "non retenu")) allocation_->SetItemBackgroundColour(r, colour(Colour::Highlight));
    }
    map_->Show(t.map_data(chosen_));
    RefitSide();
}

void TerritoryPanel::RefitSide() {
    // The wrapped texts take their height after a CallAfter of their own,
    // laying out the column without its virtual size: fitted after them, so
    // that every item keeps its minimum height and the column scrolls
    // (otherwise the allocation table was squeezed again under a long text).
    CallAfter([this] {
        CallAfter([this] {
            side_->FitInside();
            side_->Layout();
        });
    });
}

bool TerritoryPanel::Record() {
    if (!study_ || !wb_.session) return false;
    try {
        // The ranking order needs no reason; a set departing from it does.
        const bool same = chosen_ == ranking_refs_;
        const std::vector<std::string> variant = same ? std::vector<std::string>{} : chosen_;
        std::string reason;
        // Asked whenever the record needs it: a departure from the ranking
        // order, a rule broken, a zone entered for the campaign overlapped.
        std::string why = study_->reason_needed(variant);
        // After the vote, a change of the allocation voted on is motivated too (trial 1011D).
        if (const auto& m = wb_.session->meeting(); m && !m->votes.empty())
            why += (why.empty() ? "" : " ; ") + std::string("la commission a voté le ") + m->date.french_numeric() +
                   " sur la répartition qui lui était soumise (le motif est cité sous « Modifié après la séance »)";
        if (!why.empty()) {
            wxTextEntryDialog ask(
                this, to_wx("Motif à écrire : " + why + ".\n(Inscrit au journal et dans le dossier de la commission.)"),
                to_wx("Motif de la variante"), "", wxOK | wxCANCEL | wxTE_MULTILINE);
            if (ask.ShowModal() != wxID_OK) return false;
            reason = from_wx(ask.GetValue());
        }
        study_->record_allocation(variant, reason, wb_.reviewer);
        recorded_->SetText(study_->recorded_text());
        waiting_->SetText(study_->waiting_text() + study_->proposal_warning());
        waiting_->Show(!study_->waiting_text().empty());
        status_->SetLabel(to_wx("Répartition enregistrée (journal) : l'avis de la commission la suivra."));
        RefitSide();
        return true;
    } catch (const std::exception& e) {
        show_error(this, e);
        return false;
    }
}

void TerritoryPanel::ShowReason(std::size_t row) {
    if (row < reasons_.size()) reason_->SetText(reasons_[row]);
    RefitSide();
}

void show_about(wxWindow* parent) {
    wxAboutDialogInfo info;
    info.SetName("Cotation");
    // The data's licence asks for this mention wherever the maps are shown (data/SOURCES.md).
    info.SetDescription(to_wx(std::string("Instruction des appels à candidatures des ARS et des Départements : recevabilité, "
                                          "cotation, classement, commission, décisions, couverture territoriale.\n\n") +
                              io::geo_attribution() +
                              "\n\nOffre existante importée d'un extrait FINESS : source FINESS, ministère chargé de la "
                              "santé, Licence Ouverte 2.0 (mention reprise sur chaque carte)."));
    wxAboutBox(info, parent);
}

}  // namespace cotation::gui
