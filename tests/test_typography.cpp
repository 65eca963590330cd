// French typography at rendering (fr::typography): expected strings written
// by hand after the Lexique des règles typographiques de l'Imprimerie
// nationale (narrow no-break space before ; ! ?, no-break space before : and
// inside « », amounts and dates held together).
#include <gtest/gtest.h>

#include "core/typography.h"

using cotation::fr::typography;

namespace {
const std::string NB = "\u00A0", NN = "\u202F";
}

TEST(Typography, SpaceBeforeHighPunctuationIsReplaced) {
    EXPECT_EQ(typography("Objet : refus"), "Objet" + NB + ": refus");
    EXPECT_EQ(typography("Pourquoi ? Parce que ; enfin !"), "Pourquoi" + NN + "? Parce que" + NN + "; enfin" + NN + "!");
}

TEST(Typography, MissingSpaceIsInsertedAfterAWordOnly) {
    EXPECT_EQ(typography("Attention!"), "Attention" + NN + "!");
    EXPECT_EQ(typography("Objet: refus"), "Objet" + NB + ": refus");
    // Times, URLs and references keep their colon untouched.
    EXPECT_EQ(typography("à 14:30 sur https://www.ars.sante.fr"), "à 14:30 sur https://www.ars.sante.fr");
}

TEST(Typography, FrenchQuotesHoldTheirSpaces) {
    EXPECT_EQ(typography("« Solidarité Var Santé »"), "«" + NB + "Solidarité Var Santé" + NB + "»");
    EXPECT_EQ(typography("«oui»"), "«" + NB + "oui" + NB + "»");
}

TEST(Typography, AmountsAndPercentagesStayOnOneLine) {
    EXPECT_EQ(typography("400 000 € par an"), "400" + NB + "000" + NB + "€ par an");
    EXPECT_EQ(typography("15 € par jour, 50 %"), "15" + NB + "€ par jour, 50" + NB + "%");
    // Two numbers that are not digit groups are left apart.
    EXPECT_EQ(typography("entre 2023 2024"), "entre 2023 2024");
    EXPECT_EQ(typography("les 12 dossiers"), "les 12 dossiers");
}

TEST(Typography, DatesStayOnOneLine) {
    EXPECT_EQ(typography("le 1er juillet 2023"), "le 1er" + NB + "juillet" + NB + "2023");
    EXPECT_EQ(typography("le 15 août 2024 à Marseille"), "le 15" + NB + "août" + NB + "2024 à Marseille");
    EXPECT_EQ(typography("le 15 avenue"), "le 15 avenue");
}

TEST(Typography, CurlyApostropheInsideWords) {
    EXPECT_EQ(typography("l'autorité d'attribution"), "l’autorité d’attribution");
    EXPECT_EQ(typography("aujourd'hui"), "aujourd’hui");
}

TEST(Typography, IsIdempotentAndLeavesCorrectTextAlone) {
    std::string once = typography("Objet : « l'appel » du 3 mai 2023 ; 12 600 € ?");
    EXPECT_EQ(typography(once), once);
    EXPECT_EQ(once, "Objet" + NB + ": «" + NB + "l’appel" + NB + "» du 3" + NB + "mai" + NB + "2023" + NN + "; 12" + NB + "600" + NB + "€" + NN + "?");
    EXPECT_EQ(typography("Rien à changer."), "Rien à changer.");
    EXPECT_EQ(typography(""), "");
}

// A quoted title inside « … » (a call named « Habitat « inclusif » 2023 »,
// or typed with straight quotes): the inner marks are “ ” without spaces, the
// outer « » keep their no-break spaces. Written by hand after the Lexique
// (« Guillemets » : guillemets anglais à l'intérieur d'une citation).
TEST(Typography, NestedQuotesBecomeEnglishQuotesInside) {
    EXPECT_EQ(typography("l'appel « Habitat « inclusif » 2023 » est clos"),
              "l’appel «" + NB + "Habitat “inclusif” 2023" + NB + "» est clos");
    EXPECT_EQ(typography("« Projet \"Bien vieillir\" à Toulon »"), "«" + NB + "Projet “Bien vieillir” à Toulon" + NB + "»");
    // Inner guillemets at the very end: the outer closing one stays « ».
    EXPECT_EQ(typography("«Le «Clos»»"), "«" + NB + "Le “Clos”" + NB + "»");
    // Straight quotes outside guillemets, and a lone closing one, are left as typed.
    EXPECT_EQ(typography("dit \"oui\""), "dit \"oui\"");
    EXPECT_EQ(typography("fin » seule"), "fin" + NB + "» seule");
    // Idempotent: the output typeset again is unchanged.
    std::string once = typography("« Projet « Bien vieillir » »");
    EXPECT_EQ(typography(once), once);
}
