#include "expr.h"

#include <algorithm>
#include <cctype>

#include "error.h"
#include "french.h"
#include "identifiers.h"

namespace cotation {

const char* expr_type_name(ExprType t) {
    switch (t) {
        case ExprType::Number: return "nombre";
        case ExprType::Date: return "date";
        case ExprType::Bool: return "vrai/faux";
        case ExprType::Text: return "texte";
        case ExprType::List: return "liste";
    }
    return "?";
}

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

enum class Op { Lit, Name, Or, And, Not, Eq, Ne, Lt, Le, Gt, Ge, Add, Sub, Mul, Div, Neg, In, ListLit, Call };

struct ExprNode {
    Op op = Op::Lit;
    ExprType type = ExprType::Bool;
    Value literal;
    std::string name;  // fact name or function name
    std::vector<std::shared_ptr<const ExprNode>> kids;
};

namespace {
using NodeP = std::shared_ptr<const ExprNode>;

struct Token {
    enum Kind { End, Num, DateLit, Str, Ident, Sym } kind = End;
    std::string text;
    std::size_t pos = 0;
};

class Parser {
public:
    Parser(const std::string& text, const std::function<std::optional<ExprType>(const std::string&)>& type_of,
           std::set<std::string>& names)
        : text_(text), type_of_(type_of), names_(names) {
        lex();
    }

    NodeP parse_all() {
        NodeP n = parse_or();
        if (tok().kind != Token::End) fail("élément inattendu « " + tok().text + " »");
        return n;
    }

private:
    [[noreturn]] void fail(const std::string& what, std::size_t pos = std::string::npos) const {
        if (pos == std::string::npos) pos = tok().pos;
        throw GridError("expression « " + text_ + " », caractère " + std::to_string(pos + 1) + " : " + what);
    }

    void lex() {
        std::size_t i = 0;
        const std::string& s = text_;
        while (i < s.size()) {
            unsigned char c = static_cast<unsigned char>(s[i]);
            if (std::isspace(c)) { ++i; continue; }
            Token t;
            t.pos = i;
            if (std::isdigit(c)) {
                std::size_t j = i;
                while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
                if (j - i == 4 && j + 5 < s.size() + 0 && s[j] == '-' && j + 6 <= s.size() &&
                    std::isdigit(static_cast<unsigned char>(s[j + 1])) && std::isdigit(static_cast<unsigned char>(s[j + 2])) &&
                    s[j + 3] == '-' && std::isdigit(static_cast<unsigned char>(s[j + 4])) &&
                    std::isdigit(static_cast<unsigned char>(s[j + 5]))) {
                    t.kind = Token::DateLit;
                    t.text = s.substr(i, 10);
                    i += 10;
                } else {
                    if (j < s.size() && s[j] == '.' && j + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[j + 1]))) {
                        ++j;
                        while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
                    }
                    t.kind = Token::Num;
                    t.text = s.substr(i, j - i);
                    i = j;
                }
            } else if (c == '"') {
                std::size_t j = s.find('"', i + 1);
                if (j == std::string::npos) { pos_fail(i, "guillemet non fermé"); }
                t.kind = Token::Str;
                t.text = s.substr(i + 1, j - i - 1);
                i = j + 1;
            } else if (std::isalpha(c) || c == '_') {
                std::size_t j = i;
                while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_' || s[j] == '.')) ++j;
                t.kind = Token::Ident;
                t.text = s.substr(i, j - i);
                i = j;
            } else {
                static const char* two[] = {"<=", ">=", "!=", "<>"};
                t.kind = Token::Sym;
                bool done = false;
                for (const char* op : two)
                    if (s.compare(i, 2, op) == 0) { t.text = op; i += 2; done = true; break; }
                if (!done) {
                    if (std::string("=<>+-*/()[],").find(static_cast<char>(c)) == std::string::npos)
                        pos_fail(i, std::string("caractère inattendu « ") + static_cast<char>(c) + " »");
                    t.text = std::string(1, static_cast<char>(c));
                    ++i;
                }
            }
            toks_.push_back(t);
        }
        Token end;
        end.pos = s.size();
        end.text = "fin de l'expression";
        toks_.push_back(end);
    }

