#pragma once
// No lost update on a campaign, shared on a server or opened twice on one
// file (issue 15): the optimistic check of each write. A writer read the campaign up to journal entry N (its
// snapshot); when it writes, inside the write transaction (writers are
// serialised on the journal), every entry it adds is compared with the
// entries other people added since N: one that changed the same thing (the
// same journal entity, or one containing it: « dossier/D1 » and
// « dossier/D1/note/… ») refuses the whole write with StaleCampaign, naming
// who changed what and when. Changes of other things pass: two people rating
// different cells both succeed. The back end gives the entries to compare
// (its journal, read inside its write transaction).
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "campaign_store.h"

namespace cotation {

// The store holds valid UTF-8 only, on both back ends: every text bound to a
// statement passes here, and a text that is not is refused (InputError)
// before anything is written, the transaction rolled back. The shells decode
// and check first, naming the input; this is the guard behind them.
void require_utf8(const std::string& text);

// Do the two journal entities name the same thing or one inside the other?
bool same_or_within(const std::string& a, const std::string& b);

// How a change reads to a person (change_words.h); the session gives one
// that knows the campaign's grid.
using ChangeWords = std::function<std::string(const JournalEntry&)>;

// Whether two authors of the journal are the same person: « NOM (compte
// LOGIN) » and « NOM », or the same name from two accounts (person_key).
bool same_author(const std::string& a, const std::string& b);

// The refusal shown to the second writer: who changed what since its reading.
// `campaign` is how the campaign is named (« Campagne partagée « HI » »);
// `me`, the author the refused entry would have carried: their own change
// from another window is said as theirs, not « une autre personne »
// (trial 15c F8); `words` says each change (its store wording when empty).
std::string conflict_message(const std::string& campaign, const std::vector<JournalEntry>& conflicting,
                             std::size_t other_changes, const std::string& me = "", const ChangeWords& words = {});

// « (par NOM, le … à … (UTC)) »: the last journal entry on exactly
// `entity` the connected person may read, or "" (trial 15b F13: a form's
// conflict said what the rating became, not who changed it nor when).
std::string last_change(CampaignStore& store, const std::string& entity);

class WriteCheck {
public:
    // load() read the campaign up to entry `seq`. Inside a caller's write
    // scope (WriteScope reloads a stale campaign before its checks), the
    // snapshot the person acted on stays the one of before the scope.
    void loaded(std::int64_t seq);
    void scope_begun();
    void scope_ended();
    std::int64_t base() const { return depth_ > 0 ? scope_base_ : seen_; }

    // Before this connection writes a journal entry on `entity`; `head` is the
    // journal's last entry when its transaction locked the journal. Throws
    // StaleCampaign (nothing written: the caller's transaction rolls back).
    // `read(from, to)`: the journal's entries from+1 .. to.
    using ReadEntries = std::function<std::vector<JournalEntry>(std::int64_t from, std::int64_t to)>;
    // `me`: the author of the entry about to be written.
    void before_entry(const ReadEntries& read, const std::string& campaign, std::int64_t head, const std::string& entity,
                      const std::string& me = "");
    // An entry this connection wrote (its hash tells it from another one with
    // the same number after a rollback).
    void wrote(std::int64_t seq, const std::string& hash) { own_[seq] = hash; }

    // The same test on entries already read (unit tests, no server).
    std::vector<JournalEntry> conflicts(const std::vector<JournalEntry>& since, const std::string& entity) const;

    ChangeWords words;   // how a conflict names each change (the session's, with its grid)

private:
    std::int64_t seen_ = -1, scope_base_ = -1;
    int depth_ = 0;
    std::map<std::int64_t, std::string> own_;   // seq -> hash of the entries written here
    // Others' entries of the range last read, kept for the transaction's other entries.
    std::int64_t cached_from_ = -1, cached_to_ = -1;
    std::vector<JournalEntry> cached_;
};

}  // namespace cotation
