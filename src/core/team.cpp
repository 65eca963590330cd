#include "team.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <initializer_list>
#include <variant>

#include "enums.h"
#include "people.h"
#include "read_rules.h"
#include "french.h"
#include "invisible.h"

namespace cotation {

const char* role_label(Role r) { return enum_label(r); }
const char* role_code(Role r) { return enum_code(r); }

std::optional<Role> role_from_text(const std::string& t) { return enum_from_text<Role>(t); }

std::string person_key(const std::string& name) { return fr::folded(fr::name_key(name)); }

std::string account_refusal(const std::string& login) {
    const std::string shown = fr::quote(login);
    if (login.empty()) return "Le compte est vide : donnez le nom de connexion de la personne sur ce poste.";
    if (login.size() > 32) return "Le compte " + shown + " est trop long pour un nom de connexion (32 caractères au plus).";
    if (login[0] == '-') return "Le compte " + shown + " ne peut pas commencer par « - » (ce ne serait pas un nom de connexion).";
    bool letter = false;
    for (std::size_t i = 0; i < login.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(login[i]);
        if (c == '$' && i + 1 == login.size() && i > 0) continue;   // Samba machine accounts
        if (std::isalpha(c) || c == '_' || c == '.' || c == '-') letter = letter || !std::isdigit(c);
        else if (!std::isdigit(c))
            return "Le compte " + shown + " n'est pas un nom de connexion : lettres sans accent, chiffres, « . », « _ » et « - » "
                   "seulement (par exemple « proy » ou « paul.roy »), sans espace.";
    }
    if (!letter) return "Le compte " + shown + " n'a que des chiffres : c'est un numéro d'utilisateur, pas un nom de connexion.";
    return "";
}

std::string invisible_character(const std::string& text) { return fr::first_invisible(text); }

// Something typed, yet nothing a reader sees (trial 13e F7: U+3164 alone as
// an organisation, U+1D159 alone as a motive): the rule of fr::given. An
// empty text is the field's own business (required or not).
static std::string nothing_visible(const std::string& text, const std::string& what) {
    if (fr::trim(text).empty() || fr::given(text)) return "";
    return what + " ne contient aucun caractère visible (seulement des espaces ou des caractères qui ne s'impriment "
                  "pas) ; retapez-le. Rien n'a été enregistré.";
}

std::string name_refusal(const std::string& text, const std::string& what) {
    if (std::size_t n = fr::char_count(text); n > kMaxNameChars)
        return what + " a " + std::to_string(n) + " caractères, au plus " + std::to_string(kMaxNameChars) +
               " admis. Rien n'a été enregistré.";
    // Nothing visible at all is said as such (a name of U+3164 alone), before the character.
    if (std::string none = nothing_visible(text, what); !none.empty()) return none;
    std::string c = invisible_character(text);
    if (c.empty()) return "";
    return what + " contient un caractère de contrôle ou invisible (" + c +
           " : saut de ligne, tabulation, espace sans largeur, inversion du sens d'écriture…) : deux noms sembleraient "
           "identiques ou le journal serait falsifiable ; retapez-le. Rien n'a été enregistré.";
}

std::string text_refusal(const std::string& text, const std::string& what) {
    if (std::size_t n = fr::char_count(text); n > kMaxMotiveChars)
        return what + " a " + std::to_string(n) + " caractères, au plus " + std::to_string(kMaxMotiveChars) +
               " admis. Rien n'a été enregistré.";
    if (std::string none = nothing_visible(text, what); !none.empty()) return none;
    // Line breaks are a text's own; anything else invisible is not.
    if (std::string c = fr::first_invisible(text, "\n"); !c.empty())
        return what + " contient un caractère de contrôle ou invisible (" + c +
               " : tabulation, espace sans largeur, inversion du sens d'écriture…) qui passerait tel quel dans les "
               "courriers ; retapez-le. Rien n'a été enregistré.";
    return nothing_visible(text, what);
}

std::string campaign_texts_refusal(const std::string& reference, const std::string& title) {
    if (std::string why = name_refusal(reference, "La référence de la campagne"); !why.empty()) return why;
    return text_refusal(title, "L'intitulé de l'appel");
}

std::string authority_refusal(const Authority& a) {
    for (const auto& [text, what] : std::initializer_list<std::pair<const std::string&, const char*>>{
             {a.name, "Autorité : le nom"}, {a.signatory, "Autorité : le signataire"},
             {a.signatory_title, "Autorité : la qualité du signataire"}, {a.city, "Autorité : la ville"},
             {a.tribunal, "Autorité : le tribunal"}, {a.tribunal_address, "Autorité : l'adresse du tribunal"}})
        if (std::string why = name_refusal(text, what); !why.empty()) return why;
    for (const auto& l : a.address)
        if (std::string why = name_refusal(l, "Autorité : la ligne d'adresse " + fr::quote(l.substr(0, 40))); !why.empty())
            return why;
    return "";
}

std::string parameter_text_refusal(const std::string& name, const Value& value) {
    if (const auto* text = std::get_if<std::string>(&value)) return text_refusal(*text, "Le paramètre « " + name + " »");
    if (const auto* list = std::get_if<std::vector<std::string>>(&value))
        for (const auto& item : *list)
            if (std::string why = text_refusal(item, "Le paramètre « " + name + " »"); !why.empty()) return why;
    return "";
}

// By exact name, else by person_key: « paul roy » is the Paul Roy declared (issue 13.15).
const Person* Team::person(const std::string& name) const {
    auto it = people.find(name);
    if (it != people.end()) return &it->second;
    const std::string key = person_key(name);
    if (key.empty()) return nullptr;
    for (const auto& [n, p] : people)
        if (person_key(n) == key) return &p;
    return nullptr;
}

std::string canonical_person(const Team& team, const std::string& name) {
    const Person* p = team.person(name);
    return p ? p->name : name;
}

bool Team::in_conflict(const std::string& reviewer, const Organisation& organisation) const {
    return std::any_of(conflicts.begin(), conflicts.end(), [&](const ConflictDeclaration& c) {
        return c.reviewer == reviewer && declaration_covers(c, organisation);
    });
}

std::string Team::link_text(const std::string& reviewer, const Organisation& organisation) const {
    const std::string named = "« " + organisation.name + " »";
    for (const ConflictDeclaration& c : conflicts)
        if (c.reviewer == reviewer && declaration_covers(c, organisation))
            return c.organisme == organisation.name ? named : "« " + c.organisme + " », qui couvre " + named;
    return named;
}

std::string Team::may_coordinate(const std::string& actor) const {
    if (open_mode()) return "";
    const Person* p = person(actor);
    if (!p) return "« " + actor + " » ne fait pas partie de l'équipe de cette campagne.";
    if (p->role != Role::Coordinator)
        return "Cette action revient au coordonnateur ; « " + actor + " » est " + role_label(p->role) + ".";
    return "";
}

std::string Team::may_instruct(const std::string& actor) const {
    if (open_mode()) return "";
    const Person* p = person(actor);
    if (!p) return "« " + actor + " » ne fait pas partie de l'équipe de cette campagne.";
    if (p->role == Role::CommitteeMember) return "Un membre de commission consulte les dossiers sans les modifier.";
    return "";
}

std::string Team::may_rate(const std::string& actor, const std::string& reviewer, std::int64_t dossier,
                           const Organisation& organisation) const {
    if (open_mode()) return "";
    const Person* p = person(actor);
    if (!p) return "« " + actor + " » ne fait pas partie de l'équipe de cette campagne.";
    // Who may, said with the refusal (trial #13): the reviewer named, himself.
    if (p->role != Role::Instructor)
        return "Seul l'instructeur affecté note le dossier, en son nom ; « " + actor + " » est " + role_label(p->role) +
               (p->role == Role::Coordinator ? " : elle ou il consolide les notes, ou importe (« cotation rate ») les grilles "
                                               "recueillies, journalisées « saisi par … pour … »."
                                             : ".");
    if (actor != reviewer)
        return "« " + actor + " » ne peut pas noter au nom de « " + reviewer + " » : seul(e) « " + reviewer +
               " » dépose ses notes (le coordonnateur peut importer les grilles recueillies).";
    if (in_conflict(reviewer, organisation))
        return "« " + reviewer + " » a déclaré un lien avec " + link_text(reviewer, organisation) +
               " : ce dossier ne peut pas lui être confié.";
    auto it = assignments.find(dossier);
    if (it == assignments.end() || !it->second.count(reviewer)) return "Ce dossier n'est pas affecté à « " + reviewer + " ».";
    if (auto s = submitted.find(dossier); s != submitted.end() && s->second.count(reviewer))
        return "« " + reviewer + " » a déjà soumis ses notes pour ce dossier.";
    return "";
}

std::string Team::may_assign(const std::string& actor, const std::string& reviewer, const Organisation& organisation) const {
    std::string c = may_coordinate(actor);
    if (!c.empty()) return c;
    const Person* p = person(reviewer);
    if (!p) return "« " + reviewer + " » ne fait pas partie de l'équipe de cette campagne.";
    if (p->role != Role::Instructor) return "« " + reviewer + " » n'est pas instructeur.";
    if (in_conflict(reviewer, organisation))
        return "« " + reviewer + " » a déclaré un lien avec " + link_text(reviewer, organisation) + " : affectation impossible.";
    return "";
}

bool Team::sees_others(const std::string& viewer, std::int64_t dossier, const Organisation& organisation) const {
    if (open_mode()) return true;
    const Person* p = person(viewer);
    if (!p) return false;
    if (in_conflict(viewer, organisation)) return false;
    if (p->role != Role::Instructor) return true;
    auto s = submitted.find(dossier);
    return s != submitted.end() && s->second.count(viewer) > 0;
}

bool Team::accounts_declared() const {
    return std::any_of(people.begin(), people.end(), [](const auto& p) { return !p.second.account.empty(); });
}

const Person* Team::person_of_account(const std::string& login) const {
    if (login.empty()) return nullptr;
    for (const auto& [name, p] : people)
        if (p.account == login) return &p;
    return nullptr;
}

std::optional<std::string> Team::identify(const std::string& claimed, const std::string& login, std::string& why) const {
    if (open_mode()) return claimed;   // nobody declared: one person works alone
    // A declared team: the person is the one bound to the account running the
    // program, never a name given (trial 2 of issue 13: a team without
    // accounts let any account claim the coordinator).
    const Person* named = claimed.empty() ? nullptr : person(claimed);
    if (const Person* bound = person_of_account(login)) {
        if (!claimed.empty() && named != bound) {
            why = "« " + claimed + " » ne peut pas agir depuis le compte « " + login + " », qui est celui de « " + bound->name +
                  " ».";
            return std::nullopt;
        }
        return bound->name;
    }
    if (named && named->account.empty()) {
        why = "« " + named->name +
              " » n'a pas de compte déclaré : personne ne peut agir en son nom. Le coordonnateur, depuis son "
              "propre compte, le lie au compte depuis lequel « " +
              named->name +
              " » travaille : cotation users FICHIER --changer-compte " + fr::shell_word(named->name) + " --compte LOGIN.";
        return std::nullopt;
    }
    if (named) {
        why = "« " + named->name + " » agit depuis le compte « " + named->account + " » ; vous agissez depuis le compte « " +
              login + " ».";
        return std::nullopt;
    }
    why = "Le compte « " + login +
          " » n'est déclaré pour personne dans cette campagne : seules les personnes déclarées "
          "avec leur compte agissent (le coordonnateur, depuis son propre compte, le déclare : cotation users FICHIER --ajouter "
          "NOM "
          "--compte " +
          login + ", ou --changer-compte NOM --compte " + login + ").";
    return std::nullopt;
}

std::string Team::may_put_person(const std::string& actor, const std::string& login, const Person& p, bool by_owner) const {
    if (open_mode()) {
        if (p.role != Role::Coordinator)
            return "Déclarez d'abord le coordonnateur de la campagne : c'est lui qui déclare ensuite l'équipe.";
    } else if (std::string c = may_coordinate(actor); !c.empty()) {
        return c;
    }
    // The last coordinator is never demoted: nobody could then decide, close,
    // reopen or change roles (a new coordinator is declared first).
    if (const Person* before = person(p.name); before && before->role == Role::Coordinator && p.role != Role::Coordinator &&
        std::none_of(people.begin(), people.end(), [&](const auto& x) {
            return x.second.role == Role::Coordinator && x.second.name != before->name;
        }))
        return "La campagne doit garder un coordonnateur : « " + before->name +
               " » est le seul. Déclarez d'abord un autre coordonnateur (cotation users FICHIER --ajouter NOM --role "
               "coordonnateur), puis changez ce rôle.";
    if (p.account.empty() || accounts_declared()) {
        if (const Person* other = person_of_account(p.account); other && other->name != p.name)
            return "Le compte « " + p.account + " » est déjà celui de « " + other->name + " ».";
        return "";
    }
    // The first account: the coordinator's, declared from that very account.
    if (p.role != Role::Coordinator)
        return "Le premier compte déclaré est celui du coordonnateur : déclarez d'abord son compte (cotation users FICHIER "
               "--ajouter NOM --role coordonnateur --compte LOGIN, depuis ce compte), puis ceux de l'équipe.";
    if (p.account != login && !by_owner)
        return "Le premier compte déclaré est celui du coordonnateur, depuis ce compte même : vous agissez depuis « " + login +
               " », pas « " + p.account + " » (sans quoi plus personne ne pourrait agir sur la campagne).";
    return "";
}

std::string first_declaration_refusal(const std::string& owner, const std::string& login) {
    if (owner.empty() || owner == login) return "";
    return "Cette campagne n'a pas encore d'équipe : son coordonnateur est déclaré d'abord, depuis le compte propriétaire du "
           "fichier de la campagne (« " +
           owner + " », qui l'a créée), et non depuis « " + login +
           " ». Rien n'a été enregistré. Pour confier la campagne à un autre compte, son propriétaire lui cède le fichier "
           "(chown) ou y déclare ce coordonnateur (cotation users FICHIER --ajouter NOM --role coordonnateur --compte " +
           login + ").";
}

std::string Team::may_declare_conflict(const std::string& actor, const std::string& reviewer,
                                       const std::string& declaration, const std::optional<Date>& signed_on,
                                       const Date& today) const {
    if (!person(reviewer)) return "« " + reviewer + " » ne fait pas partie de l'équipe de cette campagne.";
    if (actor != reviewer)
        if (auto why = may_coordinate(actor); !why.empty()) return why;
    if (!fr::given(declaration)) return "Décrivez le lien déclaré (nature, période).";
    if (auto why = text_refusal(declaration, "Le lien déclaré"); !why.empty()) return why;
    if (signed_on && today < *signed_on) return "Une déclaration ne peut pas être datée de l'avenir.";
    return "";
}

}  // namespace cotation
