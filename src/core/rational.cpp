#include "rational.h"

#include <numeric>
#include <stdexcept>

#include "error.h"

namespace cotation {
namespace {
__extension__ typedef __int128 i128;  // exact products of two int64

Rational make(i128 n, i128 d) {
    if (d == 0) throw Error("Division par zéro dans un calcul.");
    if (d < 0) { n = -n; d = -d; }
    i128 a = n < 0 ? -n : n, b = d;
    while (b != 0) { i128 t = a % b; a = b; b = t; }
    if (a > 1) { n /= a; d /= a; }
    if (n > INT64_MAX || n < INT64_MIN || d > INT64_MAX)
        throw Error("Nombre trop grand pour un calcul exact.");
    return Rational(static_cast<std::int64_t>(n), static_cast<std::int64_t>(d));
}
}  // namespace

Rational::Rational(std::int64_t n, std::int64_t d) {
    if (d == 0) throw Error("Division par zéro dans un calcul.");
    if (d < 0) { n = -n; d = -d; }
    std::int64_t g = std::gcd(n, d);
    if (g > 1) { n /= g; d /= g; }
    num_ = n;
    den_ = d;
}

Rational operator+(const Rational& a, const Rational& b) {
    return make(i128(a.num_) * b.den_ + i128(b.num_) * a.den_, i128(a.den_) * b.den_);
}
Rational operator-(const Rational& a, const Rational& b) {
    return make(i128(a.num_) * b.den_ - i128(b.num_) * a.den_, i128(a.den_) * b.den_);
}
Rational operator*(const Rational& a, const Rational& b) {
    return make(i128(a.num_) * b.num_, i128(a.den_) * b.den_);
}
Rational operator/(const Rational& a, const Rational& b) {
    return make(i128(a.num_) * b.den_, i128(a.den_) * b.num_);
}
std::strong_ordering operator<=>(const Rational& a, const Rational& b) {
    return i128(a.num_) * b.den_ <=> i128(b.num_) * a.den_;
}

std::int64_t Rational::scaled(int decimals) const {
    i128 scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    i128 n = i128(num_) * scale;
    i128 q = n / den_, r = n % den_;
    if (r != 0 && 2 * (r < 0 ? -r : r) >= den_) q += (n < 0 ? -1 : 1);
    return static_cast<std::int64_t>(q);
}

std::string Rational::canonical() const {
    if (den_ == 1) return std::to_string(num_);
    // Exact decimal when the denominator divides a power of ten.
    std::int64_t d = den_;
    int twos = 0, fives = 0;
    while (d % 2 == 0) { d /= 2; ++twos; }
    while (d % 5 == 0) { d /= 5; ++fives; }
    if (d == 1 && std::max(twos, fives) <= 12) {
        int places = std::max(twos, fives);
        std::int64_t v = scaled(places);
        bool neg = v < 0;
        std::string digits = std::to_string(neg ? -v : v);
        while (static_cast<int>(digits.size()) <= places) digits.insert(0, "0");
        digits.insert(digits.size() - places, ".");
        return (neg ? "-" : "") + digits;
    }
    return std::to_string(num_) + "/" + std::to_string(den_);
}

std::optional<Rational> Rational::from_canonical(std::string_view t) {
    if (t.empty()) return std::nullopt;
    try {
        auto slash = t.find('/');
        if (slash != std::string_view::npos) {
            std::size_t used = 0;
            std::string a(t.substr(0, slash)), b(t.substr(slash + 1));
            std::int64_t n = std::stoll(a, &used);
            if (used != a.size()) return std::nullopt;
            std::int64_t d = std::stoll(b, &used);
            if (used != b.size() || d == 0) return std::nullopt;
            return Rational(n, d);
        }
        bool neg = false;
        std::size_t i = 0;
        if (t[0] == '-') { neg = true; i = 1; }
        std::int64_t n = 0, d = 1;
        bool dot = false, any = false;
        for (; i < t.size(); ++i) {
            char c = t[i];
            if (c == '.' && !dot) { dot = true; continue; }
            if (c < '0' || c > '9') return std::nullopt;
            if (n > (INT64_MAX - 9) / 10 || (dot && d > INT64_MAX / 10)) return std::nullopt;
            n = n * 10 + (c - '0');
            if (dot) d *= 10;
            any = true;
        }
        if (!any) return std::nullopt;
        return Rational(neg ? -n : n, d);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace cotation
