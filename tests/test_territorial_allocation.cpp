#include <gtest/gtest.h>

#include "core/enums.h"
#include "core/territorial_allocation.h"

using namespace cotation;
using namespace cotation::allocation;

namespace {
// The meridian territory of test_coverage.cpp plus F (45,2°, 1 000 inhabitants,
// EPCI E3); 0,1° of latitude = 11,11949 km. Existing offer: S1 at A.
coverage::Territory territory() {
    coverage::Territory t;
    t.add({"A", "Aubry", "D1", "E1", 1000, geo::LonLat{0, 45.0}});
    t.add({"B", "Baie", "D1", "E1", 2000, geo::LonLat{0, 45.1}});
    t.add({"C", "Cap", "D1", "E2", 3000, geo::LonLat{0, 45.3}});
    t.add({"D", "Dune", "D2", "E2", 4000, geo::LonLat{0, 45.7}});
    t.add({"F", "Fort", "D1", "E3", 1000, geo::LonLat{0, 45.2}});
    t.epci_names = {{"E1", "CC Une"}, {"E2", "CC Deux"}, {"E3", "CC Trois"}};
    return t;
}
// A rule declared without status is a proposal: set aside by it, a dossier says so (trial 1011B F2).
const std::string kAside = " — écarté par une proposition de répartition, non par l'appel (proposition).";
const std::vector<coverage::Site> kExisting{{"S1", "MRS Essai", "A", geo::LonLat{0, 45.0}, 10, true}};
Candidate cand(const std::string& ref, const std::string& commune, double lat, double score, double places = 8) {
    return {ref, ref, places, places * 5475, score, commune, geo::LonLat{0, lat}};   // 15 € × 365 days per bed
}
Rules uphv_like() {
    Rules r;
    r.capacity = 24, r.unit_places = 8, r.envelope = 132000;   // 3 units × 44 000 €
    r.zone = ZoneKind::Epci, r.max_units_per_zone = 1;
    r.min_km_between = 20, r.min_km_existing = 10, r.min_score = 200;
    return r;
}
}  // namespace

TEST(TerritorialAllocation, EachPassedOverDossierNamesItsRule) {
    const auto t = territory();
    // In ranking order:
    const std::vector<Candidate> ranked{
        cand("K1", "D", 45.7, 250),   // retained (E2)
        cand("K2", "C", 45.3, 240),   // E2 already has one unit
        cand("K3", "B", 45.1, 230),   // 11,12 km from S1 (≥ 10), 66,7 from K1: retained (E1)
        cand("K4", "F", 45.2, 150),   // under 200 points
        cand("K5", "F", 45.2, 210),   // E3 free, but 11,12 km from K3 (< 20)
        cand("K6", "A", 45.0, 205),   // E1 already has K3
    };
    const auto a = allocate(uphv_like(), ranked, t, kExisting);
    ASSERT_EQ(a.retained(), (std::vector<std::size_t>{0, 2}));
    EXPECT_EQ(a.places, 16);
    EXPECT_EQ(a.cost, 2 * 43800);
    EXPECT_EQ(a.choices[1].constraint, Constraint::ZoneQuota);
    EXPECT_EQ(a.choices[1].reason,
              "Équilibre territorial : déjà 1 unité dans « CC Deux » (EPCI), au plus 1 unité par zone" + kAside);
    EXPECT_EQ(a.choices[3].constraint, Constraint::MinScore);
    EXPECT_EQ(a.choices[3].reason, "Score de 150 points, sous le minimum de 200 points" + kAside);
    EXPECT_EQ(a.choices[4].constraint, Constraint::DistanceChosen);
    EXPECT_EQ(a.choices[4].reason,
              "À 11,1\u00A0km de « K3 », déjà retenu (au moins 20,0\u00A0km entre deux sites retenus)" + kAside);
    EXPECT_EQ(a.choices[5].constraint, Constraint::ZoneQuota);
    EXPECT_EQ(std::string(enum_label(a.choices[5].constraint)), "équilibre territorial");
}

