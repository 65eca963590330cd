#include "sqlite_territory.h"
#include "sqlite_store.h"
#include "territory_rows.h"

#include "core/enums.h"

namespace cotation::store_territory {

// Schema 10. A campaign made before kept its offer and zones in files beside
// it (`<campagne>.offre.csv`, `.zones.csv`): the application imports them
// once, journaled, at the first writable opening (app/territory.cpp).
// `territory_origin` says the campaign has its own offer or zones, even an
// empty one (an import that kept no structure), against the grid's shipped offer.
const char kMigration[] = R"sql(
CREATE TABLE offer_structure(
  seq INTEGER PRIMARY KEY,
  finess TEXT NOT NULL DEFAULT '', name TEXT NOT NULL, category TEXT NOT NULL DEFAULT '', kind TEXT NOT NULL DEFAULT '',
  commune TEXT NOT NULL, status TEXT NOT NULL DEFAULT '', manager TEXT NOT NULL DEFAULT '',
  permanent INTEGER NOT NULL DEFAULT 0, temporary INTEGER NOT NULL DEFAULT 0, day_care INTEGER NOT NULL DEFAULT 0,
  latitude TEXT NOT NULL DEFAULT '', longitude TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '');
CREATE TABLE campaign_zone(
  seq INTEGER PRIMARY KEY, zone TEXT NOT NULL UNIQUE, label TEXT NOT NULL, communes TEXT NOT NULL);
CREATE TABLE territory_origin(what TEXT PRIMARY KEY CHECK (what IN ('offre', 'zones')), origin TEXT NOT NULL);
CREATE TABLE allocation_choice(
  id INTEGER PRIMARY KEY CHECK (id = 1), followed TEXT NOT NULL CHECK (followed IN ('classement', 'variante')),
  dossiers TEXT NOT NULL, reason TEXT NOT NULL, recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL);
CREATE TRIGGER offer_structure_locked_insert BEFORE INSERT ON offer_structure WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
CREATE TRIGGER offer_structure_locked_delete BEFORE DELETE ON offer_structure WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
CREATE TRIGGER campaign_zone_locked_insert BEFORE INSERT ON campaign_zone WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
CREATE TRIGGER campaign_zone_locked_delete BEFORE DELETE ON campaign_zone WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
CREATE TRIGGER territory_origin_locked_insert BEFORE INSERT ON territory_origin WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
CREATE TRIGGER territory_origin_locked_delete BEFORE DELETE ON territory_origin WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
CREATE TRIGGER allocation_choice_locked_insert BEFORE INSERT ON allocation_choice WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
CREATE TRIGGER allocation_choice_locked_delete BEFORE DELETE ON allocation_choice WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
)sql";

namespace {

using rows::coordinate;
using rows::joined;
using rows::offer_summary;
using rows::structure_line;

// The SQLite side of the shared territory rows (territory_rows.h).
class StmtRow final : public rows::Row {
public:
    explicit StmtRow(const sqlite::Stmt& q) : q_(q) {}
    std::string text(int col) const override { return q_.text(col); }
    std::int64_t integer(int col) const override { return q_.integer(col); }
    bool flag(int col) const override { return q_.integer(col) != 0; }

private:
    const sqlite::Stmt& q_;
};

void set_origin(sqlite::Db& db, const char* what, const std::string& origin) {
    sqlite::Stmt q(db, "INSERT INTO territory_origin(what, origin) VALUES (?, ?) ON CONFLICT(what) DO UPDATE SET "
                      "origin=excluded.origin");
    q.bind(1, std::string(what)).bind(2, origin).run();
}

}  // namespace

TerritoryRecord load(sqlite::Db& db) {
    return rows::read_territory(
        [&db](const char* sql, const std::function<void(const rows::Row&)>& each) {
            sqlite::Stmt q(db, sql);
            StmtRow row(q);
            while (q.step()) each(row);
        });
}

