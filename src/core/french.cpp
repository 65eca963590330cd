#include "french.h"

#include <cstdlib>

namespace cotation::fr {
namespace {
std::string group_thousands(std::string digits) {
    std::string out;
    int n = static_cast<int>(digits.size());
    for (int i = 0; i < n; ++i) {
        out += digits[i];
        int left = n - 1 - i;
        if (left > 0 && left % 3 == 0) out += kNbsp;
    }
    return out;
}

std::string with_decimals(const Rational& v, int decimals, bool keep_zeros) {
    std::int64_t s = v.scaled(decimals);
    bool neg = s < 0;
    std::uint64_t a = neg ? static_cast<std::uint64_t>(-(s + 1)) + 1 : static_cast<std::uint64_t>(s);
    std::uint64_t scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    std::string out = group_thousands(std::to_string(a / scale));
    if (decimals > 0) {
        std::string frac = std::to_string(a % scale);
        if (static_cast<int>(frac.size()) < decimals)
            frac = std::string(static_cast<std::size_t>(decimals) - frac.size(), '0') + frac;
        if (!keep_zeros)
            while (!frac.empty() && frac.back() == '0') frac.pop_back();
        if (!frac.empty()) out += "," + frac;
    }
    if (neg && out != "0") out.insert(out.begin(), '-');
    return out;
}
}  // namespace

std::string number(const Rational& value, int max_decimals) {
    return with_decimals(value, max_decimals, false);
}

std::string amount(const Rational& value) {
    bool whole = value.is_integer();
    return with_decimals(value, whole ? 0 : 2, true) + kNbsp + "€";
}

std::string trim(std::string_view t) {
    auto is_space = [](std::string_view s, std::size_t i, std::size_t& len) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') { len = 1; return true; }
        if (s.substr(i, 2) == "\u00A0") { len = 2; return true; }
        if (s.substr(i, 3) == "\u202F") { len = 3; return true; }
        return false;
    };
    std::size_t len = 0;
    while (!t.empty() && is_space(t, 0, len)) t.remove_prefix(len);
    bool again = true;
    while (again && !t.empty()) {
        again = false;
        for (std::size_t k = 1; k <= 3 && k <= t.size(); ++k)
            if (is_space(t, t.size() - k, len) && len == k) { t.remove_suffix(k); again = true; break; }
    }
    return std::string(t);
}

std::string lower_ascii(std::string_view t) {
    std::string s(t);
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

std::optional<Rational> parse_number(std::string_view raw) {
    std::string t = trim(raw);
    if (t.size() >= 3 && t.compare(t.size() - 3, 3, "€") == 0) t = trim(t.substr(0, t.size() - 3));
    if (t.empty()) return std::nullopt;
    if (t.find('/') != std::string::npos) return Rational::from_canonical(t);
    std::string clean;
    bool sep_seen = false;
    for (std::size_t i = 0; i < t.size();) {
        if (t.compare(i, 2, "\u00A0") == 0) { i += 2; continue; }
        if (t.compare(i, 3, "\u202F") == 0) { i += 3; continue; }
        char c = t[i++];
        if (c == ' ') continue;
        if (c == ',' || c == '.') {
            if (sep_seen) return std::nullopt;
            sep_seen = true;
            clean += '.';
            continue;
        }
        if (c == '-' && clean.empty()) { clean += c; continue; }
        if (c < '0' || c > '9') return std::nullopt;
        clean += c;
    }
    if (clean.empty() || clean == "-" || clean.back() == '.' || clean.front() == '.') return std::nullopt;
    return Rational::from_canonical(clean);
}

}  // namespace cotation::fr
