#include "expr_node.h"
#include "french.h"

namespace cotation::expr_detail {
namespace {

// Writes what a condition compared, with the values of both sides, formatted
// for a French reader by the declared type of each name.
struct Explainer {
    const std::function<Value(const std::string&)>& lookup;
    const std::function<const FactDef*(const std::string&)>& def_of;

    struct Kind {
        bool amount = false;
        std::string unit;
    };

    Value value(const ExprNode& n) const { return expr_detail::evaluate(n, lookup).value; }

    static bool arithmetic(Op op) { return op == Op::Add || op == Op::Sub || op == Op::Mul || op == Op::Div || op == Op::Neg; }
    static bool comparison(Op op) {
        return op == Op::Eq || op == Op::Ne || op == Op::Lt || op == Op::Le || op == Op::Gt || op == Op::Ge;
    }

    const ExprNode& chosen(const ExprNode& n) const {   // the branch si() takes (its condition is decided here)
        Value c = value(*n.kids[0]);
        return *n.kids[!is_missing(c) && std::get<bool>(c) ? 1 : 2];
    }

    Kind kind(const ExprNode& n) const {
        auto merge = [](const Kind& a, const Kind& b) {
            Kind k;
            k.amount = a.amount || b.amount;
            k.unit = a.unit.empty() ? b.unit : a.unit;
            return k;
        };
        switch (n.op) {
            case Op::Name: {
                Kind k;
                if (const FactDef* d = def_of(n.name)) {
                    k.amount = d->type == FactType::Amount;
                    k.unit = d->unit;
                }
                return k;
            }
            case Op::Add: case Op::Sub: return merge(kind(*n.kids[0]), kind(*n.kids[1]));
            case Op::Neg: return kind(*n.kids[0]);
            case Op::Mul: {
                // 15 € × 8 lits × 365 jours is an amount; 2 lits × 4 is in lits.
                Kind a = kind(*n.kids[0]), b = kind(*n.kids[1]), k;
                k.amount = a.amount || b.amount;
                if (!k.amount && (a.unit.empty() != b.unit.empty())) k.unit = a.unit + b.unit;
                return k;
            }
            case Op::Div: {
                Kind a = kind(*n.kids[0]), b = kind(*n.kids[1]), k;
                k.amount = a.amount && !b.amount;
                if (!a.amount && !a.unit.empty() && b.unit.empty() && !b.amount) k.unit = a.unit;
                return k;
            }
            case Op::Call:
                if (n.name == "si") return merge(kind(*n.kids[1]), kind(*n.kids[2]));
                if (n.name == "min" || n.name == "max") return merge(kind(*n.kids[0]), kind(*n.kids[1]));
                return {};
            default: return {};
        }
    }

    static std::string format(const Value& v, const Kind& k) {
        if (auto r = std::get_if<Rational>(&v)) {
            if (k.amount) return fr::amount(*r);
            FactDef d;
            d.type = FactType::Number;
            d.unit = k.unit;
            return display(d, v);
        }
        FactDef d;
        d.type = std::holds_alternative<std::vector<std::string>>(v) ? FactType::CodeList : FactType::Text;
        return display(d, v);
    }

    std::string shown(const ExprNode& n) const {   // a name's or literal's value
        Value v = n.op == Op::Lit ? n.literal : value(n);
        if (is_missing(v)) return "?";
        if (n.op == Op::Name)
            if (const FactDef* d = def_of(n.name)) return display(*d, v);
        return format(v, kind(n));
    }

    bool computed(const ExprNode& n) const {
        if (arithmetic(n.op)) return true;
        if (n.op == Op::Call && (n.name == "min" || n.name == "max")) return true;
        if (n.op == Op::Call && n.name == "si") return computed(chosen(n));
        return false;
    }

