#include <gtest/gtest.h>

#include "core/identifiers.h"

using namespace cotation;

TEST(Identifiers, SiretLuhn) {
    // 73282932000074: a SIRET whose Luhn sum is 50 (checked by hand).
    EXPECT_TRUE(ids::siret_ok("73282932000074"));
    EXPECT_FALSE(ids::siret_ok("73282932000075"));   // last digit changed
    EXPECT_FALSE(ids::siret_ok("7328293200007"));    // 13 digits
    EXPECT_FALSE(ids::siret_ok("7328293200007A"));
    // La Poste (SIREN 356000000): sum of the digits divisible by 5.
    EXPECT_TRUE(ids::siret_ok("35600000000006"));    // 3+5+6+6 = 20
    EXPECT_FALSE(ids::siret_ok("35600000000007"));   // 3+5+6+7 = 21
}

TEST(Identifiers, FinessKeyIsLuhn) {
    // 750712184 (AP-HP): doubled digits from the right 8->7, 2->4, 7->5, 5->1; sum 30.
    EXPECT_TRUE(ids::finess_ok("750712184"));
    EXPECT_FALSE(ids::finess_ok("750712185"));
    EXPECT_FALSE(ids::finess_ok("75071218"));
    EXPECT_TRUE(ids::finess_ok("2A0000123"));   // Corse: form only
}

TEST(Identifiers, DepartementOfCommune) {
    EXPECT_EQ(ids::departement_of_commune("13203"), "13");
    EXPECT_EQ(ids::departement_of_commune("05061"), "05");
    EXPECT_EQ(ids::departement_of_commune("2A004"), "2A");
    EXPECT_EQ(ids::departement_of_commune("97411"), "974");
    EXPECT_EQ(ids::departement_of_commune("1320"), "");
}
