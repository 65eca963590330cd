#pragma once
// The shipped geography (data/geo/, made by scripts/convert-geo.py from IGN
// ADMIN EXPRESS COG outlines fitted to the COG 2026, see data/SOURCES.md):
// one point inside each commune, commune outlines by département as a shared
// topology, département and EPCI outlines.
#include <string>
#include <unordered_map>
#include <vector>

#include "core/geo.h"

namespace cotation::io {

struct NamedShape {
    std::string code, name;
    geo::MultiPolygon shape;
};

// Shown on every map and in the about box (Licence Ouverte 2.0 asks for the
// source, its date and the mention of changes).
const char* geo_attribution();

class GeoData {
public:
    // data/geo/ under data_root(); the points are read once.
    static const GeoData& instance();
    static GeoData load(const std::string& dir);

    // The commune's point; null for the COM communes and the municipal
    // arrondissements, which have none (docs/couverture.md).
    const geo::LonLat* point(const std::string& insee) const;
    std::size_t point_count() const { return points_.size(); }
    const std::unordered_map<std::string, geo::LonLat>& points() const { return points_; }

    // Commune outlines of one département ("17", "2A", "971"); throws
    // InputError when the département has no outline file.
    geo::Topology communes(const std::string& departement) const;
    std::vector<NamedShape> departements() const;
    std::vector<NamedShape> epci() const;
    const std::string& dir() const { return dir_; }

private:
    std::string dir_;
    std::unordered_map<std::string, geo::LonLat> points_;
};

// Parsers of the two formats (file named in errors, with the line).
geo::Topology parse_arcs(const std::string& text, const std::string& file);
std::vector<NamedShape> parse_poly(const std::string& text, const std::string& file);

}  // namespace cotation::io