    [[noreturn]] void pos_fail(std::size_t pos, const std::string& what) const {
        throw GridError("expression « " + text_ + " », caractère " + std::to_string(pos + 1) + " : " + what);
    }

    const Token& tok() const { return toks_[k_]; }
    bool is_sym(const char* s) const { return tok().kind == Token::Sym && tok().text == s; }
    bool is_kw(const char* s) const { return tok().kind == Token::Ident && tok().text == s; }
    void expect_sym(const char* s) {
        if (!is_sym(s)) fail(std::string("« ") + s + " » attendu");
        ++k_;
    }

    static NodeP make(Op op, ExprType type, std::vector<NodeP> kids = {}) {
        auto n = std::make_shared<ExprNode>();
        n->op = op;
        n->type = type;
        n->kids = std::move(kids);
        return n;
    }

    void need(const NodeP& n, ExprType t, std::size_t pos, const char* where) {
        if (n->type != t)
            pos_fail(pos, std::string(where) + " attend " + expr_type_name(t) + ", reçoit " + expr_type_name(n->type));
    }

    // One level of left-associative operators whose operands must all be of
    // `operand` type (logic: vrai/faux; arithmetic: nombre).
    template <typename Next>
    NodeP parse_level(std::initializer_list<std::pair<const char*, Op>> ops, bool keywords, ExprType operand,
                      ExprType result, const char* what, Next next) {
        std::size_t p = tok().pos;
        NodeP l = (this->*next)();
        for (;;) {
            const std::pair<const char*, Op>* found = nullptr;
            for (const auto& o : ops)
                if (keywords ? is_kw(o.first) : is_sym(o.first)) found = &o;
            if (!found) return l;
            ++k_;
            std::size_t q = tok().pos;
            NodeP r = (this->*next)();
            need(l, operand, p, what);
            need(r, operand, q, what);
            l = make(found->second, result, {l, r});
        }
    }
    NodeP parse_or() { return parse_level({{"ou", Op::Or}}, true, ExprType::Bool, ExprType::Bool, "« ou »", &Parser::parse_and); }
    NodeP parse_and() { return parse_level({{"et", Op::And}}, true, ExprType::Bool, ExprType::Bool, "« et »", &Parser::parse_not); }
    // A prefix operator ("non", unary "-") applied to an operand of its own type.
    NodeP parse_prefix(bool present, Op op, ExprType type, const char* what, NodeP (Parser::*self)(),
                       NodeP (Parser::*next)()) {
        if (!present) return (this->*next)();
        ++k_;
        std::size_t p = tok().pos;
        NodeP a = (this->*self)();
        need(a, type, p, what);
        return make(op, type, {a});
    }
    NodeP parse_not() {
        return parse_prefix(is_kw("non"), Op::Not, ExprType::Bool, "« non »", &Parser::parse_not, &Parser::parse_cmp);
    }
    NodeP parse_cmp() {
        std::size_t p = tok().pos;
        NodeP l = parse_sum();
        static const std::pair<const char*, Op> ops[] = {{"=", Op::Eq}, {"!=", Op::Ne}, {"<>", Op::Ne}, {"<=", Op::Le},
                                                         {">=", Op::Ge}, {"<", Op::Lt}, {">", Op::Gt}};
        for (auto [s, op] : ops) {
            if (is_sym(s)) {
                ++k_;
                std::size_t q = tok().pos;
                NodeP r = parse_sum();
                if (l->type != r->type)
                    pos_fail(q, std::string("comparaison de ") + expr_type_name(l->type) + " avec " + expr_type_name(r->type));
                bool ordered = op != Op::Eq && op != Op::Ne;
                if (ordered && l->type != ExprType::Number && l->type != ExprType::Date)
                    pos_fail(p, std::string("« ") + s + " » ne s'applique pas à " + expr_type_name(l->type));
                if (l->type == ExprType::List) pos_fail(p, "une liste ne se compare pas ; utiliser « dans »");
                return make(op, ExprType::Bool, {l, r});
            }
        }
        if (is_kw("dans")) {
            ++k_;
            std::size_t q = tok().pos;
            NodeP r = parse_sum();
            if (l->type != ExprType::Text && l->type != ExprType::List)
                pos_fail(p, std::string("« dans » attend un texte ou une liste à gauche, reçoit ") + expr_type_name(l->type));
            need(r, ExprType::List, q, "« dans »");
            return make(Op::In, ExprType::Bool, {l, r});
        }
        return l;
    }
    NodeP parse_sum() {
        return parse_level({{"+", Op::Add}, {"-", Op::Sub}}, false, ExprType::Number, ExprType::Number, "le calcul",
                           &Parser::parse_prod);
    }
    NodeP parse_prod() {
        return parse_level({{"*", Op::Mul}, {"/", Op::Div}}, false, ExprType::Number, ExprType::Number, "le calcul",
                           &Parser::parse_unary);
    }
    NodeP parse_unary() {
        return parse_prefix(is_sym("-"), Op::Neg, ExprType::Number, "le signe moins", &Parser::parse_unary,
                            &Parser::parse_primary);
    }
    NodeP parse_primary() {
        const Token t = tok();
        if (t.kind == Token::Num) {
            ++k_;
            auto n = std::make_shared<ExprNode>();
            n->op = Op::Lit;
            n->type = ExprType::Number;
            n->literal = *Rational::from_canonical(t.text);
            return n;
        }
        if (t.kind == Token::DateLit) {
            ++k_;
            auto d = Date::parse(t.text);
            if (!d) pos_fail(t.pos, "date impossible « " + t.text + " »");
            auto n = std::make_shared<ExprNode>();
            n->type = ExprType::Date;
            n->literal = *d;
            return n;
        }
        if (t.kind == Token::Str) {
            ++k_;
            auto n = std::make_shared<ExprNode>();
            n->type = ExprType::Text;
            n->literal = t.text;
            return n;
        }
        if (is_sym("(")) {
            ++k_;
            NodeP n = parse_or();
            expect_sym(")");
            return n;
        }
        if (is_sym("[")) {
            ++k_;
            std::vector<std::string> items;
            while (!is_sym("]")) {
                if (tok().kind != Token::Str && tok().kind != Token::Num)
                    fail("une liste contient des textes entre guillemets");
                items.push_back(tok().text);
                ++k_;
                if (is_sym(",")) ++k_;
                else if (!is_sym("]")) fail("« , » ou « ] » attendu");
            }
            ++k_;
            auto n = std::make_shared<ExprNode>();
            n->op = Op::Lit;
            n->type = ExprType::List;
            n->literal = items;
            return n;
        }
        if (t.kind == Token::Ident) {
            if (t.text == "vrai" || t.text == "faux") {
                ++k_;
                auto n = std::make_shared<ExprNode>();
                n->type = ExprType::Bool;
                n->literal = (t.text == "vrai");
                return n;
            }
            ++k_;
            if (is_sym("(")) return parse_call(t);
            auto ty = type_of_(t.text);
            if (!ty) pos_fail(t.pos, "fait ou paramètre inconnu « " + t.text + " »");
            names_.insert(t.text);
            auto n = std::make_shared<ExprNode>();
            n->op = Op::Name;
            n->type = *ty;
            n->name = t.text;
            return n;
        }
        fail("valeur attendue, trouvé « " + t.text + " »");
    }
    NodeP parse_call(const Token& fn) {
        ++k_;  // (
        std::vector<NodeP> args;
        std::vector<std::size_t> pos;
        while (!is_sym(")")) {
            pos.push_back(tok().pos);
            args.push_back(parse_or());
            if (is_sym(",")) ++k_;
            else if (!is_sym(")")) fail("« , » ou « ) » attendu");
        }
        ++k_;
        auto arity = [&](std::size_t n) {
            if (args.size() != n)
                pos_fail(fn.pos, fn.text + "() attend " + std::to_string(n) + " argument" + (n > 1 ? "s" : ""));
        };
        ExprType out;
        if (fn.text == "present") {
            arity(1);
            if (args[0]->op != Op::Name) pos_fail(pos[0], "present() attend le nom d'un fait");
            out = ExprType::Bool;
        } else if (fn.text == "departement") {
            arity(1);
            need(args[0], ExprType::Text, pos[0], "departement()");
            out = ExprType::Text;
        } else if (fn.text == "departements") {
            arity(1);
            need(args[0], ExprType::List, pos[0], "departements()");
            out = ExprType::List;
        } else if (fn.text == "nombre") {
            arity(1);
            need(args[0], ExprType::List, pos[0], "nombre()");
            out = ExprType::Number;
        } else if (fn.text == "si") {
            arity(3);
            need(args[0], ExprType::Bool, pos[0], "si()");
            if (args[1]->type != args[2]->type)
                pos_fail(pos[2], std::string("si() attend deux valeurs du même type, reçoit ") + expr_type_name(args[1]->type) +
                                     " et " + expr_type_name(args[2]->type));
            out = args[1]->type;
        } else if (fn.text == "min" || fn.text == "max") {
            arity(2);
            need(args[0], ExprType::Number, pos[0], fn.text.c_str());
            need(args[1], ExprType::Number, pos[1], fn.text.c_str());
            out = ExprType::Number;
        } else {
            pos_fail(fn.pos, "fonction inconnue « " + fn.text + " »");
        }
        auto n = std::make_shared<ExprNode>();
        n->op = Op::Call;
        n->type = out;
        n->name = fn.text;
        n->kids = std::move(args);
        return n;
    }

