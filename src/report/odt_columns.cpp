// The widths of an ODT table's columns (split from odt.cpp).
#include "odt_columns.h"

#include <algorithm>
#include <sstream>

namespace cotation::report {

namespace {
std::size_t utf8_length(const std::string& s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

// Relative column widths, counted in characters as the PDF counts points: a
// line of the table holds about 90 characters of 9 pt; narrow columns (rank,
// score) keep their longest cell, the others at least their longest word.
std::vector<std::size_t> odt_column_widths(const Block& b) {
    std::size_t n = 0;
    for (const auto& r : b.rows) n = std::max(n, r.size());
    std::vector<double> natural(n, 3), least(n, 3);
    for (const auto& r : b.rows)
        for (std::size_t c = 0; c < r.size(); ++c) {
            natural[c] = std::max(natural[c], static_cast<double>(utf8_length(r[c]) + 3));
            std::istringstream words(r[c]);
            for (std::string w; words >> w;)
                least[c] = std::max(least[c], std::min(static_cast<double>(utf8_length(w) + 3), 30.0));
        }
    const double capacity = 90;
    double sum_natural = 0, fixed = 0, sum_least = 0;
    for (double v : natural) sum_natural += v;
    std::vector<bool> narrow(n);
    for (std::size_t c = 0; c < n; ++c) {
        narrow[c] = sum_natural > capacity && natural[c] <= 14;
        if (narrow[c]) fixed += natural[c];
        else sum_least += least[c];
    }
    double flexible = capacity - fixed, flexible_natural = sum_natural - fixed;
    std::vector<std::size_t> w(n);
    for (std::size_t c = 0; c < n; ++c) {
        double v = natural[c];
        if (sum_natural > capacity && !narrow[c])
            v = sum_least <= flexible
                    ? least[c] + (natural[c] - least[c]) * (flexible - sum_least) / std::max(flexible_natural - sum_least, 1.0)
                    : least[c] * flexible / sum_least;
        w[c] = static_cast<std::size_t>(v * 100);
    }
    return w;
}

}  // namespace cotation::report
