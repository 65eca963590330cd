#include "coverage.h"

#include <algorithm>
#include <limits>
#include <set>

namespace cotation::coverage {

bool is_municipal_arrondissement(const std::string& code) {
    if (code.size() != 5) return false;
    if (code.compare(0, 3, "751") == 0) return code >= "75101" && code <= "75120";
    if (code.compare(0, 4, "6938") == 0) return code >= "69381" && code <= "69389";
    if (code.compare(0, 3, "132") == 0) return code >= "13201" && code <= "13216";
    return false;
}

std::string parent_commune(const std::string& code) {
    if (!is_municipal_arrondissement(code)) return code;
    if (code[0] == '7') return "75056";
    if (code[0] == '6') return "69123";
    return "13055";
}

void Territory::add(Commune c) {
    index_[c.code] = communes_.size();
    vectors_.push_back(c.point ? geo::unit_vector(*c.point) : geo::Vec3{});
    communes_.push_back(std::move(c));
}

std::optional<std::size_t> Territory::index_of(const std::string& code) const {
    auto it = index_.find(code);
    if (it == index_.end()) return std::nullopt;
    return it->second;
}

const Commune* Territory::find(const std::string& code) const {
    auto i = index_of(code);
    return i ? &communes_[*i] : nullptr;
}

long Territory::population() const {
    long p = 0;
    for (const auto& c : communes_) p += c.population;
    return p;
}

namespace {
constexpr double kNone = std::numeric_limits<double>::infinity();

struct SiteVectors {
    std::vector<geo::Vec3> v;
    std::vector<int> index;   // into the sites given
};
SiteVectors site_vectors(const std::vector<Site>& sites) {
    SiteVectors s;
    for (std::size_t i = 0; i < sites.size(); ++i)
        if (sites[i].position) {
            s.v.push_back(geo::unit_vector(*sites[i].position));
            s.index.push_back(static_cast<int>(i));
        }
    return s;
}

// Squared chord to the nearest site per commune (kNone without point or site).
std::vector<double> best_chords(const Territory& t, const SiteVectors& s, std::vector<int>* which) {
    const auto& cv = t.vectors();
    const auto& cs = t.communes();
    std::vector<double> best(cs.size(), kNone);
    if (which) which->assign(cs.size(), -1);
    for (std::size_t c = 0; c < cs.size(); ++c) {
        if (!cs[c].point) continue;
        double b = kNone;
        int w = -1;
        for (std::size_t k = 0; k < s.v.size(); ++k) {
            const double d = geo::chord2(cv[c], s.v[k]);
            if (d < b) b = d, w = s.index[k];
        }
        best[c] = b;
        if (which) (*which)[c] = w;
    }
    return best;
}

double weighted_mean(const Territory& t, const std::vector<double>& chords) {
    double sum = 0;
    long pop = 0;
    const auto& cs = t.communes();
    for (std::size_t c = 0; c < cs.size(); ++c)
        if (chords[c] != kNone)
            sum += geo::chord2_to_km(chords[c]) * static_cast<double>(cs[c].population), pop += cs[c].population;
    return pop ? sum / static_cast<double>(pop) : 0.0;
}
}  // namespace

std::vector<CommuneDistance> nearest(const Territory& t, const std::vector<Site>& sites) {
    std::vector<int> which;
    const auto chords = best_chords(t, site_vectors(sites), &which);
    std::vector<CommuneDistance> out(chords.size());
    for (std::size_t c = 0; c < chords.size(); ++c)
        if (chords[c] != kNone) out[c] = {geo::chord2_to_km(chords[c]), which[c]};
    return out;
}

Summary summarize(const Territory& t, const std::vector<Site>& sites, double access_km) {
    Summary s;
    s.access_km = access_km;
    s.communes = nearest(t, sites);
    for (const auto& site : sites) s.sites_located += site.position ? 1 : 0;
    const auto& cs = t.communes();
    double sum = 0;
    std::map<std::string, ZoneBeyond> epci;
    for (std::size_t c = 0; c < cs.size(); ++c) {
        const auto& d = s.communes[c];
        if (!cs[c].point) {
            s.population_without_point += cs[c].population;
            continue;
        }
        s.population += cs[c].population;
        // Without any located site every commune is beyond reach.
        const bool beyond = d.site < 0 || d.km > access_km;
        if (d.site >= 0) sum += d.km * static_cast<double>(cs[c].population);
        if (!cs[c].epci.empty()) {
            auto& z = epci[cs[c].epci];
            z.population += cs[c].population, ++z.communes;
            if (beyond) z.population_beyond += cs[c].population, ++z.communes_beyond;
        }
        if (beyond) s.population_beyond += cs[c].population, s.communes_beyond.push_back(c);
    }
    s.mean_km = s.population && s.sites_located ? sum / static_cast<double>(s.population) : 0.0;
    s.share_beyond = s.population ? static_cast<double>(s.population_beyond) / static_cast<double>(s.population) : 0.0;
    std::stable_sort(s.communes_beyond.begin(), s.communes_beyond.end(),
                     [&](std::size_t a, std::size_t b) { return s.communes[a].km > s.communes[b].km; });
    for (auto& [code, z] : epci) {
        if (!z.population_beyond && !z.communes_beyond) continue;
        z.code = code;
        auto it = t.epci_names.find(code);
        z.name = it == t.epci_names.end() ? code : it->second;
        s.epci.push_back(z);
    }
    std::stable_sort(s.epci.begin(), s.epci.end(),
                     [](const ZoneBeyond& a, const ZoneBeyond& b) { return a.population_beyond > b.population_beyond; });
    return s;
}

std::vector<ZoneDensity> densities(const Territory& t, const std::vector<Site>& before, const std::vector<Site>& after,
                                   ZoneKind kind) {
    auto zone_of = [&](const Commune& c) -> const std::string& { return kind == ZoneKind::Departement ? c.departement : c.epci; };
    const auto& names = kind == ZoneKind::Departement ? t.departement_names : t.epci_names;
    std::map<std::string, ZoneDensity> zones;
    for (const auto& c : t.communes()) {
        if (zone_of(c).empty()) continue;
        auto& z = zones[zone_of(c)];
        z.population += c.population;
    }
    auto count = [&](const std::vector<Site>& sites, double ZoneDensity::*field) {
        for (const auto& s : sites)
            if (const Commune* c = t.find(s.commune); c && !zone_of(*c).empty()) zones[zone_of(*c)].*field += s.places;
    };
    count(before, &ZoneDensity::places_before);
    count(after, &ZoneDensity::places_after);
    std::vector<ZoneDensity> out;
    for (auto& [code, z] : zones) {
        z.code = code;
        auto it = names.find(code);
        z.name = it == names.end() ? code : it->second;
        if (z.population > 0) {
            z.per10k_before = z.places_before * 10000.0 / static_cast<double>(z.population);
            z.per10k_after = z.places_after * 10000.0 / static_cast<double>(z.population);
        }
        out.push_back(z);
    }
    return out;
}

namespace {
Overlap overlap_of(const Territory& t, const Area& a, const Area& b, std::size_t ia, std::size_t ib) {
    Overlap o{ia, ib, {}, 0};
    std::set<std::string> sa(a.communes.begin(), a.communes.end()), sb(b.communes.begin(), b.communes.end());
    std::set_intersection(sa.begin(), sa.end(), sb.begin(), sb.end(), std::back_inserter(o.communes));
    for (const auto& code : o.communes)
        if (const Commune* c = t.find(code)) o.population += c->population;
    return o;
}
}  // namespace

std::vector<Overlap> overlaps(const Territory& t, const std::vector<Area>& proposals) {
    std::vector<Overlap> out;
    for (std::size_t a = 0; a < proposals.size(); ++a)
        for (std::size_t b = a + 1; b < proposals.size(); ++b)
            if (auto o = overlap_of(t, proposals[a], proposals[b], a, b); !o.communes.empty()) out.push_back(std::move(o));
    return out;
}

std::vector<Overlap> overlaps(const Territory& t, const std::vector<Area>& proposals, const std::vector<Area>& zones) {
    std::vector<Overlap> out;
    for (std::size_t a = 0; a < proposals.size(); ++a)
        for (std::size_t b = 0; b < zones.size(); ++b)
            if (auto o = overlap_of(t, proposals[a], zones[b], a, b); !o.communes.empty()) out.push_back(std::move(o));
    return out;
}

std::vector<Gain> marginal_gains(const Territory& t, const std::vector<Site>& chosen,
                                 const std::vector<Site>& candidates, double access_km) {
    const auto sv = site_vectors(chosen);
    const auto base = best_chords(t, sv, nullptr);
    const double mean_before = weighted_mean(t, base);
    const double limit = geo::km_to_chord2(access_km);
    const auto& cs = t.communes();
    const auto& cv = t.vectors();
    std::vector<Gain> out;
    for (std::size_t k = 0; k < candidates.size(); ++k) {
        Gain g;
        g.candidate = k;
        g.mean_before = g.mean_after = mean_before;
        g.baseline = !sv.v.empty();
        if (!candidates[k].position) {
            out.push_back(g);
            continue;
        }
        const geo::Vec3 v = geo::unit_vector(*candidates[k].position);
        double sum = 0;
        long pop = 0;
        for (std::size_t c = 0; c < cs.size(); ++c) {
            if (!cs[c].point) continue;
            const double d = std::min(base[c], geo::chord2(cv[c], v));
            if (d <= limit && !(base[c] <= limit)) g.population_brought += cs[c].population;
            sum += geo::chord2_to_km(d) * static_cast<double>(cs[c].population);
            pop += cs[c].population;
        }
        g.mean_after = pop ? sum / static_cast<double>(pop) : 0.0;
        out.push_back(g);
    }
    return out;
}

}  // namespace cotation::coverage
