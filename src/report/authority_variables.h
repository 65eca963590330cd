#pragma once
// The values every document takes from the issuing authority and the
// procedure (docs/templates.md): who signs and where, the routes of appeal's
// tribunal, what kind of call it is and what its committee is called. One
// function, called by the letters and the committee's documents alike.
#include "core/dossier.h"
#include "template.h"

namespace cotation::report {

// Sets autorite, autorite.type (ars, departement, autre), autorite.adresse
// (one line per address line), autorite.qualite, signataire, ville,
// campagne.tribunal (the authority's; a grid parameter of that name is kept
// when the authority names none), autorite.tribunal_adresse,
// procedure.nature (« appel à candidatures », « appel à projets ») and
// procedure.nature_titre (capitalised),
// procedure.titre, procedure.commission (empty without a committee),
// procedure.commission_base, procedure.vote_base, procedure.interets_base,
// procedure.avis_commission, procedure.refus (« refus préalable », « rejet
// avant évaluation »), procedure.refus_base, procedure.refus_par.
void add_authority_variables(Variables& v, const Campaign& campaign);

}  // namespace cotation::report
