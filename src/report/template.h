#pragma once
// Letter templates (templates/*.txt, format in docs/templates.md):
//   lines "# …" are comments; "## Titre" a heading; "- texte" a bullet;
//   ">> texte" right-aligned (signature); blank lines separate paragraphs;
//   {{nom}} a value; a bullet whose value has several lines becomes one
//   bullet per line; "{{> autre}}" includes templates/autre.txt, or
//   templates/autre-<autorite.type>.txt when it exists (voies-recours-ars.txt);
//   "{{#si nom}}" … "{{/si}}" keeps the lines only when the value is not empty.
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

    Block() = default;
    Block(BlockKind k, std::string t, std::vector<std::vector<std::string>> r = {})
        : kind(k), text(std::move(t)), rows(std::move(r)) {}
};

using Variables = std::map<std::string, std::string>;

// Expands a template. `load_include` returns the text of another template.
// Throws InputError naming the template and line of an unknown value.
std::vector<Block> expand_template(const std::string& text, const std::string& name, const Variables& vars,
                                   const std::function<std::string(const std::string&)>& load_include);

}  // namespace cotation::report
