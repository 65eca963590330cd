#pragma once
// Letter templates (templates/*.txt, format in docs/templates.md):
//   lines "# …" are comments; "## Titre" a heading; "- texte" a bullet;
//   ">> texte" right-aligned (signature); blank lines separate paragraphs;
//   {{nom}} a value; a bullet whose value has several lines becomes one
//   bullet per line; "{{> autre}}" includes templates/autre.txt, or
//   templates/autre-<autorite.type>.txt when it exists (voies-recours-ars.txt);
//   "{{#si nom}}" … "{{/si}}" keeps the lines only when the value is not empty;
//   "| a | b |" a table row (consecutive rows: one table, the first its header).
//   What follows the signature (">>" lines) is a mention, in small print.
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace cotation::report {

// Right: right-aligned (the signature, kept on the page of the paragraph
// before it). Table: `rows`, the first one the header, repeated on every page
// the table crosses (built by code, e.g. the committee's ranking).
enum class BlockKind { Heading, Paragraph, Bullet, Right, Subject, Table };

struct Block {
    BlockKind kind = BlockKind::Paragraph;
    std::string text;   // UTF-8
    std::vector<std::vector<std::string>> rows;   // Table only: header row, then rows
    // Set by expand_template on what follows the signature (the appeal ways,
    // the journal head): a mention, set in small print under it.
    bool mention = false;

    Block() = default;
    Block(BlockKind k, std::string t, std::vector<std::vector<std::string>> r = {})
        : kind(k), text(std::move(t)), rows(std::move(r)) {}
};

using Variables = std::map<std::string, std::string>;

// Expands a template. `load_include` returns the text of another template.
// Throws InputError naming the template and line of an unknown value.
std::vector<Block> expand_template(const std::string& text, const std::string& name, const Variables& vars,
                                   const std::function<std::string(const std::string&)>& load_include);

// Every value the template (and what it includes) names, in every branch of
// its conditions, checked against `vars`: one message per unknown value,
// naming the template and the line, followed by `context` (" pour la grille
// « uphv-17-2019 »"). Empty when the template can be expanded.
std::vector<std::string> check_template(const std::string& text, const std::string& name, const Variables& vars,
                                        const std::function<std::string(const std::string&)>& load_include,
                                        const std::string& context = "");

// The templates of one call: <dir>/<grid id>/<name> when that file exists
// (the call's own vocabulary: labellisation, autorisation, désignation…),
// else the common <dir>/<name>. Read once; after `load` or `check`, `expand`
// only reads (safe from several threads).
// The text of a template file, refused when it is not UTF-8 (a letter saved
// « ANSI » by the Notepad, Windows-1252, printed « 騪et » for « Objet »: trial
// 13 F29), naming the file, line, column and byte.
std::string utf8_template(const std::string& bytes, const std::string& shown_name);

class TemplateSet {
public:
    TemplateSet(std::string dir, std::string grid_id);
    const std::string& load(const std::string& name);
    // "uphv-17-2019/lettre-retenu.txt" or "lettre-retenu.txt": the file a message names.
    std::string shown_name(const std::string& name) const;
    std::vector<Block> expand(const std::string& name, const Variables& vars) const;
    std::vector<std::string> check(const std::string& name, const Variables& vars, const std::string& context);
    const std::string& dir() const { return dir_; }

private:
    static std::string file_name(const std::string& name);
    std::string resolve(const std::string& name) const;
    const std::string& loaded(const std::string& name) const;
    std::string dir_, grid_id_;
    std::map<std::string, std::string> texts_, resolved_;
};

}  // namespace cotation::report
