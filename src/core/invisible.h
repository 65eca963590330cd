#pragma once
// The one rule of « a character a reader does not see » (trials 13c F10, 13e
// F7, 13f F5, 13g G2): used to refuse it in every name and text typed or
// imported (people.h: name_refusal, text_refusal), to say that a text holds
// nothing visible (fr::given) and to show it as <U+XXXX> when a message
// quotes an input (fr::quote).
#include <string>
#include <string_view>

namespace cotation::fr {

// Whether `cp` shows nothing on its own, or moves the text: control characters
// (C0, DEL, C1), format characters (U+200B, U+202E, U+2060…, tags U+E0000…),
// every Unicode Default_Ignorable_Code_Point (U+034F, U+115F, U+1160,
// U+17B4, U+17B5, U+180B–U+180F, U+3164, U+FE00–U+FE0F, U+FFA0,
// U+1D173–U+1D17A…), the line and paragraph separators U+2028 and U+2029 and
// the blank look-alikes (braille blank U+2800, null notehead U+1D159).
// Spaces are not invisible here (they are a text's own; collapse_spaces and
// given deal with them).
bool invisible(char32_t cp);
// A variation selector (U+FE00–U+FE0F, U+E0100–U+E01EF): invisible alone, a
// part of the character before it when that one is an emoji (« ❤️ »).
bool variation_selector(char32_t cp);

// The first character of `text` a reader would not see, as « U+202E »; a
// variation selector counts unless it follows an emoji (not an ASCII one:
// « e » + U+FE0F looks like « e »). "un octet qui n'est pas de l'UTF-8" for
// bytes that are not UTF-8; "" when none. `allowed` are the control
// characters the field keeps (a line break in a motive: "\n").
std::string first_invisible(std::string_view text, std::string_view allowed = {});

}  // namespace cotation::fr

namespace cotation::fr {

// A path given by a user, as a message shows it (trial 13g G7: « full/l//x »):
// lexically normal (« a//b/./c » -> « a/b/c »), between « », control bytes
// escaped (« \x1B ») and invisible characters shown as <U+202E> like any
// quoted input (fr::quote), never cut. A server's address (« :// ») is
// quoted as is.
std::string quote_path(std::string_view path);
// The same without the « »: a file named at the head of a message
// (« dossiers.csv, ligne 3 : … »).
std::string shown_path(std::string_view path);

// Any text about to reach a terminal (trial 13g G3: an ESC taken from a file
// name moved the cursor): C0 control bytes but the line break and the
// tabulation, DEL, C1 controls and bytes that are not UTF-8 as « \x1B »;
// the direction overrides and isolates (U+202A–U+202E, U+2066–U+2069) as
// <U+202E>. Everything else, accents included, as is.
std::string terminal_safe(std::string_view text);

}  // namespace cotation::fr