TEST(TerritorialAllocation, DistanceToExistingCapacityAndEnvelope) {
    const auto t = territory();
    Rules r;
    r.min_km_existing = 15;
    auto a = allocate(r, {cand("K1", "B", 45.1, 100)}, t, kExisting);
    EXPECT_EQ(a.choices[0].constraint, Constraint::DistanceExisting);   // 11,1 km from S1 at A
    EXPECT_EQ(a.choices[0].reason, "À 11,1\u00A0km de « MRS Essai », offre existante (au moins 15,0\u00A0km)" + kAside);
    // Capacity 24 places: 10 + 10 retained, the next 10 would make 30.
    r = Rules{};
    r.capacity = 24;
    a = allocate(r, {cand("K1", "B", 45.1, 1, 10), cand("K2", "C", 45.3, 1, 10), cand("K3", "D", 45.7, 1, 10),
                     cand("K4", "F", 45.2, 1, 4)}, t, kExisting);
    EXPECT_EQ(a.retained(), (std::vector<std::size_t>{0, 1, 3}));   // the smaller K4 still fits: 24 places
    EXPECT_EQ(a.choices[2].reason, "Capacité de l'appel atteinte : déjà 20 places sur 24, ce dossier en demande 10" + kAside);
    // Envelope 100 000 €: 2 × 43 800 = 87 600, a third would make 131 400.
    r = Rules{};
    r.envelope = 100000;
    a = allocate(r, {cand("K1", "B", 45.1, 1), cand("K2", "C", 45.3, 1), cand("K3", "D", 45.7, 1)}, t, kExisting);
    EXPECT_EQ(a.choices[2].constraint, Constraint::Envelope);
    EXPECT_EQ(
        a.choices[2].reason,
        "Enveloppe dépassée : 87\u00A0600\u00A0€ engagés sur 100\u00A0000\u00A0€, ce dossier en demande 43\u00A0800\u00A0€" +
            kAside);
}

TEST(TerritorialAllocation, GroupsOfCommunesAsZones) {
    const auto t = territory();
    Rules r;
    r.zone = ZoneKind::Groups;
    r.groups = {{"Nord", {"C", "D"}}, {"Sud", {"A", "B", "F"}}};
    r.max_units_per_zone = 12;   // places: the call has no unit
    const auto a = allocate(r, {cand("K1", "C", 45.3, 1, 10), cand("K2", "D", 45.7, 1, 4), cand("K3", "F", 45.2, 1, 10)}, t, {});
    EXPECT_EQ(a.retained(), (std::vector<std::size_t>{0, 2}));
    EXPECT_EQ(a.choices[1].reason,
              "Équilibre territorial : déjà 10 places dans « Nord » (groupe de communes), au plus 12 places par zone" + kAside);
    // A new user's trial: a dossier in no declared group escaped the rule
    // without a word. F is left out of the groups here: K3 is retained and says why no rule applied.
    r.groups = {{"Nord", {"C", "D"}}, {"Sud", {"A", "B"}}};
    const auto b = allocate(r, {cand("K1", "C", 45.3, 1, 10), cand("K3", "F", 45.2, 1, 10)}, t, {});
    EXPECT_EQ(b.retained(), (std::vector<std::size_t>{0, 1}));
    EXPECT_EQ(b.choices[0].reason, "");
    EXPECT_EQ(b.choices[1].reason, "Hors des groupes de communes déclarés : la règle d'équilibre territorial ne s'y applique pas.");
}

TEST(TerritorialAllocation, VariantComparedWithTheRankingOrder) {
    const auto t = territory();
    const std::vector<Candidate> c{cand("K1", "D", 45.7, 250), cand("K2", "C", 45.3, 240), cand("K3", "B", 45.1, 230)};
    const auto ranking = allocate(uphv_like(), c, t, kExisting);
    ASSERT_EQ(ranking.retained(), (std::vector<std::size_t>{0, 2}));
    const auto variant = check_variant(uphv_like(), c, {0, 1}, t, kExisting);
    ASSERT_EQ(variant.retained(), (std::vector<std::size_t>{0, 1}));
    EXPECT_EQ(variant.choices[1].constraint, Constraint::ZoneQuota);   // reported, not refused
    EXPECT_EQ(variant.choices[2].reason, "Non choisi dans la variante.");
    // Ranking order {S1 at A, K1 at D, K3 at B}: C nearest B (0,2° = 22,239 km), F nearest B (11,119):
    // mean (3 000 × 22,239 + 1 000 × 11,119) / 11 000 = 7,0760 km, nobody beyond 25 km.
    const auto fr = figures(ranking, c, t, kExisting, 25);
    EXPECT_NEAR(fr.mean_km, 7.0760, 1e-3);
    EXPECT_EQ(fr.population_beyond, 0);
    EXPECT_EQ(fr.places, 16);
    // Variant {S1, K1 at D, K2 at C}: B 11,119 (A), F 11,119 (C):
    // mean (2 000 × 11,119 + 1 000 × 11,119) / 11 000 = 3,0326 km.
    const auto fv = figures(variant, c, t, kExisting, 25);
    EXPECT_NEAR(fv.mean_km, 3.0326, 1e-3);
    // Access 10 km: ranking leaves C (3 000) and F (1 000) beyond; the variant B and F (3 000).
    EXPECT_EQ(figures(ranking, c, t, kExisting, 10).population_beyond, 4000);
    EXPECT_EQ(figures(variant, c, t, kExisting, 10).population_beyond, 3000);
    EXPECT_EQ(figures(variant, c, t, kExisting, 10).communes_beyond, 2u);
}

