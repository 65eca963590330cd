// The journal: entries appended to the hash chain, read back and verified.
#include <sqlite3.h>

#include <map>
#include <set>
#include <unordered_map>

#include "core/error.h"
#include "journal.h"
#include "sqlite_store.h"

namespace cotation::sqlite {

JournalWriter::JournalWriter(Db& db)
    : db_(db), insert_(db, "INSERT INTO journal(seq, at, actor, action, entity, old_value, new_value, prev_hash, hash) "
                            "VALUES (?,?,?,?,?,?,?,?,?)"), prev_(kJournalGenesis) {
    Stmt last(db, "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1");
    if (last.step()) {
        seq_ = last.integer(0);
        prev_ = last.text(1);
    }
    at_ = utc_now_iso();
}

void JournalWriter::add(const std::string& actor, const std::string& action, const std::string& entity,
                        const std::string& old_value, const std::string& new_value) {
    JournalEntry e{++seq_, at_, actor, action, entity, old_value, new_value, prev_, ""};
    e.hash = journal_hash(e);
    insert_.bind(1, e.seq).bind(2, e.at).bind(3, e.actor).bind(4, e.action).bind(5, e.entity)
        .bind(6, e.old_value).bind(7, e.new_value).bind(8, e.prev_hash).bind(9, e.hash);
    insert_.run();
    prev_ = e.hash;
}

std::vector<JournalEntry> SqliteStore::journal(const std::string& prefix) {
    std::vector<JournalEntry> out;
    Stmt s(*db_, "SELECT seq, at, actor, action, entity, old_value, new_value, prev_hash, hash FROM journal "
                 "WHERE substr(entity, 1, length(?1)) = ?1 ORDER BY seq");
    s.bind(1, prefix);
    while (s.step())
        out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7), s.text(8)});
    return out;
}

JournalCheck SqliteStore::verify_journal() {
    JournalCheck c;
    std::string prev = kJournalGenesis;
    std::int64_t expected = 1;
    for (const auto& e : journal("")) {
        ++c.entries;
        if (e.seq != expected)
            c.problems.push_back(e.seq == expected + 1
                                     ? "entrée " + std::to_string(expected) + " : absente (supprimée)"
                                     : "entrées " + std::to_string(expected) + " à " + std::to_string(e.seq - 1) +
                                           " : absentes (supprimées)");
        if (e.prev_hash != prev)
            c.problems.push_back("entrée " + std::to_string(e.seq) + " : ne suit pas l'entrée précédente (entrée insérée, supprimée ou déplacée)");
        if (journal_hash(e) != e.hash)
            c.problems.push_back("entrée " + std::to_string(e.seq) + " : contenu modifié (" + e.action + ", " + e.entity + ")");
        prev = e.hash;
        expected = e.seq + 1;
    }
    c.ok = c.problems.empty();
    return c;
}

}  // namespace cotation::sqlite
