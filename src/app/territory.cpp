#include "territory.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unordered_map>

#include "core/campaign_parameters.h"
#include "core/enums.h"
#include "core/error.h"
#include "core/french.h"
#include "core/journal_rules.h"
#include "io/csv.h"
#include "io/geo.h"
#include "io/paths.h"
#include "io/territory_rules.h"
#include "io/text_encoding.h"
#include "io/xml_tree.h"
#include "store/journal.h"
#include "territory_format.h"
#include "core/invisible.h"

namespace cotation {

using namespace territory_format;

namespace {

std::optional<double> number_fact(const FactValues& v, const std::string& name) {
    auto it = v.find(name);
    if (it == v.end()) return std::nullopt;
    if (auto r = std::get_if<Rational>(&it->second)) return r->to_double();
    return std::nullopt;
}

std::optional<double> number_of(const Dossier& d, const std::string& name) {
    const Value v = d.get(name);
    if (auto r = std::get_if<Rational>(&v)) return r->to_double();
    return std::nullopt;
}

// The journal's author of a move done by the program itself at opening.
// The names journal verify accepts for them (core/journal_rules.h).
const char* const kLegacyActor = kLegacyTerritoryActor;
const char* const kGridActor = kGridOfferActor;


}  // namespace

TerritoryStudy::TerritoryStudy(Session& session) : session_(session) { load(); }

void TerritoryStudy::catch_up() {
    if (session_.loads() != loads_seen_) reload();
}

void TerritoryStudy::reload() {
    territory_ = {};
    offer_ = {};
    zones_.clear();
    rules_ = {};
    access_km_ = 30;
    departements_.clear();
    territory_parameter_.clear();
    territory_origin_.clear();
    candidates_.clear();
    interventions_.clear();
    existing_.clear();
    unlocated_.clear();
    unrated_.clear();
    awaiting_.clear();
    proposed_.clear();
    load();
}

// Files an older campaign kept beside it: read (checked like any import),
// stored in the tables with a journal entry, then never read again. A campaign
// that cannot be written (closed, or opened read-only) reads them as they are.
void TerritoryStudy::adopt_legacy_files(TerritoryRecord& record) {
    const auto& ref = io::ReferenceData::instance();
    const std::string why = "repris du fichier posé à côté de la campagne (rangement d'avant le schéma 10)";
    if (!record.offer && std::filesystem::exists(legacy_offer_path())) {
        Offer o = io::read_offer_file(legacy_offer_path(), ref);
        try {
            session_.store().put_offer(o, why, kLegacyActor);
            notices_.push_back("Offre existante reprise du fichier « " + legacy_offer_path() +
                               " » et rangée dans la campagne (journal) ; ce fichier n'est plus lu.");
        } catch (const Error&) {
            notices_.push_back(
                "Offre existante lue dans le fichier « " + legacy_offer_path() +
                " » : la campagne ne peut pas être modifiée ici (close ou ouverte en lecture), elle n'y est pas rangée.");
        }
        record.offer = std::move(o);
    }
    // A campaign made before creation took the grid's offer in: the offer
    // shipped with its grid is taken in now, once, so that editing or moving
    // the grid's folder later changes nothing.
    if (!record.offer) {
        if (auto o = io::read_offer_beside_grid(io::grid_path(session_.grid().id + ".xml"), session_.grid().id, ref)) {
            try {
                session_.store().put_offer(*o, "offre livrée avec la grille « " + o->origin + " », prise dans la campagne",
                                           kGridActor);
                notices_.push_back("Offre existante livrée avec la grille (« " + o->origin +
                                   " ») prise dans la campagne (journal) ; ce fichier n'est plus lu.");
            } catch (const Error&) {
                notices_.push_back(
                    "Offre existante lue dans le fichier livré avec la grille (« " + o->origin +
                    " ») : la campagne ne peut pas être modifiée ici (close ou ouverte en lecture), elle n'y est pas rangée.");
            }
            record.offer = std::move(*o);
        }
    }
    if (!record.zones && std::filesystem::exists(legacy_zones_path())) {
        const std::string name = std::filesystem::path(legacy_zones_path()).filename().string();
        auto zones = io::read_zones(io::read_file(legacy_zones_path()), name, ref);
        try {
            session_.store().put_zones(zones, name, why, kLegacyActor);
            notices_.push_back("Zones reprises du fichier « " + legacy_zones_path() +
                               " » et rangées dans la campagne (journal) ; ce fichier n'est plus lu.");
        } catch (const Error&) {
            notices_.push_back(
                "Zones lues dans le fichier « " + legacy_zones_path() +
                " » : la campagne ne peut pas être modifiée ici (close ou ouverte en lecture), elles n'y sont pas rangées.");
        }
        record.zones = std::move(zones);
        record.zones_origin = name;
    }
}

void TerritoryStudy::load() {
    loads_seen_ = session_.loads();
    const auto& ref = io::ReferenceData::instance();
    const auto& geodata = io::GeoData::instance();
    const Grid& grid = session_.grid();
    const auto& params = session_.campaign().parameters;

    // The rules pinned in the campaign (schema 14), never the shipped file of today.
    if (!session_.territory_rules_notice().empty()) notices_.push_back(session_.territory_rules_notice());
    if (!session_.territory_rules_text().empty())
        rules_ = io::read_territory_rules(session_.territory_rules_text(), session_.territory_rules_shown(), ref,
                                          io::RulesSource::Pinned);
    // The territory is the campaign's parameter when its grid declares one
    // (campagne.departements, campagne.departement): the authority sets it
    // for its call, and coverage, the map, distances and the zone rule follow
    // (trial 14: `param campagne.departements=16` left them on the grid's 12
    // départements, the rules file's list winning). The rules file's list
    // serves a grid without such a parameter (ACT HLM).
    if (auto it = params.find(param::kDepartements); it != params.end())
        if (auto l = std::get_if<std::vector<std::string>>(&it->second)) departements_ = *l;
    if (auto it = params.find(param::kDepartement); departements_.empty() && it != params.end())
        if (auto s = std::get_if<std::string>(&it->second)) departements_ = {*s};
    if (departements_.empty()) departements_ = rules_.departements;
    else territory_parameter_ = params.count(param::kDepartements) ? param::kDepartements : param::kDepartement;
    if (departements_.empty())   // no declared territory: the dossiers' départements
        for (const auto& d : session_.dossiers())
            if (const auto* c = ref.commune(d.commune);
                c && std::find(departements_.begin(), departements_.end(), c->departement) == departements_.end())
                departements_.push_back(c->departement);
    access_km_ = number_fact(params, param::kAccessDistance).value_or(rules_.access_km.value_or(30.0));
    // A rule a campaign parameter sets, with its status: the call's when the
    // grid cites the call's text for it and the campaign keeps the grid's
    // value (a CRT's 4 missions are the authority's notice's, not the cahier des charges').
    std::vector<std::string> titles;
    for (const auto& t : grid.sources) titles.push_back(t.title);
    const auto set = session_.parameters_set_for_campaign();
    auto set_by = [&](const std::string& id) -> std::string {
        auto it = set.find(id);
        return it == set.end() ? "" : "« " + it->second.who + " » le " + journal_instant_text(it->second.at);
    };
    auto from_parameter = [&](const std::string& id, const char* key) -> std::optional<double> {
        auto p = number_fact(params, id);
        if (!p) return std::nullopt;
        for (const auto& def : grid.parameters)
            if (def.def.id == id) {
                const auto* v = std::get_if<Rational>(&def.default_value);
                rules_.status[key] = allocation::parameter_status(id, def.def.source, titles, v && v->to_double() == *p,
                                                                  set_by(id), display(def.def, def.default_value));
            }
        return p;
    };
    // The territory's status the same way, from its parameter (shown with the coverage).
    if (!territory_parameter_.empty())
        for (const auto& def : grid.parameters)
            if (def.def.id == territory_parameter_) {
                const bool grid_value = to_canonical(def.default_value) == to_canonical(params.at(territory_parameter_));
                // The rules file's status stands while nobody set the territory for the
                // campaign: a campaign pinned before statuses reads it as a proposal.
                if (!grid_value || !set_by(territory_parameter_).empty())
                    rules_.status["departements"] = allocation::parameter_status(
                        territory_parameter_, def.def.source, titles, grid_value, set_by(territory_parameter_),
                        display(def.def, def.default_value));
                if (!grid_value)
                    territory_origin_ = "territoire fixé pour la campagne (" + territory_parameter_ + ")" +
                                        (set_by(territory_parameter_).empty() ? "" : " par " + set_by(territory_parameter_)) +
                                        " ; la grille proposait : " + display(def.def, def.default_value);
            }
    if (auto p = from_parameter(param::kPlaces, "capacite")) rules_.capacity = *p;
    // The call's cap per unit (else per place), read from the parameter whose role says so (trial 1011C F4).
    if (const ParameterDef* cap = grid.parameter_with(ParameterRole::Cap))
        if (auto p = from_parameter(cap->def.id, "plafond")) rules_.cap_per_unit = *p;
    // The call's unit: that of its capacity parameter (« mission|missions »
    // for a CRT call, where each retained dossier is one mission).
    const ParameterDef* capacity = grid.parameter_with(ParameterRole::CapacityDossiers);
    const bool one_per_dossier = capacity != nullptr;
    rules_.per_dossier = one_per_dossier;
    if (!capacity) capacity = grid.parameter_with(ParameterRole::Capacity);
    if (capacity && !capacity->def.unit.empty()) {
        const auto bar = capacity->def.unit.find('|');
        rules_.unit_one = capacity->def.unit.substr(0, bar);
        rules_.unit_many = bar == std::string::npos ? rules_.unit_one : capacity->def.unit.substr(bar + 1);
    }
    if (auto u = number_fact(params, param::kUnitBeds)) rules_.unit_places = *u;
    // The envelope follows a capacity or unit figure the campaign changed
    // when the rules file's is their product at the grid's values (trial 1011G M3).
    allocation::Rules at_grid = rules_;
    auto grid_number = [&](const std::string& id, std::optional<double>& into) {
        for (const auto& def : grid.parameters)
            if (def.def.id == id)
                if (const auto* v = std::get_if<Rational>(&def.default_value)) into = v->to_double();
    };
    if (rules_.capacity) grid_number(param::kPlaces, at_grid.capacity);
    if (const ParameterDef* cap = grid.parameter_with(ParameterRole::Cap); cap && rules_.cap_per_unit)
        grid_number(cap->def.id, at_grid.cap_per_unit);
    if (rules_.unit_places) grid_number(param::kUnitBeds, at_grid.unit_places);
    allocation::follow_envelope(rules_, at_grid);

    // The territory: current communes of the départements, sorted by code.
    std::unordered_map<std::string, std::string> epci_of;
    for (const auto& [siren, e] : ref.epcis())
        for (const auto& c : e.communes) epci_of[c] = siren;
    std::vector<std::string> codes;
    const std::set<std::string> deps(departements_.begin(), departements_.end());
    for (const auto& [code, c] : ref.communes())
        if (deps.count(c.departement) && !coverage::is_municipal_arrondissement(code)) codes.push_back(code);
    std::sort(codes.begin(), codes.end());
    for (const auto& code : codes) {
        const auto* c = ref.commune(code);
        coverage::Commune k{code, c->name, c->departement, "", c->population, std::nullopt};
        if (auto it = epci_of.find(code); it != epci_of.end()) {
            k.epci = it->second;
            territory_.epci_names.emplace(it->second, ref.epci(it->second)->name);
        }
        if (const auto* p = geodata.point(code)) k.point = *p;
        territory_.add(std::move(k));
    }
    for (const auto& d : departements_) territory_.departement_names[d] = ref.departement_name(d);

    // The existing offer and zones: the campaign's tables (schema 10), else
    // the offer shipped with the grid; an older campaign's files moved in once.
    TerritoryRecord record = session_.store().load_territory();
    adopt_legacy_files(record);
    if (record.offer) offer_ = *record.offer;
    if (record.zones) zones_ = *record.zones;
    recorded_ = record.allocation;

    auto point_of = [&](const std::string& code) { return geodata.point(coverage::parent_commune(code)); };
    existing_ = offer_.sites();
    for (auto& s : existing_) s.commune = coverage::parent_commune(s.commune);
    unlocated_ = coverage::locate(existing_, point_of);
    unlocated_sites_ = unlocated_.size();
    candidates_from_ranking();
}

void TerritoryStudy::follow_ranking() {
    candidates_.clear();
    interventions_.clear();
    unlocated_.resize(unlocated_sites_);
    unrated_.clear();
    awaiting_.clear();
    proposed_.clear();
    candidates_from_ranking();
}

void TerritoryStudy::candidates_from_ranking() {
    const auto& geodata = io::GeoData::instance();
    auto point_of = [&](const std::string& code) { return geodata.point(coverage::parent_commune(code)); };
    const bool one_per_dossier = rules_.per_dossier;
    for (const auto& e : session_.ranking().pending) {
        // Nobody rated it (trial 13c F4): no candidate, as below.
        if (e.proposal == Proposal::Unrated) {
            unrated_.push_back(session_.dossiers()[e.dossier].reference);
            continue;
        }
        std::string criteria = fr::join(e.score.pending);
        awaiting_.push_back({session_.dossiers()[e.dossier].reference, criteria});
    }
    for (const auto& e : session_.ranking().ranked) {
        const Dossier& d = session_.dossiers()[e.dossier];
        // A dossier with no rating yet is no candidate: the ranking calls it
        // « non coté », the allocation must not retain it on 0 points.
        if (e.score.rated == 0) {
            unrated_.push_back(d.reference);
            continue;
        }
        if (e.proposal == Proposal::Retained) proposed_.push_back(d.reference);
        allocation::Candidate k;
        k.reference = d.reference;
        k.label = d.organisme;
        k.places = one_per_dossier ? 1.0 : number_of(d, "places").value_or(0);
        // What it asks; what it costs is what the call allows (allocation::allowed_cost:
        // a CRT's dotation, a UPHV unit's cap), counted by the core.
        k.cost = number_of(d, "budget_annuel").value_or(0);
        k.score = e.score.total.to_double();
        k.commune = coverage::parent_commune(d.commune);
        const auto lat = number_of(d, "latitude"), lon = number_of(d, "longitude");
        if (lat && lon) k.position = geo::LonLat{*lon, *lat};
        else if (const auto* p = point_of(d.commune)) k.position = *p;
        else unlocated_.push_back(d.reference);
        coverage::Area area{d.reference, d.organisme, {}};
        const Value t = d.get("territoire_intervention");
        if (auto l = std::get_if<std::vector<std::string>>(&t)) area.communes = *l;
        const Value dl = d.get("departements_intervention");
        if (auto l = std::get_if<std::vector<std::string>>(&dl))
            for (const auto& c : territory_.communes())
                if (std::find(l->begin(), l->end(), c.departement) != l->end()) area.communes.push_back(c.code);
        candidates_.push_back(std::move(k));
        interventions_.push_back(std::move(area));
    }
}

std::optional<std::size_t> TerritoryStudy::candidate(const std::string& reference) const {
    for (std::size_t i = 0; i < candidates_.size(); ++i)
        if (candidates_[i].reference == reference) return i;
    return std::nullopt;
}

std::string TerritoryStudy::reference_of(const std::string& item) { return fr::trim(item.substr(0, item.find('='))); }

std::vector<coverage::Site> TerritoryStudy::sites_with(const std::vector<std::string>& references) const {
    std::vector<coverage::Site> sites = existing_;
    for (const auto& item : references) {
        const std::string r = reference_of(item);
        auto i = candidate(r);
        if (!i)
            throw InputError("Dossier « " + r +
                             " » : inconnu ou non classé (seuls les dossiers classés sont des sites candidats).");
        const auto& k = candidates_[*i];
        // « REF=5 »: the places granted of a partial grant count, not the request
        // (trial 1011G: 35 places per 10 000 counted where 20 were granted).
        double places = k.places;
        if (const auto eq = item.find('='); eq != std::string::npos) {
            const std::string n = fr::trim(item.substr(eq + 1));
            if (!n.empty() && n.size() <= 6 && std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; }))
                places = std::min(places, std::stod(n));
        }
        sites.push_back({k.reference, k.label, k.commune, k.position, places, false});
    }
    return sites;
}