    // "15 € × 8 lits × 365 jours": the operands' values, without the result.
    std::string expansion(const ExprNode& n) const {
        auto prec = [](const ExprNode& x) {
            return x.op == Op::Add || x.op == Op::Sub ? 1 : x.op == Op::Mul || x.op == Op::Div ? 2 : 3;
        };
        if (n.op == Op::Neg) return "-" + expansion(*n.kids[0]);
        if (arithmetic(n.op)) {
            const char* sym = n.op == Op::Add ? " + " : n.op == Op::Sub ? " - " : n.op == Op::Mul ? " × " : " / ";
            auto part = [&](const ExprNode& k, bool right) {
                std::string e = expansion(k);
                bool paren = prec(k) < prec(n) || (right && prec(k) == prec(n) && (n.op == Op::Sub || n.op == Op::Div));
                return paren ? "(" + e + ")" : e;
            };
            return part(*n.kids[0], false) + sym + part(*n.kids[1], true);
        }
        if (n.op == Op::Call && n.name == "si") return expansion(chosen(n));
        if (n.op == Op::Call && (n.name == "min" || n.name == "max"))
            return std::string(n.name == "min" ? "le moindre de " : "le plus grand de ") + side(*n.kids[0]) + " et " +
                   side(*n.kids[1]);
        return shown(n);
    }

    // One side of a comparison: its expansion, then " = " and the result when computed.
    std::string side(const ExprNode& n) const {
        std::string e = expansion(n);
        if (!computed(n)) return e;
        Value v = value(n);
        return is_missing(v) ? e : e + " = " + format(v, kind(n));
    }

    std::string label(const std::string& name) const {
        const FactDef* d = def_of(name);
        return d && !d->label.empty() ? d->label : name;
    }

    // The symbol that states what holds: `holds` false gives the negation of the operator.
    static std::string relation(Op op, bool holds) {
        if (!holds) op = op == Op::Eq ? Op::Ne : op == Op::Ne ? Op::Eq : op == Op::Lt ? Op::Ge : op == Op::Le ? Op::Gt
                       : op == Op::Gt ? Op::Le : Op::Lt;
        // PDF letters are in CP1252, which has no ≤ ≥ ≠: those are written in words.
        switch (op) {
            case Op::Eq: return " = ";
            case Op::Ne: return holds ? ", différent de " : " au lieu de ";
            case Op::Lt: return " < ";
            case Op::Gt: return " > ";
            case Op::Le: return ", soit au plus ";
            case Op::Ge: return ", soit au moins ";
            default: return " ? ";
        }
    }

    void explain(const ExprNode& n, bool holds, std::vector<std::string>& out) const {
        Value v = value(n);
        if (is_missing(v) || !std::holds_alternative<bool>(v) || std::get<bool>(v) != holds) return;
        switch (n.op) {
            case Op::Name: out.push_back(label(n.name) + " : " + (holds ? "oui" : "non")); return;
            case Op::Not: explain(*n.kids[0], !holds, out); return;
            case Op::And:
            case Op::Or:
                // Only the operands that decided the result.
                for (const auto& k : n.kids) explain(*k, holds, out);
                return;
            case Op::In: {
                Value l = value(*n.kids[0]);
                Value right = value(*n.kids[1]);
                const auto& set = std::get<std::vector<std::string>>(right);
                std::string list = fr::join(set);
                std::string subject = format(l, {});
                if (auto items = std::get_if<std::vector<std::string>>(&l); items && !holds) {
                    subject.clear();
                    for (const auto& x : *items)
                        if (std::find(set.begin(), set.end(), x) == set.end()) subject += (subject.empty() ? "" : ", ") + x;
                }
                out.push_back(subject + (holds ? " dans la liste : " : " hors de la liste : ") + list);
                return;
            }
            case Op::Call:
                if (n.name == "present") {
                    out.push_back(label(n.kids[0]->name) + (holds ? " : renseigné" : " : non renseigné"));
                } else if (n.name == "si") {
                    explain(chosen(n), holds, out);
                }
                return;
            default:
                if (!comparison(n.op)) return;
                // A fact required above zero, at zero: named (trial 1011G2 minor 10:
                // « (0 ETP, soit au plus 0 ; 0 ETP, soit au plus 0) » named no
                // professional of the CRT team).
                if (!holds && n.op == Op::Gt && n.kids[0]->op == Op::Name && n.kids[1]->op == Op::Lit &&
                    n.kids[1]->literal == Value{Rational(0)}) {
                    out.push_back(label(n.kids[0]->name) + " : " + shown(*n.kids[0]));
                    return;
                }
                out.push_back(side(*n.kids[0]) + relation(n.op, holds) + side(*n.kids[1]));
                return;
        }
    }
};
}  // namespace

void explain(const ExprNode& n, bool holds, const std::function<Value(const std::string&)>& lookup,
             const std::function<const FactDef*(const std::string&)>& def_of, std::vector<std::string>& out) {
    Explainer{lookup, def_of}.explain(n, holds, out);
}

}  // namespace cotation::expr_detail