// A CRT call counts missions, one per retained dossier, and its amounts are
// not whole euros: the reasons say « mission(s) » and the cents (a new
// user's trial read « 1 place déjà retenue » and « 1 200 000 € » for
// 1 199 999,50 €).
TEST(TerritorialAllocation, ReasonsSayTheCallsUnitAndAmountsToTheCent) {
    const auto t = territory();
    Rules r;
    r.unit_one = "mission", r.unit_many = "missions";
    r.capacity = 2;
    r.zone = ZoneKind::Departement, r.max_units_per_zone = 1;
    r.envelope = 1200000;
    auto k = [](const std::string& ref, const std::string& commune, double lat, double cost) {
        return Candidate{ref, ref, 1, cost, 200, commune, geo::LonLat{0, lat}};
    };
    // Capacity 2 missions: K1 (D2) and K2 (D1) retained, K3 stopped by the
    // capacity (checked before the quota).
    auto a = allocate(r, {k("K1", "D", 45.7, 399999.5), k("K2", "C", 45.3, 400000), k("K3", "B", 45.1, 1), k("K4", "D", 45.7, 1)}, t, {});
    ASSERT_EQ(a.retained(), (std::vector<std::size_t>{0, 1}));
    EXPECT_EQ(a.choices[2].reason, "Capacité de l'appel atteinte : déjà 2 missions sur 2, ce dossier en demande 1" + kAside);
    r.capacity.reset();
    a = allocate(r, {k("K1", "D", 45.7, 399999.5), k("K2", "C", 45.3, 400000), k("K3", "B", 45.1, 1)}, t, {});
    EXPECT_EQ(a.choices[2].reason,
              "Équilibre territorial : déjà 1 mission dans « D1 » (département), au plus 1 mission par zone" + kAside);
    // 399 999,50 + 400 000 = 799 999,50 € engaged; 400 000,75 more would pass 1 200 000.
    r.zone = ZoneKind::None;
    a = allocate(r, {k("K1", "D", 45.7, 399999.5), k("K2", "C", 45.3, 400000), k("K3", "B", 45.1, 400000.75)}, t, {});
    EXPECT_EQ(a.choices[2].reason,
              "Enveloppe dépassée : 799\u00A0999,50\u00A0€ engagés sur 1\u00A0200\u00A0000\u00A0€, ce dossier en demande "
              "400\u00A0000,75\u00A0€" +
                  kAside);
}

// A new user's trial: a variant breaking two rules showed only the first,
// so the written motive could answer one. Each rule it breaks is said.
TEST(TerritorialAllocation, VariantBreakingTwoRulesSaysBoth) {
    const auto t = territory();
    // K1 and K2 both at D (EPCI E2), 0 km apart: the quota of E2 and the
    // 20 km between retained sites are both broken by K2.
    const std::vector<Candidate> c{cand("K1", "D", 45.7, 250), cand("K2", "D", 45.7, 240)};
    const auto variant = check_variant(uphv_like(), c, {0, 1}, t, kExisting);
    EXPECT_EQ(variant.choices[1].constraint, Constraint::ZoneQuota);   // the first one, for the CSV's column
    EXPECT_EQ(variant.choices[1].reason,
              "Équilibre territorial : déjà 1 unité dans « CC Deux » (EPCI), au plus 1 unité par zone — proposition, non une "
              "règle de l'appel. "
              "À 0,0\u00A0km de « K1 », déjà retenu (au moins 20,0\u00A0km entre deux sites retenus) — proposition, non une "
              "règle de l'appel.");
    // The ranking order stops at the first rule.
    const auto ranking = allocate(uphv_like(), c, t, kExisting);
    EXPECT_EQ(ranking.choices[1].reason,
              "Équilibre territorial : déjà 1 unité dans « CC Deux » (EPCI), au plus 1 unité par zone" + kAside);
}

