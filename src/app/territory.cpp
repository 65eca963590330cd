#include "territory.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unordered_map>

#include "core/error.h"
#include "core/french.h"
#include "io/csv.h"
#include "io/geo.h"
#include "io/paths.h"
#include "io/territory_rules.h"
#include "io/xml_tree.h"
#include "store/journal.h"

namespace cotation {
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

// French display: thousands with a no-break space, decimal comma.
std::string fr_num(double v, int decimals) {
    const std::int64_t scale = decimals == 0 ? 1 : decimals == 1 ? 10 : 100;
    return fr::number(Rational(static_cast<std::int64_t>(std::llround(v * static_cast<double>(scale))), scale), decimals);
}
// "0 habitant", "1 habitant", "2 habitants" (French: plural from 2).
std::string count(double n, const char* one, const char* many) { return fr_num(n, 0) + " " + (std::fabs(n) < 2 ? one : many); }
std::string people(long n) { return count(static_cast<double>(n), "habitant", "habitants"); }
std::string pct(double share) { return fr_num(share * 100, 1) + fr::kNbsp + "%"; }
std::string dot2(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}
std::string dot4(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", v);
    return buf;
}

// The journal's author of a move done by the program itself at opening.
const char* const kLegacyActor = "Cotation (reprise des fichiers de l'offre)";

void require_coordinator(const Session& s, const std::string& actor) {
    if (auto refusal = s.team().may_coordinate(actor); !refusal.empty()) throw InputError(refusal);
}

}  // namespace

TerritoryStudy::TerritoryStudy(Session& session) : session_(session) { load(); }

void TerritoryStudy::reload() {
    territory_ = {};
    offer_ = {};
    zones_.clear();
    rules_ = {};
    access_km_ = 30;
    departements_.clear();
    candidates_.clear();
    interventions_.clear();
    existing_.clear();
    unlocated_.clear();
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
            notices_.push_back("Offre existante lue dans le fichier « " + legacy_offer_path() +
                               " » : la campagne ne peut pas être modifiée ici (close ou ouverte en lecture), elle n'y est pas rangée.");
        }
        record.offer = std::move(o);
    }
    if (!record.zones && std::filesystem::exists(legacy_zones_path())) {
        const std::string name = std::filesystem::path(legacy_zones_path()).filename().string();
        auto zones = io::read_zones(io::read_file(legacy_zones_path()), name, ref);
        try {
            session_.store().put_zones(zones, name, why, kLegacyActor);
            notices_.push_back("Zones reprises du fichier « " + legacy_zones_path() + " » et rangées dans la campagne (journal) ; ce fichier n'est plus lu.");
        } catch (const Error&) {
            notices_.push_back("Zones lues dans le fichier « " + legacy_zones_path() +
                               " » : la campagne ne peut pas être modifiée ici (close ou ouverte en lecture), elles n'y sont pas rangées.");
        }
        record.zones = std::move(zones);
        record.zones_origin = name;
    }
}

