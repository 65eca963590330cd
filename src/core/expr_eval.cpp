// Three-valued evaluation: a missing fact makes a result unknown unless the
// rest decides it.
#include <algorithm>

#include "expr_node.h"
#include "identifiers.h"

namespace cotation::expr_detail {
namespace {

struct Evaluator {
    const std::function<Value(const std::string&)>& lookup;

    // Every operand of a strict operator or function, their missing facts
    // gathered in `r`: false when one is unknown (so is the result).
    bool operands(const ExprNode& n, Expr::Result& r, std::vector<Expr::Result>& args) const {
        for (const auto& k : n.kids) {
            args.push_back(eval(*k));
            r.missing.insert(args.back().missing.begin(), args.back().missing.end());
        }
        for (const auto& a : args)
            if (is_missing(a.value)) return false;
        return true;
    }

    Expr::Result eval(const ExprNode& n) const {
        Expr::Result r;
        switch (n.op) {
            case Op::Lit: r.value = n.literal; return r;
            case Op::Name:
                r.value = lookup(n.name);
                if (is_missing(r.value)) r.missing.insert(n.name);
                return r;
            case Op::Or:
            case Op::And: {
                bool is_or = n.op == Op::Or;
                auto a = eval(*n.kids[0]);
                auto b = eval(*n.kids[1]);
                auto decisive = [&](const Expr::Result& x) {
                    return !is_missing(x.value) && std::get<bool>(x.value) == is_or;
                };
                if (decisive(a) || decisive(b)) { r.value = is_or; return r; }
                if (is_missing(a.value) || is_missing(b.value)) {
                    r.missing = a.missing;
                    r.missing.insert(b.missing.begin(), b.missing.end());
                    return r;
                }
                r.value = !is_or;
                return r;
            }
            case Op::Not: {
                auto a = eval(*n.kids[0]);
                if (is_missing(a.value)) return a;
                r.value = !std::get<bool>(a.value);
                return r;
            }
            case Op::Call: return call(n);
            default: break;
        }
        // Strict operators: unknown when any operand is unknown.
        std::vector<Expr::Result> args;
        if (!operands(n, r, args)) return r;
        const Value& a = args[0].value;
        switch (n.op) {
            case Op::Neg: r.value = -std::get<Rational>(a); break;
            case Op::Add: r.value = std::get<Rational>(a) + std::get<Rational>(args[1].value); break;
            case Op::Sub: r.value = std::get<Rational>(a) - std::get<Rational>(args[1].value); break;
            case Op::Mul: r.value = std::get<Rational>(a) * std::get<Rational>(args[1].value); break;
            case Op::Div: {
                const auto& d = std::get<Rational>(args[1].value);
                if (d == Rational(0)) return r;  // undefined: not decidable
                r.value = std::get<Rational>(a) / d;
                break;
            }
            case Op::Eq: r.value = (a == args[1].value); break;
            case Op::Ne: r.value = !(a == args[1].value); break;
            case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge: {
                std::partial_ordering c = std::holds_alternative<Rational>(a)
                    ? std::partial_ordering(std::get<Rational>(a) <=> std::get<Rational>(args[1].value))
                    : std::partial_ordering(std::get<Date>(a) <=> std::get<Date>(args[1].value));
                r.value = n.op == Op::Lt ? c < 0 : n.op == Op::Le ? c <= 0 : n.op == Op::Gt ? c > 0 : c >= 0;
                break;
            }
            case Op::In: {
                const auto& set = std::get<std::vector<std::string>>(args[1].value);
                auto in = [&](const std::string& s) { return std::find(set.begin(), set.end(), s) != set.end(); };
                if (auto s = std::get_if<std::string>(&a)) r.value = in(*s);
                else {
                    const auto& l = std::get<std::vector<std::string>>(a);
                    r.value = std::all_of(l.begin(), l.end(), in);
                }
                break;
            }
            default: break;
        }
        return r;
    }

    Expr::Result call(const ExprNode& n) const {
        Expr::Result r;
        if (n.name == "present") {
            r.value = !is_missing(lookup(n.kids[0]->name));
            return r;
        }
        if (n.name == "si") {
            // Lazy: the branch not taken may be missing without harm.
            auto c = eval(*n.kids[0]);
            if (is_missing(c.value)) return c;
            return eval(*n.kids[std::get<bool>(c.value) ? 1 : 2]);
        }
        std::vector<Expr::Result> args;
        if (!operands(n, r, args)) return r;
        if (n.name == "departement") {
            r.value = ids::departement_of_commune(std::get<std::string>(args[0].value));
        } else if (n.name == "departements") {
            std::vector<std::string> deps;
            for (const auto& c : std::get<std::vector<std::string>>(args[0].value)) {
                std::string d = ids::departement_of_commune(c);
                if (std::find(deps.begin(), deps.end(), d) == deps.end()) deps.push_back(d);
            }
            r.value = deps;
        } else if (n.name == "nombre") {
            r.value = Rational(static_cast<std::int64_t>(std::get<std::vector<std::string>>(args[0].value).size()));
        } else {
            const auto& x = std::get<Rational>(args[0].value);
            const auto& y = std::get<Rational>(args[1].value);
            r.value = n.name == "min" ? std::min(x, y) : std::max(x, y);
        }
        return r;
    }
};
}  // namespace

Expr::Result evaluate(const ExprNode& n, const std::function<Value(const std::string&)>& lookup) {
    return Evaluator{lookup}.eval(n);
}

}  // namespace cotation::expr_detail