namespace {
// The ACT HLM call's rules as shipped (act-hlm-paca-2023.territoire.txt):
// 73 places and 73 × 12 600 € = 919 800 € are the call's (002_…, Annexe 1,
// title and 1) B)); at most 20 places a département and the partial grant
// are the tool's proposals.
Rules act_like(bool partial) {
    Rules r;
    r.capacity = 73, r.envelope = 919800;
    r.zone = ZoneKind::Departement, r.max_units_per_zone = 20;
    r.partial_grant = partial;
    const RuleStatus call{RuleStatus::Kind::Call, "", "Cahier des charges ACT HLM", "1) B)", ""};
    r.status["capacite"] = r.status["enveloppe"] = call;
    r.status["max_par_zone"] = {RuleStatus::Kind::Proposal, "l'outil", "", "", "sans répartition chiffrée"};
    r.status["attribution_partielle"] = {RuleStatus::Kind::Proposal, "l'outil", "", "", "reste proposable"};
    return r;
}
Candidate act(const std::string& ref, const std::string& commune, double lat, double places) {
    return {ref, ref, places, places * 12600, 221.5, commune, geo::LonLat{0, lat}};   // 12 600 € a place a year
}
}   // namespace

// Trial 1011B F2: the 2nd ex aequo of the ACT call (12 places in the
// Bouches-du-Rhône after 10 there) was « écarté » as by the call, by the
// tool's 20 places a département. Set aside by a proposal, it says so; with
// the partial grant it is proposed for the 10 places left in its zone.
// By hand (département D1 holds C and B, D2 holds D): K1 10 places in D1;
// K2 asks 12 in D1 where 20 − 10 = 10 are left; K3 asks 60 in D2 where the
// quota leaves 20 (the capacity 73 − 20 = 53 and the envelope
// (919 800 − 20 × 12 600) / 12 600 = 53 places are looser).
TEST(TerritorialAllocation, ActSecondExAequoSetAsideByAProposalOrGrantedTheRemainder) {
    const auto t = territory();
    const std::vector<Candidate> ranked{act("K1", "C", 45.3, 10), act("K2", "B", 45.1, 12), act("K3", "D", 45.7, 60)};
    const auto whole = allocate(act_like(false), ranked, t, {});
    EXPECT_EQ(whole.retained(), (std::vector<std::size_t>{0}));
    EXPECT_EQ(whole.places, 10);
    EXPECT_EQ(whole.choices[1].constraint, Constraint::ZoneQuota);
    EXPECT_EQ(whole.choices[1].reason,
              "Équilibre territorial : déjà 10 places dans « D1 » (département), au plus 20 places par zone — écarté par une "
              "proposition de répartition, non par l'appel (proposition de l'outil).");
    const auto part = allocate(act_like(true), ranked, t, {});
    EXPECT_EQ(part.retained(), (std::vector<std::size_t>{0, 1, 2}));
    EXPECT_FALSE(part.choices[0].partial);
    EXPECT_EQ(part.choices[0].granted, 10);
    EXPECT_TRUE(part.choices[1].partial);
    EXPECT_EQ(part.choices[1].granted, 10);
    EXPECT_EQ(part.choices[1].motive,
              "Attribution partielle : 10 places sur une demande de 12, reste de la répartition par département (au plus 20 "
              "places par zone) — proposition de l'outil.");
    EXPECT_EQ(part.choices[2].granted, 20);
    EXPECT_EQ(part.places, 40);
    EXPECT_EQ(part.cost, 40 * 12600);
    // Without the quota the capacity is the call's rule: K3 gets the 53
    // places left of 73, and its motive cites the call.
    Rules no_quota = act_like(true);
    no_quota.zone = ZoneKind::None;
    const auto capped = allocate(no_quota, ranked, t, {});
    EXPECT_EQ(capped.places, 73);
    EXPECT_EQ(capped.choices[2].granted, 51);   // 73 − 10 − 12
    EXPECT_EQ(capped.choices[2].motive,
              "Attribution partielle : 51 places sur une demande de 60, reste de la capacité de l'appel (73 places) — règle de "
              "l'appel (Cahier des charges ACT HLM, 1) B)).");
    // A call counted in units (UPHV) never grants part of a unit.
    Rules units = act_like(true);
    units.unit_places = 8;
    EXPECT_EQ(allocate(units, ranked, t, {}).choices[1].partial, false);
}

