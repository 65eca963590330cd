#pragma once
// A measured quantity (kilometres, places, scores) in French notation: whole
// numbers as such, else one decimal after a comma (12 ; 12,5). Apart from
// french.h so that the few files that print doubles need not rebuild the rest.
#include <string>

namespace cotation::fr {

std::string one_decimal(double v);

}  // namespace cotation::fr