    const std::string& text_;
    const std::function<std::optional<ExprType>(const std::string&)>& type_of_;
    std::set<std::string>& names_;
    std::vector<Token> toks_;
    std::size_t k_ = 0;
};

struct Evaluator {
    const std::function<Value(const std::string&)>& lookup;

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
        for (const auto& k : n.kids) {
            args.push_back(eval(*k));
            r.missing.insert(args.back().missing.begin(), args.back().missing.end());
        }
        for (const auto& a : args)
            if (is_missing(a.value)) return r;
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
        for (const auto& k : n.kids) {
            args.push_back(eval(*k));
            r.missing.insert(args.back().missing.begin(), args.back().missing.end());
        }
        for (const auto& a : args)
            if (is_missing(a.value)) return r;
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

// Writes what a condition compared, with the values of both sides, formatted
// for a French reader by the declared type of each name.
struct Explainer {
    const std::function<Value(const std::string&)>& lookup;
    const std::function<const FactDef*(const std::string&)>& def_of;

    struct Kind {
        bool amount = false;
        std::string unit;
    };

    Value value(const ExprNode& n) const { return Evaluator{lookup}.eval(n).value; }

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
                std::string list;
                for (const auto& x : set) list += (list.empty() ? "" : ", ") + x;
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
                if (comparison(n.op)) out.push_back(side(*n.kids[0]) + relation(n.op, holds) + side(*n.kids[1]));
                return;
        }
    }
};
}  // namespace