// Every rule printed with its status; a call's rule names its text and section.
TEST(TerritorialAllocation, RuleLinesSayEachRulesStatus) {
    const auto lines = rule_lines(act_like(true));
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[0], "Capacité : 73 places — règle de l'appel (Cahier des charges ACT HLM, 1) B))");
    EXPECT_EQ(lines[1], "Enveloppe : 919\u00A0800\u00A0€ par an — règle de l'appel (Cahier des charges ACT HLM, 1) B))");
    EXPECT_EQ(lines[2],
              "Au plus 20 places par zone (département) — proposition de l'outil, non une règle de l'appel : sans "
              "répartition chiffrée");
    EXPECT_EQ(lines[3],
              "Attribution partielle du reste d'une capacité, d'une enveloppe ou d'une zone — proposition de "
              "l'outil, non une règle de l'appel : reste proposable");
    // A rule whose status was never declared is a proposal.
    Rules bare;
    bare.min_score = 150;
    EXPECT_EQ(rule_lines(bare), (std::vector<std::string>{"Score minimal : 150 points — proposition, non une règle de l'appel"}));
}

// Trial 1011G M3: 80 places set for an ACT campaign kept the call's
// 919 800 € envelope, which stopped the allocation at 73 places. By hand
// (Annexe 1, 1) B): 12 600 € a place): the envelope at the grid's values is
// 73 × 12 600 = 919 800 €, so it follows the campaign's 80 × 12 600 =
// 1 008 000 €, said as the authority's with the text's figure; an envelope
// written apart (900 000 €) stays and is said not to agree. UPHV (§4-1,
// 44 000 € a unit of 8 beds): 32 beds are 4 units, 176 000 €.
TEST(TerritorialAllocation, EnvelopeFollowsTheCapacityItWasTheCostOf) {
    Rules grid = act_like(false);
    grid.cap_per_unit = 12600;
    Rules r = grid;
    follow_envelope(r, grid);   // nothing changed: nothing said
    EXPECT_EQ(*r.envelope, 919800);
    EXPECT_TRUE(r.status_of("enveloppe").call());
    EXPECT_EQ(capacity_cost(r), std::optional<double>(919800));
    r.capacity = 80;
    follow_envelope(r, grid);
    EXPECT_EQ(*r.envelope, 1008000);
    EXPECT_FALSE(r.status_of("enveloppe").call());
    EXPECT_EQ(r.status_of("enveloppe").reason,
              "l'enveloppe suit la capacité et le coût unitaire fixés pour la campagne (80 places × 12\u00A0600\u00A0€ = "
              "1\u00A0008\u00A0000\u00A0€) ; le texte de l'appel prévoit 919\u00A0800\u00A0€ (Cahier des charges ACT "
              "HLM, 1) B))");
    EXPECT_TRUE(r.envelope_note.empty());

    Rules apart = grid;
    apart.envelope = 900000;
    Rules apart_grid = apart;
    apart.capacity = 80;
    follow_envelope(apart, apart_grid);
    EXPECT_EQ(*apart.envelope, 900000);
    EXPECT_TRUE(apart.status_of("enveloppe").call());
    const auto lines = rule_lines(apart);
    EXPECT_EQ(lines[1],
              "Enveloppe : 900\u00A0000\u00A0€ par an — règle de l'appel (Cahier des charges ACT HLM, 1) B)). Attention : "
              "l'enveloppe ne correspond pas à ce que coûte la capacité (80 places × 12\u00A0600\u00A0€ = "
              "1\u00A0008\u00A0000\u00A0€) : la plus petite des deux arrête la répartition");

    Rules uphv;
    uphv.capacity = 24, uphv.unit_places = 8, uphv.cap_per_unit = 44000, uphv.envelope = 132000;
    Rules uphv_now = uphv;
    uphv_now.capacity = 32;
    follow_envelope(uphv_now, uphv);
    EXPECT_EQ(*uphv_now.envelope, 176000);
    EXPECT_NE(uphv_now.status_of("enveloppe").reason.find("(4 unités × 44\u00A0000\u00A0€ = 176\u00A0000\u00A0€)"),
              std::string::npos);
}

