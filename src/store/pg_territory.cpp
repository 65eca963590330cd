// The territory tables (the file's schema 10) on the server: the campaign's
// own offer and zones, and the allocation it follows; each replacement whole,
// journaled as sqlite_territory.cpp journals it (texts in territory_rows).
#include "core/enums.h"
#include "core/french.h"
#include "pg_store_impl.h"
#include "territory_rows.h"

namespace cotation::pg {
namespace {

TerritoryRecord read(PgConn& c) {
    return rows::read_territory(runner(c));
}

void set_origin(PgConn& c, const char* what, const std::string& origin) {
    c.exec("INSERT INTO territory_origin(what, origin) VALUES ($1,$2) ON CONFLICT (what) DO UPDATE SET origin = EXCLUDED.origin",
           {std::string(what), origin});
}

}  // namespace

TerritoryRecord PgStore::load_territory() {
    PgTransaction t(*c_, PgTransaction::Kind::Read);
    TerritoryRecord r = read(*c_);
    t.commit();
    return r;
}

void PgStore::put_offer(const Offer& offer, const std::string& why, const std::string& actor) {
    mutate(Lock::Check, [&](PgJournalWriter& j) {
        const auto before = read(*c_).offer;
        c_->exec("DELETE FROM offer_structure");
        for (std::size_t i = 0; i < offer.structures.size(); ++i) {
            const Structure& s = offer.structures[i];
            c_->exec(
                "INSERT INTO offer_structure(seq, finess, name, category, kind, commune, status, manager, permanent, temporary, "
                "day_care, latitude, longitude, source) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)",
                {std::to_string(i + 1), s.finess, s.name, s.category, s.kind, s.commune, s.status, s.manager,
                 std::to_string(s.permanent), std::to_string(s.temporary), std::to_string(s.day_care),
                 s.position ? rows::coordinate(s.position->lat) : std::string(),
                 s.position ? rows::coordinate(s.position->lon) : std::string(), s.source});
        }
        set_origin(*c_, "offre", offer.origin);
        // The whole replacement, then each structure as it now stands.
        j.add(actor, entry::offer_replaced(before, offer, why));
        for (std::size_t i = 0; i < offer.structures.size(); ++i)
            j.add(actor, entry::offer_structure(i + 1, offer.structures[i]));
    });
}

void PgStore::put_zones(const std::vector<coverage::Area>& zones, const std::string& origin, const std::string& why,
                        const std::string& actor) {
    mutate(Lock::Check, [&](PgJournalWriter& j) {
        const auto before = read(*c_);
        c_->exec("DELETE FROM campaign_zone");
        for (std::size_t i = 0; i < zones.size(); ++i)
            c_->exec("INSERT INTO campaign_zone(seq, zone, label, communes) VALUES ($1,$2,$3,$4)",
                     {std::to_string(i + 1), zones[i].id, zones[i].label, rows::joined(zones[i].communes)});
        set_origin(*c_, "zones", origin);
        j.add(actor, entry::zones_replaced(before.zones, before.zones_origin, zones, origin, why));
        for (const auto& z : zones) j.add(actor, entry::zone(z));
    });
}

void PgStore::put_allocation(const std::optional<allocation::Recorded>& choice, const std::string& actor) {
    mutate(Lock::Check, [&](PgJournalWriter& j) {
        const auto before = read(*c_).allocation;
        c_->exec("DELETE FROM allocation_choice");
        if (choice)
            c_->exec(
                "INSERT INTO allocation_choice(id, followed, dossiers, reason, recorded_at, recorded_by) VALUES "
                "(1,$1,$2,$3,$4,$5)",
                {std::string(enum_code(choice->followed)), rows::allocation_dossiers(*choice), choice->reason,
                 choice->recorded_at, choice->recorded_by});
        j.add(actor, entry::allocation(before, choice));
    });
}

}  // namespace cotation::pg