Expr Expr::parse(const std::string& text, const std::function<std::optional<ExprType>(const std::string&)>& type_of) {
    Expr e;
    e.text_ = text;
    Parser p(e.text_, type_of, e.names_);
    e.root_ = p.parse_all();
    e.type_ = e.root_->type;
    return e;
}

Expr::Result Expr::evaluate(const std::function<Value(const std::string&)>& lookup) const {
    return Evaluator{lookup}.eval(*root_);
}

std::vector<std::string> Expr::compared(const std::function<Value(const std::string&)>& lookup,
                                        const std::function<const FactDef*(const std::string&)>& def_of) const {
    std::vector<std::string> out;
    if (type_ == ExprType::Bool) Explainer{lookup, def_of}.explain(*root_, false, out);
    return out;
}

}  // namespace cotation

namespace cotation {
bool Expr::single_fact() const {
    const ExprNode* n = root_.get();
    if (n->op == Op::Not) n = n->kids[0].get();
    return n->op == Op::Name;
}

std::vector<std::string> Expr::held(const std::function<Value(const std::string&)>& lookup,
                                    const std::function<const FactDef*(const std::string&)>& def_of) const {
    std::vector<std::string> out;
    if (type_ == ExprType::Bool) Explainer{lookup, def_of}.explain(*root_, true, out);
    return out;
}
}  // namespace cotation
