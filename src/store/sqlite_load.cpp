// Reading a campaign: the snapshot the session works on, and the small reads the writers share.
#include <sqlite3.h>

#include <functional>

#include "core/error.h"
#include "journal.h"
#include "snapshot_rows.h"
#include "sqlite_store.h"

namespace cotation::sqlite {

namespace {

// The SQLite side of the shared row-to-snapshot layer (snapshot_rows.h).
class StmtRow final : public rows::Row {
public:
    explicit StmtRow(const Stmt& st) : st_(st) {}
    std::string text(int col) const override { return st_.text(col); }
    std::int64_t integer(int col) const override { return st_.integer(col); }
    bool flag(int col) const override { return st_.integer(col) != 0; }

private:
    const Stmt& st_;
};

rows::RunQuery runner(Db& db) {
    return [&db](const char* sql, const std::function<void(const rows::Row&)>& each) {
        Stmt st(db, sql);
        StmtRow row(st);
        while (st.step()) each(row);
    };
}

}  // namespace

CampaignSnapshot SqliteStore::load() {
    // One snapshot read whole (another program may commit meanwhile), and the
    // version it is: a change decided on it is refused once that moved on.
    // Read-only connections too (trial 13H: a reading command saw the journal
    // of one moment and the rows of the next, and said the campaign changed).
    std::optional<Transaction> read;
    if (db_->depth == 0) read.emplace(*db_, Transaction::Kind::Read);
    CampaignSnapshot s = read_snapshot();
    seen_version_ = data_version();
    check_.loaded(last_seq());
    if (read) read->commit();
    return s;
}

CampaignSnapshot SqliteStore::read_snapshot() {
    return rows::read_snapshot(runner(*db_), rows::kSnapshotQueries, rows::kProcedureQueries, db_->path());
}

void SqliteStore::load_procedure(CampaignSnapshot& s) {
    rows::read_procedure(runner(*db_), rows::kProcedureQueries, db_->path(), s);
}

Authority SqliteStore::load_authority() {
    Stmt c(*db_, "SELECT authority, signatory, city, authority_kind, authority_address, signatory_title, tribunal, "
                 "tribunal_address, logo, cosignatories FROM campaign");
    if (!c.step()) throw InputError("« " + db_->path() + " » n'est pas une campagne Cotation.");
    return rows::authority_from(StmtRow(c));
}

std::string SqliteStore::closed_since() {
    Stmt c(*db_, "SELECT closed_at FROM campaign");
    return c.step() ? c.text(0) : "";
}

std::string SqliteStore::reference_of(std::int64_t dossier_id) {
    Stmt ref(*db_, "SELECT reference FROM dossier WHERE id=?");
    ref.bind(1, dossier_id);
    if (!ref.step()) throw InputError(unknown_dossier("n°" + std::to_string(dossier_id)));
    return ref.text(0);
}

void SqliteStore::ensure_open() {
    std::string since = closed_since();
    if (!since.empty())
        throw InputError("La campagne est close depuis le " + french_timestamp(since) +
                         " : notes, arbitrages, dossiers et grille ne peuvent plus changer. Le coordonnateur peut la "
                         "rouvrir en écrivant le motif (cotation reopen).");
}

std::vector<std::string> SqliteStore::grid_versions() {
    std::vector<std::string> out;
    Stmt h(*db_, "SELECT grid_id, grid_version, replaced_at, replaced_by, reason FROM grid_history ORDER BY seq");
    while (h.step())
        out.push_back(h.text(0) + " version " + h.text(1) + ", remplacée le " + h.text(2) + " par " + h.text(3) +
                      " (" + h.text(4) + ")");
    return out;
}

}  // namespace cotation::sqlite

namespace cotation::sqlite {

std::int64_t SqliteStore::data_version() {
    Stmt v(*db_, "PRAGMA data_version");
    v.step();
    return v.integer(0);
}

void SqliteStore::ensure_fresh() {
    if (data_version() != seen_version_)
        throw StaleCampaign("La campagne « " + db_->path() + " » a été modifiée par un autre programme (un autre poste, "
                            "une autre fenêtre ou commande de Cotation) depuis qu'elle a été lue : rien n'a été enregistré. "
                            "Rouvrez-la et recommencez.");
}

void SqliteStore::ensure_writable() {
    if (db_->read_only()) throw Error(failure_message(*db_, SQLITE_READONLY, ""));
}

std::int64_t SqliteStore::last_seq() {
    Stmt s(*db_, "SELECT coalesce(max(seq), 0) FROM journal");
    s.step();
    return s.integer(0);
}

bool SqliteStore::begin_write() {
    ensure_writable();
    scopes_.push_back(std::make_unique<Transaction>(*db_));
    if (!scopes_.back()->nested()) {   // the rows rights rest on, as mutate() checks them
        try {
            ensure_untampered();
        } catch (...) {
            scopes_.pop_back();
            throw;
        }
    }
    check_.scope_begun();   // the snapshot acted on: the one before any reload
    return data_version() != seen_version_;
}

void SqliteStore::end_write(bool commit) {
    if (scopes_.empty()) return;
    auto t = std::move(scopes_.back());
    scopes_.pop_back();
    // The head as this writer leaves it, read before another one can write.
    std::int64_t seq = -1;
    try {
        seq = commit && scopes_.empty() ? last_seq() : -1;
        if (commit) t->commit();
    } catch (...) {
        check_.scope_ended();   // a refused commit still ends the scope (as PgStore::end_write)
        throw;
    }
    check_.scope_ended();
    if (seq >= 0) check_.loaded(seq);
}

}  // namespace cotation::sqlite
