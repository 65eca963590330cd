#pragma once
// The small language of eligibility rules, written in grid files:
//   budget_annuel <= places * campagne.cout_place
//   departement(commune) dans ["04", "05", "06", "13", "83", "84"]
//   date_debut >= 2023-07-01 et date_debut <= 2023-12-31
//   non present(x) ou x > 0
// Operators: ou, et, non; = != < <= > >=; + - * /; dans [liste].
// Functions: present(f), departement(commune), departements(liste de communes),
// nombre(liste), min(a, b), max(a, b), si(condition, a, b) (a when the
// condition holds, else b: the two cases of a text, e.g. UPHV §4-1).
// Evaluation is three-valued: a missing fact makes the result unknown unless
// the rest decides it (faux et ? = faux; vrai ou ? = vrai), and the unknown
// result names the missing facts.
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "fact.h"

namespace cotation {

enum class ExprType { Number, Date, Bool, Text, List };
const char* expr_type_name(ExprType t);
ExprType expr_type_of(FactType t);

struct ExprNode;

class Expr {
public:
    // Parses and type-checks; throws GridError with a message that names the
    // position in the text (the caller adds file, line and rule).
    static Expr parse(const std::string& text,
                      const std::function<std::optional<ExprType>(const std::string&)>& type_of);

    struct Result {
        Value value;                      // monostate when not decidable
        std::set<std::string> missing;    // facts whose absence made it so
    };
    Result evaluate(const std::function<Value(const std::string&)>& lookup) const;

    // What made a false condition false, for a French reader: each failed
    // comparison with both sides' values (« 63,50 € + 15 € = 78,50 € > 75 € »),
    // each yes/no fact that said no (« Locaux dédiés à l'unité : non »).
    // `def_of` gives the declaration of a name (unit, amount, label).
    // Empty when the condition is true or not decidable.
    std::vector<std::string> compared(const std::function<Value(const std::string&)>& lookup,
                                      const std::function<const FactDef*(const std::string&)>& def_of) const;

    // The same for a condition that holds: what made it true.
    std::vector<std::string> held(const std::function<Value(const std::string&)>& lookup,
                                  const std::function<const FactDef*(const std::string&)>& def_of) const;

    // The whole condition is one yes/no fact, or its negation: nothing was
    // compared, the rule's message already says it.
    bool single_fact() const;

    ExprType type() const { return type_; }
    const std::string& text() const { return text_; }
    // Every fact or parameter name the expression reads.
    const std::set<std::string>& names() const { return names_; }

private:
    std::shared_ptr<const ExprNode> root_;
    ExprType type_ = ExprType::Bool;
    std::string text_;
    std::set<std::string> names_;
};

}  // namespace cotation
