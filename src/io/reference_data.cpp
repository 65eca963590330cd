#include "reference_data.h"

#include <charconv>
#include <functional>
#include <string_view>
#include <utility>

#include "core/error.h"
#include "core/french.h"
#include "paths.h"
#include "xml_tree.h"

namespace cotation::io {
namespace {
// Each line of a tab-separated file after its header, split into fields that
// point into the file's text: 35 000 communes read on every command that
// names a place, without a stream and a string per field (it was 44 % of a
// `cotation rank`, measured with callgrind).
void rows(const std::string& path, const std::function<void(const std::vector<std::string_view>&)>& row) {
    const std::string text = read_file(path);
    std::vector<std::string_view> fields;
    std::string_view rest(text);
    bool header = true;
    while (!rest.empty()) {
        std::size_t end = rest.find('\n');
        std::string_view line = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (std::exchange(header, false) || line.empty()) continue;
        fields.clear();
        for (std::size_t from = 0;;) {
            std::size_t tab = line.find('\t', from);
            fields.push_back(line.substr(from, tab == std::string_view::npos ? tab : tab - from));
            if (tab == std::string_view::npos) break;
            from = tab + 1;
        }
        row(fields);
    }
}

long number(std::string_view field) {
    long value = 0;
    std::from_chars(field.data(), field.data() + field.size(), value);
    return value;
}
}  // namespace

ReferenceData ReferenceData::load(const std::string& dir) {
    ReferenceData r;
    r.communes_.reserve(36000);
    rows(dir + "/communes.tsv", [&](const std::vector<std::string_view>& f) {
        if (f.size() < 4) return;
        // « Marseille 5ᵉ arrondissement », as a reader writes it (core/french.h).
        CommuneInfo c{fr::place_name(f[1]), std::string(f[2]), std::string(f[3]), f.size() > 4 ? number(f[4]) : 0};
        r.communes_.emplace(std::string(f[0]), std::move(c));
    });
    rows(dir + "/departements.tsv", [&](const std::vector<std::string_view>& f) {
        if (f.size() >= 2) r.departements_[std::string(f[0])] = std::string(f[1]);
    });
    rows(dir + "/epci.tsv", [&](const std::vector<std::string_view>& f) {
        if (f.size() < 5) return;
        EpciInfo e{fr::place_name(f[1]), std::string(f[2]), number(f[3]), {}};
        for (std::size_t from = 0; from < f[4].size();) {
            std::size_t space = f[4].find(' ', from);
            if (space == std::string_view::npos) space = f[4].size();
            if (space > from) e.communes.emplace_back(f[4].substr(from, space - from));
            from = space + 1;
        }
        r.epci_.emplace(std::string(f[0]), std::move(e));
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
