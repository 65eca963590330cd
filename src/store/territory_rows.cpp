// Territory rows, once for both back ends (territory_rows.h).
#include "territory_rows.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/enums.h"
#include "core/french.h"

namespace cotation::rows {

const TerritoryQueries kTerritoryQueries{
    "SELECT origin FROM territory_origin WHERE what = 'offre'",
    "SELECT finess, name, category, kind, commune, status, manager, permanent, temporary, day_care, latitude, longitude, "
    "source FROM offer_structure ORDER BY seq",
    "SELECT origin FROM territory_origin WHERE what = 'zones'",
    "SELECT zone, label, communes FROM campaign_zone ORDER BY seq",
    "SELECT followed, dossiers, reason, recorded_at, recorded_by FROM allocation_choice"};

std::string coordinate(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out = fr::join(items, " ");
    return out;
}
std::vector<std::string> split_words(const std::string& text) {
    std::vector<std::string> out;
    std::size_t p = 0;
    while (p < text.size()) {
        std::size_t q = text.find(' ', p);
        if (q == std::string::npos) q = text.size();
        if (q > p) out.push_back(text.substr(p, q - p));
        p = q + 1;
    }
    return out;
}

std::string structure_line(const Structure& s) {
    return (s.finess.empty() ? std::string("sans FINESS") : s.finess) + " ; " + s.name + " ; " + s.commune + " ; HP " +
           std::to_string(s.permanent) + ", HT " + std::to_string(s.temporary) + ", AJ " + std::to_string(s.day_care) +
           (s.position ? " ; " + coordinate(s.position->lat) + " " + coordinate(s.position->lon) : "");
}
std::string offer_summary(const std::optional<Offer>& o) {
    if (!o) return "";
    return fr::plural(o->structures.size(), "structure") + ", " + fr::plural(o->capacity(), "place") +
           " — " + o->origin;
}
std::string allocation_dossiers(const allocation::Recorded& x) {
    std::vector<std::string> items;
    for (const auto& ref : x.retained) {
        auto g = x.granted.find(ref);
        items.push_back(g == x.granted.end() ? ref : ref + "=" + std::to_string(std::llround(g->second)));
    }
    return joined(items);
}
void read_allocation_dossiers(const std::string& text, allocation::Recorded& x) {
    for (auto& item : split_words(text)) {
        const auto eq = item.rfind('=');
        if (eq != std::string::npos && eq + 1 < item.size()) {
            x.granted[item.substr(0, eq)] = std::strtod(item.c_str() + eq + 1, nullptr);
            item.resize(eq);
        }
        x.retained.push_back(std::move(item));
    }
}
std::string allocation_text(const std::optional<allocation::Recorded>& x) {
    if (!x) return std::string();
    return std::string(enum_code(x->followed)) + " : " + allocation_dossiers(*x) +
           (x->reason.empty() ? "" : " — motif : " + x->reason);
}

TerritoryRecord read_territory(const RunQuery& run, const TerritoryQueries& q) {
    TerritoryRecord r;
    std::optional<std::string> offer_origin, zones_origin;
    run(q.offer_origin, [&](const Row& x) { offer_origin = x.text(0); });
    if (offer_origin) {
        Offer o;
        o.origin = *offer_origin;
        run(q.structures, [&](const Row& x) {
            Structure s{x.text(0), x.text(1), x.text(2), x.text(3), x.text(4), x.text(5), x.text(6),
                        static_cast<long>(x.integer(7)), static_cast<long>(x.integer(8)), static_cast<long>(x.integer(9)),
                        std::nullopt, x.text(12)};
            if (!x.text(10).empty() && !x.text(11).empty())
                s.position = geo::LonLat{std::strtod(x.text(11).c_str(), nullptr), std::strtod(x.text(10).c_str(), nullptr)};
            o.structures.push_back(std::move(s));
        });
        r.offer = std::move(o);
    }
    run(q.zones_origin, [&](const Row& x) { zones_origin = x.text(0); });
    if (zones_origin) {
        r.zones_origin = *zones_origin;
        r.zones.emplace();
        run(q.zones, [&](const Row& x) { r.zones->push_back({x.text(0), x.text(1), split_words(x.text(2))}); });
    }
    run(q.allocation, [&](const Row& a) {
        if (r.allocation) return;
        allocation::Recorded x;
        x.followed = enum_from_code<allocation::Followed>(a.text(0)).value_or(allocation::Followed::Ranking);
        read_allocation_dossiers(a.text(1), x);
        x.reason = a.text(2);
        x.recorded_at = a.text(3);
        x.recorded_by = a.text(4);
        r.allocation = std::move(x);
    });
    return r;
}

}  // namespace cotation::rows
