#pragma once
// What Cotation itself writes in a campaign's journal (trial 13c F1): an
// entry appended by another program, with a correct hash, is still named when
// Cotation would not have written it. Pure rules, replayed on the journal's
// own entries (who was coordinator and which account was bound, at each entry).
#include "journal_grammar.h"
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "team.h"

namespace cotation {

// The kinds of entry only the coordinator writes: decision, consolidation,
// closing, reopening, grid, parameters, procedure, authority, prior
// rejection, meeting, territorial allocation, person and role changes. One
// list, for `journal verify` and for the server's journal trigger (pg_roles.cpp).
const std::vector<std::string>& coordinator_actions();
bool coordinator_action(const std::string& action);

// Who an entry's actor names: « Nadia Roussel (compte root) », « saisi par
// Nadia Roussel (compte root) pour Thomas Petit » (the ratings a coordinator
// imports for a reviewer), or a name alone (a server entry: the server binds
// the role). `account` is empty when the actor gives none.
// Who wrote an entry, as the journal's grammar reads it (journal_grammar.h).
using EntryAuthor = journal_text::Signature;
inline EntryAuthor entry_author(const std::string& actor) { return journal_text::signature_of(actor); }

// Cotation's own takeovers of the territory (app/territory.cpp), in no
// person's name: the offer and zones an older campaign kept beside it, the
// offer shipped with the grid. Only « territoire.offre » and
// « territoire.zones » entries, and only their tables, are accepted under them.
inline constexpr const char* kLegacyTerritoryActor = "Cotation (reprise des fichiers de l'offre)";
inline constexpr const char* kGridOfferActor = "Cotation (reprise de l'offre livrée avec la grille)";

// The part of an entry these rules read.
struct JournalRecord {
    std::int64_t seq = 0;
    std::string at;   // UTC, « 2026-11-30T17:21:00Z » (a fraction of second may follow the seconds)
    std::string actor, action, entity, old_value, new_value;
    // The tables whose rows the entry's digests cover (row_tables of its
    // "rows"), each once; empty for an entry older than the ledger.
    std::vector<std::string> tables;
};

// The tables named by the lines « table<TAB>key<TAB>digest » of an entry's
// rows, each once, in order of first appearance.
std::vector<std::string> row_tables(const std::string& rows);

// The tables an entry of `action` may cover with its row digests: what the
// change journaled under that action writes in its transaction (both back
// ends, store/sqlite_*.cpp and pg_mutations.cpp, with store/journal_texts).
// Trial 13e F3: an instructor's « note » entry carried a decision row.
// Null for an action whose rows may be any table's (a migration, a copy of
// the whole campaign); empty for an action Cotation does not journal.
const std::vector<std::string>* action_tables(const std::string& action);

// Where the journal was written: on a campaign file every entry of a person
// carries the account it was written from; on a server the server sets the
// author from its connection role, and the name comes alone.
enum class JournalHome { File, Server };

// The schemas this program's migrations know, as the stores number them
// (both alike): the first whose journal carries row digests, and the
// highest. 0 when not given (a replay of entries alone): not checked.
struct KnownSchemas {
    int ledger = 0, highest = 0;
    // The migration that gives the dossiers and declared links written before
    // it their organisation's key (issue 15 N1), as the file and the server
    // number it (a journal copied from one to the other keeps the entries of
    // both): the only migration after the ledger that writes rows. 0: none.
    int organisation_keys_file = 0, organisation_keys_server = 0;
};

struct UnwrittenEntry {
    std::int64_t seq = 0;
    std::string at, actor, action;
    std::string why;   // French, « elle est datée d'avant l'entrée 148 (…) »
};
// The first entry Cotation would not have written, replaying the team's
// people, roles and accounts from the journal's « personne » entries:
// - dated before the entry before it (Cotation never writes a date that goes
//   back: its writers keep the previous entry's date when the clock is behind),
//   or dated in a form Cotation does not write;
// - once the team has an account bound, written by a person from an account
//   that is not the one bound to them at that moment (on a file, a person's
//   entry without an account too, whatever copy follows it: issue 13 G1, a
//   forged copy entry made every entry before it « copied from a server »);
// - of a coordinator's kind (coordinator_actions), once a team is declared,
//   written from an account by someone who was not coordinator at that moment;
// - signed « cotation » but not one of Cotation's own: a migration moves the
//   schema forward to a schema of this program, carrying only the rows a
//   migration writes (journal_copies.h, issue 13 G1b); the digests Cotation writes at the end of a
//   change that wrote no entry (journal.empreintes) cover only the rows of
//   `reviewer` (a rating import that added a reviewer and changed no note):
//   trial 13e F2, one such entry reopened a closed campaign;
// - carrying the digest of a row of a table its action does not write
//   (action_tables; trial 13e F3); a copy (« campagne.copie ») writes none
//   (trial 13f F1: one carried a decision, a rating, a person, the campaign);
// - a copy that is not one share.cpp writes where a copy begins a campaign
//   (journal_copies.h: its text, its home, signed by an account, the one of
//   the person of the team it names);
// - a rating (« note ») the team's rules refused at that point (Team::may_rate,
//   as Session asks it: the dossier assigned to its reviewer, no link declared
//   since, not yet submitted), replaying the entries « dossier.ajout »,
//   « dossier.identite », « affectation », « conflit » and « soumission »
//   (trial 13f F2); a dossier added before the replay's first entry is not judged;
//   on a file only (a server applies its own rights as it writes), the entries
//   a file took from a server judged by the server's rights (its coordinator
//   writes any rating not yet submitted), whatever copy follows them;
// Without a team (one person working alone) nobody's name is checked. An
// entry naming a person without an account is, on a server, the server's
// (it set the author from its role and refused the coordinator's kinds to the
// others), or, on a file whose team has no account, one older than accounts:
// only its date is checked.
// With `now` (this workstation's instant, as the journal writes it), also
// an entry dated after it by more than kJournalClockAhead (trial 13d F5: an
// entry dated 2099 was accepted, and the following ones took its date).
std::optional<UnwrittenEntry> first_unwritten_entry(const std::vector<JournalRecord>& entries, JournalHome home,
                                                    const std::string& now = "", KnownSchemas known = {});

// The same rules replayed a part at a time (trial 13e F1: the gate before
// every write, decision and document reads only the entries after the last
// it verified): feed() takes the entries that follow those already fed, in
// order. Fed whole, it finds what first_unwritten_entry finds. After a
// finding the replay is left part-way: keep a copy to go on from.
class JournalReplay {
public:
    explicit JournalReplay(JournalHome home, KnownSchemas known = {}) : home_(home), known_(known) {}
    std::optional<UnwrittenEntry> feed(const std::vector<JournalRecord>& entries, const std::string& now = "");
    // The « campagne.copie » entries of the whole journal (their number, and
    // whether each copied a server's campaign), when the entries are fed in
    // parts: a copy's home is told by the next one, and the ratings a server
    // wrote are judged by the server's rights, not by a file's.
    void copies(std::map<std::int64_t, bool> from_server) { copies_ = std::move(from_server); }

private:
    // The rights of a « note » entry's author at that point (Team::may_rate,
    // as Session::put_rating asks it): "" when Cotation would have written it.
    // `server_rights`: the entry was written on a server, whose coordinator
    // writes any rating not yet submitted (pg_roles.cpp, rating_refused).
    std::string rating_refusal(const JournalRecord& e, const EntryAuthor& who, bool server_rights) const;
    // Dossiers, assignments, declared links and submissions, as the entries tell them.
    void apply_review(const JournalRecord& e);

