#include "session.h"
#include "app/accounts.h"
#include "core/meeting_rules.h"
#include "territory.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "app/documents.h"
#include "app/input.h"
#include "app/session_internal.h"
#include "core/error.h"
#include "core/french.h"
#include "core/logo.h"
#include "io/paths.h"
#include "io/png_check.h"
#include "io/xml_tree.h"
#include "report/committee.h"
#include "report/letters.h"
#include "report/orders.h"
#include "store/open_store.h"

namespace cotation {
using session_detail::require;

namespace {
Date required_date(const std::optional<Date>& d, const std::string& what, const std::string& parameter) {
    if (d) return *d;
    throw InputError(what + " est daté par la campagne, jamais par l'horloge : renseignez " + parameter +
                     " (cotation param FICHIER " + parameter + "=JJ/MM/AAAA).");
}
}  // namespace

std::optional<Date> Session::committee_date() const {
    if (snap_.meeting) return snap_.meeting->date;
    return parameters().committee_date();
}

CampaignCalendar Session::calendar_dates() const {
    return campaign_calendar(parameters(), snap_.meeting ? std::optional<Date>(snap_.meeting->date) : std::nullopt);
}

std::optional<Date> Session::committee_file_day() const {
    // The step before the committee's meeting (reports sent, instruction
    // done) on the day it was recorded, else its due date.
    const auto& steps = snap_.campaign.procedure.steps;
    auto meeting = std::find_if(steps.begin(), steps.end(), [](const StepDef& s) { return s.done == StepDone::Meeting; });
    if (meeting != steps.begin() && meeting != steps.end()) {
        const std::string& before = std::prev(meeting)->id;
        if (auto r = snap_.steps_done.find(before); r != snap_.steps_done.end()) return r->second;
        for (const auto& st : calendar(Date{1970, 1, 1}))
            if (st.id == before && st.due) return *st.due;
    }
    return committee_date();
}

Date Session::committee_file_date() const {
    return required_date(committee_file_day(), "Le dossier de la commission", param::kCommitteeDate);
}

void Session::write_committee_file(const std::string& path) {
    require_no_outside_change("aucun document n'a été écrit");   // also from the window (trial 13b F18)
    auto ctx = committee_context(committee_file_date(), true);
    const auto territory = committee_territory(*this);   // app/territory.h: map page and coverage figures
    if (territory) ctx.territory = &*territory;
    report::write_committee_file(ctx, path);
}

void Session::write_minutes(const std::string& path) {
    require_no_outside_change("aucun document n'a été écrit");   // also from the window (trial 13b F18)
    if (!snap_.meeting) throw InputError("Aucune séance de la commission n'est enregistrée : pas de procès-verbal.");
    report::write_minutes(committee_context(snap_.meeting->date, true), path);
}

report::DocumentBatch Session::write_committee_document(const std::string& path, bool minutes, report::Format format,
                                                       bool replace_edited) {
    require_no_outside_change("aucun document n'a été écrit");   // also from the window (trial 13b F18)
    // Totals and places of every dossier: refused to a reader who may not
    // read them all, from the window as from the command line (trial of
    // issue 12, M3: a blind instructor wrote the committee file from the window).
    require_reads_everything(*this, minutes ? "Le procès-verbal" : "Le dossier de la commission");
    if (format == report::Format::Pdf) {
        if (minutes) write_minutes(path);
        else write_committee_file(path);
        report::DocumentBatch b;
        b.written = {path};
        // Said as the job says it (committee_job), on this path too (review 12C M5).
        if (auto n = minutes ? civility_missing_notice(*snap_.meeting) : ""; !n.empty()) b.warnings.push_back(n);
        return b;
    }
    // The job of `cotation documents`, under the name given: the same PDF
    // (with its map page) and the same ODT as in the batch.
    auto job = committee_job(".", format, minutes);
    std::string stem = path;
    for (const char* ext : {".pdf", ".odt", ".PDF", ".ODT"})
        if (stem.size() > 4 && stem.compare(stem.size() - 4, 4, ext) == 0) stem.resize(stem.size() - 4);
    job.stem = stem;
    // Its ODT kept when edited since Cotation wrote it, as in a batch (trial 1011B F9).
    report::BatchControl control;
    control.replace_edited = replace_edited;
    control.replace_command = std::string("cotation ") + (minutes ? "pv" : "commission") + " … --remplacer";
    auto batch = report::run_jobs({job}, &control);
    if (!batch.ok()) throw Error(batch.failures.front().reason);   // as the job said it
    return batch;
}

report::DocumentBatch Session::write_instruction_reports(const std::string& out_dir, const std::string& only_reference,
                                                         std::size_t limit) {
    require_no_outside_change("aucun document n'a été écrit");   // also from the window (trial 13b F18)
    auto ctx = committee_context(required_date(committee_date(), "Un compte rendu d'instruction", param::kCommitteeDate), false);
    auto readable = restrict_to_reader(ctx);   // what the reader may not read is left out of its report
    ctx.territory_by_dossier = instruction_territory(*this);
    return report::write_instruction_reports(ctx, out_dir, only_reference, limit);
}

std::optional<Date> Session::letters_date() const {
    if (auto d = parameters().letters_date()) return d;
    if (auto d = committee_date()) return d;
    std::optional<Date> last;
    for (const auto& [id, x] : snap_.decisions)
        if (!last || x.date > *last) last = x.date;
    return last;
}

Date Session::letter_date() const { return letters_date().value_or(today()); }

report::DocumentBatch Session::write_letters(const std::string& out_dir, const std::string& only_reference,
                                             std::size_t limit, report::Format format, bool replace_edited) {
    require_no_outside_change("aucun document n'a été écrit");   // also from the window (trial 13b F18)
    require_reads_everything(*this, "Une lettre de notification");
    Date on = required_date(letters_date(), "Un courrier", param::kLettersDate);
    report::LetterContext ctx = letter_context(on, true);
    // No letter of ineligibility while a request for missing pieces awaits its answer.
    auto awaiting = awaiting_pieces(today());
    ctx.awaiting_pieces = &awaiting;
    report::BatchControl control;
    control.replace_edited = replace_edited;
    control.replace_command = "cotation letters … --remplacer";   // the advice names this command (trial 13H)
    auto batch = report::write_letters(ctx, out_dir, only_reference, limit, format, &control);
    if (!batch.written.empty()) {
        auto more = authority_warnings();
        // Characters the PDF cannot print: said for each dossier (trial 13b F1).
        if (format != report::Format::Odt) {
            std::vector<std::string> refs;
            for (const auto& d : snap_.dossiers)
                if (only_reference.empty() || d.reference == only_reference) refs.push_back(d.reference);
            auto chars = session_detail::unprintable_warnings(snap_.dossiers, refs);
            more.insert(more.end(), chars.begin(), chars.end());
        }
        batch.warnings.insert(batch.warnings.begin(), more.begin(), more.end());
    }
    return batch;
}

// The letters' sender block: the texts of the calls often do not give the
// authority's postal address nor its signatory's name, so the grids leave
// them empty; say so, and how to set them, rather than print letters without.
std::vector<std::string> Session::authority_warnings() const {
    std::vector<std::string> out;
    const Authority& a = snap_.campaign.authority;
    std::string file = campaign_for_command(path_);   // a file's name, or the server's URI (issue 15)
    std::string who = a.name.empty() ? "de l'autorité" : "de l'autorité (" + a.name + ")";
    if (a.address.empty())
        out.push_back("L'adresse postale " + who + " n'est pas renseignée : les lettres n'ont pas d'adresse d'expéditeur ; "
                      "la renseigner avec « cotation autorite " + file + " --adresse \"ligne 1 | ligne 2\" ».");
    if (!a.logo.empty()) {
        // A damaged logo is left out of the PDF rather than abort it (trial 13b F16).
        std::string png = logo_is_stored(a.logo) ? logo_from_stored(a.logo) : std::string();
        if (png.empty()) {
            std::error_code ec;
            if (std::filesystem::is_regular_file(a.logo, ec)) png = io::read_file(a.logo, io::kImageFile);
        }
        if (std::string why = io::png_decoding_problem(png); !png.empty() && !why.empty())
            out.push_back("Le logo " + who + " est une image PNG illisible (" + why + ") : les documents PDF sont écrits "
                          "sans logo ; en donner un autre avec « cotation autorite " + file + " --logo logo.png ».");
    }
    if (!fr::given(a.signatory))
        out.push_back("Le nom du signataire " + who + " n'est pas renseigné : les documents ne portent que sa qualité ; "
                      "le renseigner avec « cotation autorite " + file + " --signataire \"Prénom Nom\" ».");
    return out;
}

std::vector<std::string> Session::address_warnings() {
    std::vector<std::string> out;
    const Ranking& r = committee_proposal();
    for (const auto* list : {&r.ranked, &r.pending, &r.ineligible})
        for (const auto& e : *list) {
            const Dossier& d = snap_.dossiers[e.dossier];
            if (auto m = report::missing_address(d); !m.empty())
                out.push_back("Dossier « " + d.reference + " » : " + m +
                              " ; sa lettre ne porterait que la commune d'implantation.");
        }
    return out;
}

std::vector<std::string> Session::check_grid_templates(const Grid& grid) {
    Campaign c;
    for (const auto& p : grid.parameters)
        if (!is_missing(p.default_value)) c.parameters[p.def.id] = p.default_value;
    auto out = report::check_templates(grid, c, io::data_root() + "/templates");
    report::TemplateSet orders(io::data_root() + "/templates", grid.id);
    auto more = report::check_order_templates(orders, grid, c);
    out.insert(out.end(), more.begin(), more.end());
    return out;
}

std::vector<std::string> Session::check_documents() {
    auto out = report::check_templates(grid_, snap_.campaign, io::data_root() + "/templates");
    report::TemplateSet orders(io::data_root() + "/templates", grid_.id);
    auto more = report::check_order_templates(orders, grid_, snap_.campaign);
    out.insert(out.end(), more.begin(), more.end());
    more = authority_warnings();
    out.insert(out.end(), more.begin(), more.end());
    more = address_warnings();
    out.insert(out.end(), more.begin(), more.end());
    return out;
}

namespace session_detail {
std::vector<std::string> unprintable_warnings(const std::vector<Dossier>& dossiers, const std::vector<std::string>& references) {
    std::vector<std::string> out;
    std::set<std::string> wanted(references.begin(), references.end());
    for (const auto& d : dossiers) {
        if (!wanted.count(d.reference)) continue;
        std::vector<std::pair<std::string, std::string>> fields{{"référence", d.reference}, {"organisme", d.organisme}};
        for (const auto& [name, v] : d.facts)
            if (auto text = std::get_if<std::string>(&v)) fields.emplace_back(name, *text);
        std::string found;
        for (const auto& [field, text] : fields)
            if (auto u = report::unprintable_in_pdf(text); !u.empty()) found += (found.empty() ? "" : " ; ") + field + " : " + u;
        if (!found.empty())
            out.push_back("Dossier « " + d.reference + " » : caractères absents de la police des documents PDF (" + found +
                          ") ; les lettres et arrêtés PDF les écrivent sous la forme [U+…]. Vérifiez l'orthographe, ou "
                          "produisez ces documents au format ODT (--format odt), qui les imprime tels quels.");
    }
    return out;
}

std::vector<std::string> import_warnings(const std::vector<Dossier>& dossiers, const std::vector<std::string>& references) {
    auto out = shared_identifier_warnings(dossiers, references);
    auto more = unprintable_warnings(dossiers, references);
    out.insert(out.end(), more.begin(), more.end());
    return out;
}
}  // namespace session_detail

}  // namespace cotation
