#include "reference_data.h"

#include <functional>
#include <sstream>

#include "core/error.h"
#include "paths.h"
#include "xml_tree.h"

namespace cotation::io {
namespace {
std::vector<std::string> split_tab(const std::string& line) {
    std::vector<std::string> out;
    std::string cur;
    std::istringstream ss(line);
    while (std::getline(ss, cur, '\t')) out.push_back(cur);
    return out;
}

// Each line of a tab-separated file after its header, split into fields.
void rows(const std::string& path, const std::function<void(const std::vector<std::string>&)>& row) {
    std::istringstream in(read_file(path));
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) row(split_tab(line));
}
}  // namespace

ReferenceData ReferenceData::load(const std::string& dir) {
    ReferenceData r;
    rows(dir + "/communes.tsv", [&](const std::vector<std::string>& f) {
        if (f.size() < 4) return;
        CommuneInfo c{f[1], f[2], f[3], f.size() > 4 && !f[4].empty() ? std::stol(f[4]) : 0};
        r.communes_.emplace(f[0], std::move(c));
    });
    rows(dir + "/departements.tsv", [&](const std::vector<std::string>& f) {
        if (f.size() >= 2) r.departements_[f[0]] = f[1];
    });
    rows(dir + "/epci.tsv", [&](const std::vector<std::string>& f) {
        if (f.size() < 5) return;
        EpciInfo e{f[1], f[2], f[3].empty() ? 0 : std::stol(f[3]), {}};
        std::istringstream codes(f[4]);
        for (std::string c; codes >> c;) e.communes.push_back(c);
        r.epci_.emplace(f[0], std::move(e));
    });
    return r;
}

const ReferenceData& ReferenceData::instance() {
    static const ReferenceData data = load(data_root() + "/data");
    return data;
}

const CommuneInfo* ReferenceData::commune(const std::string& insee) const {
    auto it = communes_.find(insee);
    return it == communes_.end() ? nullptr : &it->second;
}

const EpciInfo* ReferenceData::epci(const std::string& siren) const {
    auto it = epci_.find(siren);
    return it == epci_.end() ? nullptr : &it->second;
}

std::string ReferenceData::departement_name(const std::string& code) const {
    auto it = departements_.find(code);
    return it == departements_.end() ? "" : it->second;
}

}  // namespace cotation::io
