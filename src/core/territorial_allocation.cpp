#include "territorial_allocation.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "enums.h"
#include "french.h"
#include "french_decimal.h"

namespace cotation::allocation {
namespace {

std::string num(double v) {
    std::string s = fr::one_decimal(v);   // whole numbers as such, else one decimal
    // Thousands separated by a no-break space.
    const auto comma = s.find(',');
    std::size_t int_end = comma == std::string::npos ? s.size() : comma;
    const std::size_t first = s[0] == '-' ? 1 : 0;
    for (std::ptrdiff_t i = static_cast<std::ptrdiff_t>(int_end) - 3; i > static_cast<std::ptrdiff_t>(first); i -= 3)
        s.insert(static_cast<std::size_t>(i), fr::kNbsp);
    return s;
}

// n in units where the call has units, else in the call's own unit (French
// plural from 2). Sentences using it need no agreement (lit is masculine,
// place and mission feminine).
std::string count_text(const Rules& r, double n) {
    const bool units = r.unit_places && *r.unit_places > 0;
    return num(n) + " " + (units ? (n >= 2 ? "unités" : "unité") : (n >= 2 ? r.unit_many : r.unit_one));
}
// Amounts to the cent (« 1 199 999,50 € »), whole euros without decimals.
std::string euros(double v) { return fr::amount(Rational(static_cast<std::int64_t>(std::llround(v * 100)), 100)); }
std::string capacity_text(const Rules& r, double n) { return num(n) + " " + (n >= 2 ? r.unit_many : r.unit_one); }

double in_units(const Rules& r, double places) {
    return r.unit_places && *r.unit_places > 0 ? places / *r.unit_places : places;
}

bool per_unit(const Rules& r) { return r.unit_places && *r.unit_places > 0; }

// A rule's reason with its status. Set aside in the ranking order by a
// proposal: « écarté par une proposition de répartition, non par l'appel ».
std::string with_status(std::string why, const RuleStatus& s, bool set_aside) {
    if (!why.empty() && why.back() == '.') why.pop_back();
    if (s.call()) return why + " — " + status_label(s) + ".";
    if (set_aside) return why + " — écarté par une proposition de répartition, non par l'appel (" + status_label(s) + ").";
    return why + " — " + status_label(s) + ", non une règle de l'appel.";
}

std::string zone_name(const Rules& r, const coverage::Territory& t, const std::string& code) {
    if (r.zone == ZoneKind::Epci) {
        auto it = t.epci_names.find(code);
        return it == t.epci_names.end() ? code : it->second;
    }
    if (r.zone == ZoneKind::Departement) {
        auto it = t.departement_names.find(code);
        return it == t.departement_names.end() ? code : it->second + " (" + code + ")";
    }
    return code;
}

struct State {
    const Rules& r;
    const coverage::Territory& t;
    const std::vector<coverage::Site>& existing;
    const std::vector<Candidate>& c;
    double places = 0, cost = 0;
    std::map<std::string, double> zone_units;
    std::vector<std::size_t> chosen;

