#pragma once
// The journal's words that are read back as data, in one place (issue 12,
// review N4): where an entry applies (its entity, « dossier/REF/note/NOM/I.1 »),
// who wrote it (« NOM (compte LOGIN) »), a person's line (« instructeur —
// ARS — compte login ») and a dossier's « clé=valeur; … » text. The stores
// write these texts with the builders; the core, the application and the
// shells read them with the readers beside them, never by searching the text
// for marks of their own (there were five readers of a person's line and
// author, each with its marks). tests/test_journal_grammar.cpp holds each
// reader to its builder, with the names that could fool a reader.
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cotation::journal_text {

// --- Entities -----------------------------------------------------------

// « dossier/REF »: a dossier's entries, and the prefix that selects them all.
std::string dossier_entity(const std::string& reference);
// « dossier/REF/KIND » or « dossier/REF/KIND/REST »: its note, decision, fact…
std::string dossier_entity(const std::string& reference, const std::string& kind, const std::string& rest = "");
// The REF and REST of « dossier/REF/KIND/REST » (a reference may hold a
// « / »: the last « /KIND/ » separates them); nullopt for another entity.
std::optional<std::pair<std::string, std::string>> dossier_part(const std::string& entity, const std::string& kind);
// What follows « dossier/ »: the REF of a dossier's own entity (its creation,
// its identity), else REF/KIND/…; nullopt for another entity.
std::optional<std::string> after_dossier(const std::string& entity);

// « personne/NOM »: a person of the team, and the prefix of the team's entries.
inline constexpr const char* kPeople = "personne/";
std::string person_entity(const std::string& name);
// The name of a person's own entity (nullopt for a link, « personne/NOM/conflit/ORG »).
std::optional<std::string> person_of(const std::string& entity);
// « personne/NOM/conflit/ORGANISME »: a link a person declared.
std::string conflict_entity(const std::string& reviewer, const std::string& organisme);
struct ConflictEntity {
    std::string reviewer, organisme;
};
std::optional<ConflictEntity> conflict_of(const std::string& entity);

// --- Who wrote an entry -------------------------------------------------

// « NOM (compte LOGIN) », as every command and the window sign; « NOM » alone without an account.
std::string signed_actor(const std::string& person, const std::string& account);
// « saisi par NOM (compte LOGIN) pour AUTRE »: the coordinator entering the
// ratings another person gave (a grid she collected, `import-notes`).
std::string keyed_for(const std::string& signed_by, const std::string& reviewer);
// « NOM (compte LOGIN) ; motif : MOTIF »: a change made with its motive
// (`param --motif`, a figure the team's documents attribute); none when empty.
std::string with_motive(const std::string& signed_by, const std::string& motive);
// « NOM (compte LOGIN) — TEXTE »: a step's or a withdrawal's own words.
std::string with_note(const std::string& signed_by, const std::string& note);
struct Signature {
    std::string person, account;   // account empty: not signed with one
    std::string for_person;        // keyed_for: whose ratings were entered
    std::string motive, note;      // with_motive, with_note
};
// Reads back all of them: the signature is the first « (compte LOGIN) » whose
// login holds no space nor bracket and that ends the text or comes before one
// of the tails above (as the server reads an author: cotation_person in
// pg_roles.cpp); an author written otherwise is a person's name as it stands.
Signature signature_of(const std::string& actor);

// --- Texts --------------------------------------------------------------

// « clé=valeur; clé=valeur » (a dossier's creation and identity).
std::string fields_text(const std::vector<std::pair<std::string, std::string>>& fields);
// The value of `key` in such a text (up to the next « ; »), nullopt when absent.
std::optional<std::string> field_of(const std::string& text, const std::string& key);

// A person's line: « ROLE[ (voix consultative)] — ORGANISATION[ — compte LOGIN] »,
// the role in words (its label).
struct PersonLine {
    std::string role;   // as written (a label, or an older file's text)
    bool deliberative = true;
    std::string organisation, account;
};
std::string person_text(const PersonLine& p);
// The organisation may hold « — » itself: the role is first, the account last.
PersonLine person_line_of(const std::string& text);

}  // namespace cotation::journal_text
