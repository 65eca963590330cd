#include "identifiers.h"

namespace cotation::ids {
namespace {
bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}
}  // namespace

bool luhn_ok(std::string_view d) {
    if (!all_digits(d)) return false;
    int sum = 0;
    bool dbl = false;
    for (auto it = d.rbegin(); it != d.rend(); ++it) {
        int v = *it - '0';
        if (dbl) { v *= 2; if (v > 9) v -= 9; }
        sum += v;
        dbl = !dbl;
    }
    return sum % 10 == 0;
}

bool siret_ok(std::string_view s) {
    if (s.size() != 14 || !all_digits(s)) return false;
    if (s.substr(0, 9) == "356000000") {
        int sum = 0;
        for (char c : s) sum += c - '0';
        return sum % 5 == 0;
    }
    return luhn_ok(s);
}

bool finess_ok(std::string_view f) {
    if (f.size() != 9) return false;
    if (f.substr(0, 2) == "2A" || f.substr(0, 2) == "2B") return all_digits(f.substr(2));
    return luhn_ok(f);
}

std::string departement_of_commune(std::string_view c) {
    if (c.size() != 5) return {};
    if (c.substr(0, 2) == "2A" || c.substr(0, 2) == "2B") return all_digits(c.substr(2)) ? std::string(c.substr(0, 2)) : "";
    if (!all_digits(c)) return {};
    if (c.substr(0, 2) == "97" || c.substr(0, 2) == "98") return std::string(c.substr(0, 3));
    return std::string(c.substr(0, 2));
}

}  // namespace cotation::ids
