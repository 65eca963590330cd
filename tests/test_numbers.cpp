#include <gtest/gtest.h>

#include "core/date.h"
#include "core/french.h"
#include "core/french_decimal.h"
#include "core/rational.h"

using namespace cotation;

TEST(Rational, MeanOfTwoRatingsStaysExact) {
    Rational mean = (Rational(4) + Rational(3)) / Rational(2);
    EXPECT_EQ(mean, Rational(7, 2));
    EXPECT_EQ(mean.canonical(), "3.5");
    EXPECT_EQ((Rational(1) / Rational(3)).canonical(), "1/3");
    EXPECT_EQ(Rational(1, 3) * Rational(3), Rational(1));
}

TEST(Rational, CanonicalRoundTrip) {
    for (const char* t : {"0", "12600", "-2", "3.5", "0.125", "1/3", "-7/6"})
        EXPECT_EQ(Rational::from_canonical(t)->canonical(), t);
    EXPECT_FALSE(Rational::from_canonical("3,5"));
    EXPECT_FALSE(Rational::from_canonical("1/0"));
    EXPECT_FALSE(Rational::from_canonical("abc"));
}

TEST(French, FormatsNumbersWithNoBreakSpaceAndComma) {
    EXPECT_EQ(fr::number(Rational(12600)), "12\u00A0600");
    EXPECT_EQ(fr::number(Rational(7, 2)), "3,5");
    EXPECT_EQ(fr::number(Rational(1, 3)), "0,33");
    EXPECT_EQ(fr::number(Rational(919800)), "919\u00A0800");   // 73 × 12 600, computed by hand
    EXPECT_EQ(fr::amount(Rational(12600)), "12\u00A0600\u00A0€");
    EXPECT_EQ(fr::amount(Rational(3, 2)), "1,50\u00A0€");
}

// A negative figure takes the minus sign U+2212, as French typography prints
// it (« −1,5 », « −12 600 € »), not the hyphen; what fr::number prints reads
// back. By hand: −3/2 = −1,5; −12 600 grouped by three.
TEST(French, NegativeFiguresTakeTheMinusSign) {
    EXPECT_EQ(fr::number(Rational(-3, 2)), "\u22121,5");
    EXPECT_EQ(fr::amount(Rational(-12600)), "\u221212\u00A0600\u00A0€");
    EXPECT_EQ(fr::number(Rational(-1, 1000)), "0");   // rounds to nothing: no sign
    EXPECT_EQ(fr::parse_number("\u22121,5"), Rational(-3, 2));
    EXPECT_EQ(fr::parse_number("-1,5"), Rational(-3, 2));
}

// Distances on the maps and figures of the territorial allocation (one
// function for both): whole numbers as such, else one decimal after a comma.
TEST(French, OneDecimalForMeasuredQuantities) {
    EXPECT_EQ(fr::one_decimal(12.0), "12");
    EXPECT_EQ(fr::one_decimal(12.5), "12,5");
    EXPECT_EQ(fr::one_decimal(0.04), "0,0");   // not whole: one decimal, even if zero
    EXPECT_EQ(fr::one_decimal(1234.5), "1234,5");   // no grouping: the caller groups if it wants
}

TEST(French, ParsesWhatPeopleType) {
    EXPECT_EQ(*fr::parse_number("12 600"), Rational(12600));
    EXPECT_EQ(*fr::parse_number("12\u00A0600,50 €"), Rational(2520100, 200));
    EXPECT_EQ(*fr::parse_number("12\u202F600"), Rational(12600));
    EXPECT_EQ(*fr::parse_number("0,6"), Rational(3, 5));
    EXPECT_EQ(*fr::parse_number("2.5"), Rational(5, 2));
    EXPECT_FALSE(fr::parse_number("12,600,5"));
    EXPECT_FALSE(fr::parse_number("douze"));
    EXPECT_FALSE(fr::parse_number(""));
}

TEST(Date, ParsesFrenchAndIsoAndRefusesImpossibleDates) {
    EXPECT_EQ(Date::parse("31/03/2023")->iso(), "2023-03-31");
    EXPECT_EQ(Date::parse("2023-07-01")->french_numeric(), "01/07/2023");
    EXPECT_FALSE(Date::parse("31/02/2023"));
    EXPECT_FALSE(Date::parse("29/02/2023"));
    EXPECT_TRUE(Date::parse("29/02/2024"));
    EXPECT_FALSE(Date::parse("2023-13-01"));
    EXPECT_EQ(Date::parse("01/07/2023")->french_long(), "1er\u00A0juillet\u00A02023");
    EXPECT_EQ(Date::parse("15/08/2023")->french_long(), "15\u00A0août\u00A02023");
    // 2023-12-31 minus 2023-07-01: 184 days in the second half of 2023 (31+31+30+31+30+31 = 184), minus one.
    EXPECT_EQ(Date::parse("2023-12-31")->days_since_epoch() - Date::parse("2023-07-01")->days_since_epoch(), 183);
}