void TerritoryStudy::load() {
    const auto& ref = io::ReferenceData::instance();
    const auto& geodata = io::GeoData::instance();
    const Grid& grid = session_.grid();
    const auto& params = session_.campaign().parameters;

    if (const std::string p = io::grid_path(grid.id + ".territoire.txt"); std::filesystem::exists(p))
        rules_ = io::read_territory_rules(io::read_file(p), std::filesystem::path(p).filename().string(), ref);
    departements_ = rules_.departements;
    if (departements_.empty()) {
        if (auto it = params.find("campagne.departements"); it != params.end())
            if (auto l = std::get_if<std::vector<std::string>>(&it->second)) departements_ = *l;
        if (auto it = params.find("campagne.departement"); it != params.end())
            if (auto s = std::get_if<std::string>(&it->second)) departements_ = {*s};
    }
    if (departements_.empty())   // no declared territory: the dossiers' départements
        for (const auto& d : session_.dossiers())
            if (const auto* c = ref.commune(d.commune);
                c && std::find(departements_.begin(), departements_.end(), c->departement) == departements_.end())
                departements_.push_back(c->departement);
    access_km_ = number_fact(params, "campagne.distance_acces").value_or(rules_.access_km.value_or(30.0));
    if (auto p = number_fact(params, "campagne.places")) rules_.capacity = *p;
    if (auto u = number_fact(params, "campagne.lits_unite")) rules_.unit_places = *u;

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
    else if (const std::string p = io::grid_path(grid.id + ".offre.csv"); std::filesystem::exists(p))
        offer_ = io::read_offer_file(p, ref);
    if (record.zones) zones_ = *record.zones;
    recorded_ = record.allocation;

    auto point_of = [&](const std::string& code) { return geodata.point(coverage::parent_commune(code)); };
    existing_ = offer_.sites();
    for (auto& s : existing_) s.commune = coverage::parent_commune(s.commune);
    unlocated_ = coverage::locate(existing_, point_of);

    for (const auto& e : session_.ranking().ranked) {
        const Dossier& d = session_.dossiers()[e.dossier];
        allocation::Candidate k;
        k.reference = d.reference;
        k.label = d.organisme;
        k.places = number_of(d, "places").value_or(0);
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

std::vector<coverage::Site> TerritoryStudy::sites_with(const std::vector<std::string>& references) const {
    std::vector<coverage::Site> sites = existing_;
    for (const auto& r : references) {
        auto i = candidate(r);
        if (!i) throw InputError("Dossier « " + r + " » : inconnu ou non classé (seuls les dossiers classés sont des sites candidats).");
        const auto& k = candidates_[*i];
        sites.push_back({k.reference, k.label, k.commune, k.position, k.places, false});
    }
    return sites;
}

coverage::Summary TerritoryStudy::summary(const std::vector<std::string>& references) const {
    return coverage::summarize(territory_, sites_with(references), access_km_);
}

std::string TerritoryStudy::summary_csv(const std::vector<std::string>& references) const {
    const auto sites = sites_with(references);
    const auto s = coverage::summarize(territory_, sites, access_km_);
    std::string out = "indicateur;valeur\n";
    auto row = [&](const std::string& k, const std::string& v) { out += k + ";" + v + "\n"; };
    std::string deps;
    for (const auto& d : departements_) deps += (deps.empty() ? "" : " ") + d;
    row("departements", deps);
    row("communes", std::to_string(territory_.communes().size()));
    row("population", std::to_string(s.population + s.population_without_point));
    row("population_sans_point", std::to_string(s.population_without_point));
    row("sites_existants", std::to_string(existing_.size()));
    row("places_existantes", std::to_string(offer_.capacity()));
    row("sites_candidats", std::to_string(sites.size() - existing_.size()));
    row("sites_non_localises", std::to_string(unlocated_.size()));
    row("distance_acces_km", dot2(access_km_));
    row("distance_moyenne_km", dot2(s.mean_km));
    row("population_au_dela", std::to_string(s.population_beyond));
    row("part_population_au_dela", dot4(s.share_beyond));
    row("communes_au_dela", std::to_string(s.communes_beyond.size()));
    std::size_t entirely = 0;
    for (const auto& z : s.epci) entirely += z.entirely() ? 1 : 0;
    row("epci_entierement_au_dela", std::to_string(entirely));
    return out;
}

std::string TerritoryStudy::communes_csv(const std::vector<std::string>& references) const {
    const auto sites = sites_with(references);
    const auto s = coverage::summarize(territory_, sites, access_km_);
    std::string out = "code_insee;commune;population;distance_km;site\n";
    const auto& cs = territory_.communes();
    for (std::size_t i = 0; i < cs.size(); ++i) {
        const auto& d = s.communes[i];
        out += cs[i].code + ";" + io::csv_field(cs[i].name) + ";" + std::to_string(cs[i].population) + ";" +
               (d.site >= 0 ? dot2(d.km) : "") + ";" + (d.site >= 0 ? io::csv_field(sites[static_cast<std::size_t>(d.site)].id) : "") + "\n";
    }
    return out;
}

std::string TerritoryStudy::summary_text(const std::vector<std::string>& references) const {
    const auto sites = sites_with(references);
    const auto s = coverage::summarize(territory_, sites, access_km_);
    const auto& cs = territory_.communes();
    std::string out;
    std::string deps;
    for (const auto& d : departements_) deps += (deps.empty() ? "" : ", ") + territory_.departement_names.at(d) + " (" + d + ")";
    out += "Territoire : " + deps + " — " + fr_num(static_cast<double>(cs.size()), 0) + " communes, " +
           fr_num(static_cast<double>(s.population + s.population_without_point), 0) +
           " habitants (population totale, COG 2026 ; aucune répartition par âge n'est livrée).\n";
    if (s.population_without_point)
        out += "Population sans point (communes d'outre-mer hors DROM), exclue des distances : " +
               fr_num(static_cast<double>(s.population_without_point), 0) + " habitants.\n";
    out += "Offre existante : " + count(static_cast<double>(offer_.structures.size()), "structure", "structures") + ", " +
           count(static_cast<double>(offer_.capacity()), "place", "places") + " (" + (offer_.origin.empty() ? "aucune" : offer_.origin) + ").\n";
    if (!references.empty()) {
        std::string refs;
        for (const auto& r : references) refs += (refs.empty() ? "" : ", ") + r;
        out += "Candidatures ajoutées : " + refs + ".\n";
    }
    for (const auto& u : unlocated_) out += "Site non localisé (sans point ni coordonnées) : " + u + ".\n";
    out += "Distance d'accès : " + allocation::km_text(access_km_) + ".\n";
    if (s.sites_located == 0) out += "Aucun site localisé : toute la population est au-delà de la distance d'accès.\n";
    else out += "Distance moyenne au site le plus proche (pondérée par la population) : " + allocation::km_text(s.mean_km) + ".\n";
    out += "Population au-delà de " + allocation::km_text(access_km_) + " : " + people(s.population_beyond) +
           " (" + pct(s.share_beyond) + "), " + count(static_cast<double>(s.communes_beyond.size()), "commune", "communes") + ".\n";
    for (std::size_t k = 0; k < std::min<std::size_t>(10, s.communes_beyond.size()); ++k) {
        const auto i = s.communes_beyond[k];
        out += "  " + cs[i].name + " (" + cs[i].code + ") : " +
               (s.communes[i].site >= 0 ? allocation::km_text(s.communes[i].km) + " de " + sites[static_cast<std::size_t>(s.communes[i].site)].label
                                        : std::string("aucun site")) +
               "\n";
    }
    if (s.communes_beyond.size() > 10) out += "  … et " + fr_num(static_cast<double>(s.communes_beyond.size() - 10), 0) + " autres.\n";
    for (const auto& z : s.epci)
        if (z.entirely()) out += "EPCI entièrement au-delà : " + z.name + " (" + fr_num(static_cast<double>(z.population), 0) + " habitants).\n";
    std::vector<coverage::Site> chosen(sites.begin() + static_cast<std::ptrdiff_t>(existing_.size()), sites.end());
    out += "Places pour 10 000 habitants (population totale), avant → après :\n";
    for (const auto kind : {coverage::ZoneKind::Departement, coverage::ZoneKind::Epci})
        for (const auto& z : coverage::densities(territory_, existing_, sites, kind))
            if (z.places_before > 0 || z.places_after > 0)
                out += "  " + z.name + " : " + fr_num(z.per10k_before, 2) + " → " + fr_num(z.per10k_after, 2) + " (" +
                       fr_num(z.places_before, 0) + " → " + fr_num(z.places_after, 0) + " places, " +
                       fr_num(static_cast<double>(z.population), 0) + " habitants)\n";
    // What each remaining candidate would add to this set.
    std::vector<coverage::Site> others;
    std::vector<std::size_t> other_index;
    for (std::size_t i = 0; i < candidates_.size(); ++i)
        if (std::find(references.begin(), references.end(), candidates_[i].reference) == references.end()) {
            const auto& k = candidates_[i];
            others.push_back({k.reference, k.label, k.commune, k.position, k.places, false});
            other_index.push_back(i);
        }
    if (!others.empty()) {
        out += "Gain de chaque autre candidature ajoutée à cet ensemble :\n";
        for (const auto& g : coverage::marginal_gains(territory_, sites, others, access_km_))
            out += "  " + candidates_[other_index[g.candidate]].reference + " (" + candidates_[other_index[g.candidate]].label + ") : " +
                   people(g.population_brought) + " ramené" + (g.population_brought > 1 ? "s" : "") + " à moins de " +
                   allocation::km_text(access_km_) +
                   (g.baseline ? ", distance moyenne −" + allocation::km_text(g.fall_km()) : ", distance moyenne " + allocation::km_text(g.mean_after)) + "\n";
    }
    auto name_of = [&](const std::string& code) {
        const auto* c = territory_.find(code);
        return c ? c->name : code;
    };
    for (const auto& o : coverage::overlaps(territory_, interventions_))
        out += "Recouvrement " + interventions_[o.a].id + " / " + interventions_[o.b].id + " : " +
               count(static_cast<double>(o.communes.size()), "commune", "communes") + ", " + people(o.population) + " (dont " +
               name_of(o.communes.front()) + ").\n";
    for (const auto& o : coverage::overlaps(territory_, interventions_, zones_))
        out += "Recouvrement " + interventions_[o.a].id + " / zone « " + zones_[o.b].label + " » : " +
               count(static_cast<double>(o.communes.size()), "commune", "communes") + ", " + people(o.population) + ".\n";
    return out;
}

TerritoryStudy::Comparison TerritoryStudy::compare(const std::vector<std::string>& variant) const {
    Comparison c;
    c.ranking = allocation::allocate(rules_, candidates_, territory_, existing_);
    c.ranking_figures = allocation::figures(c.ranking, candidates_, territory_, existing_, access_km_);
    if (!variant.empty()) {
        std::vector<std::size_t> chosen;
        for (const auto& r : variant) {
            auto i = candidate(r);
            if (!i) throw InputError("Variante : dossier « " + r + " » inconnu ou non classé.");
            if (std::find(chosen.begin(), chosen.end(), *i) != chosen.end()) throw InputError("Variante : dossier « " + r + " » cité deux fois.");
            chosen.push_back(*i);
        }
        c.variant = allocation::check_variant(rules_, candidates_, chosen, territory_, existing_);
        c.variant_figures = allocation::figures(*c.variant, candidates_, territory_, existing_, access_km_);
    }
    return c;
}

std::string TerritoryStudy::repartition_text(const std::vector<std::string>& variant) const {
    const auto c = compare(variant);
    std::string out = "Répartition dans l'ordre du classement";
    out += c.variant ? ", et variante du coordonnateur :\n" : " :\n";
    for (std::size_t i = 0; i < candidates_.size(); ++i) {
        const auto& k = candidates_[i];
        const auto& ch = c.ranking.choices[i];
        out += std::to_string(i + 1) + ". " + k.reference + " — " + k.label + " (" + fr_num(k.score, 2) + " points, " +
               count(k.places, "place", "places") + ") : " + (ch.retained ? "retenu" : "écarté — " + ch.reason);
        if (c.variant) {
            const auto& v = c.variant->choices[i];
            out += std::string(" | variante : ") + (v.retained ? "retenu" : "non retenu");
            if (v.retained && v.constraint != allocation::Constraint::None) out += " — à motiver : " + v.reason;
        }
        out += "\n";
    }
    auto figs = [&](const char* title, const allocation::Figures& f) {
        out += std::string(title) + " : " + count(f.places, "place", "places") + ", " + fr_num(f.cost, 0) + fr::kNbsp + "€, distance moyenne " +
               allocation::km_text(f.mean_km) + ", " + people(f.population_beyond) + " au-delà de " +
               allocation::km_text(access_km_) + " (" + pct(f.share_beyond) + "), " + count(static_cast<double>(f.communes_beyond), "commune non couverte", "communes non couvertes") + ".\n";
    };
    figs("Classement", c.ranking_figures);
    if (c.variant_figures) figs("Variante", *c.variant_figures);
    return out;
}

std::string TerritoryStudy::repartition_csv(const std::vector<std::string>& variant) const {
    const auto c = compare(variant);
    std::string out = "dossier;rang;score;places;cout;commune;zone;classement;contrainte;motif";
    if (c.variant) out += ";variante;contrainte_variante";
    out += "\n";
    for (std::size_t i = 0; i < candidates_.size(); ++i) {
        const auto& k = candidates_[i];
        const auto& ch = c.ranking.choices[i];
        out += io::csv_field(k.reference) + ";" + std::to_string(i + 1) + ";" + dot2(k.score) + ";" + dot2(k.places) + ";" + dot2(k.cost) + ";" +
               k.commune + ";" + ch.zone + ";" + (ch.retained ? "retenu" : "ecarte") + ";" +
               io::csv_field(allocation::constraint_label(ch.constraint)) + ";" + io::csv_field(ch.reason);
        if (c.variant) {
            const auto& v = c.variant->choices[i];
            out += std::string(";") + (v.retained ? "retenu" : "non_retenu") + ";" +
                   io::csv_field(v.retained ? allocation::constraint_label(v.constraint) : "");
        }
        out += "\n";
    }
    out += "\nindicateur;classement";
    if (c.variant) out += ";variante";
    out += "\n";
    auto row = [&](const char* name, auto get) {
        out += std::string(name) + ";" + get(c.ranking_figures);
        if (c.variant_figures) out += ";" + get(*c.variant_figures);
        out += "\n";
    };
    row("places", [](const allocation::Figures& f) { return dot2(f.places); });
    row("cout", [](const allocation::Figures& f) { return dot2(f.cost); });
    row("distance_moyenne_km", [](const allocation::Figures& f) { return dot2(f.mean_km); });
    row("population_au_dela", [](const allocation::Figures& f) { return std::to_string(f.population_beyond); });
    row("communes_au_dela", [](const allocation::Figures& f) { return std::to_string(f.communes_beyond); });
    return out;
}

report::MapData TerritoryStudy::map_data(const std::vector<std::string>& references) const {
    const auto sites = sites_with(references);
    const auto s = coverage::summarize(territory_, sites, access_km_);
    report::MapData m;
    std::string deps;
    for (const auto& d : departements_)
        deps += (deps.empty() ? "" : ", ") + (departements_.size() <= 2 ? territory_.departement_names.at(d) : d);
    m.title = session_.campaign().reference + " — " + (departements_.size() <= 2 ? deps : "départements " + deps);
    std::string chosen;
    for (const auto& r : references) chosen += (chosen.empty() ? "" : ", ") + r;
    m.subtitle = "Offre existante : " + count(static_cast<double>(offer_.structures.size()), "structure", "structures") + " (" +
                 count(static_cast<double>(offer_.capacity()), "place", "places") + ")" +
                 (chosen.empty() ? std::string() : " ; choisies : " + chosen) + " ; au-delà de " + allocation::km_text(access_km_) +
                 " : " + people(s.population_beyond) + " (" + pct(s.share_beyond) + ")" +
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
        const bool is_chosen = std::find(references.begin(), references.end(), k.reference) != references.end();
        m.sites.push_back({k.reference, *k.position, is_chosen ? report::MapSite::Kind::Chosen : report::MapSite::Kind::Candidate});
    }
    m.access_km = access_km_;
    m.attribution = io::geo_attribution();
    if (!offer_.origin.empty() && offer_.origin.rfind("FINESS", 0) == 0) m.attribution += " " + offer_.origin;
    return m;
}

void TerritoryStudy::write_map(const std::string& path, const std::vector<std::string>& references) const {
    const auto m = map_data(references);
    const auto ext = std::filesystem::path(path).extension().string();
    if (ext == ".png") report::write_map_png(m, path);
    else if (ext == ".pdf") report::write_map_pdf(m, path);
    else throw InputError("Carte « " + path + " » : extension .png ou .pdf attendue.");
}

std::string TerritoryStudy::offer_text() const {
    std::string out = "Offre existante (" + (offer_.origin.empty() ? std::string("aucune") : offer_.origin) + ") : " +
                      count(static_cast<double>(offer_.structures.size()), "structure", "structures") + ", " +
                      count(static_cast<double>(offer_.capacity()), "place", "places") + ".\n";
    const auto& ref = io::ReferenceData::instance();
    for (const auto& s : offer_.structures) {
        const auto* c = ref.commune(s.commune);
        out += "  " + (s.finess.empty() ? std::string("—") : s.finess) + " " + s.name + " (" + (s.kind.empty() ? s.category : s.kind) +
               ") à " + (c ? c->name : s.commune) + " : " + std::to_string(s.permanent) + " HP, " + std::to_string(s.temporary) + " HT, " +
               std::to_string(s.day_care) + " AJ" + (s.position ? ", coordonnées propres" : "") + "\n";
    }
    for (const auto& z : zones_)
        out += "Zone « " + z.label + " » (" + z.id + ") : " + count(static_cast<double>(z.communes.size()), "commune", "communes") + ".\n";
    return out;
}

io::FinessExtract TerritoryStudy::import_offer(const std::string& extract_path, const std::set<std::string>& categories,
                                               const std::string& actor) {
    require_coordinator(session_, actor);
    io::FinessFilter filter;
    filter.categories = categories;
    filter.departements = {departements_.begin(), departements_.end()};
    auto x = io::read_finess_file(extract_path, filter, io::ReferenceData::instance());   // whole, or nothing
    for (auto& s : x.offer.structures) s.source += " ; " + x.attribution();
    session_.store().put_offer(x.offer, "import de l'extrait FINESS « " + extract_path + " » (" + x.attribution() + ")", actor);
    reload();
    return x;
}

void TerritoryStudy::set_offer_file(const std::string& path, const std::string& actor) {
    require_coordinator(session_, actor);
    const auto offer = io::read_offer_file(path, io::ReferenceData::instance());   // checked before anything is replaced
    session_.store().put_offer(offer, "fichier « " + path + " »", actor);
    reload();
}

std::vector<coverage::Area> TerritoryStudy::check_zones_file(const std::string& path) const {
    return io::read_zones(io::read_file(path), std::filesystem::path(path).filename().string(), io::ReferenceData::instance());
}

void TerritoryStudy::set_zones_file(const std::string& path, const std::string& actor) {
    require_coordinator(session_, actor);
    const std::string name = std::filesystem::path(path).filename().string();
    const auto zones = check_zones_file(path);
    session_.store().put_zones(zones, name, "fichier « " + path + " »", actor);
    reload();
}

allocation::Recorded TerritoryStudy::record_allocation(const std::vector<std::string>& variant, const std::string& reason,
                                                       const std::string& actor) {
    require_coordinator(session_, actor);
    const auto c = compare(variant);
    allocation::Recorded r;
    r.reason = fr::trim(reason);
    r.recorded_by = actor;
    r.recorded_at = utc_now_iso();
    const auto& chosen = c.variant ? *c.variant : c.ranking;
    for (std::size_t i : chosen.retained()) r.retained.push_back(candidates_[i].reference);
    if (c.variant) {
        r.followed = allocation::Followed::Variant;
        // Departing from the ranking order is motivated (as a decision departing
        // from the committee's opinion is); so is a variant breaking a rule.
        std::vector<std::string> in_order;
        for (std::size_t i : c.ranking.retained()) in_order.push_back(candidates_[i].reference);
        std::vector<std::string> breaches;
        for (std::size_t i : c.variant->retained())
            if (c.variant->choices[i].constraint != allocation::Constraint::None)
                breaches.push_back(candidates_[i].reference + " (" + c.variant->choices[i].reason + ")");
        if (r.reason.empty() && (in_order != r.retained || !breaches.empty()))
            throw InputError("La variante s'écarte de la répartition dans l'ordre du classement" +
                             (breaches.empty() ? std::string() : " et d'une règle de l'appel : " + breaches.front()) +
                             " : écrivez le motif (--motif).");
        // A variant equal to the ranking order is the ranking order.
        if (in_order == r.retained && breaches.empty()) r.followed = allocation::Followed::Ranking;
    }
    session_.store().put_allocation(r, actor);
    recorded_ = r;
    return r;
}

void TerritoryStudy::withdraw_allocation(const std::string& actor) {
    require_coordinator(session_, actor);
    session_.store().put_allocation(std::nullopt, actor);
    recorded_.reset();
}

std::string TerritoryStudy::recorded_text() const {
    if (!recorded_) return "Aucune répartition enregistrée : l'avis suivra la proposition du classement.";
    std::string refs;
    for (const auto& r : recorded_->retained) refs += (refs.empty() ? "" : ", ") + r;
    return "Répartition enregistrée : " + std::string(allocation::followed_label(recorded_->followed)) + " — " +
           (refs.empty() ? std::string("aucun dossier retenu") : refs) +
           (recorded_->reason.empty() ? "" : " ; motif : " + recorded_->reason) + " (par " + recorded_->recorded_by + ").";
}

std::optional<report::TerritoryPage> committee_territory(Session& session) {
    TerritoryStudy t(session);
    if (t.territory().communes().empty()) return std::nullopt;
    return t.committee_page();
}

report::TerritoryPage TerritoryStudy::committee_page() const {
    report::TerritoryPage page;
    const bool variant = recorded_ && recorded_->followed == allocation::Followed::Variant;
    const auto c = compare(variant ? recorded_->retained : std::vector<std::string>{});
    std::vector<std::string> ranking_refs;
    for (std::size_t i : c.ranking.retained()) ranking_refs.push_back(candidates_[i].reference);
    const auto& shown = variant ? recorded_->retained : ranking_refs;
    page.map = map_data(shown);
    // Which allocation the stars are, said above the map.
    page.map.subtitle = std::string(variant ? "Variante du coordonnateur enregistrée" : "Répartition dans l'ordre du classement") +
                        " (étoiles). " + page.map.subtitle;
    auto refs = [](const std::vector<std::string>& r) {
        std::string out;
        for (const auto& x : r) out += (out.empty() ? "" : ", ") + x;
        return out.empty() ? std::string("aucun dossier") : out;
    };
    auto& out = page.figures;
    out.push_back("Offre existante : " + count(static_cast<double>(offer_.structures.size()), "structure", "structures") + ", " +
                  count(static_cast<double>(offer_.capacity()), "place", "places") + " (" + (offer_.origin.empty() ? "aucune" : offer_.origin) +
                  ") ; distance d'accès : " + allocation::km_text(access_km_) + " (campagne.distance_acces).");
    const auto before = summary({});
    if (before.sites_located == 0) out.push_back("Sans nouveau site : aucun site localisé, toute la population est au-delà de la distance d'accès.");
    else out.push_back("Sans nouveau site : distance moyenne " + allocation::km_text(before.mean_km) + ", " + people(before.population_beyond) +
                       " au-delà de " + allocation::km_text(access_km_) + " (" + pct(before.share_beyond) + ").");
    auto figs = [&](const std::string& title, const std::vector<std::string>& chosen, const allocation::Figures& f) {
        out.push_back(title + " (" + refs(chosen) + ") : " + count(f.places, "place", "places") + ", " + fr_num(f.cost, 0) + fr::kNbsp +
                      "€, distance moyenne " + allocation::km_text(f.mean_km) + ", " + people(f.population_beyond) + " au-delà de " +
                      allocation::km_text(access_km_) + " (" + pct(f.share_beyond) + "), " +
                      count(static_cast<double>(f.communes_beyond), "commune non couverte", "communes non couvertes") + ".");
        const auto sites = sites_with(chosen);
        for (const auto kind : {coverage::ZoneKind::Departement, coverage::ZoneKind::Epci})
            for (const auto& z : coverage::densities(territory_, existing_, sites, kind))
                // A département or EPCI the set leaves without any place says nothing.
                if (z.places_after > 0 && (kind == coverage::ZoneKind::Departement || z.places_after != z.places_before))
                    out.push_back("  " + title + ", places pour 10 000 habitants, " + z.name + " : " + fr_num(z.per10k_before, 2) +
                                  " avant, " + fr_num(z.per10k_after, 2) + " après (" + fr_num(z.places_before, 0) + " puis " +
                                  count(z.places_after, "place", "places") + ", " + fr_num(static_cast<double>(z.population), 0) + " habitants).");
    };
    figs("Répartition dans l'ordre du classement", ranking_refs, c.ranking_figures);
    if (variant && c.variant_figures)
        figs("Variante du coordonnateur", recorded_->retained, *c.variant_figures);
    out.push_back(recorded_ ? recorded_text() : "Aucune répartition enregistrée par le coordonnateur : la carte montre la répartition dans l'ordre du classement.");
    return page;
}

}  // namespace cotation