void put_offer(sqlite::Db& db, const Offer& offer, const std::string& why, const JournalFn& journal) {
    const auto before = load(db).offer;
    sqlite::Stmt clear(db, "DELETE FROM offer_structure");
    clear.run();
    sqlite::Stmt add(
        db,
        "INSERT INTO offer_structure(finess, name, category, kind, commune, status, manager, permanent, temporary, day_care, "
        "latitude, longitude, source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
    for (const auto& s : offer.structures) {
        add.bind(1, s.finess).bind(2, s.name).bind(3, s.category).bind(4, s.kind).bind(5, s.commune).bind(6, s.status)
            .bind(7, s.manager).bind(8, s.permanent).bind(9, s.temporary).bind(10, s.day_care)
            .bind(11, s.position ? coordinate(s.position->lat) : std::string())
            .bind(12, s.position ? coordinate(s.position->lon) : std::string()).bind(13, s.source);
        add.run();
    }
    set_origin(db, "offre", offer.origin);
    // The whole replacement, then each structure as it now stands.
    journal(entry::offer_replaced(before, offer, why));
    for (std::size_t i = 0; i < offer.structures.size(); ++i) journal(entry::offer_structure(i + 1, offer.structures[i]));
}

void put_zones(sqlite::Db& db, const std::vector<coverage::Area>& zones, const std::string& origin,
               const std::string& why, const JournalFn& journal) {
    const auto before = load(db);
    sqlite::Stmt clear(db, "DELETE FROM campaign_zone");
    clear.run();
    sqlite::Stmt add(db, "INSERT INTO campaign_zone(zone, label, communes) VALUES (?,?,?)");
    for (const auto& z : zones) {
        add.bind(1, z.id).bind(2, z.label).bind(3, joined(z.communes));
        add.run();
    }
    set_origin(db, "zones", origin);
    journal(entry::zones_replaced(before.zones, before.zones_origin, zones, origin, why));
    for (const auto& z : zones) journal(entry::zone(z));
}

void put_allocation(sqlite::Db& db, const std::optional<allocation::Recorded>& choice,
                    const JournalFn& journal) {
    const auto before = load(db).allocation;
    sqlite::Stmt clear(db, "DELETE FROM allocation_choice");
    clear.run();
    if (choice) {
        sqlite::Stmt add(db,
                  "INSERT INTO allocation_choice(id, followed, dossiers, reason, recorded_at, recorded_by) VALUES (1,?,?,?,?,?)");
        add.bind(1, std::string(enum_code(choice->followed))).bind(2, rows::allocation_dossiers(*choice)).bind(3, choice->reason)
            .bind(4, choice->recorded_at).bind(5, choice->recorded_by);
        add.run();
    }
    journal(entry::allocation(before, choice));
}

}  // namespace cotation::store_territory

// The store's side: each change inside its write transaction, journaled,
// refused on a closed campaign.
namespace cotation::sqlite {

TerritoryRecord SqliteStore::load_territory() { return store_territory::load(*db_); }

namespace {
store_territory::JournalFn journal_to(JournalWriter& j, const std::string& actor) {
    return [&j, actor](const entry::Text& e) { j.add(actor, e); };
}
}  // namespace

void SqliteStore::put_offer(const Offer& offer, const std::string& why, const std::string& actor) {
    mutate(Lock::Check,
           [&](JournalWriter& j) { store_territory::put_offer(*db_, offer, why, journal_to(j, actor)); });
}

void SqliteStore::put_zones(const std::vector<coverage::Area>& zones, const std::string& origin, const std::string& why,
                            const std::string& actor) {
    mutate(Lock::Check, [&](JournalWriter& j) {
        store_territory::put_zones(*db_, zones, origin, why, journal_to(j, actor));
    });
}

void SqliteStore::put_allocation(const std::optional<allocation::Recorded>& recorded, const std::string& actor) {
    mutate(Lock::Check, [&](JournalWriter& j) {
        store_territory::put_allocation(*db_, recorded, journal_to(j, actor));
    });
}

}  // namespace cotation::sqlite
