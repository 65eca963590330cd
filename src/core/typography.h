#pragma once
// French typography applied to the text of a document at rendering time
// (PDF and ODT), so that templates and data may be typed with plain spaces
// and straight apostrophes.
#include <string>
#include <string_view>

namespace cotation::fr {

inline constexpr const char* kNarrowNbsp = "\u202F";

// Returns `text` (UTF-8) with, as the Imprimerie nationale's Lexique des règles
// typographiques asks:
//  - a narrow no-break space (U+202F) before ; ! ? and a no-break space
//    (U+00A0) before : — replacing a plain space, or inserted after a word
//    when the sign ends it ("Attention!" ; never in "14:30" or "http://");
//  - a no-break space inside « » (replacing or inserting);
//  - quotation marks inside « … » (« or ") become “ ” without inner spaces;
//  - no-break spaces holding an amount or a measure together: between digit
//    groups ("400 000"), before € and % ("15 €", "50 %");
//  - no-break spaces holding a date together: "15 juin 2023", "1er juillet";
//  - the apostrophe ’ for a straight one inside or after a word ("l'autorité");
//  - « de » and « que » elided before a word starting with a vowel
//    ("de EHPAD" -> "d’EHPAD", "que UPHV" -> "qu’UPHV"; not before h, y, « à »
//    or a one-letter word).
// Idempotent; text that is already right is returned unchanged.
std::string typography(std::string_view text);

}  // namespace cotation::fr
