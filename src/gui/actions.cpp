#include "actions.h"
#include "documents_dialog.h"

#include <algorithm>
#include <stdexcept>

#include "main_frame.h"
#include "core/read_rules.h"
#include "shared_campaign.h"
#include "territory_panel.h"
#include "wx_text.h"

namespace cotation::gui {

ActionContext ActionContext::of(Workbench& wb) {
    ActionContext c;
    if (!wb.session) return c;
    Session& s = *wb.session;
    const Team& team = s.team();
    const Person* me = team.person(wb.reviewer);
    c.campaign = true;
    c.closed = s.closed();
    // The core's rules decide (Team::may_coordinate, may_rate): the predicates only read them.
    c.coordinates = team.may_coordinate(wb.reviewer).empty();
    c.instructs = team.open_mode() || (me && me->role != Role::CommitteeMember);
    c.member = team.open_mode() || (me && me->role == Role::CommitteeMember);
    c.prior_rejection = s.procedure().prior_rejection.has_value();
    c.pending = count_pending(s.ranking(), Proposal::Pending) > 0;   // cached with the ranking the views show
    const Dossier* d = wb.dossier();
    c.selection = d != nullptr;
    c.rates = d && !wb.reviewer.empty() && team.may_rate(wb.reviewer, wb.reviewer, d->id, identity_of(*d)).empty();
    // What a click would be refused for is greyed out instead (issue 12, review M2).
    bool members = false, instructors = false;
    for (const auto& [name, p] : team.people) {
        members = members || p.role == Role::CommitteeMember;
        instructors = instructors || p.role == Role::Instructor;
    }
    c.sits = members && s.procedure().meeting_refusal().empty();
    c.met = s.meeting().has_value();
    c.assignable = instructors && !s.dossiers().empty();
    c.set_apart = d && s.prior_rejections().count(d->id);
    // Documents giving every total and place go to whoever reads them all
    // (require_reads_everything): greyed for a blind instructor, not refused
    // after the click (trial of issue 12, M3: the committee file was written).
    c.reads_all = c.campaign && (!s.reader() || std::all_of(s.dossiers().begin(), s.dossiers().end(), [&](const Dossier& x) {
                                     return s.reading(x.id).others;
                                 }));
    return c;
}

namespace {
bool always(const ActionContext&) { return true; }
bool reads(const ActionContext& c) { return c.campaign; }
bool reads_all(const ActionContext& c) { return c.campaign && c.reads_all; }
bool reads_minutes(const ActionContext& c) { return reads_all(c) && c.met; }
// Whatever writes needs an open (not closed) campaign.
bool writes(const ActionContext& c) { return c.campaign && !c.closed; }
bool instructs(const ActionContext& c) { return writes(c) && c.instructs; }
bool coordinates(const ActionContext& c) { return writes(c) && c.coordinates; }
bool closes(const ActionContext& c) { return coordinates(c) && !c.pending; }
bool reopens(const ActionContext& c) { return c.campaign && c.closed && c.coordinates; }
bool edits_selected(const ActionContext& c) { return instructs(c) && c.selection; }
bool rates_selected(const ActionContext& c) { return writes(c) && c.selection && c.rates; }
bool rejects_prior(const ActionContext& c) { return coordinates(c) && c.prior_rejection; }
bool gives_opinion(const ActionContext& c) { return writes(c) && c.selection && c.member; }
bool pieces_request(const ActionContext& c) { return coordinates(c) && c.selection && !c.set_apart; }
bool records_meeting(const ActionContext& c) { return coordinates(c) && c.sits; }
bool observes(const ActionContext& c) { return coordinates(c) && c.met; }
bool assigns(const ActionContext& c) { return coordinates(c) && c.assignable; }

const std::vector<ActionDef> action_table = {
    {Action::Open, Menu::File, "&Ouvrir une campagne…", "Ctrl+O", "Ouvre un fichier de campagne (.cot).", "Ouvrir",
     wxART_FILE_OPEN, always, [](MainFrame& f) { f.OpenCampaign(); }},
    {Action::OpenShared, Menu::File, "Ouvrir une campagne &partagée…", "",
     "Ouvre une campagne partagée sur un serveur PostgreSQL (serveur, base, référence).", nullptr, nullptr, always,
     [](MainFrame& f) {
         if (auto s = ask_shared_campaign(&f)) f.Load(std::move(s));
     }},
    {Action::NewCampaign, Menu::File, "Nouvelle &campagne…", "", "Crée une campagne à partir d'une grille.", nullptr, nullptr,
     always, [](MainFrame& f) { f.NewCampaign(); }},
    {Action::DemoAct, Menu::Demos, "ACT « hors les murs » — ARS PACA", "", "Ouvre une copie de la campagne de démonstration ACT.",
     nullptr, nullptr, always, [](MainFrame& f) { f.OpenDemoCampaign("act-hlm"); }},
    {Action::DemoCrt, Menu::Demos, "Centres de ressources territoriaux — ARS Nouvelle-Aquitaine", "",
     "Ouvre une copie de la campagne de démonstration CRT.", nullptr, nullptr, always,
     [](MainFrame& f) { f.OpenDemoCampaign("crt"); }},
    {Action::DemoUphv, Menu::Demos, "Unités PHV — Charente-Maritime", "", "Ouvre une copie de la campagne de démonstration UPHV.",
     nullptr, nullptr, always, [](MainFrame& f) { f.OpenDemoCampaign("uphv"); }},
    {Action::Letters, Menu::File, "Générer les &lettres (PDF)…", "Ctrl+L", "Écrit la lettre de décision de chaque dossier.",
     "Lettres", wxART_PRINT, reads_all, [](MainFrame& f) { f.WriteLetters(); }},
    {Action::Documents, Menu::File, "Générer &tous les documents (PDF, ODT)…", "Ctrl+Shift+D",
     "Écrit lettres, arrêtés, demandes de pièces, comptes rendus, dossier de la commission et procès-verbal, avec leur "
     "avancement.",
     nullptr, nullptr, reads_all, [](MainFrame& f) { documents_dialog(&f, f.workbench()); }, true},
    {Action::CloseCampaign, Menu::File, "Clore la campagne…", "",
     "Verrouille notes, arbitrages, dossiers et grille (coordonnateur, une fois tout arbitré).", nullptr, nullptr, closes,
     [](MainFrame& f) { f.CloseOrReopen(false); }, true},
    {Action::ReopenCampaign, Menu::File, "Rouvrir la campagne…", "", "Rouvre une campagne close, avec un motif (coordonnateur).",
     nullptr, nullptr, reopens, [](MainFrame& f) { f.CloseOrReopen(true); }},
    {Action::Quit, Menu::File, "&Quitter", "Ctrl+Q", "Ferme l'atelier.", nullptr, nullptr, always,
     [](MainFrame& f) { f.Close(); }, true},
    {Action::NewDossier, Menu::Dossiers, "&Nouveau dossier…", "Ctrl+N", "Saisit un dossier reçu.", "Nouveau dossier", wxART_NEW,
     instructs, [](MainFrame& f) { f.NewDossier(); }},
    {Action::ImportDossiers, Menu::Dossiers, "Importer des &dossiers (CSV)…", "", "Ajoute les dossiers d'un fichier CSV.",
     "Importer des dossiers", wxART_FILE_OPEN, instructs, [](MainFrame& f) { f.ImportDossiers(); }},
    {Action::ImportRatings, Menu::Dossiers, "Importer des &notes (CSV)…", "",
     "Ajoute les notes d'un fichier CSV (coordonnateur).", nullptr, nullptr, coordinates,
     [](MainFrame& f) { f.ImportRatings(); }},
    {Action::PiecesRequest, Menu::Dossiers, "Demander les &pièces manquantes…", "",
     "Demande de pièces complémentaires du dossier sélectionné et sa lettre (coordonnateur).", nullptr, nullptr, pieces_request,
     [](MainFrame& f) { pieces_request_dialog(&f, f.workbench()); }, true},
    {Action::EditGrid, Menu::Grid, "&Modifier la grille de la campagne…", "",
     "Nouvelle version de la grille, avec aperçu et motif (coordonnateur).", nullptr, nullptr, coordinates,
     [](MainFrame& f) { f.EditGrid(); }},
    {Action::GridHistory, Menu::Grid, "&Historique des versions", "", "Les versions de grille qu'a connues la campagne.", nullptr,
     nullptr, reads, [](MainFrame& f) { f.ShowGridHistory(); }},
    {Action::OpenGrid, Menu::Grid, "&Ouvrir une grille dans l'éditeur…", "", "Ouvre un fichier de grille XML.", nullptr, nullptr,
     always, [](MainFrame& f) { f.OpenGridFile(); }, true},
    {Action::NewGrid, Menu::Grid, "&Nouvelle grille…", "", "Écrit une nouvelle grille XML.", nullptr, nullptr, always,
     [](MainFrame& f) { f.NewGrid(); }},
    {Action::About, Menu::Help, "À &propos de Cotation", "", "Version, licence et sources des données.", nullptr, nullptr, always,
     [](MainFrame& f) { show_about(&f); }},

    {Action::EditDossier, Menu::None, "Modifier le dossier…", "", "Corrige les informations déclarées du dossier.", nullptr,
     nullptr, edits_selected,
     [](MainFrame& f) {
         Workbench& wb = f.workbench();
         if (wb.dossier() && edit_dossier_dialog(&f, wb, wb.dossier())) wb.changed(Change::Dossier);
     }},
    {Action::SaveRating, Menu::None, "Enregistrer la note et passer au critère suivant", "",
     "La note et sa justification, à votre nom.", nullptr, nullptr, rates_selected, save_rating},
    {Action::SubmitRatings, Menu::None, "Soumettre mes notes de ce dossier", "",
     "Vos notes sont alors définitives ; vous voyez celles des autres évaluateurs.", nullptr, nullptr, rates_selected,
     submit_ratings},
    {Action::SaveConsolidation, Menu::None, "Enregistrer l'arbitrage", "", "La note retenue et son motif (coordonnateur).",
     nullptr, nullptr, coordinates, save_consolidation},
    {Action::AddPerson, Menu::None, "Ajouter une personne…", "", "Déclare une personne de l'équipe et son rôle (coordonnateur).",
     nullptr, nullptr, coordinates, [](MainFrame& f) { add_person_dialog(&f, f.workbench()); }},
    {Action::AssignDossier, Menu::None, "Affecter un dossier…", "", "Confie un dossier à un instructeur (coordonnateur).",
     nullptr, nullptr, assigns, [](MainFrame& f) { assign_dossier_dialog(&f, f.workbench()); }},
    {Action::DeclareLink, Menu::None, "Déclarer un lien d'intérêts…", "",
     "Chacun déclare ses liens ; le coordonnateur ceux de tous.", nullptr, nullptr, writes,
     [](MainFrame& f) { declare_link_dialog(&f, f.workbench()); }},
    {Action::MarkStepDone, Menu::None, "Déclarer l'étape sélectionnée faite…", "",
     "Date à laquelle l'étape a été faite (coordonnateur).", nullptr, nullptr, coordinates, mark_step_done},
    {Action::RejectPrior, Menu::None, "Écarter un dossier avant l'évaluation…", "",
     "Décision motivée, avant toute note (coordonnateur).", nullptr, nullptr, rejects_prior, reject_prior_dialog},
    {Action::LiftRejection, Menu::None, "Lever la décision sélectionnée…", "",
     "Révision demandée, avec son motif (coordonnateur).", nullptr, nullptr, coordinates, lift_rejection},
    {Action::RecordMeeting, Menu::None, "Enregistrer la séance…", "", "Présences, mandats et vote (coordonnateur).", nullptr,
     nullptr, records_meeting, [](MainFrame& f) { record_meeting_dialog(&f, f.workbench()); }},
    {Action::AddObservation, Menu::None, "Ajouter une observation…", "", "Portée au procès-verbal (coordonnateur).", nullptr,
     nullptr, observes, [](MainFrame& f) { add_observation_dialog(&f, f.workbench()); }},
    {Action::GiveOpinion, Menu::None, "Donner mon avis sur ce dossier…", "", "L'avis d'un membre de la commission.", nullptr,
     nullptr, gives_opinion, [](MainFrame& f) { give_opinion_dialog(&f, f.workbench()); }},
    {Action::SaveDecision, Menu::None, "Enregistrer la décision", "",
     "La décision de l'autorité et, s'il y a lieu, l'écart à l'avis (coordonnateur).", nullptr, nullptr, coordinates,
     save_decision},
    {Action::CommitteeFile, Menu::None, "Dossier de la commission (PDF)…", "",
     "Classement, fiches des dossiers et répartition, pour la séance.", nullptr, nullptr, reads_all,
     [](MainFrame& f) { write_committee_document(&f, f.workbench(), false); }},
    {Action::Minutes, Menu::None, "Procès-verbal (PDF)…", "", "Présences, quorum, vote, avis et observations de la séance.",
     nullptr, nullptr, reads_minutes, [](MainFrame& f) { write_committee_document(&f, f.workbench(), true); }},
    {Action::InstructionReports, Menu::None, "Comptes rendus d'instruction (PDF)…", "",
     "Le compte rendu d'instruction de chaque dossier.", nullptr, nullptr, reads,
     [](MainFrame& f) { write_instruction_reports(&f, f.workbench()); }},
    {Action::VerifyJournal, Menu::None, "Vérifier la chaîne d'empreintes", "",
     "Compare le journal et les données de la campagne.", nullptr, nullptr, reads,
     [](MainFrame& f) { verify_journal(&f, f.workbench()); }},
    {Action::RecordAllocation, Menu::None, "Enregistrer cet ensemble comme répartition suivie", "",
     "L'avis de la commission suivra cette répartition quand elle votera ; s'écarter de l'ordre du classement demande un motif, "
     "inscrit au journal (coordonnateur).",
     nullptr, nullptr, coordinates,
     [](MainFrame& f) {
         if (auto* p = f.territory_panel(); p && p->Record()) f.workbench().changed(Change::Territory);
     }},
};
constexpr int kFirstId = wxID_HIGHEST + 100;
}  // namespace

const std::vector<ActionDef>& actions() { return action_table; }

const ActionDef& action(Action a) {
    for (const auto& d : action_table)
        if (d.id == a) return d;
    throw std::logic_error("action absente de la table");
}

int action_id(Action a) { return kFirstId + static_cast<int>(a); }

const ActionDef* action_of_id(int id) {
    for (const auto& d : action_table)
        if (action_id(d.id) == id) return &d;
    return nullptr;
}

wxButton* action_button(wxWindow* parent, Action a) {
    const ActionDef& d = action(a);
    auto* b = new wxButton(parent, action_id(a), to_wx(d.text));
    b->SetToolTip(to_wx(d.help));
    return b;
}

}  // namespace cotation::gui
