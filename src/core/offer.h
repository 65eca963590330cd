#pragma once
// The existing offer of a call's territory: structures already authorised,
// with their capacity by kind (hébergement permanent, temporaire, accueil de jour).
#include <optional>
#include <string>
#include <vector>

#include "coverage.h"
#include "geo.h"

namespace cotation {

struct Structure {
    std::string finess;       // FINESS ET, empty when the source gives none
    std::string name;
    std::string category;     // FINESS categetab ("500"), empty when not known
    std::string kind;         // as the source names it ("Maison de retraite spécialisée")
    std::string commune;      // INSEE code
    std::string status, manager;   // public / privé, gestionnaire
    long permanent = 0, temporary = 0, day_care = 0;
    std::optional<geo::LonLat> position;
    std::string source;       // where the row comes from (text and section, or FINESS extract and line)

    long capacity() const { return permanent + temporary + day_care; }
};

struct Offer {
    std::vector<Structure> structures;
    std::string origin;       // the file it was read from, for messages and documents

    long capacity() const {
        long n = 0;
        for (const auto& s : structures) n += s.capacity();
        return n;
    }
    // As coverage sites (existing = true; id = FINESS, else the name).
    std::vector<coverage::Site> sites() const {
        std::vector<coverage::Site> out;
        for (const auto& s : structures)
            out.push_back({s.finess.empty() ? s.name : s.finess, s.name, s.commune, s.position,
                           static_cast<double>(s.capacity()), true});
        return out;
    }
};

}  // namespace cotation
