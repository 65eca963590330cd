#include "date.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "french.h"

namespace cotation {
namespace {
bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int month_days(int y, int m) {
    static constexpr std::array<int, 12> d{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : d[m - 1];
}
bool read_int(std::string_view s, int& out) {
    if (s.empty() || s.size() > 4) return false;
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}
}  // namespace

bool Date::valid(int y, int m, int d) {
    return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m);
}

std::optional<Date> Date::parse(std::string_view t) {
    while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
    while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
    int y, m, d;
    if (t.size() == 10 && t[4] == '-' && t[7] == '-') {
        if (!read_int(t.substr(0, 4), y) || !read_int(t.substr(5, 2), m) || !read_int(t.substr(8, 2), d))
            return std::nullopt;
    } else {
        auto a = t.find('/');
        auto b = a == std::string_view::npos ? a : t.find('/', a + 1);
        if (b == std::string_view::npos) return std::nullopt;
        if (!read_int(t.substr(0, a), d) || !read_int(t.substr(a + 1, b - a - 1), m) ||
            !read_int(t.substr(b + 1), y) || b + 1 + 4 != t.size())
            return std::nullopt;
    }
    if (!valid(y, m, d)) return std::nullopt;
    return Date{y, m, d};
}

std::string Date::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

std::string Date::french_numeric() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", day, month, year);
    return buf;
}

std::string Date::french_long() const {
    static constexpr std::array<const char*, 12> names{
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre"};
    // Non-breaking spaces keep "1er mars 2023" on one line.
    return (day == 1 ? std::string("1er") : std::to_string(day)) + "\u00A0" + names[month - 1] +
           "\u00A0" + std::to_string(year);
}

std::string Date::french_weekday() const {
    static constexpr std::array<const char*, 7> names{"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"};
    return names[static_cast<std::size_t>((days_since_epoch() % 7 + 7 + 3) % 7)];   // 1970-01-01 was a Thursday
}

std::string french_timestamp(std::string_view iso_utc) {
    if (iso_utc.size() < 16 || iso_utc[10] != 'T' || iso_utc[13] != ':') return std::string(iso_utc);
    auto day = Date::parse(iso_utc.substr(0, 10));
    auto digits = [&](std::size_t at) {
        char a = iso_utc[at], b = iso_utc[at + 1];
        return (a >= '0' && a <= '9' && b >= '0' && b <= '9') ? (a - '0') * 10 + (b - '0') : -1;
    };
    int h = digits(11), m = digits(14);
    if (!day || h < 0 || h > 23 || m < 0 || m > 59) return std::string(iso_utc);
    char buf[32];
    // The store writes UTC; saying so keeps the hour true for a reader in Paris.
    std::snprintf(buf, sizeof buf, "%02d\u00A0h\u00A0%02d", h, m);
    return day->french_long() + " à " + buf + " (UTC)";
}

long Date::days_since_epoch() const {
    // Days from civil (proleptic Gregorian), after H. Hinnant's algorithm.
    int y = year - (month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Date Date::from_days_since_epoch(long z) {
    // The inverse of days_since_epoch (same algorithm).
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    int y = static_cast<int>(yoe + era * 400 + (m <= 2));
    return Date{y, m, d};
}

Date Date::plus_months(int months) const {
    int index = year * 12 + (month - 1) + months;
    int y = index / 12, m = index % 12 + 1;
    return Date{y, m, std::min(day, month_days(y, m))};
}

std::string date_refusal(std::string_view text) { return fr::quote(text) + " n'est pas une date (JJ/MM/AAAA)"; }

}  // namespace cotation