    // The first rule a candidate breaks given what is already chosen; with
    // `every`, all the rules it breaks (a coordinator's variant: the motive
    // written must answer each), their reasons one after the other. Each
    // reason ends with its rule's status: a dossier the ranking order sets
    // aside by a proposal says so, never as by the call.
    // `share`: the places a coordinator's variant grants (part of the request).
    Choice check(std::size_t i, bool every = false, std::optional<double> share = std::nullopt) const {
        const Candidate& k = c[i];
        Choice ch{i, true, Constraint::None, "", zone_of(r, t, k.commune)};
        // Returns true when the check stops at this rule.
        auto refuse = [&](Constraint what, const std::string& why) {
            if (ch.retained) ch.retained = false, ch.constraint = what;
            ch.reason += (ch.reason.empty() ? "" : " ") + with_status(why, r.status_of(what), !every);
            return !every;
        };
        double already_zone = 0;
        const bool quota = r.zone != ZoneKind::None && r.max_units_per_zone && !ch.zone.empty();
        if (quota)
            if (auto it = zone_units.find(ch.zone); it != zone_units.end()) already_zone = it->second;
        // The places this candidate may take: all it asks, or (a partial
        // grant, the ranking order only) the whole places left by the
        // capacity, the envelope and its zone's quota, the tightest named.
        double want = share ? *share : k.places;
        if (!every && r.partial_grant && !per_unit(r) && !r.per_dossier && k.places > 0) {
            double room = k.places;
            Constraint tightest = Constraint::None;
            auto limit = [&](double left, Constraint what) {
                if (left < room) room = left, tightest = what;
            };
            if (r.capacity) limit(*r.capacity - places, Constraint::Capacity);
            if (const double whole = allowed_cost(r, k); r.envelope && whole > 0)
                limit((*r.envelope - cost) / (whole / k.places), Constraint::Envelope);
            if (quota) limit(*r.max_units_per_zone - already_zone, Constraint::ZoneQuota);
            room = std::floor(room + 1e-9);
            if (room >= 1 && room < k.places) {
                want = room, ch.partial = true;
                ch.motive = "Attribution partielle : " + capacity_text(r, want) + " sur une demande de " + num(k.places) + ", " +
                            remainder_text(tightest) + " — " + status_label(r.status_of(tightest)) + ".";
            }
        }
        const double want_cost = allowed_cost(r, k, want);
        ch.granted = want, ch.cost = want_cost;
        if (r.min_score && k.score < *r.min_score &&
            refuse(Constraint::MinScore,
                   "Score de " + num(k.score) + " points, sous le minimum de " + num(*r.min_score) + " points."))
            return ch;
        if (r.capacity && places + want > *r.capacity + 1e-9 &&
            refuse(Constraint::Capacity, "Capacité de l'appel atteinte : déjà " + capacity_text(r, places) + " sur " +
                                             num(*r.capacity) + ", ce dossier en demande " + num(k.places) + "."))
            return ch;
        if (r.envelope && cost + want_cost > *r.envelope + 1e-6 &&
            refuse(Constraint::Envelope, "Enveloppe dépassée : " + euros(cost) + " engagés sur " + euros(*r.envelope) +
                                             ", ce dossier " + cost_text(k, want_cost) + "."))
            return ch;
        if (quota && already_zone + in_units(r, want) > *r.max_units_per_zone + 1e-9 &&
            refuse(Constraint::ZoneQuota, "Équilibre territorial : déjà " + count_text(r, already_zone) + " dans « " +
                                              zone_name(r, t, ch.zone) + " » (" + enum_label(r.zone) + "), au plus " +
                                              count_text(r, *r.max_units_per_zone) + " par zone."))
            return ch;
        // Groups the authority declared may leave communes out: the rule
        // does not apply there, and a retained dossier says so (its reason,
        // though retained), since a balance by groups supposes them all drawn.
        if (r.zone == ZoneKind::Groups && r.max_units_per_zone && ch.zone.empty() && ch.retained && ch.reason.empty())
            ch.reason = "Hors des groupes de communes déclarés : la règle d'équilibre territorial ne s'y applique pas.";
        if ((r.min_km_between || r.min_km_existing) && !k.position) {
            refuse(Constraint::Unlocated,
                   "Site non localisé (commune « " + k.commune + " » sans point) : distance minimale non vérifiable.");
            return ch;
        }
        if (r.min_km_between)
            for (std::size_t j : chosen) {
                if (!c[j].position) continue;
                const double d = geo::distance_km(*k.position, *c[j].position);
                if (d < *r.min_km_between) {
                    if (refuse(Constraint::DistanceChosen, "À " + km_text(d) + " de « " + c[j].reference +
                                                               " », déjà retenu (au moins " + km_text(*r.min_km_between) +
                                                               " entre deux sites retenus)."))
                        return ch;
                    break;   // one breach says this rule
                }
            }
        if (r.min_km_existing)
            for (const auto& s : existing) {
                if (!s.position) continue;
                const double d = geo::distance_km(*k.position, *s.position);
                if (d < *r.min_km_existing) {
                    refuse(Constraint::DistanceExisting, "À " + km_text(d) + " de « " + s.label +
                                                             " », offre existante (au moins " + km_text(*r.min_km_existing) +
                                                             ").");
                    break;
                }
            }
        if (!ch.retained) ch.granted = 0, ch.cost = 0, ch.partial = false, ch.motive.clear();
        return ch;
    }

    // « en demande 43 800 € », or where the call's cap counts less than the
    // request « compte pour 44 000 €, plafond de l'appel (il en demande 44 500 €) ».
    std::string cost_text(const Candidate& k, double counted) const {
        if (!r.cost_per_dossier && counted + 0.005 < k.cost)
            return "compte pour " + euros(counted) + ", plafond de l'appel (il en demande " + euros(k.cost) + ")";
        return "en demande " + euros(counted);
    }

