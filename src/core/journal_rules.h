#pragma once
// What Cotation itself writes in a campaign's journal (trial 13c F1): an
// entry appended by another program, with a correct hash, is still named when
// Cotation would not have written it. Pure rules, replayed on the journal's
// own entries (who was coordinator and which account was bound, at each entry).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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
struct EntryAuthor {
    std::string person, account;
};
EntryAuthor entry_author(const std::string& actor);

// The part of an entry these rules read.
struct JournalRecord {
    std::int64_t seq = 0;
    std::string at;   // UTC, « 2026-11-30T17:21:00Z » (a fraction of second may follow the seconds)
    std::string actor, action, entity, old_value, new_value;
};

// Where the journal was written: on a campaign file every entry of a person
// carries the account it was written from; on a server the server sets the
// author from its connection role, and the name comes alone.
enum class JournalHome { File, Server };

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
//   entry without an account too, unless a copy from a server follows it);
// - of a coordinator's kind (coordinator_actions), once a team is declared,
//   written from an account by someone who was not coordinator at that moment;
// - signed « cotation » but not one of Cotation's own (migration, digests).
// Without a team (one person working alone) nobody's name is checked. An
// entry naming a person without an account is a server's (the server set
// the author from its role and refused the coordinator's kinds to the
// others), or, on a file whose team has no account, one older than accounts:
// only its date is checked.
// With `now` (this workstation's instant, as the journal writes it), also
// an entry dated after it by more than kJournalClockAhead (trial 13d F5: an
// entry dated 2099 was accepted, and the following ones took its date).
std::optional<UnwrittenEntry> first_unwritten_entry(const std::vector<JournalRecord>& entries, JournalHome home,
                                                    const std::string& now = "");
// How far ahead of a workstation's clock an entry may be dated: the clock of
// another workstation of the share may be ahead by minutes, not by a day.
inline constexpr long long kJournalClockAheadSeconds = 24 * 3600;
// Whether `at` is later than `now` by more than kJournalClockAheadSeconds
// (both « 2026-11-30T17:21:00Z »); false when either is of another form.
bool dated_in_future(const std::string& at, const std::string& now);
// « entrée 149 (01/01/2019 à 00:00 UTC, par « Nadia Roussel (compte nadia) », personne) : Cotation ne l’aurait pas écrite, … »
std::string unwritten_text(const UnwrittenEntry& u);
// « 30/11/2026 à 17:21 UTC » from the journal's instant; the text itself when unreadable.
std::string journal_instant_text(const std::string& at);

}  // namespace cotation
