#pragma once
// Calendar dates without time zone, parsed and printed without the C locale.
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace cotation {

struct Date {
    int year = 0, month = 0, day = 0;

    static bool valid(int y, int m, int d);
    // "2023-03-31" (ISO, as stored) or "31/03/2023" (French, as typed).
    static std::optional<Date> parse(std::string_view text);

    std::string iso() const;                 // 2023-03-31
    std::string french_numeric() const;      // 31/03/2023
    std::string french_long() const;         // 31 mars 2023 (1er for the first)
    std::string french_weekday() const;      // vendredi (lowercase, as inside a sentence)
    long days_since_epoch() const;
    static Date from_days_since_epoch(long days);
    Date plus_days(long days) const { return from_days_since_epoch(days_since_epoch() + days); }
    Date plus_months(int months) const;     // same day, clamped to the end of a shorter month

    friend auto operator<=>(const Date&, const Date&) = default;
};

// "2026-11-30T00:20:40Z" (as the store keeps instants) → "30 novembre 2026 à
// 00 h 20 (UTC)" for a reader; text that is no such instant is returned as is.
std::string french_timestamp(std::string_view iso_utc);

// The one wording for a text that is not a date, whatever reads it (an option,
// a field of the workbench, a cell of a CSV): « 31/02/2023 » n'est pas une date (JJ/MM/AAAA).
std::string date_refusal(std::string_view text);

}  // namespace cotation
