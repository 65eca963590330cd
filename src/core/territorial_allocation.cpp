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
    // written must answer each), their reasons one after the other.
    Choice check(std::size_t i, bool every = false) const {
        const Candidate& k = c[i];
        Choice ch{i, true, Constraint::None, "", zone_of(r, t, k.commune)};
        // Returns true when the check stops at this rule.
        auto refuse = [&](Constraint what, const std::string& why) {
            if (ch.retained) ch.retained = false, ch.constraint = what;
            ch.reason += (ch.reason.empty() ? "" : " ") + why;
            return !every;
        };
        if (r.min_score && k.score < *r.min_score &&
            refuse(Constraint::MinScore,
                   "Score de " + num(k.score) + " points, sous le minimum de " + num(*r.min_score) + " points."))
            return ch;
        if (r.capacity && places + k.places > *r.capacity + 1e-9 &&
            refuse(Constraint::Capacity, "Capacité de l'appel atteinte : déjà " + capacity_text(r, places) + " sur " +
                                             num(*r.capacity) + ", ce dossier en demande " + num(k.places) + "."))
            return ch;
        if (r.envelope && cost + k.cost > *r.envelope + 1e-6 &&
            refuse(Constraint::Envelope, "Enveloppe dépassée : " + euros(cost) + " engagés sur " + euros(*r.envelope) +
                                             ", ce dossier en demande " + euros(k.cost) + "."))
            return ch;
        if (r.zone != ZoneKind::None && r.max_units_per_zone && !ch.zone.empty()) {
            auto it = zone_units.find(ch.zone);
            const double already = it == zone_units.end() ? 0 : it->second;
            if (already + in_units(r, k.places) > *r.max_units_per_zone + 1e-9 &&
                refuse(Constraint::ZoneQuota, "Équilibre territorial : déjà " + count_text(r, already) + " dans « " +
                                                  zone_name(r, t, ch.zone) + " » (" + enum_label(r.zone) + "), au plus " +
                                                  count_text(r, *r.max_units_per_zone) + " par zone."))
                return ch;
        }
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
        return ch;
    }

    void take(std::size_t i, const Choice& ch) {
        places += c[i].places, cost += c[i].cost;
        if (!ch.zone.empty()) zone_units[ch.zone] += in_units(r, c[i].places);
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
                         const coverage::Territory& t, const std::vector<coverage::Site>& existing) {
    State s{r, t, existing, candidates, 0, 0, {}, {}};
    Allocation a;
    a.choices.resize(candidates.size());
    for (std::size_t i = 0; i < candidates.size(); ++i)
        a.choices[i] = {i, false, Constraint::None, "Non choisi dans la variante.", zone_of(r, t, candidates[i].commune)};
    // In the order the coordinator chose them: a breach is reported, not refused.
    for (std::size_t i : chosen) {
        Choice ch = s.check(i, true);
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
    return {a.places, a.cost, s.mean_km, s.population_beyond, s.share_beyond, s.communes_beyond.size(), s.sites_located};
}


bool territorial(const Rules& r) {
    return (r.zone != ZoneKind::None && r.max_units_per_zone) || r.min_km_between || r.min_km_existing;
}

void follow_allocation(Ranking& ranking, const std::vector<Dossier>& dossiers, const std::vector<std::string>& retained,
                       const std::map<std::string, std::string>& reasons) {
    for (auto& e : ranking.ranked) {
        if (e.proposal != Proposal::Retained && e.proposal != Proposal::NotRetained) continue;
        const std::string& ref = dossiers[e.dossier].reference;
        const bool in = std::find(retained.begin(), retained.end(), ref) != retained.end();
        const Proposal was = e.proposal;
        e.proposal = in ? Proposal::Retained : Proposal::NotRetained;
        if (in) e.proposal_reason.clear();
        else if (auto it = reasons.find(ref); it != reasons.end()) e.proposal_reason = it->second;
        // Passed over by the allocation where capacity alone kept it: the
        // capacity's reason (if any) no longer applies.
        else if (was == Proposal::Retained) e.proposal_reason = "non retenu par la répartition";
    }
}

}  // namespace cotation::allocation
