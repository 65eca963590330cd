#pragma once
// Typed facts of a dossier and their values.
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "date.h"
#include "rational.h"

namespace cotation {

// Territory: a list of INSEE commune codes (EPCI given on input are
// expanded to their member communes by the reader, which has the data).
enum class FactType { Number, Amount, Date, Bool, Text, Code, CodeList, Territory };

const char* fact_type_name(FactType t);            // "nombre", "montant", ...
std::optional<FactType> fact_type_from_name(const std::string& name);

struct FactDef {
    std::string id;
    FactType type = FactType::Text;
    std::string label;
    std::string unit;       // "ETP", or "lit|lits" (singular|plural, French agreement)
    std::string help;
    std::string source;     // seed file and section
    std::optional<Rational> min, max;
    std::vector<std::string> choices;  // allowed codes for Code / CodeList
    // reference="departements": each code is a département of the reference
    // data (01, 2A, 971…), checked where it is entered (trial 1011C F7: « 99 » imported).
    bool departement_codes = false;
    // Label of each choice, same order (attribute choice-labels, separated
    // by « | »): « 500 » is « Établissement d'hébergement pour personnes
    // âgées dépendantes (EHPAD) » in an order's FINESS block. May be empty.
    std::vector<std::string> choice_labels;
    int line = 0;           // where it is declared in its file
    std::string file;       // that file, when not the grid's own (a form)
    // A row of a table (staffing in FTE by qualification…): the table's id
    // and label; "effectifs.medecin" belongs to group "effectifs".
    std::string group, group_label;
    bool derived = false;   // computed ("effectifs.total"), never typed in
    // Derived count of the table's rows above zero ("effectifs.lignes": how
    // many qualifications have an FTE), rather than their sum.
    bool counts_rows = false;
    // Lines a text may span (attribute lines="3"): a postal address has a
    // complement, a street, a locality (norme NF Z10-011), and a spreadsheet
    // cell keeps them apart with Alt+Entrée (trial 13c F9). 1 elsewhere: a
    // name or a code is one line by nature.
    int lines = 1;
    // A code of exactly this many digits (attribute digits="5": a postal
    // code; trial 1011b F10 printed « 17XXX Inconnue » on a letter). 0: any.
    int digits = 0;
};

using Value = std::variant<std::monostate, Rational, Date, bool, std::string, std::vector<std::string>>;

inline bool is_missing(const Value& v) { return std::holds_alternative<std::monostate>(v); }

// Stored form (locale-free): "12600.5", "2023-03-31", "1"/"0", "04 13".
std::string to_canonical(const Value& v);
std::optional<Value> from_canonical(FactType type, const std::string& text);

// The longest text a free-text fact takes (an address, a recipient, a
// variant): beyond it the value is a pasted error, and it would fill pages of
// a one-page letter.
inline constexpr std::size_t kMaxTextChars = 500;
inline constexpr int kMaxTextLines = 6;   // the lines of a French postal address (NF Z10-011)

// Typed by a person (French notation): "12 600,50 €", "31/03/2023", "oui".
// Returns the error message (without the place) or the value.
// Whether a unit counts whole things (places, lits, personnes…).
bool integral_unit(const std::string& unit);
std::variant<Value, std::string> parse_input(const FactDef& def, const std::string& text);

// For display to a French reader.
std::string display(const FactDef& def, const Value& v);

using FactValues = std::map<std::string, Value>;

}  // namespace cotation
