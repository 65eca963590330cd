#pragma once
// Exact numbers for ratings, scores and amounts: a consolidated rating of
// 3.5 stays 3.5 and 1/3 stays 1/3 until it is formatted for a reader.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cotation {

class Rational {
public:
    constexpr Rational() = default;
    Rational(std::int64_t n, std::int64_t d = 1);

    std::int64_t num() const { return num_; }
    std::int64_t den() const { return den_; }
    bool is_integer() const { return den_ == 1; }
    double to_double() const { return static_cast<double>(num_) / static_cast<double>(den_); }

    // Rounded to `decimals` places, half away from zero, as a scaled integer.
    std::int64_t scaled(int decimals) const;

    // Canonical text: "12600", "3.5", "1/3" (exact and locale-free).
    std::string canonical() const;
    static std::optional<Rational> from_canonical(std::string_view text);

    friend Rational operator+(const Rational& a, const Rational& b);
    friend Rational operator-(const Rational& a, const Rational& b);
    friend Rational operator*(const Rational& a, const Rational& b);
    friend Rational operator/(const Rational& a, const Rational& b);
    Rational operator-() const { return Rational(-num_, den_); }
    Rational& operator+=(const Rational& o) { return *this = *this + o; }

    friend bool operator==(const Rational& a, const Rational& b) = default;
    friend std::strong_ordering operator<=>(const Rational& a, const Rational& b);

private:
    std::int64_t num_ = 0;
    std::int64_t den_ = 1;
};

}  // namespace cotation
