// The procedure and the committee: calendrier, refus, seance, avis,
// commission, pv, rapports.
#include <cctype>
#include <filesystem>
#include <iostream>

#include "core/campaign_dates.h"
#include "core/enums.h"
#include "core/french.h"
#include "core/meeting_rules.h"
#include "app/input.h"
#include "app/accounts.h"
#include "app/session.h"
#include "cli/command.h"
#include "report/pdf_letter.h"
#include "core/invisible.h"

namespace cotation::cli {

namespace {

// What the procedure says of a late dossier: its own name of the rejection and its basis.
std::string late_note(const Session& s) {
    const auto& pr = s.procedure().prior_rejection;
    if (!pr) return "";
    return " ; " + pr->name + " à prononcer" + (pr->basis.empty() ? "" : " (" + pr->basis + ")");
}

int calendar(const Args& a) {
    auto s = Session::open(a.file());
    if (a.has("--etape")) {
        Date done = input::date("--date", a.need("--date", "avec --etape"));
        s->record_step(a.get("--etape"), done, a.actor(*s));
        std::cout << "Étape « " << a.get("--etape") << " » déclarée faite le " << done.french_numeric() << ".\n";
    }
    Date on = a.has("--au") ? input::date("--au", a.get("--au")) : Session::today();
    std::cout << "Calendrier de la procédure au " << on.french_numeric() << " :\n";
    int late = 0;
    for (const auto& st : s->calendar(on)) {
        std::cout << "  [" << step_state_label(st.state) << "] " << (st.due ? st.due->french_numeric() : "    —     ") << "  "
                  << st.label << " (" << st.basis << ")";
        if (st.state == StepState::Done && st.obligation && st.done) std::cout << " — fait le " << st.done->french_numeric();
        // Done without a date of its own: implied by the next step (core/procedure.cpp).
        if (st.state == StepState::Done && st.obligation && !st.done) std::cout << " — l'étape suivante étant faite";
        if (st.done_late) std::cout << ", APRÈS l'échéance";
        if (st.state == StepState::Soon) std::cout << " — dans " << fr::plural(st.days_left, "jour");
        if (st.state == StepState::Overdue) {
            std::cout << " — dépassée de " << fr::plural(-st.days_left, "jour");
            ++late;
        }
        std::cout << "  [" << st.id << "]\n";
    }
    for (std::size_t i : s->late_dossiers())
        std::cout << "Attention : le dossier " << s->dossiers()[i].reference << " a été déposé après la date limite"
                  << late_note(*s) << ".\n";
    if (late) std::cout << fr::plural(late, "échéance") << " " << fr::agree(late, "dépassée") << ".\n";
    return 0;
}

// « Refus préalable », « Rejet avant évaluation » (UPHV): as the procedure calls it.
std::string rejection_title(const ProcedureDef& p) {
    std::string s = p.prior_rejection ? p.prior_rejection->name : std::string("refus préalable");
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

int refusal(const Args& a) {
    auto s = Session::open(a.file());
    if (a.has("--dossier")) {
        const Dossier d = dossier_of(*s, a.get("--dossier"));
        if (a.has("--lever")) {
            s->lift_prior_rejection(d.id, a.get("--texte"), a.actor(*s));
            std::cout << rejection_title(s->procedure()) << " levé ; le dossier rejoint l'instruction.\n";
        } else {
            RejectionGround g = input::ground("--motif", a.need("--motif", "pour un refus préalable"));
            s->reject_prior(d.id, g, a.get("--texte"), a.actor(*s));
            std::cout << rejection_title(s->procedure()) << " enregistré : " << d.reference << " — "
                      << ground_label(s->procedure(), g) << ".\n";
        }
    }
    for (const auto& d : s->dossiers()) {
        auto it = s->prior_rejections().find(d.id);
        if (it == s->prior_rejections().end()) continue;
        std::cout << d.reference << " — " << d.organisme << " : " << ground_label(s->procedure(), it->second.ground) << " — "
                  << it->second.motive << " (" << it->second.date.french_numeric() << ", " << it->second.author << ")\n";
    }
    for (std::size_t i : s->late_dossiers())
        std::cout << "Déposé hors délai, sans refus préalable : " << s->dossiers()[i].reference << "\n";
    return 0;
}

int meeting(const Args& a) {
    auto s = Session::open(a.file());
    bool change = false;
    Meeting m = s->meeting_draft();
    if (a.has("--date")) {
        m.date = input::date("--date", a.get("--date"));
        change = true;
    }
    if (a.has("--president")) {
        m.president = a.get("--president");
        change = true;
    }
    if (a.has("--civilite")) {
        auto c = civility_from_text(a.get("--civilite"));
        if (!c)
            throw InputError("--civilite « " + a.get("--civilite") +
                             " » : Mme ou M. (civilité du président ou de la présidente de séance).");
        m.president_civility = *c;
        change = true;
    }
    for (const auto& n : a.all("--present")) m.attendance[n] = {Presence::Present, ""}, change = true;
    for (const auto& n : a.all("--absent")) m.attendance[n] = {Presence::Absent, ""}, change = true;
    for (const auto& x : a.all("--represente")) {
        auto [name, proxy] = input::name_value("--represente", x, "NOM=MANDATAIRE");
        m.attendance[name] = {Presence::Represented, proxy};
        change = true;
    }
    for (const auto& x : a.all("--vote")) {
        auto [name, vote] = input::name_value("--vote", x, "NOM=pour|contre|abstention");
        m.votes[name] = input::vote("--vote", vote);
        change = true;
    }
    for (const auto& x : a.all("--observation")) {
        m.observations.push_back(input::name_value("--observation", x, "NOM=TEXTE"));
        change = true;
    }
    if (change) s->put_meeting(m, a.actor(*s));
    if (!s->meeting()) {
        std::cout << "Aucune séance enregistrée.\n";
        return 0;
    }
    MeetingCheck c = *s->meeting_check();
    const std::string civility = s->meeting()->president_civility ? enum_label(*s->meeting()->president_civility) : "";
    std::cout << "Séance du " << s->meeting()->date.french_numeric() << ", présidée par "
              << (civility.empty() ? "" : civility + " ") << s->meeting()->president << "\n"
              << "  Membres à voix délibérative : " << c.deliberative << ", présents " << c.present << ", représentés "
              << c.represented << " ; quorum " << c.quorum_needed << " : " << (c.quorum ? "atteint" : "NON ATTEINT") << "\n";
    for (const auto& i : c.interests)
        std::cout << "  " << i.member << " ne prend pas part à la délibération (lien avec " << i.organisme << ", dossier "
                  << i.dossier_reference << ")\n";
    for (const auto& p : c.problems) std::cout << "  Remarque : " << p << "\n";
    if (auto n = civility_missing_notice(*s->meeting()); !n.empty()) std::cout << "  Remarque : " << n << "\n";
    if (auto n = meeting_planned_notice(s->parameters().committee_date(), s->meeting()->date); !n.empty())
        std::cout << "  Remarque : " << n << "\n";
    std::cout << "  " << c.outcome << "\n";
    auto changes = s->changes_since_vote();
    if (!changes.empty()) {
        std::cout << "  Depuis le vote, le classement calculé a changé (l'avis reste le classement voté) :\n";
        for (const auto& l : changes) std::cout << "    " << l << "\n";
    }
    return 0;
}

int opinion(const Args& a) {
    auto s = Session::open(a.file());
    const Dossier d = dossier_of(*s, a.get("--dossier"));
    Opinion o = input::opinion("--avis", a.get("--avis"));
    std::string member = a.actor(*s);
    s->give_opinion(d.id, {member, o, a.get("--commentaire")}, member);
    std::cout << "Avis enregistré : " << d.reference << " — " << opinion_label(o) << ".\n";
    return 0;
}

int committee_document(const Args& a, bool minutes) {
    std::string out = a.get("--out");
    std::string ext = std::filesystem::path(out).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // « --out pv.odt » alone asks for the ODT (trial 1011G3 M1: a PDF was written under that name).
    auto format = report::parse_format(input::one_of("--format", a.get("--format", ext == ".odt" ? "odt" : "pdf"),
                                                     {"pdf", "odt", "both", "les-deux", "pdf+odt"}));
    if (ext == ".odt" && format == report::Format::Pdf)
        throw InputError("--out " + fr::quote_path(out) + " : un nom en .odt pour un PDF (--format pdf) ; nommez le fichier en "
                         ".pdf, ou demandez l'ODT (--format odt).");
    // A folder or another kind of file named as the document: said, not
    // written beside it as « undossier.pdf » or as a PDF named « pv.txt » (trial 1011G2 minor 5).
    std::error_code ec;
    if (std::filesystem::is_directory(out, ec))
        throw InputError(
            "--out " + fr::quote_path(out) + " : c'est un dossier ; donnez le nom du fichier à écrire (par exemple " +
            (std::filesystem::path(out) / (minutes ? "proces-verbal.pdf" : "dossier-commission.pdf")).string() + ").");
    // (A file already there is said as what it is when the document is written.)
    if (!ext.empty() && ext != ".pdf" && ext != ".odt" && !std::filesystem::exists(out, ec))
        throw InputError("--out " + fr::quote_path(out) + " : le document s'écrit en PDF (.pdf) et, avec --format, en ODT "
                         "(.odt) ; nommez le fichier en .pdf.");
    auto s = Session::open_for_documents(a.file());   // writes files, never the campaign
    s->set_reader(a.reader(*s));
    auto batch = s->write_committee_document(out, minutes, format, a.has("--remplacer"));
    if (!batch.written.empty())
        std::cout << (minutes ? "Procès-verbal" : "Dossier de la commission") << " écrit dans " << fr::join(batch.written, " et ")
                  << ".\n";
    return report_batch(batch);
}

int reports(const Args& a) {
    std::string out = a.get("--out");
    auto s = Session::open_for_documents(a.file());   // writes files, never the campaign
    s->set_reader(a.reader(*s));   // the ratings a report shows are those its reader may read
    auto files = s->write_instruction_reports(out, only_dossier(*s, a));
    const auto n = static_cast<long long>(files.size());
    std::cout << fr::plural(n, "compte rendu", "comptes rendus") << " d'instruction " << fr::agree(n, "écrit") << " dans "
              << fr::quote_path(out) << ".\n";
    return report_batch(files);
}

}  // namespace

void add_procedure_commands(Cli& cli) {
    cli.command("calendrier", Area::Procedure,
                "échéances de la procédure : faites, proches, en retard ; avec --etape, déclare une étape faite")
        .file()
        .option("--au", "JJ/MM/AAAA", "date à laquelle lire le calendrier (défaut : aujourd'hui)")
        .option("--etape", "ID", "étape faite (reponses, rapports, notification_refus, decision), avec --date")
        .option("--date", "JJ/MM/AAAA", "date à laquelle l'étape a été faite")
        .acting()
        .run(calendar);
    cli.command("refus", Area::Procedure,
                "refus préalables et dossiers déposés hors délai ; avec --dossier, refus motivé (motifs de la procédure de "
                "l'appel) ou levée")
        .file()
        .option("--dossier", "REF", "dossier refusé (ou dont le refus est levé)")
        .option("--motif", "hors-delai|irregulier|hors-sujet", "motif du refus (en appel à projets : art. R. 313-6, 1° à 3°)")
        .option("--texte", "TEXTE", "motivation du refus, ou raison de le lever")
        .flag("--lever", "lève le refus préalable (révision demandée par la commission)")
        .acting()
        .run(refusal);
    cli.command("seance", Area::Procedure, "séance de la commission : présences, quorum, vote du classement")
        .file()
        .option("--date", "JJ/MM/AAAA", "date de la séance")
        .option("--president", "NOM", "président de séance")
        .option("--civilite", "Mme|M.", "civilité du président ou de la présidente, pour les accords du procès-verbal")
        .repeated("--present", "NOM", "membre présent")
        .repeated("--absent", "NOM", "membre absent")
        .repeated("--represente", "NOM=MANDATAIRE", "membre représenté et son mandataire")
        .repeated("--vote", "NOM=pour|contre|abstention", "vote d'un membre sur le classement")
        .repeated("--observation", "NOM=TEXTE", "observation d'un membre")
        .acting()
        .run(meeting);
    cli.command("avis", Area::Procedure, "avis d'un membre de la commission (--par) sur un dossier")
        .file()
        .required("--dossier", "REF", "dossier")
        .required("--avis", "favorable|defavorable|reserve", "l'avis")
        .option("--commentaire", "TEXTE", "raison de l'avis (obligatoire s'il n'est pas favorable)")
        .acting()
        .run(opinion);
    cli.command("commission", Area::Procedure,
                "dossier de la commission (classement, déclarations d'intérêts), PDF, ODT ou les deux")
        .file()
        .required("--out", "DOSSIER.pdf", "fichier PDF à écrire (l'ODT, avec --format, porte le même nom en .odt)")
        .option("--format", "pdf|odt|both", "PDF à signer, ODT à modifier avant signature, ou les deux (défaut : pdf)")
        .flag("--remplacer", "remplace aussi l'ODT modifié depuis que Cotation l'a écrit (sinon gardé et signalé)")
        .option("--par", "NOM", "qui lit (défaut : COTATION_UTILISATEUR) : sur une équipe, la personne du compte")
        .run([](const Args& a) { return committee_document(a, false); });
    cli.command("pv", Area::Procedure, "procès-verbal de la séance, PDF, ODT ou les deux")
        .file()
        .required("--out", "PV.pdf", "fichier PDF à écrire (l'ODT, avec --format, porte le même nom en .odt)")
        .option("--format", "pdf|odt|both", "PDF à signer, ODT à modifier avant signature, ou les deux (défaut : pdf)")
        .flag("--remplacer", "remplace aussi l'ODT modifié depuis que Cotation l'a écrit (sinon gardé et signalé)")
        .option("--par", "NOM", "qui lit (défaut : COTATION_UTILISATEUR) : sur une équipe, la personne du compte")
        .run([](const Args& a) { return committee_document(a, true); });
    cli.command("rapports", Area::Procedure, "comptes rendus d'instruction (un PDF par dossier)")
        .file()
        .required("--out", "DOSSIER", "dossier où écrire les comptes rendus")
        .option("--dossier", "REF", "le compte rendu de ce dossier seulement")
        .option("--par", "NOM", "qui lit : les notes qu'il ne peut pas lire n'y figurent pas")
        .run(reports);
}

}  // namespace cotation::cli
