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

// Trial finding 16: « portant modification de l'autorisation de EHPAD Les
// Tilleuls ». The templates write « de {{organisme}} »; the elision is one
// rule of the typography, for every document.
TEST(Typography, DeAndQueAreElidedBeforeAVowel) {
    EXPECT_EQ(typography("l'autorisation de EHPAD Les Tilleuls"), "l’autorisation d’EHPAD Les Tilleuls");
    EXPECT_EQ(typography("une unité de UPHV"), "une unité d’UPHV");
    EXPECT_EQ(typography("De Orléans à Évry"), "D’Orléans à Évry");
    EXPECT_EQ(typography("le fait que Association Escale"), "le fait qu’Association Escale");
    EXPECT_EQ(typography("Conseil départemental de Eure-et-Loir"), "Conseil départemental d’Eure-et-Loir");
    EXPECT_EQ(typography("main d'œuvre de œuvres"), "main d’œuvre d’œuvres");
    // Not elided: h (aspirated or not), y, « à », a letter alone, inside a word or a compound.
    EXPECT_EQ(typography("de Haute-Saintonge"), "de Haute-Saintonge");
    EXPECT_EQ(typography("de Yerres"), "de Yerres");
    EXPECT_EQ(typography("de A à Z"), "de A à Z");
    EXPECT_EQ(typography("de la commune, de 8"), "de la commune, de 8");
    EXPECT_EQ(typography("Pas-de-Calais, remarque importante"), "Pas-de-Calais, remarque importante");
    EXPECT_EQ(typography("code EHPAD"), "code EHPAD");
    // Idempotent.
    EXPECT_EQ(typography(typography("de EHPAD")), "d’EHPAD");
}

// Trial finding 13: « n° A-06 » and « 15 jours » were split by ordinary spaces.
TEST(Typography, NumeroSignAndUnitsHoldTheirNumber) {
    EXPECT_EQ(typography("dossier n° A-06"), "dossier n°" + NB + "A-06");
    EXPECT_EQ(typography("dans un délai de 15 jours, 8 lits, 10 places"), "dans un délai de 15" + NB + "jours, 8" + NB + "lits, 10" + NB + "places");
    EXPECT_EQ(typography("Article 4 L'unité"), "Article 4 L’unité");   // not a unit: left alone
}