// The capacity's status from its campaign parameter: the call's when the
// grid cites the call's text and the value is the grid's.
TEST(TerritorialAllocation, CapacityParameterStatus) {
    const std::vector<std::string> titles{"Cahier des charges ACT HLM"};
    auto s = parameter_status("campagne.places", "Cahier des charges ACT HLM, Annexe 1, titre", titles, true);
    EXPECT_TRUE(s.call());
    EXPECT_EQ(s.section, "Annexe 1, titre");
    EXPECT_FALSE(parameter_status("campagne.places", "Cahier des charges ACT HLM, Annexe 1", titles, false).call());
    // Trial 1011C F8: the CRT grid's 4 missions cite an ARS notice that no
    // seed text holds (the cahier des charges gives no number of CRT): a grid
    // default nobody set is the tool's proposal, not the authority's choice.
    s = parameter_status("campagne.places", "Avis d'appel à candidatures de l'ARS", titles, true);
    EXPECT_FALSE(s.call());
    EXPECT_EQ(s.author, "l'outil");
    EXPECT_EQ(s.reason, "valeur de la grille pour « campagne.places » (Avis d'appel à candidatures de l'ARS), que l'autorité "
                        "n'a pas fixée pour la campagne (cotation param)");
    EXPECT_EQ(parameter_status("campagne.places", "Avis d'appel à candidatures de l'ARS", titles, false).author, "l'autorité");
    EXPECT_EQ(parameter_status("campagne.places", "Proposition : …", titles, true).author, "l'outil");
}

// Trial 14, items 6 and 7. UPHV cahier des charges, 4-1: « 44 000 €/an/unité ».
// Set by the Département to exactly 44 000 €: the call's rule (the text's
// figure), whoever set it. Changed to 43 000 €: the authority's, saying who
// set it and when, the text's figure beside (never « 4-1 » as its source).
// The CRT's 4 missions (no text gives the number) set to 4 by the ARS: the
// authority's choice, no longer the tool's proposal.
TEST(TerritorialAllocation, AParameterSetForTheCampaignIsTheAuthoritysOrTheTexts) {
    const std::vector<std::string> titles{"Cahier des charges de l'AAC n°1/2019"};
    const std::string cited = "Cahier des charges de l'AAC n°1/2019, 4-1 : « 44 000 €/an/unité »";
    const std::string who = "« Anne Roy (compte aroy) » le 01/12/2026 à 08:20 UTC";
    auto s = parameter_status("campagne.plafond_unite", cited, titles, true, who, "44 000 €");
    EXPECT_TRUE(s.call());
    EXPECT_EQ(s.section, "4-1 : « 44 000 €/an/unité »");
    s = parameter_status("campagne.plafond_unite", cited, titles, false, who, "44 000 €");
    EXPECT_FALSE(s.call());
    EXPECT_EQ(s.author, "l'autorité");
    EXPECT_EQ(s.reason, "valeur de « campagne.plafond_unite » fixée par « Anne Roy (compte aroy) » le 01/12/2026 à 08:20 UTC ; "
                        "le texte de l'appel prévoit 44 000 € (Cahier des charges de l'AAC n°1/2019, 4-1 : « 44 000 €/an/unité »)");
    s = parameter_status("campagne.places", "Avis d'appel à candidatures de l'ARS", titles, true, who, "4 missions");
    EXPECT_FALSE(s.call());
    EXPECT_EQ(s.author, "l'autorité");
    EXPECT_EQ(s.reason, "valeur de « campagne.places » fixée par « Anne Roy (compte aroy) » le 01/12/2026 à 08:20 UTC, la "
                        "valeur que proposait la grille");
    // Nobody set it: the tool's proposal, as before.
    EXPECT_EQ(parameter_status("campagne.places", "Avis d'appel à candidatures de l'ARS", titles, true).author, "l'outil");
}

