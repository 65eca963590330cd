#include "authority_variables.h"
#include "core/french.h"

namespace cotation::report {

void add_authority_variables(Variables& v, const Campaign& c) {
    const Authority& a = c.authority;
    v["autorite"] = a.name;
    v["autorite.type"] = authority_kind_code(a.kind);
    std::string address = fr::join(a.address, "\n");
    v["autorite.adresse"] = address;
    v["autorite.qualite"] = a.signatory_title;
    // « auprès de la Présidente du Conseil départemental … » when the acts are
    // signed « La Présidente … » (trial finding 18), « du Président … » for
    // « Le Président … »; without a declared title, the office's usual name.
    std::string aupres = signatory_genitive(a.signatory_title);
    v["autorite.aupres"] = aupres.empty() ? "du Président du Conseil départemental" : aupres;
    v["signataire"] = a.signatory;
    v["ville"] = a.city;
    if (!a.tribunal.empty() || !v.count("campagne.tribunal")) v["campagne.tribunal"] = a.tribunal;
    v["autorite.tribunal_adresse"] = a.tribunal_address;

    const ProcedureDef& p = c.procedure;
    v["procedure.nature"] = p.nature;
    std::string title = p.nature;
    if (!title.empty() && title[0] >= 'a' && title[0] <= 'z') title[0] = static_cast<char>(title[0] - 'a' + 'A');
    v["procedure.nature_titre"] = title;   // « Appel à candidatures », at the head of a subject line
    v["procedure.titre"] = p.title;
    v["procedure.commission"] = p.committee_name();
    v["procedure.commission_base"] = p.committee ? p.committee->basis : "";
    v["procedure.vote_base"] = p.committee ? p.committee->vote_basis : "";
    v["procedure.interets_base"] = p.committee ? p.committee->interest_basis : "";
    v["procedure.avis_commission"] = p.committee ? p.committee->opinion : "";
    v["procedure.refus"] = p.prior_rejection ? p.prior_rejection->name : "";
    v["procedure.refus_base"] = p.prior_rejection ? p.prior_rejection->basis : "";
    v["procedure.refus_par"] = p.prior_rejection ? p.prior_rejection->by : "";
}

}  // namespace cotation::report
