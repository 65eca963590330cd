// The parser of the rule language: lexes, then descends by precedence,
// type-checking as it goes so that a wrong rule is refused when the grid is
// read, with the position in the text.
#include <cctype>

#include "error.h"
#include "expr_node.h"

namespace cotation::expr_detail {
namespace {

struct Token {
    enum Kind { End, Num, DateLit, Str, Ident, Sym } kind = End;
    std::string text;
    std::size_t pos = 0;
};

// The functions whose arguments have fixed types: name, argument types,
// result. present() (a name) and si() (two branches of one type) are checked
// apart.
struct Signature {
    const char* name;
    std::vector<ExprType> args;
    ExprType out;
};

const Signature* signature(const std::string& name) {
    static const std::vector<Signature> all = {
        {"departement", {ExprType::Text}, ExprType::Text},
        {"departements", {ExprType::List}, ExprType::List},
        {"nombre", {ExprType::List}, ExprType::Number},
        {"min", {ExprType::Number, ExprType::Number}, ExprType::Number},
        {"max", {ExprType::Number, ExprType::Number}, ExprType::Number},
    };
    for (const auto& s : all)
        if (name == s.name) return &s;
    return nullptr;
}

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
    NodeP parse_and() {
        return parse_level({{"et", Op::And}}, true, ExprType::Bool, ExprType::Bool, "« et »", &Parser::parse_not);
    }
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
        } else if (fn.text == "si") {
            arity(3);
            need(args[0], ExprType::Bool, pos[0], "si()");
            if (args[1]->type != args[2]->type)
                pos_fail(pos[2], std::string("si() attend deux valeurs du même type, reçoit ") + expr_type_name(args[1]->type) +
                                     " et " + expr_type_name(args[2]->type));
            out = args[1]->type;
        } else if (const Signature* sig = signature(fn.text)) {
            arity(sig->args.size());
            const std::string where = fn.text + "()";
            for (std::size_t i = 0; i < args.size(); ++i) need(args[i], sig->args[i], pos[i], where.c_str());
            out = sig->out;
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
}  // namespace

NodeP parse(const std::string& text, const std::function<std::optional<ExprType>(const std::string&)>& type_of,
            std::set<std::string>& names) {
    return Parser(text, type_of, names).parse_all();
}

}  // namespace cotation::expr_detail
