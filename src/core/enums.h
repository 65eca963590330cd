#pragma once
// One table per enum of the domain: its values in display order, the code
// stored in campaign files (never changed: no migration), the French label
// every message and list shows, and the other words a person may type.
// Parsing, display, stored codes and the workbench's choice lists all come
// from here. A new enum: declare it beside its rules, add its rows in
// enums.cpp and a specialisation of enum_rows below.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "eligibility.h"
#include "expr.h"
#include "fact.h"
#include "grid.h"
#include "pieces.h"
#include "procedure.h"
#include "procedure_def.h"
#include "scoring.h"
#include "team.h"
#include "territorial_allocation.h"

namespace cotation {

template <class E>
struct EnumRow {
    E value;
    const char* code;      // as stored (campaign files, journal): never renamed
    const char* label;     // as shown, in French
    const char* aliases;   // other accepted words, separated by '|' (may be empty)
};

template <class E>
std::span<const EnumRow<E>> enum_rows();
template <> std::span<const EnumRow<Role>> enum_rows<Role>();
template <> std::span<const EnumRow<DecisionKind>> enum_rows<DecisionKind>();
template <> std::span<const EnumRow<Vote>> enum_rows<Vote>();
template <> std::span<const EnumRow<Opinion>> enum_rows<Opinion>();
template <> std::span<const EnumRow<RejectionGround>> enum_rows<RejectionGround>();
template <> std::span<const EnumRow<Presence>> enum_rows<Presence>();
template <> std::span<const EnumRow<Civility>> enum_rows<Civility>();
template <> std::span<const EnumRow<AuthorityKind>> enum_rows<AuthorityKind>();
template <> std::span<const EnumRow<Proposal>> enum_rows<Proposal>();
template <> std::span<const EnumRow<PiecesState>> enum_rows<PiecesState>();
template <> std::span<const EnumRow<ParameterRole>> enum_rows<ParameterRole>();
template <> std::span<const EnumRow<StepState>> enum_rows<StepState>();
template <> std::span<const EnumRow<Outcome>> enum_rows<Outcome>();
template <> std::span<const EnumRow<FactType>> enum_rows<FactType>();
template <> std::span<const EnumRow<ExprType>> enum_rows<ExprType>();
template <> std::span<const EnumRow<RuleEffect>> enum_rows<RuleEffect>();
template <> std::span<const EnumRow<allocation::ZoneKind>> enum_rows<allocation::ZoneKind>();
template <> std::span<const EnumRow<allocation::Constraint>> enum_rows<allocation::Constraint>();
template <> std::span<const EnumRow<allocation::Followed>> enum_rows<allocation::Followed>();
template <> std::span<const EnumRow<StepDone>> enum_rows<StepDone>();
template <> std::span<const EnumRow<StepCondition>> enum_rows<StepCondition>();

namespace enum_detail {
// Case, accents, and the separators « », « - », « _ » do not matter.
std::string key(std::string_view text);
}  // namespace enum_detail

template <class E>
const EnumRow<E>* enum_row(E value) {
    for (const auto& r : enum_rows<E>())
        if (r.value == value) return &r;
    return nullptr;
}
template <class E>
const char* enum_code(E value) {
    const auto* r = enum_row(value);
    return r ? r->code : "?";
}
template <class E>
const char* enum_label(E value) {
    const auto* r = enum_row(value);
    return r ? r->label : "?";
}
// The code, the label or an alias, compared without case, accents or separators.
template <class E>
std::optional<E> enum_from_text(std::string_view text) {
    std::string k = enum_detail::key(text);
    if (k.empty()) return std::nullopt;
    for (const auto& r : enum_rows<E>()) {
        if (k == enum_detail::key(r.code) || k == enum_detail::key(r.label)) return r.value;
        std::string_view rest = r.aliases;
        while (!rest.empty()) {
            auto bar = rest.find('|');
            if (k == enum_detail::key(rest.substr(0, bar))) return r.value;
            rest = bar == std::string_view::npos ? std::string_view{} : rest.substr(bar + 1);
        }
    }
    return std::nullopt;
}
// The stored code exactly as written (a grid file's attribute: no folding).
template <class E>
std::optional<E> enum_from_code(std::string_view code) {
    for (const auto& r : enum_rows<E>())
        if (code == r.code) return r.value;
    return std::nullopt;
}
// The labels in display order: a choice list's entries, position i is enum_at(i).
template <class E>
std::vector<std::string> enum_labels() {   // for the workbench's choice lists
    std::vector<std::string> out;
    for (const auto& r : enum_rows<E>()) out.push_back(r.label);
    return out;
}
template <class E>
std::vector<std::string> enum_codes() {
    std::vector<std::string> out;
    for (const auto& r : enum_rows<E>()) out.push_back(r.code);
    return out;
}
// The position of a value in enum_labels() (to select it in a list).
template <class E>
int enum_position(E value) {
    auto rows = enum_rows<E>();
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (rows[i].value == value) return static_cast<int>(i);
    return 0;
}
// The value at a position of enum_labels() (a list's selection), if any.
template <class E>
std::optional<E> enum_at(int position) {
    auto rows = enum_rows<E>();
    if (position < 0 || static_cast<std::size_t>(position) >= rows.size()) return std::nullopt;
    return rows[static_cast<std::size_t>(position)].value;
}

}  // namespace cotation