    // What a partial grant takes the remainder of, in the motive it suggests.
    std::string remainder_text(Constraint what) const {
        switch (what) {
            case Constraint::Capacity:
                return "reste de la capacité de l'appel (" + capacity_text(r, *r.capacity) + ")";
            case Constraint::Envelope:
                return "reste de l'enveloppe (" + euros(*r.envelope) + " par an)";
            case Constraint::ZoneQuota:
                return "reste de la répartition par " + std::string(enum_label(r.zone)) + " (au plus " +
                       count_text(r, *r.max_units_per_zone) + " par zone)";
            default:
                return "reste disponible";
        }
    }

    void take(std::size_t i, const Choice& ch) {
        places += ch.granted, cost += ch.cost;
        if (!ch.zone.empty()) zone_units[ch.zone] += in_units(r, ch.granted);
        chosen.push_back(i);
    }
};

}  // namespace

std::string km_text(double km) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", km);
    std::string s = buf;
    for (auto& ch : s)
        if (ch == '.') ch = ',';
    return s + fr::kNbsp + "km";
}

std::vector<std::size_t> Allocation::retained() const {
    std::vector<std::size_t> out;
    for (const auto& c : choices)
        if (c.retained) out.push_back(c.candidate);
    return out;
}

std::string zone_of(const Rules& r, const coverage::Territory& t, const std::string& commune) {
    switch (r.zone) {
    case ZoneKind::None: return "";
    case ZoneKind::Epci:
    case ZoneKind::Departement: {
        const coverage::Commune* c = t.find(commune);
        if (!c) return "";
        return r.zone == ZoneKind::Epci ? c->epci : c->departement;
    }
    case ZoneKind::Groups:
        for (const auto& [name, communes] : r.groups)
            for (const auto& code : communes)
                if (code == commune) return name;
        return "";
    }
    return "";
}

Allocation allocate(const Rules& r, const std::vector<Candidate>& ranked, const coverage::Territory& t,
                    const std::vector<coverage::Site>& existing) {
    State s{r, t, existing, ranked, 0, 0, {}, {}};
    Allocation a;
    for (std::size_t i = 0; i < ranked.size(); ++i) {
        Choice ch = s.check(i);
        if (ch.retained) s.take(i, ch);
        a.choices.push_back(std::move(ch));
    }
    a.places = s.places, a.cost = s.cost;
    return a;
}

Allocation check_variant(const Rules& r, const std::vector<Candidate>& candidates, const std::vector<std::size_t>& chosen,
                         const coverage::Territory& t, const std::vector<coverage::Site>& existing,
                         const std::map<std::size_t, double>& places) {
    State s{r, t, existing, candidates, 0, 0, {}, {}};
    Allocation a;
    a.choices.resize(candidates.size());
    for (std::size_t i = 0; i < candidates.size(); ++i)
        a.choices[i] = {i, false, Constraint::None, "Non choisi dans la variante.", zone_of(r, t, candidates[i].commune)};
    // In the order the coordinator chose them: a breach is reported, not refused.
    for (std::size_t i : chosen) {
        const auto given = places.find(i);
        const std::optional<double> share = given == places.end() ? std::nullopt : std::optional<double>(given->second);
        const Candidate& k = candidates[i];
        Choice ch = s.check(i, true, share);
        // Retained as chosen, for its whole request or the share given, even where a rule stops it.
        ch.retained = true;
        ch.granted = share ? *share : k.places, ch.cost = allowed_cost(r, k, ch.granted);
        ch.partial = share && *share < k.places;
        ch.motive = ch.partial ? "Attribution partielle : " + capacity_text(r, *share) + " sur une demande de " + num(k.places) +
                                     ", choisie dans la variante du coordonnateur."
                               : "";
        s.take(i, ch);
        a.choices[i] = std::move(ch);
    }
    a.places = s.places, a.cost = s.cost;
    return a;
}

bool partial_allowed(const Rules& r) { return r.partial_grant && !per_unit(r) && !r.per_dossier; }

