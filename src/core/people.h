#pragma once
// Who a name designates and which account names are plausible (issue 13.4 and
// 13.15): pure rules, asked before anything is written.
#include <cstddef>
#include <string>

#include "fact.h"
#include "procedure_def.h"
#include "team.h"

namespace cotation {

// The key under which two spellings name the same person: case, accents and
// runs of spaces do not matter (« paul  roy » = « Paul Rôy » = « PAUL ROY »).
// The first spelling declared is the one kept and shown; Team::person()
// finds a person by it.
std::string person_key(const std::string& name);
// The declared spelling of `name`, or `name` itself when nobody has it.
std::string canonical_person(const Team& team, const std::string& name);
// Why `login` cannot be an operating-system account name, or "": a plausible
// POSIX login (letters without accent, digits, « . », « _ », « - », not
// starting with « - », at most 32 characters, optionally ending in « $ »),
// not all digits.
std::string account_refusal(const std::string& login);
// Why `text` cannot be a name (a person, an organisation), or "": control
// characters (line breaks, tabulations) and invisible formatting ones
// (zero-width spaces, direction overrides such as U+202E) would make two
// names look alike or forge a line of the journal's listing (trial 13 F13).
// `what` names the field in the refusal (« Le nom », « L'organisation »).
// A name is also at most kMaxNameChars characters (trial 13c F7: a person of
// 70 005 characters made every letter 32 pages long), as in a CSV cell.
std::string name_refusal(const std::string& text, const std::string& what);
inline constexpr std::size_t kMaxNameChars = 200;    // a person, an organisation, a signatory
inline constexpr std::size_t kMaxMotiveChars = 4000;   // a motive, a reason, a justification
// Why `text` cannot be a free text typed by a user (a motive, a reason), or
// "": at most kMaxMotiveChars characters, line breaks allowed, no other
// control or invisible formatting character (U+202E would reverse the end of
// a letter's sentence). `what` names it (« Le motif »).
std::string text_refusal(const std::string& text, const std::string& what);
// The texts a campaign is created with and those of its authority, printed in
// every letter and order (trial 13f F5: U+202E in `new --titre`, `--autorite`,
// `--reference` and in the text of a parameter such as campagne.tribunal):
// the first refusal of name_refusal (reference, authority's fields) or
// text_refusal (title, a parameter's text), naming the field; "" when none.
std::string campaign_texts_refusal(const std::string& reference, const std::string& title);
std::string authority_refusal(const Authority& a);
std::string parameter_text_refusal(const std::string& name, const Value& value);
// The first control or invisible formatting character of `text`, as
// « U+202E » (npos-like "" when none); UTF-8 expected.
std::string invisible_character(const std::string& text);
// A campaign with no team yet (trial 13b F11: any account that could write
// the file made itself coordinator and shut out its creator): its first
// person, the coordinator, is declared from the account owning the campaign
// file, the one that made it (`cotation new`). Why not, or "" when allowed
// or when the owner is not known (a server has its own accounts).
std::string first_declaration_refusal(const std::string& owner, const std::string& login);
// An account of the machine's or the server's administration (root,
// postgres), never a person's own: no login role is made for it on a server.
inline bool administrative_account(const std::string& login) { return login == "root" || login == "postgres"; }

}  // namespace cotation
