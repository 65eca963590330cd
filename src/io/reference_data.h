#pragma once
// French communes, départements and régions (data/*.tsv, converted from
// @etalab/decoupage-administratif by scripts/update-reference-data.sh).
#include <string>
#include <unordered_map>
#include <vector>

namespace cotation::io {

struct EpciInfo {
    std::string name, kind;
    long population = 0;
    std::vector<std::string> communes;
};

struct CommuneInfo {
    std::string name, departement, region;
    long population = 0;
};

class ReferenceData {
public:
    // Loads from data/ (see paths.h); throws InputError naming a missing file.
    static const ReferenceData& instance();
    static ReferenceData load(const std::string& dir);

    const CommuneInfo* commune(const std::string& insee) const;
    const EpciInfo* epci(const std::string& siren) const;
    std::string departement_name(const std::string& code) const;
    // Every commune and EPCI (territorial coverage walks them).
    const std::unordered_map<std::string, CommuneInfo>& communes() const { return communes_; }
    const std::unordered_map<std::string, EpciInfo>& epcis() const { return epci_; }

private:
    std::unordered_map<std::string, CommuneInfo> communes_;
    std::unordered_map<std::string, EpciInfo> epci_;
    std::unordered_map<std::string, std::string> departements_;
};

}  // namespace cotation::io
