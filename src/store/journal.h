#pragma once
// The journal's hash chain: each entry's hash covers its content and the hash
// of the entry before it, so an entry altered, removed or inserted breaks the
// chain where it happened.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "campaign_store.h"
#include "core/journal_rules.h"

namespace cotation {

inline constexpr const char* kJournalGenesis = "0000000000000000000000000000000000000000000000000000000000000000";
std::string journal_hash(const JournalEntry& e);   // SHA-256, hex
std::string utc_now_iso();
// The schemas this build's migrations know, on a file and on a server (both
// number them alike): what a migration entry of the journal may say.
KnownSchemas known_schemas();
// The hash chain of `entries` (none missing, each following the one before,
// none altered) and, when given, that they extend a head kept outside; the
// same check and messages on every back end. The data are compared by the
// back end itself. The first entry Cotation would not have written (an entry
// appended by another program, with its hash recomputed) is named too
// (core/journal_rules.h, trial 13c F1).
JournalCheck check_journal_chain(const std::vector<JournalEntry>& entries, const std::optional<JournalHead>& extends,
                                 JournalHome home = JournalHome::File);
// What the gate before every write, decision and document verified of the
// journal (trial 13e F1): the entries up to `seq`, whose last has `hash`, and
// the rules replayed on them. Only the entries after it are read again.
struct JournalSeen {
    std::int64_t seq = 0;
    std::string hash = kJournalGenesis;
    JournalReplay replay;
    explicit JournalSeen(JournalHome home) : replay(home, known_schemas()) {}
};
// The problems `journal verify` would name in `later` (the entries after
// `seen.seq`, in order): a broken link or hash, an entry Cotation would not
// have written. `seen` moves to the last entry when there is none; otherwise
// it stays, and the next call reads the same entries again.
std::vector<std::string> check_journal_since(JournalSeen& seen, const std::vector<JournalEntry>& later);
// Adds to `problems` why `entries` do not extend `head` (a head kept outside
// the campaign: printed in its documents, given to `journal verify --tete`).
void check_journal_extends(const std::vector<JournalEntry>& entries, const JournalHead& head,
                           std::vector<std::string>& problems);

// Who bound each person to the account they now act from, as the journal
// says (trial 13 R1): on a shared folder the first binding of a coordinator
// decides who controls the campaign, so `users` and `journal verify` show it.
struct AccountBinding {
    std::string person, role;    // role as shown (« coordonnateur »)
    std::string account;         // the account bound
    std::string by_account;      // the account the binding was made from
    std::string on;              // JJ/MM/AAAA (UTC)
};
// The last binding of each person to an account, in journal order.
std::vector<AccountBinding> account_bindings(const std::vector<JournalEntry>& entries);
// « coordonnateur lié au compte root par le compte root le 30/11/2026 »
std::string binding_text(const AccountBinding& b);
// Who controls the campaign, as `journal verify` says it: each coordinator of
// the team as its rows stand, with the binding of the journal's « personne »
// entries that gave them that account, or why none did (trial 13f F3: a
// coordinator made in the rows was missing, and one promoted from instructor
// after their account was bound was listed as instructor, i.e. not at all).
std::vector<std::string> coordinator_lines(const std::map<std::string, Person, fr::CollateLess>& people,
                                           const std::vector<JournalEntry>& entries);

}  // namespace cotation
