#pragma once
// Territorial coverage: what a territory has and what each proposal adds.
// For every commune, the great-circle distance (sphere of 6 371 km) from its
// point to the nearest site; the population-weighted mean distance; the
// population and the communes beyond the campaign's access distance
// (campagne.distance_acces); places per 10 000 inhabitants by département and
// EPCI; overlaps of intervention territories; the marginal gain of each
// proposal. Population is the total population of the reference data (no age
// breakdown is shipped): the figures say "habitants", not "personnes âgées".
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "geo.h"

namespace cotation::coverage {

// A municipal arrondissement of Paris, Lyon or Marseille (75101–75120,
// 69381–69389, 13201–13216) stands for its whole commune (75056, 69123, 13055):
// the reference geography has no outline nor point for them.
std::string parent_commune(const std::string& code);
bool is_municipal_arrondissement(const std::string& code);

struct Commune {
    std::string code, name, departement, epci;   // epci: SIREN, empty for the few communes in none
    long population = 0;
    std::optional<geo::LonLat> point;             // none for the COM communes
};

// The communes of a campaign's territory, with the names of its zones.
class Territory {
public:
    void add(Commune c);
    const std::vector<Commune>& communes() const { return communes_; }
    std::optional<std::size_t> index_of(const std::string& code) const;
    const Commune* find(const std::string& code) const;
    std::map<std::string, std::string> departement_names, epci_names;   // code -> name
    long population() const;
    // Unit vector of each commune's point (zero when it has none).
    const std::vector<geo::Vec3>& vectors() const { return vectors_; }

private:
    std::vector<Commune> communes_;
    std::vector<geo::Vec3> vectors_;
    std::unordered_map<std::string, std::size_t> index_;
};

// A place where the service is given: a structure of the existing offer or a
// proposal. A site without its own coordinates stands at its commune's point.
struct Site {
    std::string id;        // FINESS of a structure, reference of a dossier
    std::string label;
    std::string commune;   // INSEE code
    std::optional<geo::LonLat> position;
    double places = 0;
    bool existing = false;
};

// Fills each site's missing position with its commune's point; returns the
// ids of the sites that stay without a position (they are left out of every
// distance, and said so).
template <class PointOf>
std::vector<std::string> locate(std::vector<Site>& sites, PointOf&& point_of) {
    std::vector<std::string> lost;
    for (auto& s : sites) {
        if (s.position) continue;
        if (const geo::LonLat* p = point_of(s.commune)) s.position = *p;
        else lost.push_back(s.id);
    }
    return lost;
}

struct CommuneDistance {
    double km = -1;   // -1: no point, or no located site
    int site = -1;    // index into the sites given
};

struct ZoneBeyond {
    std::string code, name;
    long population = 0, population_beyond = 0;
    int communes = 0, communes_beyond = 0;
    bool entirely() const { return communes > 0 && communes_beyond == communes; }
};

struct Summary {
    double access_km = 0;
    std::vector<CommuneDistance> communes;   // aligned with Territory::communes()
    long population = 0;                     // of the communes with a point
    long population_without_point = 0;       // left out of every figure below
    double mean_km = 0;                      // weighted by population
    long population_beyond = 0;              // strictly beyond access_km
    double share_beyond = 0;                 // population_beyond / population
    std::vector<std::size_t> communes_beyond;   // indexes, by decreasing distance
    std::vector<ZoneBeyond> epci;            // EPCI with population beyond, by decreasing population beyond
    int sites_located = 0;
};

Summary summarize(const Territory& t, const std::vector<Site>& sites, double access_km);

enum class ZoneKind { Departement, Epci };

struct ZoneDensity {
    std::string code, name;
    long population = 0;
    double places_before = 0, places_after = 0;
    double per10k_before = 0, per10k_after = 0;   // places per 10 000 inhabitants
};
// Places counted at their site's commune; population of the zone's communes
// within the territory.
std::vector<ZoneDensity> densities(const Territory& t, const std::vector<Site>& before, const std::vector<Site>& after,
                                   ZoneKind kind);

// A named set of communes: the intervention territory of a proposal, or a zone
// the campaign entered (an existing DRAD zone for a CRT call).
struct Area {
    std::string id, label;
    std::vector<std::string> communes;
};
struct Overlap {
    std::size_t a = 0, b = 0;                 // indexes into the lists given
    std::vector<std::string> communes;        // in both, sorted
    long population = 0;                      // of those within the territory
};
// Every pair of proposals whose territories share communes (a < b).
std::vector<Overlap> overlaps(const Territory& t, const std::vector<Area>& proposals);
// Every proposal (a) sharing communes with a zone (b).
std::vector<Overlap> overlaps(const Territory& t, const std::vector<Area>& proposals, const std::vector<Area>& zones);

struct Gain {
    std::size_t candidate = 0;               // index into the candidates given
    long population_brought = 0;             // newly within the access distance
    double mean_before = 0, mean_after = 0;  // km
    bool baseline = true;                    // false when no chosen site is located: no mean before
    double fall_km() const { return baseline ? mean_before - mean_after : 0.0; }
};
// What each candidate alone adds to the chosen sites (existing offer included).
std::vector<Gain> marginal_gains(const Territory& t, const std::vector<Site>& chosen,
                                 const std::vector<Site>& candidates, double access_km);

// Nearest located site of each commune with a point (the core of the above,
// public for the bench): unit vectors and squared chords, one pass per site.
std::vector<CommuneDistance> nearest(const Territory& t, const std::vector<Site>& sites);

}  // namespace cotation::coverage