std::string variant_share_refusal(const Rules& r, const Candidate& k, double places, const std::string& typed) {
    const std::string asked = "« " + (typed.empty() ? k.reference + "=" + num(places) : typed) + " »";
    if (!partial_allowed(r))
        return "Variante : " + asked + " : cet appel n'accorde pas une partie d'une demande (" +
               (r.per_dossier ? std::string("chaque dossier retenu compte pour une ") + r.unit_one
                : per_unit(r) ? "il compte en unités de " + capacity_text(r, *r.unit_places)
                              : std::string("les règles de l'appel ne prévoient pas d'attribution partielle")) +
               ") ; citez le dossier sans nombre.";
    if (places != std::floor(places) || places < 1 || places >= k.places)
        return "Variante : " + asked + " : une attribution partielle accorde de 1 à " + num(std::max(1.0, k.places - 1)) + " " +
               r.unit_many + " entières à ce dossier, qui en demande " + num(k.places) +
               " ; pour sa demande entière, citez le dossier sans nombre.";
    return "";
}

std::string variant_call_rule_refusal(const Rules& r, const Allocation& variant, const std::vector<Candidate>& candidates) {
    std::vector<std::string> broken;
    for (std::size_t i : variant.retained()) {
        const Choice& ch = variant.choices[i];
        if (ch.constraint != Constraint::None && r.status_of(ch.constraint).call())
        {
            std::string why = ch.reason;   // « … (Annexe 1). » ends the list's item without « ).). » (trial 1011E F7)
            while (!why.empty() && why.back() == '.') why.pop_back();
            broken.push_back(candidates[i].reference + " (" + why + ")");
        }
    }
    if (broken.empty()) return "";
    return "La variante enfreint une règle de l'appel, qu'aucun motif ne lève : " + fr::join(broken, " ; ") +
           ". Rien n'a été enregistré. Composez une variante qui la respecte ; si l'autorité fixe autrement le "
           "chiffre de l'appel, elle le fait pour la campagne (cotation param), et les documents le disent.";
}

double allowed_cost(const Rules& r, const Candidate& k, double places) {
    if (r.cost_per_dossier) return *r.cost_per_dossier;
    double cost = k.places > 0 ? k.cost * places / k.places : k.cost;
    if (r.cap_per_unit) cost = std::min(cost, *r.cap_per_unit * in_units(r, places));
    return cost;
}

std::vector<coverage::Site> retained_sites(const Allocation& a, const std::vector<Candidate>& candidates) {
    std::vector<coverage::Site> sites;
    for (const auto& ch : a.choices)
        if (ch.retained) {
            const auto& k = candidates[ch.candidate];
            sites.push_back({k.reference, k.label, k.commune, k.position, ch.granted, false});
        }
    return sites;
}

Figures figures(const Allocation& a, const std::vector<Candidate>& candidates, const coverage::Territory& t,
                const std::vector<coverage::Site>& existing, double access_km) {
    std::vector<coverage::Site> sites = existing;
    Figures f;
    // Places and cost from the same retained choices as the sites (one set, one set of figures).
    for (const auto& ch : a.choices)
        if (ch.retained) f.places += ch.granted, f.cost += ch.cost;
    for (auto& s : retained_sites(a, candidates)) sites.push_back(std::move(s));
    const auto s = coverage::summarize(t, sites, access_km);
    f.mean_km = s.mean_km, f.population_beyond = s.population_beyond, f.share_beyond = s.share_beyond;
    f.communes_beyond = s.communes_beyond.size(), f.sites_located = s.sites_located;
    return f;
}


bool territorial(const Rules& r) {
    return (r.zone != ZoneKind::None && r.max_units_per_zone) || r.min_km_between || r.min_km_existing;
}

