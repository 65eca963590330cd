#include "journal_texts.h"

#include "core/enums.h"
#include "core/french.h"
#include "core/journal_grammar.h"
#include "snapshot_rows.h"
#include "territory_rows.h"

namespace cotation::entry {

using journal_text::dossier_entity;

Text dossier_added(const Dossier& d) {
    std::string docs;
    for (const auto& x : d.documents) docs += (docs.empty() ? "" : " ") + x;
    // The facts' text is « fait=valeur; … » too, kept whole between commune and pieces.
    return {"dossier.ajout", dossier_entity(d.reference), "",
            journal_text::fields_text(
                {{"organisme", d.organisme}, {"siret", d.siret}, {"finess", d.finess}, {"commune", d.commune}}) +
                "; " + rows::facts_text(d.facts) + "; " + journal_text::fields_text({{"pieces", docs}})};
}

Text dossier_identity(const Dossier& before, const Dossier& after) {
    return {"dossier.identite", dossier_entity(before.reference), rows::dossier_identity_text(before),
            rows::dossier_identity_text(after)};
}

Text dossier_fact(const std::string& reference, const std::string& fact, const std::string& before, const std::string& after) {
    return {"dossier.fait", dossier_entity(reference, fact), before, after};
}

Text dossier_piece(const std::string& reference, const std::string& piece, bool received) {
    return {"dossier.piece", dossier_entity(reference, piece), received ? "manquante" : "reçue",
            received ? "reçue" : "manquante"};
}

std::string rating_text(const std::string& value, const std::string& justification) { return pair_text(value, justification); }

Text rating(const std::string& reference, const Rating& r, const std::string& before) {
    return {"note", dossier_entity(reference, "note", r.reviewer + "/" + r.criterion), before,
            rating_text(std::to_string(r.value), r.justification)};
}

std::string pair_text(const std::string& first, const std::string& second) { return first + " — " + second; }

Text consolidation(const std::string& reference, const ConsolidationDecision& d, const std::string& before) {
    return {"consolidation", dossier_entity(reference, "consolidation", d.criterion), before,
            pair_text(d.value.canonical(), d.reason)};
}

std::string decision_text(const std::string& kind, const std::string& motive, const std::string& places) {
    return kind + (places.empty() ? "" : " (" + places + ")") + " — " + motive;
}

Text decision(const std::string& reference, const Decision& d, const std::string& before) {
    const std::string places = d.places ? d.places->canonical() : "";
    return {"decision", dossier_entity(reference, "decision"), before,
            decision_text(decision_label(d.kind), d.motive, places) +
                (d.departure_reason.empty() ? "" : " ; écart à l'avis de la commission : " + d.departure_reason)};
}

Text prior_rejection(const std::string& reference, const std::optional<PriorRejection>& r, const std::string& before) {
    return {"refus_prealable", dossier_entity(reference, "refus-prealable"), before,
            r ? pair_text(ground_code(r->ground), r->motive) : "levé"};
}

Text assignment(const std::string& reference, const std::string& reviewer, bool add) {
    return {"affectation", dossier_entity(reference, "affectation", reviewer), add ? "" : "affecté",
            add ? "affecté" : "retiré"};
}

Text submission(const std::string& reference, const std::string& reviewer) {
    return {"soumission", dossier_entity(reference, "soumission", reviewer), "", "notes soumises"};
}

Text opinion(const std::string& reference, const MemberOpinion& op, const std::string& before) {
    return {"avis", dossier_entity(reference, "avis", op.member), before, pair_text(opinion_label(op.opinion), op.comment)};
}

std::string person_text(const std::string& role_text, bool deliberative, const std::string& organisation,
                        const std::string& account) {
    // Before and after in the same words (trial 13 F4: « coordinateur » then
    // « coordonnateur » read as a change of role).
    const auto role = role_from_text(role_text);
    return journal_text::person_text({role ? std::string(role_label(*role)) : role_text,
                                      !(role == Role::CommitteeMember && !deliberative), organisation, account});
}

Text person(const Person& p, const std::string& before) {
    return {"personne", journal_text::person_entity(p.name), before,
            person_text(role_code(p.role), p.deliberative, p.organisation, p.account)};
}

Text conflict(const ConflictDeclaration& c) {
    return {"conflit", journal_text::conflict_entity(c.reviewer, c.organisme), "",
            c.declaration + " (déclaré le " + c.declared_on.french_numeric() + " par " + c.declared_by + ")"};
}

Text step(const std::string& step, const std::string& before, const Date& done_on) {
    return {"procedure", "procedure/" + step, before, done_on.iso()};
}

Text meeting(const std::optional<Meeting>& before, const Meeting& m) {
    return {"seance", "commission/seance", before ? rows::meeting_text(*before) : "", rows::meeting_text(m)};
}

Text parameter(const std::string& name, const std::string& before, const std::string& value) {
    return {"campagne.parametre", "campagne/" + name, before, value};
}

Text authority(const std::string& field, const std::string& before, const std::string& value) {
    return {"campagne.autorite", "campagne/autorite/" + field, before, value};
}

Text creation(const Campaign& campaign, const PinnedGrid& grid) {
    return {"campagne.creation", "campagne", "", rows::creation_text(campaign, grid)};
}

Text closing(const std::string& reason) { return {"campagne.cloture", "campagne/etat", "ouverte", "close — " + reason}; }

Text reopening(const std::string& reason) { return {"campagne.reouverture", "campagne/etat", "close", "rouverte — " + reason}; }

Text procedure(const std::string& name, const std::string& reason, const std::string& before) {
    return {"campagne.procedure", "campagne/procedure", before, name + " — " + reason};
}

Text territory_rules(const std::string& name, const std::string& reason, const std::string& before) {
    return {"campagne.regles_territoriales", "campagne/regles_territoriales", before,
            (name.empty() ? std::string("aucune règle territoriale") : name) + " — " + reason};
}

Text grid_change(const std::string& old_id, const std::string& old_version, const PinnedGrid& grid,
                 const std::string& reason) {
    return {"campagne.grille", "campagne/grille", old_id + " version " + old_version,
            grid.id + " version " + grid.version + " — motif : " + reason};
}

Text offer_replaced(const std::optional<Offer>& before, const Offer& offer, const std::string& why) {
    return {"territoire.offre", "campagne/offre", rows::offer_summary(before), rows::offer_summary(offer) + " — " + why};
}

Text offer_structure(std::size_t position, const Structure& s) {
    return {"territoire.offre", "campagne/offre/" + std::to_string(position), "", rows::structure_line(s)};
}

Text zones_replaced(const std::optional<std::vector<coverage::Area>>& before, const std::string& before_origin,
                    const std::vector<coverage::Area>& zones, const std::string& origin, const std::string& why) {
    return {"territoire.zones", "campagne/zones",
            before ? fr::plural(before->size(), "zone") + " — " + before_origin : "",
            fr::plural(zones.size(), "zone") + " — " + origin + " — " + why};
}

Text zone(const coverage::Area& z) {
    return {"territoire.zones", "campagne/zones/" + z.id, "", z.label + " : " + rows::joined(z.communes)};
}

Text allocation(const std::optional<allocation::Recorded>& before, const std::optional<allocation::Recorded>& choice) {
    return {"territoire.repartition", "campagne/repartition", rows::allocation_text(before), rows::allocation_text(choice)};
}

}  // namespace cotation::entry
