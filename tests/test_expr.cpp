#include <gtest/gtest.h>

#include "core/error.h"
#include "core/expr.h"

using namespace cotation;

namespace {
std::optional<ExprType> types(const std::string& n) {
    if (n == "places" || n == "budget" || n == "campagne.cout") return ExprType::Number;
    if (n == "depot" || n == "campagne.limite") return ExprType::Date;
    if (n == "commune" || n == "categorie") return ExprType::Text;
    if (n == "deps") return ExprType::List;
    if (n == "convention") return ExprType::Bool;
    return std::nullopt;
}

struct Facts {
    FactValues v;
    Value operator()(const std::string& n) const {
        auto it = v.find(n);
        return it == v.end() ? Value{} : it->second;
    }
};

Expr::Result eval(const std::string& text, const FactValues& v) {
    return Expr::parse(text, types).evaluate(Facts{v});
}
}  // namespace

TEST(Expr, ArithmeticAndComparison) {
    // 10 places × 12 600 € = 126 000 € (hand-computed); 126 000 ≤ 126 000 passes, 126 001 fails.
    FactValues v{{"places", Rational(10)}, {"budget", Rational(126000)}, {"campagne.cout", Rational(12600)}};
    EXPECT_EQ(std::get<bool>(eval("budget <= places * campagne.cout", v).value), true);
    v["budget"] = Rational(126001);
    EXPECT_EQ(std::get<bool>(eval("budget <= places * campagne.cout", v).value), false);
}

TEST(Expr, MembershipAndDepartement) {
    FactValues v{{"commune", std::string("13203")}, {"deps", std::vector<std::string>{"13", "84"}}};
    EXPECT_TRUE(std::get<bool>(eval(R"(departement(commune) dans ["04","05","06","13","83","84"])", v).value));
    EXPECT_TRUE(std::get<bool>(eval(R"(deps dans ["13","84"])", v).value));
    v["deps"] = std::vector<std::string>{"13", "30"};
    EXPECT_FALSE(std::get<bool>(eval(R"(deps dans ["13","84"])", v).value));
}

TEST(Expr, MissingFactMakesResultUndecidableAndNamesIt) {
    auto r = eval("budget <= places * campagne.cout", {{"campagne.cout", Rational(12600)}});
    EXPECT_TRUE(is_missing(r.value));
    EXPECT_EQ(r.missing, (std::set<std::string>{"budget", "places"}));
}

TEST(Expr, KleeneLogicDecidesWhenItCan) {
    FactValues v{{"places", Rational(0)}};
    // faux et ? = faux ; vrai ou ? = vrai ; vrai et ? = ?
    EXPECT_FALSE(std::get<bool>(eval("places > 0 et budget > 0", v).value));
    EXPECT_TRUE(std::get<bool>(eval("places = 0 ou budget > 0", v).value));
    auto r = eval("places = 0 et budget > 0", v);
    EXPECT_TRUE(is_missing(r.value));
    EXPECT_EQ(r.missing, std::set<std::string>{"budget"});
    EXPECT_TRUE(std::get<bool>(eval("non present(budget)", v).value));
}

TEST(Expr, DatesCompare) {
    FactValues v{{"depot", *Date::parse("2023-04-28")}, {"campagne.limite", *Date::parse("2023-04-28")}};
    EXPECT_TRUE(std::get<bool>(eval("depot <= campagne.limite", v).value));
    v["depot"] = *Date::parse("2023-04-29");
    EXPECT_FALSE(std::get<bool>(eval("depot <= campagne.limite", v).value));
    EXPECT_TRUE(std::get<bool>(eval("depot >= 2023-01-01", v).value));
}

TEST(Expr, RefusesUnknownNamesAndTypeErrorsWithPosition) {
    try {
        Expr::parse("budjet <= 3", types);
        FAIL() << "unknown fact accepted";
    } catch (const GridError& e) {
        EXPECT_NE(std::string(e.what()).find("fait ou paramètre inconnu « budjet »"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("caractère 1"), std::string::npos) << e.what();
    }
    EXPECT_THROW(Expr::parse("places <= depot", types), GridError);        // number vs date
    EXPECT_THROW(Expr::parse("commune + 1", types), GridError);            // text in arithmetic
    EXPECT_THROW(Expr::parse("places et convention", types), GridError);   // number in logic
    EXPECT_THROW(Expr::parse("places > ", types), GridError);
    EXPECT_THROW(Expr::parse("inconnue(places)", types), GridError);
    EXPECT_THROW(Expr::parse("(places > 1", types), GridError);
    EXPECT_EQ(Expr::parse("convention", types).type(), ExprType::Bool);
}

TEST(Expr, DivisionByZeroIsUndecidableNotACrash) {
    auto r = eval("budget / places > 1", {{"budget", Rational(5)}, {"places", Rational(0)}});
    EXPECT_TRUE(is_missing(r.value));
}
