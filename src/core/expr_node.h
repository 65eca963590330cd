#pragma once
// Inside the expression language: the tree the parser builds and the three
// passes over it (parse, evaluate, explain), each in its own file. Not for
// use outside src/core/expr*.cpp: callers go through expr.h.
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "expr.h"

namespace cotation {

enum class Op { Lit, Name, Or, And, Not, Eq, Ne, Lt, Le, Gt, Ge, Add, Sub, Mul, Div, Neg, In, ListLit, Call };

struct ExprNode {
    Op op = Op::Lit;
    ExprType type = ExprType::Bool;
    Value literal;
    std::string name;  // fact name or function name
    std::vector<std::shared_ptr<const ExprNode>> kids;
};

namespace expr_detail {
using NodeP = std::shared_ptr<const ExprNode>;

// expr_parse.cpp: the typed tree of `text`; every name read goes into `names`.
NodeP parse(const std::string& text, const std::function<std::optional<ExprType>(const std::string&)>& type_of,
            std::set<std::string>& names);
// expr_eval.cpp: three-valued evaluation.
Expr::Result evaluate(const ExprNode& n, const std::function<Value(const std::string&)>& lookup);
// expr_explain.cpp: what the comparisons of `n` said, when it is `holds`.
void explain(const ExprNode& n, bool holds, const std::function<Value(const std::string&)>& lookup,
             const std::function<const FactDef*(const std::string&)>& def_of, std::vector<std::string>& out);
}  // namespace expr_detail
}  // namespace cotation