void follow_allocation(Ranking& ranking, const std::vector<Dossier>& dossiers, const std::vector<std::string>& retained,
                       const std::map<std::string, std::string>& reasons, const std::map<std::string, double>& granted) {
    for (auto& e : ranking.ranked) {
        if (e.proposal != Proposal::Retained && e.proposal != Proposal::NotRetained) continue;
        const std::string& ref = dossiers[e.dossier].reference;
        const bool in = std::find(retained.begin(), retained.end(), ref) != retained.end();
        const Proposal was = e.proposal;
        e.proposal = in ? Proposal::Retained : Proposal::NotRetained;
        e.proposed_places.reset();
        if (auto g = granted.find(ref); in && g != granted.end())
            e.proposed_places = Rational(static_cast<std::int64_t>(std::llround(g->second)));   // whole places
        // Retained: no reason, unless its grant is partial (the motive it suggests).
        if (in) {
            auto it = reasons.find(ref);
            e.proposal_reason = it == reasons.end() ? "" : it->second;
        } else if (auto it = reasons.find(ref); it != reasons.end())
            e.proposal_reason = it->second;
        // Passed over by the allocation where capacity alone kept it: the
        // capacity's reason (if any) no longer applies.
        else if (was == Proposal::Retained) e.proposal_reason = "non retenu par la répartition";
    }
    // What the proposal grants, in the capacity's count: the places proposed
    // (a partial grant's share), not the capacity-only proposal's (trial of
    // issue 12: the window's ranking said « proposé : 38 places sur 73 » where
    // the allocation granted 33, one dossier getting 5 of its 10).
    ranking.granted = Rational(0);
    for (const auto& e : ranking.ranked) {
        if (e.proposal != Proposal::Retained) continue;
        const Value v = dossiers[e.dossier].get("places");
        const Rational* asked = std::get_if<Rational>(&v);
        const Rational places = e.proposed_places ? *e.proposed_places : asked ? *asked : Rational(0);
        ranking.granted += ranking.model.used_by(ranking.model.per_dossier ? Rational(0) : places);
    }
}

std::string status_label(const RuleStatus& s) {
    if (s.call()) return "règle de l'appel (" + s.title + (s.section.empty() ? "" : ", " + s.section) + ")";
    return s.author.empty() ? "proposition" : "proposition de " + s.author;
}

RuleStatus parameter_status(const std::string& id, const std::string& cited_source, const std::vector<std::string>& titles,
                            bool grid_value, const std::string& set_by, const std::string& grid_figure) {
    RuleStatus s;
    RuleStatus text;   // the call's text, when the grid's source cites it
    for (const auto& t : titles)
        if (!t.empty() && cited_source.rfind(t, 0) == 0) {
            text.kind = RuleStatus::Kind::Call, text.title = t;
            std::string rest = cited_source.substr(t.size());
            if (rest.rfind(", ", 0) == 0) rest.erase(0, 2);
            text.section = rest;
            break;
        }
    // The text's figure, kept: the call's rule whoever set it (trial 14:
    // set to exactly the grid's value, it still read « proposition de l'outil »).
    if (grid_value && text.call()) return text;
    if (!grid_value || !set_by.empty()) {
        // The authority's: who set it and when, never the text's section for
        // a figure the text does not give (trial 14: « §4-1 » cited beside a
        // changed ceiling); the text's own figure beside it when it gives one.
        s.author = "l'autorité";
        s.reason = set_by.empty() ? "valeur de « " + id + " » fixée pour la campagne, autre que celle de la grille"
                                  : "valeur de « " + id + " » fixée par " + set_by;
        if (!grid_value && text.call() && !grid_figure.empty())
            s.reason += " ; le texte de l'appel prévoit " + grid_figure + " (" + text.title +
                        (text.section.empty() ? "" : ", " + text.section) + ")";
        else if (grid_value)
            s.reason += ", la valeur que proposait la grille";
        return s;
    }
    // The grid's value, not the call's text: the tool's proposal until the
    // authority sets the parameter for the campaign (trial 1011C F8: a CRT's
    // 4 missions, a grid default, read « proposition de l'autorité »).
    s.author = "l'outil";
    if (cited_source.rfind("Proposition", 0) == 0)
        s.reason = "paramètre « " + id + " » de la campagne (" + cited_source + ")";
    else
        s.reason = "valeur de la grille pour « " + id + " »" + (cited_source.empty() ? "" : " (" + cited_source + ")") +
                   ", que l'autorité n'a pas fixée pour la campagne (cotation param)";
    return s;
}

std::optional<double> capacity_cost(const Rules& r) {
    if (!r.capacity) return std::nullopt;
    if (r.per_dossier) return r.cost_per_dossier ? std::optional<double>(*r.capacity * *r.cost_per_dossier) : std::nullopt;
    if (!r.cap_per_unit) return std::nullopt;
    return in_units(r, *r.capacity) * *r.cap_per_unit;
}