// Trial 1011C F1: a variant retaining a dossier over the envelope left it out
// of its places and cost (16 beds, 87 600 €) but counted it in its distances
// and rates. The UPHV call (cahier des charges de l'AAC n°1/2019, descriptif
// « 3 X 8 lits » and 4-1 « 44 000 €/an/unité ») gives 3 units of 8 beds and
// an envelope of 3 × 44 000 = 132 000 €. By hand, without the call's cap:
// K1 43 800 + K2 43 800 + K3 44 500 = 132 100 € > 132 000: K3 breaks the
// envelope, reported; retained as the coordinator chose, it counts
// everywhere: 24 beds, 132 100 €, and its site at F. Sites S1 (A), K1 (D),
// K2 (B), K3 (F): only C (3 000 inhabitants) is beyond 10 km, at 11,119 km
// from F; mean 3 000 × 11,119 / 11 000 = 3,0326 km. Rates by département:
// D1 gets 8 (B) + 8 (F) beds beside the 10 of S1, D2 8 (D).
TEST(TerritorialAllocation, VariantOverTheEnvelopeCountsItsDossierInEveryFigure) {
    const auto t = territory();
    Rules r = uphv_like();
    r.min_km_between.reset(), r.min_km_existing.reset();
    std::vector<Candidate> c{cand("K1", "D", 45.7, 250), cand("K2", "B", 45.1, 240), cand("K3", "F", 45.2, 230)};
    c[2].cost = 44500;
    const auto v = check_variant(r, c, {0, 1, 2}, t, kExisting);
    EXPECT_EQ(v.choices[2].constraint, Constraint::Envelope);
    ASSERT_TRUE(v.choices[2].retained);
    const auto f = figures(v, c, t, kExisting, 10);
    EXPECT_EQ(f.places, 24);
    EXPECT_EQ(f.cost, 132100);
    EXPECT_EQ(f.population_beyond, 3000);
    EXPECT_EQ(f.communes_beyond, 1u);
    EXPECT_NEAR(f.mean_km, 3.0326, 1e-3);
    EXPECT_EQ(v.places, f.places);
    EXPECT_EQ(v.cost, f.cost);
    const auto sites = retained_sites(v, c);
    ASSERT_EQ(sites.size(), 3u);
    for (const auto& s : sites) EXPECT_EQ(s.places, 8);
    std::vector<coverage::Site> after = kExisting;
    after.insert(after.end(), sites.begin(), sites.end());
    const auto rates = coverage::densities(t, kExisting, after, coverage::ZoneKind::Departement);
    ASSERT_EQ(rates.size(), 2u);
    EXPECT_EQ(rates[0].places_after, 26);   // D1: 10 + 8 + 8
    EXPECT_EQ(rates[1].places_after, 8);    // D2: K1
}

// Trial 1011C F4: the envelope counted the 44 500 € asked where the call
// grants a unit at most 44 000 € (4-1). With the cap, by hand: 43 800 +
// 43 800 + 44 000 = 131 600 € ≤ 132 000: all three retained in ranking order,
// and the variant of the three breaks no rule. Under an envelope of
// 100 000 €, K3 still stops there, counted for the cap, not the request.
TEST(TerritorialAllocation, EnvelopeCountsTheCallsCapNotTheRequest) {
    const auto t = territory();
    Rules r = uphv_like();
    r.min_km_between.reset(), r.min_km_existing.reset();
    r.cap_per_unit = 44000;
    std::vector<Candidate> c{cand("K1", "D", 45.7, 250), cand("K2", "B", 45.1, 240), cand("K3", "F", 45.2, 230)};
    c[2].cost = 44500;
    EXPECT_EQ(allowed_cost(r, c[2]), 44000);
    EXPECT_EQ(allowed_cost(r, c[0]), 43800);   // under the cap: what it asks
    const auto a = allocate(r, c, t, kExisting);
    EXPECT_EQ(a.retained(), (std::vector<std::size_t>{0, 1, 2}));
    EXPECT_EQ(figures(a, c, t, kExisting, 10).cost, 131600);
    const auto v = check_variant(r, c, {0, 1, 2}, t, kExisting);
    EXPECT_EQ(v.choices[2].constraint, Constraint::None);
    r.envelope = 100000;
    const auto b = allocate(r, c, t, kExisting);
    EXPECT_EQ(b.choices[2].constraint, Constraint::Envelope);
    EXPECT_EQ(b.choices[2].reason,
              "Enveloppe dépassée : 87\u00A0600\u00A0€ engagés sur 100\u00A0000\u00A0€, ce dossier compte pour "
              "44\u00A0000\u00A0€, plafond de l'appel (il en demande 44\u00A0500\u00A0€)" + kAside);
    // A call's cap per place (ACT HLM, Annexe 1, 1) B): 12 600 € a place): 10 places asking 130 000 € count 126 000 €.
    Rules act = act_like(false);
    act.cap_per_unit = 12600;
    Candidate k = cand("K9", "C", 45.3, 200, 10);
    k.cost = 130000;
    EXPECT_EQ(allowed_cost(act, k), 126000);
    EXPECT_EQ(allowed_cost(act, k, 4), 50400);   // part of it: 4 × 12 600
}

// The ranking order's partial grant (ACT) is what its sites carry: K2 asks 12
// places and is granted the 10 its département has left (same figures as
// ActSecondExAequo… above), so its site counts 10 in the rates.
TEST(TerritorialAllocation, RetainedSitesCarryThePartialPlaces) {
    const auto t = territory();
    const std::vector<Candidate> ranked{act("K1", "C", 45.3, 10), act("K2", "B", 45.1, 12), act("K3", "D", 45.7, 60)};
    const auto part = allocate(act_like(true), ranked, t, {});
    const auto sites = retained_sites(part, ranked);
    ASSERT_EQ(sites.size(), 3u);
    EXPECT_EQ(sites[1].places, 10);
    EXPECT_EQ(sites[2].places, 20);
    EXPECT_EQ(figures(part, ranked, t, {}, 10).places, 40);
    EXPECT_EQ(figures(part, ranked, t, {}, 10).cost, 40 * 12600);
}

