#pragma once
// What a batch of documents (letters, instruction reports) gives back: the
// files written, the documents that could not be written and why, and the
// warnings about documents written with something missing. One failing
// document never stops the others.
#include <cctype>
#include <cstddef>
#include <string>
#include <vector>

namespace cotation::report {

struct DocumentFailure {
    std::string dossier;    // reference of the dossier (empty for a campaign document)
    std::string document;   // the template, as found: "uphv-17-2019/lettre-retenu.txt"
    std::string reason;     // French, ready to show
};

struct DocumentBatch {
    std::vector<std::string> written;        // in the order of the ranking
    std::vector<DocumentFailure> failures;
    std::vector<std::string> warnings;       // "Dossier UPHV-03 : adresse postale absente…"
    bool cancelled = false;                  // stopped by its cancel flag: some documents were not started

    bool ok() const { return failures.empty(); }
    std::size_t size() const { return written.size(); }
    auto begin() const { return written.begin(); }
    auto end() const { return written.end(); }
    std::string failure(std::size_t i) const {
        const auto& f = failures[i];
        // A template ("lettre-retenu.txt") or a kind of document ("comptes rendus d'instruction").
        bool tpl = f.document.size() > 4 && f.document.compare(f.document.size() - 4, 4, ".txt") == 0;
        std::string what = tpl ? "modèle « " + f.document + " »" : f.document;
        if (f.dossier.empty() && !tpl && !what.empty())
            what[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(what[0])));
        // A template's own error names it already (« Modèle « … », ligne 14 : … »): not twice (trial 1011G2 minor 7).
        if (tpl && f.reason.rfind("Modèle « ", 0) == 0)
            return (f.dossier.empty() ? "" : "Dossier « " + f.dossier + " », ") + f.reason;
        return (f.dossier.empty() ? "" : "Dossier « " + f.dossier + " », ") + what + " : " + f.reason;
    }
};

// A motive as a sentence: trimmed, ending with one period (never « .. »,
// an ellipsis « … » kept).
inline std::string as_sentence(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.pop_back();
    while (!s.empty() && s.front() == ' ') s.erase(0, 1);
    if (s.empty()) return s;
    while (s.size() >= 2 && s.back() == '.' && s[s.size() - 2] == '.') s.pop_back();
    bool ellipsis = s.size() >= 3 && s.compare(s.size() - 3, 3, "\u2026") == 0;
    if (s.back() != '.' && s.back() != '!' && s.back() != '?' && !ellipsis) s += '.';
    return s;
}
// Clauses joined by « ; » inside one sentence: a clause's own final period
// goes (« personnes. ; » is wrong), the sentence ends with one.
inline std::string join_clauses(const std::vector<std::string>& items) {
    std::string out;
    for (auto item : items) {
        while (!item.empty() && (item.back() == '.' || item.back() == ' ')) item.pop_back();
        if (item.empty()) continue;
        out += (out.empty() ? "" : " ; ") + item;
    }
    return out;
}

}  // namespace cotation::report
