#include "territorial_allocation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

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

// n in units where the call has units, else in places (both feminine in French).
std::string count_text(const Rules& r, double n) {
    const bool units = r.unit_places && *r.unit_places > 0;
    return num(n) + (units ? (n > 1 ? " unités" : " unité") : (n > 1 ? " places" : " place"));
}

double in_units(const Rules& r, double places) {
    return r.unit_places && *r.unit_places > 0 ? places / *r.unit_places : places;
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

    // The first rule a candidate breaks given what is already chosen.
    Choice check(std::size_t i) const {
        const Candidate& k = c[i];
        Choice ch{i, true, Constraint::None, "", zone_of(r, t, k.commune)};
        auto refuse = [&](Constraint what, std::string why) {
            ch.retained = false, ch.constraint = what, ch.reason = std::move(why);
            return ch;
        };
        if (r.min_score && k.score < *r.min_score)
            return refuse(Constraint::MinScore, "Score de " + num(k.score) + " points, sous le minimum de " + num(*r.min_score) + " points.");
        if (r.capacity && places + k.places > *r.capacity + 1e-9)
            return refuse(Constraint::Capacity, "Capacité de l'appel atteinte : " + num(places) +
                                                    (places > 1 ? " places retenues sur " : " place retenue sur ") + num(*r.capacity) +
                                                    ", ce dossier en demande " + num(k.places) + ".");
        if (r.envelope && cost + k.cost > *r.envelope + 1e-6)
            return refuse(Constraint::Envelope, "Enveloppe dépassée : " + num(cost) + fr::kNbsp + "€ engagés sur " + num(*r.envelope) +
                                                    fr::kNbsp + "€, ce dossier en demande " + num(k.cost) + fr::kNbsp + "€.");
        if (r.zone != ZoneKind::None && r.max_units_per_zone && !ch.zone.empty()) {
            auto it = zone_units.find(ch.zone);
            const double already = it == zone_units.end() ? 0 : it->second;
            if (already + in_units(r, k.places) > *r.max_units_per_zone + 1e-9)
                return refuse(Constraint::ZoneQuota, "Équilibre territorial : " + count_text(r, already) +
                                                         (already > 1 ? " déjà retenues" : " déjà retenue") + " dans « " +
                                                         zone_name(r, t, ch.zone) + " » (" + zone_kind_label(r.zone) + "), au plus " +
                                                         count_text(r, *r.max_units_per_zone) + " par zone.");
        }
        if ((r.min_km_between || r.min_km_existing) && !k.position)
            return refuse(Constraint::Unlocated, "Site non localisé (commune « " + k.commune + " » sans point) : distance minimale non vérifiable.");
        if (r.min_km_between)
            for (std::size_t j : chosen) {
                if (!c[j].position) continue;
                const double d = geo::distance_km(*k.position, *c[j].position);
                if (d < *r.min_km_between)
                    return refuse(Constraint::DistanceChosen, "À " + km_text(d) + " de « " + c[j].reference + " », déjà retenu (au moins " +
                                                                  km_text(*r.min_km_between) + " entre deux sites retenus).");
            }
        if (r.min_km_existing)
            for (const auto& s : existing) {
                if (!s.position) continue;
                const double d = geo::distance_km(*k.position, *s.position);
                if (d < *r.min_km_existing)
                    return refuse(Constraint::DistanceExisting, "À " + km_text(d) + " de « " + s.label + " », offre existante (au moins " +
                                                                    km_text(*r.min_km_existing) + ").");
            }
        return ch;
    }

    void take(std::size_t i, const Choice& ch) {
        places += c[i].places, cost += c[i].cost;
        if (!ch.zone.empty()) zone_units[ch.zone] += in_units(r, c[i].places);
        chosen.push_back(i);
    }
};

}  // namespace

const char* zone_kind_label(ZoneKind k) {
    switch (k) {
    case ZoneKind::Epci: return "EPCI";
    case ZoneKind::Departement: return "département";
    case ZoneKind::Groups: return "groupe de communes";
    case ZoneKind::None: break;
    }
    return "aucune";
}

const char* constraint_label(Constraint c) {
    switch (c) {
    case Constraint::None: return "";
    case Constraint::MinScore: return "score minimal";
    case Constraint::Capacity: return "capacité";
    case Constraint::Envelope: return "enveloppe";
    case Constraint::ZoneQuota: return "équilibre territorial";
    case Constraint::DistanceChosen: return "distance entre sites retenus";
    case Constraint::DistanceExisting: return "distance à l'offre existante";
    case Constraint::Unlocated: return "site non localisé";
    }
    return "";
}

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
                         const coverage::Territory& t, const std::vector<coverage::Site>& existing) {
    State s{r, t, existing, candidates, 0, 0, {}, {}};
    Allocation a;
    a.choices.resize(candidates.size());
    for (std::size_t i = 0; i < candidates.size(); ++i) a.choices[i] = {i, false, Constraint::None, "Non choisi dans la variante.", zone_of(r, t, candidates[i].commune)};
    // In the order the coordinator chose them: a breach is reported, not refused.
    for (std::size_t i : chosen) {
        Choice ch = s.check(i);
        ch.retained = true;
        s.take(i, ch);
        a.choices[i] = std::move(ch);
    }
    a.places = s.places, a.cost = s.cost;
    return a;
}

Figures figures(const Allocation& a, const std::vector<Candidate>& candidates, const coverage::Territory& t,
                const std::vector<coverage::Site>& existing, double access_km) {
    std::vector<coverage::Site> sites = existing;
    for (std::size_t i : a.retained()) {
        const auto& k = candidates[i];
        sites.push_back({k.reference, k.label, k.commune, k.position, k.places, false});
    }
    const auto s = coverage::summarize(t, sites, access_km);
    return {a.places, a.cost, s.mean_km, s.population_beyond, s.share_beyond, s.communes_beyond.size()};
}

const char* followed_code(Followed f) { return f == Followed::Variant ? "variante" : "classement"; }
const char* followed_label(Followed f) {
    return f == Followed::Variant ? "variante du coordonnateur" : "ordre du classement sous les règles territoriales de l'appel";
}
std::optional<Followed> followed_from_code(const std::string& code) {
    if (code == "classement") return Followed::Ranking;
    if (code == "variante") return Followed::Variant;
    return std::nullopt;
}

void apply_recorded(std::vector<VotedEntry>& voted, const Recorded& r) {
    for (auto& e : voted) {
        // Only ranked dossiers are candidates; one set apart or awaiting
        // arbitration keeps the opinion the ranking gives it.
        if (e.rank == 0 || !e.opinion) continue;
        const bool in = std::find(r.retained.begin(), r.retained.end(), e.reference) != r.retained.end();
        e.opinion = in ? DecisionKind::Retained : DecisionKind::NotRetained;
    }
}

}  // namespace cotation::allocation