void follow_envelope(Rules& r, const Rules& at_grid_values) {
    const auto cost = capacity_cost(r);
    if (!r.envelope || !cost || std::abs(*cost - *r.envelope) < 0.5) return;
    // « 80 places × 12 600 € = 1 008 000 € », in the call's unit.
    const double n = r.per_dossier ? *r.capacity : in_units(r, *r.capacity);
    const std::string product = (per_unit(r) ? count_text(r, n) : capacity_text(r, n)) + " × " +
                                euros(r.per_dossier ? *r.cost_per_dossier : *r.cap_per_unit) + " = " + euros(*cost);
    const auto at_grid = capacity_cost(at_grid_values);
    if (at_grid && std::abs(*at_grid - *r.envelope) < 0.5) {
        const RuleStatus was = r.status_of("enveloppe");
        RuleStatus s;
        s.author = "l'autorité";
        s.reason = "l'enveloppe suit la capacité et le coût unitaire fixés pour la campagne (" + product + ")";
        s.reason += was.call() ? " ; le texte de l'appel prévoit " + euros(*r.envelope) + " (" + was.title +
                                     (was.section.empty() ? "" : ", " + was.section) + ")"
                               : " ; les règles de la grille prévoyaient " + euros(*r.envelope);
        r.status["enveloppe"] = s;
        r.envelope = *cost;
        return;
    }
    r.envelope_note = "l'enveloppe ne correspond pas à ce que coûte la capacité (" + product +
                      ") : la plus petite des deux arrête la répartition";
}

const char* rule_key(Constraint c) {
    switch (c) {
        case Constraint::MinScore:
            return "score_min";
        case Constraint::Capacity:
            return "capacite";
        case Constraint::Envelope:
            return "enveloppe";
        case Constraint::ZoneQuota:
            return "max_par_zone";
        case Constraint::DistanceChosen:
            return "distance_min_retenus";
        case Constraint::DistanceExisting:
            return "distance_min_existant";
        case Constraint::Unlocated:
        case Constraint::None:
            return "";
    }
    return "";
}

const RuleStatus& Rules::status_of(const std::string& key) const {
    static const RuleStatus undeclared;   // a proposal, never the call's rule
    auto it = status.find(key);
    return it == status.end() ? undeclared : it->second;
}

const RuleStatus& Rules::status_of(Constraint c) const {
    // An unlocated site stops the distance rule that needs its place.
    if (c == Constraint::Unlocated) return status_of(min_km_between ? "distance_min_retenus" : "distance_min_existant");
    return status_of(rule_key(c));
}

std::vector<std::string> rule_lines(const Rules& r) {
    std::vector<std::string> out;
    auto line = [&](const std::string& what, const std::string& key) {
        const RuleStatus& s = r.status_of(key);
        std::string l = what + " — " + status_label(s);
        if (!s.call()) l += ", non une règle de l'appel";
        if (!s.call() && !s.reason.empty()) l += " : " + s.reason;
        out.push_back(l);
    };
    if (r.capacity) line("Capacité : " + capacity_text(r, *r.capacity), "capacite");
    if (per_unit(r))
        line("Unité : " + num(*r.unit_places) + " " + (*r.unit_places >= 2 ? r.unit_many : r.unit_one), "places_par_unite");
    if (r.envelope) {
        line("Enveloppe : " + euros(*r.envelope) + " par an", "enveloppe");
        if (!r.envelope_note.empty()) out.back() += ". Attention : " + r.envelope_note;
    }
    if (r.cost_per_dossier) line("Coût d'un dossier retenu : " + euros(*r.cost_per_dossier) + " par an", "dotation_par_dossier");
    if (r.cap_per_unit)
        line("Plafond : " + euros(*r.cap_per_unit) + " par an et par " + (per_unit(r) ? std::string("unité") : r.unit_one) +
                 " ; un dossier qui demande plus compte pour ce plafond",
             "plafond");
    if (r.zone != ZoneKind::None && r.max_units_per_zone)
        line("Au plus " + count_text(r, *r.max_units_per_zone) + " par zone (" + enum_label(r.zone) + ")", "max_par_zone");
    if (r.min_km_between) line("Au moins " + km_text(*r.min_km_between) + " entre deux sites retenus", "distance_min_retenus");
    if (r.min_km_existing) line("Au moins " + km_text(*r.min_km_existing) + " de l'offre existante", "distance_min_existant");
    if (r.min_score) line("Score minimal : " + num(*r.min_score) + " points", "score_min");
    if (r.partial_grant)
        line("Attribution partielle du reste d'une capacité, d'une enveloppe ou d'une zone", "attribution_partielle");
    return out;
}

}  // namespace cotation::allocation
