#include "expr.h"
#include "enums.h"

#include "expr_node.h"

namespace cotation {

const char* expr_type_name(ExprType t) { return enum_label(t); }

ExprType expr_type_of(FactType t) {
    switch (t) {
        case FactType::Number:
        case FactType::Amount: return ExprType::Number;
        case FactType::Date: return ExprType::Date;
        case FactType::Bool: return ExprType::Bool;
        case FactType::Text:
        case FactType::Code: return ExprType::Text;
        case FactType::CodeList:
        case FactType::Territory: return ExprType::List;
    }
    return ExprType::Text;
}

Expr Expr::parse(const std::string& text, const std::function<std::optional<ExprType>(const std::string&)>& type_of) {
    Expr e;
    e.text_ = text;
    e.root_ = expr_detail::parse(e.text_, type_of, e.names_);
    e.type_ = e.root_->type;
    return e;
}

Expr::Result Expr::evaluate(const std::function<Value(const std::string&)>& lookup) const {
    return expr_detail::evaluate(*root_, lookup);
}

std::vector<std::string> Expr::compared(const std::function<Value(const std::string&)>& lookup,
                                        const std::function<const FactDef*(const std::string&)>& def_of) const {
    std::vector<std::string> out;
    if (type_ == ExprType::Bool) expr_detail::explain(*root_, false, lookup, def_of, out);
    return out;
}

std::vector<std::string> Expr::held(const std::function<Value(const std::string&)>& lookup,
                                    const std::function<const FactDef*(const std::string&)>& def_of) const {
    std::vector<std::string> out;
    if (type_ == ExprType::Bool) expr_detail::explain(*root_, true, lookup, def_of, out);
    return out;
}

bool Expr::single_fact() const {
    const ExprNode* n = root_.get();
    if (n->op == Op::Not) n = n->kids[0].get();
    return n->op == Op::Name;
}

}  // namespace cotation