// Trial 1011D: a variant could not give part of a request, and one breaking
// the call's rules was recorded with any motive. ACT HLM-like rules (Annexe 1
// of the ACT call: 73 places, 12 600 € a place and a year, the call's; a
// partial grant allowed): K1 asks 16 places for 192 000 € (12 000 € a place).
TEST(VariantShares, APartOfARequestWhereTheCallGrantsOne) {
    const auto t = territory();
    Rules r;
    r.capacity = 73, r.cap_per_unit = 12600, r.envelope = 919800, r.partial_grant = true;
    const std::vector<Candidate> c{{"K1", "K1", 16, 192000, 250, "C", geo::LonLat{0, 45.3}},
                                   {"K2", "K2", 8, 96000, 240, "D", geo::LonLat{0, 45.7}}};
    EXPECT_EQ(variant_share_refusal(r, c[0], 5), "");
    // By hand: 5 places cost 192 000 × 5 / 16 = 60 000 €, under the cap of 5 × 12 600 = 63 000 €.
    const auto v = check_variant(r, c, {0, 1}, t, {}, {{0, 5}});
    EXPECT_EQ(v.retained(), (std::vector<std::size_t>{0, 1}));
    EXPECT_EQ(v.choices[0].granted, 5);
    EXPECT_TRUE(v.choices[0].partial);
    EXPECT_DOUBLE_EQ(v.choices[0].cost, 60000);
    EXPECT_EQ(v.choices[0].motive, "Attribution partielle : 5 places sur une demande de 16, choisie dans la variante du coordonnateur.");
    EXPECT_FALSE(v.choices[1].partial);
    EXPECT_EQ(v.places, 13);   // 5 + 8
    EXPECT_DOUBLE_EQ(v.cost, 156000);   // 60 000 + 96 000
    // Neither the whole request, nor nothing, nor more, nor half a place.
    for (double n : {16.0, 0.0, 17.0, 2.5}) {
        const std::string no = variant_share_refusal(r, c[0], n);
        EXPECT_NE(no.find("de 1 à 15 places entières"), std::string::npos) << n << " : " << no;
    }
    // A call counted in units (UPHV: 8 beds a unit) or in missions grants no part.
    Rules units = uphv_like();
    units.partial_grant = true;
    EXPECT_NE(variant_share_refusal(units, c[1], 4).find("il compte en unités de 8 places"), std::string::npos);
    r.partial_grant = false;
    EXPECT_NE(variant_share_refusal(r, c[0], 5).find("les règles de l'appel ne prévoient pas d'attribution partielle"),
              std::string::npos);
}

TEST(VariantShares, ACallsRuleBrokenIsRefusedAProposalsNeedsAMotive) {
    const auto t = territory();
    Rules r;
    r.capacity = 20;   // K1 (16) + K2 (8) = 24 places > 20
    const std::vector<Candidate> c{{"K1", "K1", 16, 0, 250, "C", geo::LonLat{0, 45.3}},
                                   {"K2", "K2", 8, 0, 240, "D", geo::LonLat{0, 45.7}}};
    const auto v = check_variant(r, c, {0, 1}, t, {});
    ASSERT_EQ(v.choices[1].constraint, Constraint::Capacity);
    // Declared without status: a proposal, which a motive answers.
    EXPECT_EQ(variant_call_rule_refusal(r, v, c), "");
    r.status[rule_key(Constraint::Capacity)] = RuleStatus{RuleStatus::Kind::Call, "", "Appel à candidatures", "Annexe 1"};
    const auto w = check_variant(r, c, {0, 1}, t, {});
    const std::string no = variant_call_rule_refusal(r, w, c);
    EXPECT_NE(no.find("La variante enfreint une règle de l'appel, qu'aucun motif ne lève : K2 (Capacité de l'appel atteinte : "
                      "déjà 16 places sur 20"),
              std::string::npos) << no;
    EXPECT_EQ(no.find("K1 ("), std::string::npos) << no;
    EXPECT_NE(no.find("Rien n'a été enregistré"), std::string::npos) << no;
}