    JournalHome home_;
    Team team_;
    std::map<std::string, std::int64_t> dossier_ids_;   // reference -> a number of the replay's own
    std::map<std::int64_t, std::string> organisme_;     // as « dossier.ajout » and « dossier.identite » say
    std::optional<std::string> previous_key_;
    JournalRecord previous_;
    KnownSchemas known_;
    int migrated_to_ = 0;   // the schema the last migration entry reached (since the last copy)
    bool rows_seen_ = false;   // an entry carrying row digests was fed
    std::map<std::int64_t, bool> copies_;
};
// How far ahead of a workstation's clock an entry may be dated: the clock of
// another workstation of the share may be ahead by minutes, not by a day.
inline constexpr long long kJournalClockAheadSeconds = 24 * 3600;
// Whether `at` is later than `now` by more than kJournalClockAheadSeconds
// (both « 2026-11-30T17:21:00Z »); false when either is of another form.
bool dated_in_future(const std::string& at, const std::string& now);
// Trial 13f F8: an entry dated 23 h ahead was accepted, and each entry
// written after it silently took its date. Beyond kJournalClockBehindSeconds
// (another workstation's clock a few minutes ahead is ordinary), the
// warning said before a change: « ATTENTION : la dernière entrée du journal
// (N) est datée du … » ; "" otherwise or when either date is of another form.
inline constexpr long long kJournalClockBehindSeconds = 5 * 60;
std::string clock_behind_warning(std::int64_t seq, const std::string& at, const std::string& now);
// « entrée 149 (01/01/2019 à 00:00 UTC, par « Nadia Roussel (compte nadia) », personne) : Cotation ne l’aurait pas écrite, … »
std::string unwritten_text(const UnwrittenEntry& u);
// « 30/11/2026 à 17:21 UTC » from the journal's instant; the text itself when unreadable.
std::string journal_instant_text(const std::string& at);

}  // namespace cotation
