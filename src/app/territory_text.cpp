// The territory's outputs: summaries (text and the CSV fixed for scripts),
// the allocation side by side, the offer, the recorded allocation and the
// committee file's territory page.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "core/enums.h"
#include "core/error.h"
#include "core/french.h"
#include "io/csv.h"
#include "io/reference_data.h"
#include "territory.h"
#include "territory_format.h"

namespace cotation {

using namespace territory_format;

namespace {
// A change of distance, signed (« −0,6 km », « +1,2 km »; a nil change is « −0,0 km »).
// A change that rounds to nothing has no sign (trial 1011b: « −0,0 km »).
std::string signed_km(double delta) {
    if (std::fabs(delta) < 0.05) return allocation::km_text(0);
    return (delta > 0 ? "+" : "\u2212") + allocation::km_text(std::fabs(delta));
}
}  // namespace

std::string TerritoryStudy::summary_csv(const std::vector<std::string>& references, const std::string& set) const {
    const auto sites = sites_with(references);
    const auto s = coverage::summarize(territory_, sites, access_km_);
    std::string out = "indicateur;valeur\n";
    auto row = [&](const std::string& k, const std::string& v) { out += k + ";" + v + "\n"; };
    std::string deps = fr::join(departements_, " ");
    row("departements", deps);
    row("communes", std::to_string(territory_.communes().size()));
    row("population", std::to_string(s.population + s.population_without_point));
    row("population_sans_point", std::to_string(s.population_without_point));
    row("sites_existants", std::to_string(existing_.size()));
    row("places_existantes", std::to_string(offer_.capacity()));
    row("sites_candidats", std::to_string(sites.size() - existing_.size()));
    row("sites_non_localises", std::to_string(unlocated_.size()));
    row("distance_acces_km", dot2(access_km_));
    // No site located: no distance, not 0 km (trial 1011b F15: a script read « everyone at 0 km »).
    row("distance_moyenne_km", s.sites_located ? dot2(s.mean_km) : "");
    row("population_au_dela", std::to_string(s.population_beyond));
    row("part_population_au_dela", dot4(s.share_beyond));
    row("communes_au_dela", std::to_string(s.communes_beyond.size()));
    std::size_t entirely = 0;
    for (const auto& z : s.epci) entirely += z.entirely() ? 1 : 0;
    row("epci_entierement_au_dela", std::to_string(entirely));
    // Both measures for calls whose teams go to people's homes (see served()).
    const auto v = served(references, s);
    row("population_territoires_intervention", std::to_string(v.population));
    row("population_au_dela_hors_territoires", std::to_string(v.beyond_outside));
    if (!set.empty()) row("ensemble", set);
    return out;
}

TerritoryStudy::Served TerritoryStudy::served(const std::vector<std::string>& references, const coverage::Summary& s) const {
    Served out;
    std::set<std::string> declared;
    for (const auto& r : references)
        if (auto i = candidate(reference_of(r)); i && !interventions_[*i].communes.empty()) {
            out.any = true;
            declared.insert(interventions_[*i].communes.begin(), interventions_[*i].communes.end());
        }
    const auto& cs = territory_.communes();
    for (std::size_t i = 0; i < cs.size(); ++i) {
        const bool in = declared.count(cs[i].code) > 0;
        if (in) ++out.communes, out.population += cs[i].population;
        if (!in && cs[i].point && (s.communes[i].site < 0 || s.communes[i].km > access_km_))
            out.beyond_outside += cs[i].population, ++out.communes_beyond_outside;
    }
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
               (d.site >= 0 ? dot2(d.km) : "") + ";" +
               (d.site >= 0 ? io::csv_field(sites[static_cast<std::size_t>(d.site)].id) : "") + "\n";
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
           " habitants (population municipale, COG 2026 ; aucune répartition par âge n'est livrée).\n";
    if (!territory_origin_.empty()) out += "  (" + territory_origin_ + ")\n";
    if (s.population_without_point)
        out += "Population sans point (communes d'outre-mer hors DROM), exclue des distances : " +
               fr_num(static_cast<double>(s.population_without_point), 0) + " habitants.\n";
    out += "Offre existante : " + offer_phrase() +
           (offer_.structures.empty() ? " (cotation offre " + session_.path() + " --fichier OFFRE.csv, ou --import EXTRAIT.csv)"
                                      : "") +
           ".\n";
    if (!references.empty()) {
        std::vector<std::string> shown;
        for (const auto& item : references)
            shown.push_back(item.find('=') == std::string::npos
                                ? item
                                : reference_of(item) + " (attribution partielle : " + item.substr(item.find('=') + 1) + " " +
                                      rules_.unit_many + ")");
        out += "Candidatures ajoutées : " + fr::join(shown) + ".\n";
    }
    for (const auto& u : unlocated_) out += "Site non localisé (sans point ni coordonnées) : " + u + ".\n";
    out += "Distance d'accès : " + allocation::km_text(access_km_) + ".\n";
    if (s.sites_located == 0) out += "Aucun site localisé : toute la population est au-delà de la distance d'accès.\n";
    else
        out += "Distance moyenne au site le plus proche (pondérée par la population) : " + allocation::km_text(s.mean_km) + ".\n";
    out += "Population au-delà de " + allocation::km_text(access_km_) + " : " + people(s.population_beyond) + " (" +
           pct(s.share_beyond) + "), " + count(static_cast<double>(s.communes_beyond.size()), "commune", "communes") + ".\n";
    if (const auto v = served(references, s); v.any)
        out += "Territoires d'intervention déclarés des candidatures ajoutées (intervention au domicile) : " +
               count(static_cast<double>(v.communes), "commune", "communes") + ", " + people(v.population) +
               " ; comptés desservis, la population au-delà de " + allocation::km_text(access_km_) + " n'est plus que de " +
               people(v.beyond_outside) + " (" + count(static_cast<double>(v.communes_beyond_outside), "commune", "communes") +
               ").\n";
    for (std::size_t k = 0; k < std::min<std::size_t>(10, s.communes_beyond.size()); ++k) {
        const auto i = s.communes_beyond[k];
        out += "  " + cs[i].name + " (" + cs[i].code + ") : " +
               (s.communes[i].site >= 0
                    ? allocation::km_text(s.communes[i].km) + " de " + sites[static_cast<std::size_t>(s.communes[i].site)].label
                    : std::string("aucun site")) +
               "\n";
    }
    if (s.communes_beyond.size() > 10)
        out += "  … et " + fr_num(static_cast<double>(s.communes_beyond.size() - 10), 0) + " autres.\n";
    // Listed like the communes: the ten most populated, then how many more.
    std::vector<const coverage::ZoneBeyond*> whole;
    for (const auto& z : s.epci)
        if (z.entirely()) whole.push_back(&z);
    if (!whole.empty()) out += "EPCI entièrement au-delà : " + count(static_cast<double>(whole.size()), "EPCI", "EPCI") + ".\n";
    for (std::size_t k = 0; k < std::min<std::size_t>(10, whole.size()); ++k)
        out += "  " + whole[k]->name + " (" + people(whole[k]->population) + ")\n";
    if (whole.size() > 10) out += "  … et " + fr_num(static_cast<double>(whole.size() - 10), 0) + " autres.\n";
    std::vector<coverage::Site> chosen(sites.begin() + static_cast<std::ptrdiff_t>(existing_.size()), sites.end());
    // Two decimals always, so that the columns read side by side; the
    // heading only when a zone has places.
    std::string rates;
    for (const auto kind : {coverage::ZoneKind::Departement, coverage::ZoneKind::Epci})
        for (const auto& z : coverage::densities(territory_, existing_, sites, kind))
            // Every département of the call, even without a place (a regional
            // call spreads its places over them); EPCI only where there are places.
            if (kind == coverage::ZoneKind::Departement || z.places_before > 0 || z.places_after > 0)
                rates += "  " + z.name + " : " + fr_fixed(z.per10k_before, 2) + " → " + fr_fixed(z.per10k_after, 2) + " (" +
                         fr_num(z.places_before, 0) + " → " + count(z.places_after, rules_.unit_one, rules_.unit_many) + ", " +
                         people(z.population) + ")\n";
    if (rules_.per_dossier)
        out += "Taux pour 10 000 habitants : sans objet, l'appel retient des " + rules_.unit_many +
               " (chaque dossier retenu compte pour 1), non des places.\n";
    else if (!rates.empty()) {
        std::string unit = rules_.unit_many;
        if (!unit.empty()) unit[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(unit[0])));
        out += unit + " pour 10 000 habitants (population municipale), avant → après :\n" + rates;
    }
    // What each remaining candidate would add to this set.
    std::vector<coverage::Site> others;
    std::vector<std::size_t> other_index;
    for (std::size_t i = 0; i < candidates_.size(); ++i)
        if (std::none_of(references.begin(), references.end(),
                         [&](const std::string& item) { return reference_of(item) == candidates_[i].reference; })) {
            const auto& k = candidates_[i];
            others.push_back({k.reference, k.label, k.commune, k.position, k.places, false});
            other_index.push_back(i);
        }
    if (!others.empty()) {
        out += "Gain de chaque autre candidature ajoutée à cet ensemble :\n";
        for (const auto& g : coverage::marginal_gains(territory_, sites, others, access_km_))
            out += "  " + candidates_[other_index[g.candidate]].reference + " (" + candidates_[other_index[g.candidate]].label +
                   ") : " + people(g.population_brought) + " ramené" + (g.population_brought > 1 ? "s" : "") + " à moins de " +
                   allocation::km_text(access_km_) +
                   // The fall of the mean distance, signed; with no site
                   // before there is no mean to fall from: said so.
                   (g.baseline ? ", distance moyenne " + signed_km(-g.fall_km())
                               : ", distance moyenne " + allocation::km_text(g.mean_after) + " (aucun site auparavant)") +
                   "\n";
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
        out += "Recouvrement " + interventions_[o.a].id + " / zone " + fr::in_quotes(zones_[o.b].label) + " : " +
               count(static_cast<double>(o.communes.size()), "commune", "communes") + ", " + people(o.population) + ".\n";
    return out;
}

std::string TerritoryStudy::repartition_text(const std::vector<std::string>& variant) const {
    const auto c = compare(variant);
    const auto zone_overlaps = coverage::overlaps(territory_, interventions_, zones_);
    std::string out = "Répartition dans l'ordre du classement";
    out += c.variant ? ", et variante du coordonnateur :\n" : " :\n";
    for (std::size_t i = 0; i < candidates_.size(); ++i) {
        const auto& k = candidates_[i];
        const auto& ch = c.ranking.choices[i];
        out +=
            std::to_string(i + 1) + ". " + k.reference + " — " + k.label + " (" + fr_num(k.score, 2) + " points, " +
            count(k.places, rules_.unit_one, rules_.unit_many) + ") : " +
            (ch.retained ? "retenu" +
                               (ch.partial ? " pour " + count(ch.granted, rules_.unit_one, rules_.unit_many) + " — " + ch.motive
                                           : std::string()) +
                               (ch.reason.empty() ? std::string() : " — " + ch.reason)
                         : "écarté — " + ch.reason);
        if (c.variant) {
            const auto& v = c.variant->choices[i];
            out += std::string(" | variante : ") + (v.retained ? "retenu" : "non retenu") +
                   (v.retained && v.partial ? " pour " + count(v.granted, rules_.unit_one, rules_.unit_many) : "");
            // A rule of the call is not motivated away: recording refuses it (trial 1011E F7).
            if (v.retained && v.constraint != allocation::Constraint::None)
                out += (rules_.status_of(v.constraint).call() ? " — refusée à l'enregistrement, règle de l'appel : "
                                                              : " — à motiver : ") +
                       v.reason;
        }
        out += "\n";
        // A zone entered for the campaign (an existing DRAD zone of a CRT
        // call) that the candidate's territory overlaps is said on its line.
        // Retained there, the overlap is the coordinator's to motivate when
        // recording (no duplicate of an existing zone: reason_needed()).
        const bool retained = ch.retained || (c.variant && c.variant->choices[i].retained);
        for (const auto& o : zone_overlaps)
            if (o.a == i)
                out += "   recouvre la zone " + fr::in_quotes(zones_[o.b].label) + " : " +
                       count(static_cast<double>(o.communes.size()), "commune", "communes") + ", " + people(o.population) +
                       (retained ? " — à motiver à l'enregistrement (pas de doublon avec une zone existante)" : "") + ".\n";
    }
    auto figs = [&](const char* title, const allocation::Figures& f) {
        out += std::string(title) + " : " + count(f.places, rules_.unit_one, rules_.unit_many) + ", " + euros(f.cost) +
               ", distance moyenne " + allocation::km_text(f.mean_km) + ", " + people(f.population_beyond) + " au-delà de " +
               allocation::km_text(access_km_) + " (" + pct(f.share_beyond) + "), " +
               count(static_cast<double>(f.communes_beyond), "commune non couverte", "communes non couvertes") + ".\n";
    };
    out += waiting_text();
    figs("Classement", c.ranking_figures);
    if (c.variant_figures) figs("Variante", *c.variant_figures);
    return out + proposal_warning();
}

std::string TerritoryStudy::waiting_text() const {
    std::string out;
    if (!unrated_.empty()) {
        std::string refs = fr::join(unrated_);
        out += "En attente de notes, hors répartition : " + refs +
               " (chaque instructeur affecté note puis soumet : cotation rate, cotation submit).\n";
    }
    if (!awaiting_.empty()) {
        out += "En attente d'arbitrage du coordonnateur, hors répartition (" +
               count(static_cast<double>(awaiting_.size()), "dossier", "dossiers") + ") :\n";
        for (const auto& a : awaiting_) out += "  " + a.reference + " : critères signalés " + a.criteria + "\n";
        out +=
            "Pour chaque critère signalé (écart de 2 points ou plus entre évaluateurs, ou note 0), le coordonnateur fixe la note "
            ": "
            "cotation consolidate " +
            session_.path() +
            " --dossier RÉF --critere ID --note N --motif TEXTE ; le dossier entre alors dans le classement et dans la "
            "répartition.\n";
    }
    return out;
}

std::string TerritoryStudy::proposal_warning() const {
    // Under territorial rules the committee votes on the ranking order under
    // them (Session::committee_proposal): nothing departs from them to warn of.
    if (recorded_ || allocation::territorial(rules_)) return "";
    const auto c = compare({});
    std::vector<std::string> by_rules;
    for (std::size_t i : c.ranking.retained()) by_rules.push_back(candidates_[i].reference);
    if (by_rules == proposed_) return "";
    auto join = [](const std::vector<std::string>& v) {
        std::string out = fr::join(v);
        return out.empty() ? std::string("aucun dossier") : out;
    };
    std::string out =
        "Attention : aucune répartition enregistrée, l'avis de la commission suivra la proposition du classement (" +
        join(proposed_) + "), qui n'est pas la répartition sous les règles territoriales de l'appel (" + join(by_rules) + ")";
    for (const auto& ref : proposed_)
        if (auto i = candidate(ref); i && !c.ranking.choices[*i].retained)
            out += std::string(" ; ") + ref + " y est écarté (" + enum_label(c.ranking.choices[*i].constraint) + ")";
    return out + ". Enregistrez la répartition suivie (cotation repartition " + session_.path() +
           " --enregistrer) pour que l'avis la suive.\n";
}

std::string TerritoryStudy::repartition_csv(const std::vector<std::string>& variant) const {
    const auto c = compare(variant);
    // The places and cost granted come last (trial 1011E F2: a partial grant was
    // read as the whole request), so that the earlier columns keep their places.
    std::string out = "dossier;rang;score;places;cout;commune;zone;classement;contrainte;motif";
    if (c.variant) out += ";variante;contrainte_variante";
    out += ";places_accordees;cout_accorde";
    // A variant's partial grant says why in its own last column (trial 1011F N9).
    if (c.variant) out += ";places_variante;cout_variante;motif_variante";
    out += "\n";
    auto granted = [](const allocation::Choice& x) {
        return x.retained ? dot2(x.granted) + ";" + dot2(x.cost) : std::string(";");
    };
    for (std::size_t i = 0; i < candidates_.size(); ++i) {
        const auto& k = candidates_[i];
        const auto& ch = c.ranking.choices[i];
        out += io::csv_field(k.reference) + ";" + std::to_string(i + 1) + ";" + dot2(k.score) + ";" + dot2(k.places) + ";" +
               dot2(allocation::allowed_cost(rules_, k)) + ";" + k.commune + ";" + ch.zone + ";" +
               (ch.retained ? "retenu" : "ecarte") + ";" +
               io::csv_field(enum_label(ch.constraint)) + ";" + io::csv_field(ch.retained && ch.partial ? ch.motive : ch.reason);
        if (c.variant) {
            const auto& v = c.variant->choices[i];
            out += std::string(";") + (v.retained ? "retenu" : "non_retenu") + ";" +
                   io::csv_field(v.retained ? enum_label(v.constraint) : "");
        }
        out += ";" + granted(ch);
        if (c.variant) {
            const auto& v = c.variant->choices[i];
            std::string why = v.retained && v.partial ? v.motive : "";
            if (v.retained && !v.reason.empty()) why += (why.empty() ? "" : " ") + v.reason;
            out += ";" + granted(v) + ";" + io::csv_field(why);
        }
        out += "\n";
    }
    return out;
}

std::string TerritoryStudy::repartition_figures_csv(const std::vector<std::string>& variant) const {
    const auto c = compare(variant);
    std::string out = "indicateur;classement";
    if (c.variant) out += ";variante";
    out += "\n";
    auto row = [&](const char* name, auto get) {
        out += std::string(name) + ";" + get(c.ranking_figures);
        if (c.variant_figures) out += ";" + get(*c.variant_figures);
        out += "\n";
    };
    row("places", [](const allocation::Figures& f) { return dot2(f.places); });
    row("cout", [](const allocation::Figures& f) { return dot2(f.cost); });
    row("distance_moyenne_km", [](const allocation::Figures& f) { return f.sites_located ? dot2(f.mean_km) : ""; });
    row("population_au_dela", [](const allocation::Figures& f) { return std::to_string(f.population_beyond); });
    row("communes_au_dela", [](const allocation::Figures& f) { return std::to_string(f.communes_beyond); });
    return out;
}

std::string TerritoryStudy::offer_text() const {
    std::string out = "Offre existante (" + (offer_.origin.empty() ? std::string("aucune") : offer_.origin) +
                      ") : " + count(static_cast<double>(offer_.structures.size()), "structure", "structures") + ", " +
                      offer_capacity() + ".\n";
    const auto& ref = io::ReferenceData::instance();
    for (const auto& s : offer_.structures) {
        const auto* c = ref.commune(s.commune);
        out += "  " + (s.finess.empty() ? std::string("—") : s.finess) + " " + s.name + " (" +
               (s.kind.empty() ? s.category : s.kind) + ") à " + (c ? c->name : s.commune) + " : " + std::to_string(s.permanent) +
               " HP, " + std::to_string(s.temporary) + " HT, " + std::to_string(s.day_care) + " AJ" +
               (s.position ? ", coordonnées propres" : "") + "\n";
    }
    for (const auto& z : zones_)
        out += "Zone " + fr::in_quotes(z.label) + " (" + z.id +
               ") : " + count(static_cast<double>(z.communes.size()), "commune", "communes") + ".\n";
    return out;
}

std::string TerritoryStudy::offer_phrase() const {
    if (offer_.structures.empty()) return "aucune structure saisie";
    return count(static_cast<double>(offer_.structures.size()), "structure", "structures") + ", " + offer_capacity() +
           (offer_.origin.empty() ? "" : " (" + offer_.origin + ")");
}

std::string TerritoryStudy::offer_capacity() const {
    // In the call's unit (« 179 lits » for the UPHV call, whose text counts
    // beds); a call counting missions keeps « places » for its structures.
    const bool own = !rules_.per_dossier;
    return count(static_cast<double>(offer_.capacity()), own ? rules_.unit_one : "place", own ? rules_.unit_many : "places");
}

std::string TerritoryStudy::recorded_text(bool with_rules) const {
    // Each rule with its status: a proposal never reads as the call's (trial 1011B F2).
    std::string rules;
    if (with_rules)
        for (const auto& l : allocation::rule_lines(rules_))
            rules += "\n  – " + l;
    if (!rules.empty()) rules = "\nRègles de répartition :" + rules;
    if (!recorded_)
        return (allocation::territorial(rules_)
                    ? "Aucune répartition enregistrée : la commission vote sur la répartition dans l'ordre du classement sous "
                      "les règles de répartition ci-dessous, de l'appel ou proposées (chacune dit laquelle)."
                    : "Aucune répartition enregistrée : l'avis suivra la proposition du classement.") +
               rules;
    std::vector<std::string> shown;
    for (const auto& ref : recorded_->retained) {
        auto g = recorded_->granted.find(ref);
        shown.push_back(g == recorded_->granted.end()
                            ? ref
                            : ref + " (pour " + count(g->second, rules_.unit_one, rules_.unit_many) + ", attribution partielle)");
    }
    std::string refs = fr::join(shown);
    return "Répartition enregistrée : " + std::string(enum_label(recorded_->followed)) + " — " +
           (refs.empty() ? std::string("aucun dossier retenu") : refs) +
           (recorded_->reason.empty() ? "" : " ; motif : " + recorded_->reason) + " (par " + recorded_->recorded_by + ")." +
           rules;
}

std::optional<report::TerritoryPage> committee_territory(Session& session) {
    TerritoryStudy t(session);
    if (t.territory().communes().empty()) return std::nullopt;
    return t.committee_page();
}

std::vector<std::string> TerritoryStudy::recorded_variant() const {
    std::vector<std::string> out;
    if (!recorded_) return out;
    for (const auto& ref : recorded_->retained) {
        const auto g = recorded_->granted.find(ref);
        out.push_back(g == recorded_->granted.end() ? ref : ref + "=" + fr_num(g->second, 0));
    }
    return out;
}

report::TerritoryPage TerritoryStudy::committee_page() const {
    report::TerritoryPage page;
    // After a séance that kept its allocation, when another one was recorded
    // since: the map and figures are the allocation the committee voted on
    // (its opinions and partial grants), the later one said apart (trial 1011E F3).
    std::vector<std::string> as_voted, voted_refs;
    const auto& seance = session_.meeting();
    const bool frozen = seance && !seance->votes.empty() && seance->allocation_kept && !session_.allocation_since_vote().empty();
    if (frozen)
        for (const auto& e : seance->voted)
            if (e.opinion == DecisionKind::Retained && candidate(e.reference)) {
                voted_refs.push_back(e.reference);
                const auto n = Rational::from_canonical(e.places);
                as_voted.push_back(n && allocation::partial_allowed(rules_) ? e.reference + "=" + e.places : e.reference);
            }
    const bool variant = frozen || (recorded_ && recorded_->followed == allocation::Followed::Variant);
    // Its partial grants counted as granted, not as the whole request (trial 1011E F1).
    const auto c = compare(frozen ? as_voted : variant ? recorded_variant() : std::vector<std::string>{});
    std::vector<std::string> ranking_refs;
    for (std::size_t i : c.ranking.retained()) ranking_refs.push_back(candidates_[i].reference);
    const auto& shown = frozen ? voted_refs : variant ? recorded_->retained : ranking_refs;
    page.map = map_data(shown);
    // Which allocation the stars are, said above the map.
    const std::string voted_title = frozen ? "Répartition votée par la commission le " + seance->date.french_numeric() : "";
    page.map.subtitle = (frozen    ? voted_title
                         : variant ? std::string("Variante du coordonnateur enregistrée")
                                   : std::string("Répartition dans l'ordre du classement")) +
                        " (étoiles). " + page.map.subtitle;
    auto refs = [](const std::vector<std::string>& r) {
        std::string out = fr::join(r);
        return out.empty() ? std::string("aucun dossier") : out;
    };
    auto& out = page.figures;
    out.push_back("Offre existante : " + offer_phrase() + " ; distance d'accès : " + allocation::km_text(access_km_) +
                  " (campagne.distance_acces).");
    const auto before = summary({});
    if (before.sites_located == 0)
        out.push_back("Sans nouveau site : aucun site localisé, toute la population est au-delà de la distance d'accès.");
    else
        out.push_back("Sans nouveau site : distance moyenne " + allocation::km_text(before.mean_km) + ", " +
                      people(before.population_beyond) + " au-delà de " + allocation::km_text(access_km_) + " (" +
                      pct(before.share_beyond) + ").");
    auto figs = [&](const std::string& title, const std::vector<std::string>& chosen, const allocation::Allocation& a,
                    const allocation::Figures& f) {
        out.push_back(title + " (" + refs(chosen) + ") : " + count(f.places, rules_.unit_one, rules_.unit_many) + ", " +
                      euros(f.cost) + ", distance moyenne " + allocation::km_text(f.mean_km) + ", " +
                      people(f.population_beyond) + " au-delà de " + allocation::km_text(access_km_) + " (" +
                      pct(f.share_beyond) + "), " +
                      count(static_cast<double>(f.communes_beyond), "commune non couverte", "communes non couvertes") + ".");
        const auto sites = sites_of(a);   // the places granted, as the figures above count them
        if (rules_.per_dossier) return;   // missions, not places: no rate per inhabitant
        for (const auto kind : {coverage::ZoneKind::Departement, coverage::ZoneKind::Epci})
            for (const auto& z : coverage::densities(territory_, existing_, sites, kind))
                // A département or EPCI the set leaves without any place says nothing.
                // Every département of the call, even at 0 (a new user's trial
                // missed the Var); an EPCI only where the set changes its places.
                if (kind == coverage::ZoneKind::Departement || (z.places_after > 0 && z.places_after != z.places_before))
                    out.push_back("  " + title + ", " + rules_.unit_many + " pour 10 000 habitants (population municipale), " +
                                  z.name + " : " + fr_fixed(z.per10k_before, 2) + " avant, " + fr_fixed(z.per10k_after, 2) +
                                  " après (" + fr_num(z.places_before, 0) + " puis " +
                                  count(z.places_after, rules_.unit_one, rules_.unit_many) + ", " + people(z.population) + ").");
    };
    // Each ranked candidate overlapping a zone entered for the campaign (an
    // existing DRAD zone of a CRT call: no duplicate, §1.4), retained or not:
    // the committee weighs it (a new user's trial found it in no document).
    for (const auto& o : coverage::overlaps(territory_, interventions_, zones_))
        out.push_back("Recouvrement " + candidates_[o.a].reference + " / zone " +
                      fr::in_quotes(zones_[o.b].label.empty() ? zones_[o.b].id : zones_[o.b].label) + " : " +
                      count(static_cast<double>(o.communes.size()), "commune", "communes") + ", " + people(o.population) + ".");
    figs("Répartition dans l'ordre du classement", ranking_refs, c.ranking, c.ranking_figures);
    if (variant && c.variant_figures)
        figs(frozen ? voted_title : "Variante du coordonnateur", frozen ? voted_refs : recorded_->retained, *c.variant,
             *c.variant_figures);
    if (frozen) out.push_back("Modifié après la séance : " + session_.allocation_since_vote());
    out.push_back(
        recorded_
            ? recorded_text(false)
            : "Aucune répartition enregistrée par le coordonnateur : la carte montre la répartition dans l'ordre du classement.");
    // Each rule with its status (trial 1011B F2): a proposal never reads as the call's.
    // After a vote, as voted; today's that differ, apart (trial 1011C F2).
    const auto today = allocation::rule_lines(rules_);
    const auto& m = session_.meeting();
    const bool voted = m && !m->voted.empty() && !m->voted_rules.empty();
    for (const auto& l : voted ? m->voted_rules : today) out.push_back("Règle de répartition : " + l + ".");
    if (voted)
        for (const auto& l : today)
            if (std::find(m->voted_rules.begin(), m->voted_rules.end(), l) == m->voted_rules.end())
                out.push_back("Modifié après la séance du " + m->date.french_numeric() +
                              " (la commission a voté sur la règle ci-dessus) : " + l + ".");
    if (const std::string w = proposal_warning(); !w.empty()) out.push_back(w.substr(0, w.size() - 1));
    return page;
}

}  // namespace cotation
