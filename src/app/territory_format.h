#pragma once
// How the territory's texts write numbers (app/territory*.cpp only): French
// display for people, dot decimals for the CSV that scripts read.
#include <cmath>
#include <cstdint>
#include <cstddef>
#include <cstdio>
#include <string>

#include "core/french.h"
#include "core/rational.h"

namespace cotation::territory_format {

// French display: thousands with a no-break space, decimal comma.
inline std::string fr_num(double v, int decimals) {
    const std::int64_t scale = decimals == 0 ? 1 : decimals == 1 ? 10 : 100;
    return fr::number(Rational(static_cast<std::int64_t>(std::llround(v * static_cast<double>(scale))), scale), decimals);
}
// Always `decimals` decimals (« 2,90 », not « 2,9 »), for figures read side by side.
inline std::string fr_fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf;
    const auto point = s.find('.');
    if (point != std::string::npos) s[point] = ',';
    const std::size_t int_end = point == std::string::npos ? s.size() : point;
    const std::size_t first = s[0] == '-' ? 1 : 0;
    for (std::ptrdiff_t i = static_cast<std::ptrdiff_t>(int_end) - 3; i > static_cast<std::ptrdiff_t>(first); i -= 3)
        s.insert(static_cast<std::size_t>(i), fr::kNbsp);
    if (first) s.replace(0, 1, "\u2212");   // the minus sign, as fr::number prints it
    return s;
}
// Amounts to the cent (« 1 199 999,50 € »; whole euros without decimals).
inline std::string euros(double v) { return fr::amount(Rational(static_cast<std::int64_t>(std::llround(v * 100)), 100)); }
// "0 habitant", "1 habitant", "2 habitants" (French: plural from 2).
inline std::string count(double n, const char* one, const char* many) {
    return fr_num(n, 0) + " " + (std::fabs(n) < 2 ? one : many);
}
inline std::string count(double n, const std::string& one, const std::string& many) {
    return count(n, one.c_str(), many.c_str());
}
inline std::string people(long n) { return count(static_cast<double>(n), "habitant", "habitants"); }
inline std::string pct(double share) { return fr_num(share * 100, 1) + fr::kNbsp + "%"; }
inline std::string dot2(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}
inline std::string dot4(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", v);
    return buf;
}

}  // namespace cotation::territory_format