std::vector<coverage::Site> TerritoryStudy::sites_of(const allocation::Allocation& a) const {
    std::vector<coverage::Site> sites = existing_;
    for (auto& s : allocation::retained_sites(a, candidates_)) sites.push_back(std::move(s));
    return sites;
}

coverage::Summary TerritoryStudy::summary(const std::vector<std::string>& references) const {
    return coverage::summarize(territory_, sites_with(references), access_km_);
}

TerritoryStudy::Comparison TerritoryStudy::compare(const std::vector<std::string>& variant) const {
    Comparison c;
    c.ranking = allocation::allocate(rules_, candidates_, territory_, existing_);
    c.ranking_figures = allocation::figures(c.ranking, candidates_, territory_, existing_, access_km_);
    if (!variant.empty()) {
        std::vector<std::size_t> chosen;
        std::map<std::size_t, double> shares;   // « REF=5 »: part of a request (trial 1011D)
        for (const auto& item : variant) {
            const auto eq = item.find('=');
            const std::string r = fr::trim(item.substr(0, eq));
            auto i = candidate(r);
            if (!i) throw InputError("Variante : dossier « " + r + " » inconnu ou non classé.");
            if (std::find(chosen.begin(), chosen.end(), *i) != chosen.end())
                throw InputError("Variante : dossier « " + r + " » cité deux fois.");
            chosen.push_back(*i);
            if (eq == std::string::npos) continue;
            const std::string n = fr::trim(item.substr(eq + 1));
            const bool digits = !n.empty() && n.size() <= 6 &&
                                std::all_of(n.begin(), n.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
            // A call granting no part of a request says so first, never « REF=5 » as an example.
            if (!allocation::partial_allowed(rules_))
                throw InputError(allocation::variant_share_refusal(rules_, candidates_[*i], 1, item));
            if (!digits)
                throw InputError("Variante : « " + item + " » : après « = », le nombre accordé, en chiffres entiers (« " + r +
                                 "=5 »).");
            const double places = std::stod(n);
            if (const std::string no = allocation::variant_share_refusal(rules_, candidates_[*i], places, item); !no.empty())
                throw InputError(no);
            shares[*i] = places;
        }
        c.variant = allocation::check_variant(rules_, candidates_, chosen, territory_, existing_, shares);
        c.variant_figures = allocation::figures(*c.variant, candidates_, territory_, existing_, access_km_);
    }
    return c;
}

std::vector<std::string> TerritoryStudy::default_set(std::string& which) const {
    if (!recorded_) {
        // What the committee file shows too: the allocation in ranking order
        // under the call's rules (trial 1011F N2: the existing offer alone left
        // every commune grey on a call with none); --offre-seule shows that.
        // A partial grant as « REF=N »: its places granted count (sites_with).
        std::vector<std::string> refs, items;
        const auto ranking = compare({}).ranking;
        for (std::size_t i : ranking.retained()) {
            const auto& ch = ranking.choices[i];
            refs.push_back(candidates_[i].reference);
            items.push_back(ch.partial ? candidates_[i].reference + "=" + fr_num(ch.granted, 0) : candidates_[i].reference);
        }
        which = "Répartition dans l'ordre du classement, aucune répartition enregistrée : " +
                (refs.empty() ? std::string("aucun dossier retenu") : fr::join(refs));
        return items;
    }
    std::string refs = fr::join(recorded_->retained);
    which = "Répartition enregistrée, " + std::string(enum_label(recorded_->followed)) + " : " +
            (refs.empty() ? std::string("aucun dossier retenu") : refs);
    return recorded_variant();
}

std::string TerritoryStudy::asked_set(const std::vector<std::string>& references) {
    std::string refs = fr::join(references);
    return "Offre existante et dossiers demandés : " + refs;
}

report::MapData TerritoryStudy::map_data(const std::vector<std::string>& references, const std::string& which) const {
    const auto sites = sites_with(references);
    const auto s = coverage::summarize(territory_, sites, access_km_);
    report::MapData m;
    std::string deps;
    for (const auto& d : departements_)
        deps += (deps.empty() ? "" : ", ") + (departements_.size() <= 2 ? territory_.departement_names.at(d) : d);
    m.title = session_.campaign().reference + " — " + (departements_.size() <= 2 ? deps : "départements " + deps);
    std::vector<std::string> chosen_refs;
    for (const auto& item : references) chosen_refs.push_back(reference_of(item));
    std::string chosen = fr::join(chosen_refs);
    m.subtitle =
        "Offre existante : " +
        (offer_.structures.empty()
             ? std::string("aucune structure saisie")
             : count(static_cast<double>(offer_.structures.size()), "structure", "structures") + " (" + offer_capacity() + ")") +
        // `which`, said first, names the chosen already.
        (chosen.empty() || !which.empty() ? std::string() : " ; choisies : " + chosen) + " ; au-delà de " +
        allocation::km_text(access_km_) + " : " + people(s.population_beyond) + " (" + pct(s.share_beyond) + ")" +
        (s.sites_located ? " ; distance moyenne " + allocation::km_text(s.mean_km) : std::string(" ; aucun site localisé"));
    const auto& geodata = io::GeoData::instance();
    for (const auto& d : departements_) m.communes.push_back(geodata.communes(d));
    const auto& cs = territory_.communes();
    for (std::size_t i = 0; i < cs.size(); ++i) {
        if (s.communes[i].site >= 0) m.km[cs[i].code] = s.communes[i].km;
        m.epci_of[cs[i].code] = cs[i].epci;
        m.departement_of[cs[i].code] = cs[i].departement;
    }
    for (const auto& e : existing_)
        if (e.position) m.sites.push_back({e.label, *e.position, report::MapSite::Kind::Existing});
    for (const auto& k : candidates_) {
        if (!k.position) continue;
        const bool is_chosen = std::any_of(references.begin(), references.end(),
                                           [&](const std::string& item) { return reference_of(item) == k.reference; });
        m.sites.push_back(
            {k.reference, *k.position, is_chosen ? report::MapSite::Kind::Chosen : report::MapSite::Kind::Candidate});
    }
    if (!which.empty()) m.subtitle = which + ". " + m.subtitle;
    for (const auto& z : zones_) m.zones.push_back({z.label.empty() ? z.id : z.label, z.communes});
    m.access_km = access_km_;
    m.attribution = io::geo_attribution();
    if (!offer_.origin.empty() && offer_.origin.rfind("FINESS", 0) == 0) m.attribution += " " + offer_.origin;
    return m;
}

void TerritoryStudy::write_map(const std::string& path, const std::vector<std::string>& references,
                               const std::string& which) const {
    const auto m = map_data(references, which);
    // « CARTE.PNG » as « carte.png » (trial 1011E F12).
    const auto ext = fr::lower_ascii(std::filesystem::path(path).extension().string());
    if (ext == ".png") report::write_map_png(m, path);
    else if (ext == ".pdf") report::write_map_pdf(m, path);
    else throw InputError("Carte " + fr::quote_path(path) + " : extension .png ou .pdf attendue.");
}

}  // namespace cotation
