// Each programme mechanism on a scaled-down USE-IT! baseline: what it does to the agents and
// the money, against the same world without it (same seed: common random numbers).
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "sim/model/world.hpp"
#include "tests/model/scenario_fixtures.hpp"

namespace cwb {
namespace {

using accounting::AnchorIndicator;
using accounting::Sector;
using accounting::ZoneIndicator;

constexpr double kScale = 0.1;

scenario::ProgrammeEntry entry(const std::string& type, const std::string& name,
                               scenario::ProgrammeSettings settings) {
  scenario::ProgrammeEntry e;
  e.type = type;
  e.name = name;
  e.settings = std::move(settings);
  return e;
}

struct RunTrace {
  std::vector<model::MonthRecord> months;
  std::vector<model::PersonOutcome> outcomes;
  double area(int m, ZoneIndicator i) const {
    const auto& v = months[static_cast<std::size_t>(m)].zone_indicators;
    return v[v.size() - accounting::kZoneIndicators + static_cast<std::size_t>(i)];
  }
  double anchor(int m, std::size_t a, AnchorIndicator i) const {
    return months[static_cast<std::size_t>(m)]
        .anchor_indicators[a * accounting::kAnchorIndicators + static_cast<std::size_t>(i)];
  }
  Pence flow(int m, Sector from, Sector to) const {
    return months[static_cast<std::size_t>(m)]
        .sam.flow[accounting::index(from)][accounting::index(to)];
  }
  double programme_total(int programme, double model::ProgrammeOutputs::*field) const {
    double total = 0;
    for (const auto& rec : months)
      total += rec.programmes[static_cast<std::size_t>(programme)].*field;
    return total;
  }
};

RunTrace simulate(const scenario::Scenario& s, int months, std::uint64_t seed = 17) {
  model::World world(s, seed, 0);
  RunTrace run;
  for (int m = 0; m < months; ++m) {
    world.step();  // also checks the stock-flow identity every month
    run.months.push_back(world.record());
  }
  run.outcomes = world.person_outcomes();
  return run;
}

scenario::Scenario with(scenario::ProgrammeEntry e, double scale = kScale) {
  auto s = testing::small_baseline(scale);
  s.programmes.push_back(std::move(e));
  return s;
}

TEST(Ramp, MovesLinearlyThenHolds) {
  const scenario::Ramp r{0.05, 0.25, {0, 1}, 20};
  EXPECT_DOUBLE_EQ(r.value_at(-3), 0.05);
  EXPECT_DOUBLE_EQ(r.value_at(0), 0.05);
  EXPECT_DOUBLE_EQ(r.value_at(10), 0.15);
  EXPECT_DOUBLE_EQ(r.value_at(20), 0.25);
  EXPECT_DOUBLE_EQ(r.value_at(99), 0.25);
  EXPECT_DOUBLE_EQ(scenario::Ramp::constant(0.3).value_at(5), 0.3);
}

TEST(Programmes, AnchorProcurementFollowsItsRampExactly) {
  scenario::AnchorProcurement p;
  p.anchor = "swbh_nhs_trust";
  p.sets_local = true;
  p.local_procurement_share = {0.05, 0.25, {0, 1}, 12};
  const auto run = simulate(with(entry("anchor_procurement", "shift", p)), 18);
  const auto base = simulate(testing::small_baseline(kScale), 18);
  for (int m : {0, 6, 12, 17}) {
    const double expected =
        0.05 + 0.20 * std::min(m, 12) / 12.0 + 0.01;  // + social enterprise share
    EXPECT_NEAR(run.anchor(m, 0, AnchorIndicator::local_procurement_share), expected, 1e-4) << m;
  }
  // More of the Trust's spend reaches local firms, and its LM3 rises.
  EXPECT_GT(run.flow(17, Sector::anchors, Sector::firms),
            base.flow(17, Sector::anchors, Sector::firms));
  EXPECT_GT(run.anchor(17, 0, AnchorIndicator::lm3), base.anchor(17, 0, AnchorIndicator::lm3));
}

TEST(Programmes, SkillsMatchingTrainsRecognisesAndPlacesIntoTheAnchor) {
  scenario::SkillsMatching p;
  p.places_per_month = scenario::Ramp::constant(40);  // x 0.1 scale = 4 a month
  p.outreach = 0.1;
  p.uptake = 1.0;
  p.duration_months = 3;
  p.completion_rate = 1.0;
  p.priority_months = 12;
  p.anchors = {"swbh_nhs_trust"};
  p.cost_per_place = pounds(400);
  const auto run = simulate(with(entry("skills_matching", "skills", p)), 24);
  const auto base = simulate(testing::small_baseline(kScale), 24);
  EXPECT_GT(run.programme_total(0, &model::ProgrammeOutputs::completions), 40);
  EXPECT_GT(run.programme_total(0, &model::ProgrammeOutputs::placements), 30);
  // Costs go through the programmes sector and are funded by government.
  EXPECT_GT(run.flow(5, Sector::government, Sector::programmes), 0);
  EXPECT_EQ(base.flow(5, Sector::government, Sector::programmes), 0);
  // Graduates take Trust vacancies that would otherwise go to commuters.
  EXPECT_GT(run.anchor(23, 0, AnchorIndicator::local_workforce_share),
            base.anchor(23, 0, AnchorIndicator::local_workforce_share));
  // Placed people are recorded for additionality.
  const auto placed = std::count_if(run.outcomes.begin(), run.outcomes.end(),
                                    [](const auto& o) { return o.placed && o.programme == 0; });
  EXPECT_GT(placed, 30);
}

TEST(Programmes, CommunityResearchPaysResearchersAndRaisesEngagementThatFades) {
  scenario::CommunityResearch p;
  p.researchers_per_zone = 100;  // x 0.1 scale = 10 per zone
  p.wage = pounds(700);
  p.engagement_gain = 0.05;
  auto e = entry("community_research", "research", p);
  e.end = {2017, 12};
  const auto run = simulate(with(e), 24);
  EXPECT_DOUBLE_EQ(run.months[3].programmes[0].participants, 60);  // 10 x 6 zones
  // Researchers' wages: government -> programmes -> households.
  EXPECT_GE(run.flow(3, Sector::programmes, Sector::households), 60 * pounds(700));
  const double peak = run.area(11, ZoneIndicator::engagement);
  EXPECT_GT(peak, 0.1);
  EXPECT_LT(run.area(23, ZoneIndicator::engagement), peak * 0.7);  // decays after the end
  EXPECT_DOUBLE_EQ(run.months[12].programmes[0].completions, 60);  // contracts end
}

TEST(Programmes, SocialEnterpriseSupportStartsMentorsAndMatches) {
  scenario::SocialEnterpriseSupport p;
  p.grants_per_month = scenario::Ramp::constant(20);  // x 0.1 = 2 a month
  p.grant = pounds(5000);
  p.matchmaking_share_gain = scenario::Ramp::constant(0.03);
  p.anchors = {"swbh_nhs_trust"};
  const auto run = simulate(with(entry("social_enterprise_support", "se", p)), 24);
  const auto base = simulate(testing::small_baseline(kScale), 24);
  EXPECT_NEAR(run.programme_total(0, &model::ProgrammeOutputs::placements), 48, 12);  // started
  EXPECT_GT(run.area(23, ZoneIndicator::social_enterprises),
            base.area(23, ZoneIndicator::social_enterprises) + 20);
  EXPECT_NEAR(run.anchor(5, 0, AnchorIndicator::social_enterprise_share), 0.04, 1e-4);
}

TEST(Programmes, CommunityAssetsHouseSocialEnterprisesAndCutRentLeakage) {
  scenario::CommunityAssets p;
  scenario::CommunityAsset a;
  a.name = "coworking";
  a.zone = "Smethwick";
  a.tenancies = 100;  // x 0.1 scale, capped by what the zone has
  a.activity_hours_per_month = 2000;
  a.rent_discount = 1.0;
  p.assets = {a};
  p.engagement_per_1000_hours = 0.05;
  const auto run = simulate(with(entry("community_assets", "assets", p)), 12);
  const auto base = simulate(testing::small_baseline(kScale), 12);
  EXPECT_GT(run.area(11, ZoneIndicator::asset_tenancies), 0);
  EXPECT_DOUBLE_EQ(run.area(11, ZoneIndicator::asset_activity_hours),
                   2000 * kScale);  // hours scale with people
  EXPECT_GT(run.area(11, ZoneIndicator::engagement), 0.0);
  // Tenants pay no rent to outside landlords: less of Smethwick's social-enterprise rent leaks.
  const auto zones = testing::small_baseline(kScale).zones;
  const auto smethwick =
      static_cast<std::size_t>(std::find_if(zones.begin(), zones.end(),
                                            [](const auto& z) { return z.name == "Smethwick"; }) -
                               zones.begin());
  auto rent = [&](const RunTrace& r) {
    return r.months[11]
        .zone_indicators[smethwick * accounting::kZoneIndicators +
                         static_cast<std::size_t>(ZoneIndicator::social_enterprise_rent_leakage)];
  };
  EXPECT_LT(rent(run), 0.5 * rent(base));
}

TEST(Programmes, BuyLocalRaisesTheLocalSpendShare) {
  scenario::BuyLocal p;
  p.shift = scenario::Ramp::constant(0.2);
  const auto run = simulate(with(entry("buy_local", "campaign", p)), 6);
  const auto base = simulate(testing::small_baseline(kScale), 6);
  const auto& hp = testing::small_baseline(kScale).households;
  // The shift moves 20% of the outside share of consumption to local businesses.
  EXPECT_NEAR(run.area(5, ZoneIndicator::local_spend_share) -
                  base.area(5, ZoneIndicator::local_spend_share),
              0.2 * hp.share_outside, 0.01);
}

TEST(Programmes, LivingWageRaisesPayAndCostsSomeJobs) {
  scenario::LivingWage p;
  p.firm_share = 1.0;
  auto s = with(entry("living_wage", "lw", p));
  s.firms.mean_wage = pounds(1200);  // below the living wage for low skills
  auto b = testing::small_baseline(kScale);
  b.firms.mean_wage = pounds(1200);
  const auto run = simulate(s, 12);
  const auto base = simulate(b, 12);
  EXPECT_GT(run.months[0].programmes[0].completions, 100);  // pay rises
  EXPECT_LT(run.area(11, ZoneIndicator::firm_jobs), base.area(11, ZoneIndicator::firm_jobs));
}

scenario::CapitalProject hospital_build(double local_labour) {
  scenario::CapitalProject p;
  p.zone = "Soho & Victoria";
  p.budget = pounds(120000000);  // x 0.1 scale
  p.months = 12;
  p.labour_share = 0.4;
  p.wage = pounds(2600);
  p.local_labour_share = local_labour;
  p.apprenticeships = 100;
  return p;
}

TEST(Programmes, CapitalProjectSpendsItsBudgetAndTheLocalLabourClauseRaisesResidentJobs) {
  const auto with_clause =
      simulate(with(entry("capital_project", "build", hospital_build(0.5))), 15);
  const auto without = simulate(with(entry("capital_project", "build", hospital_build(0.0))), 15);
  // The whole (scaled) budget is spent over the schedule, then nothing.
  Pence spent = 0;
  for (int m = 0; m < 15; ++m)
    spent += with_clause.flow(m, Sector::programmes, Sector::firms);
  EXPECT_EQ(spent, pounds(12000000));
  EXPECT_EQ(with_clause.flow(13, Sector::government, Sector::programmes), 0);
  // Residents in construction jobs: the clause raises them well above the apprentices alone.
  EXPECT_GT(with_clause.months[8].programmes[0].participants,
            without.months[8].programmes[0].participants + 20);
  // Ten apprentices start (100 x 0.1); those still on site at the end complete.
  const double apprentices = with_clause.programme_total(0, &model::ProgrammeOutputs::completions);
  EXPECT_GE(apprentices, 5);
  EXPECT_LE(apprentices, 10);
  EXPECT_DOUBLE_EQ(with_clause.months[14].programmes[0].participants, 0);  // site closed
}

TEST(Programmes, HousingDevelopmentAddsHouseholds) {
  scenario::HousingDevelopment p;
  p.zone = "Smethwick";
  p.homes = 1200;  // x 0.1 = 120 over 12 months
  p.months = 12;
  const auto run = simulate(with(entry("housing_development", "homes", p)), 12);
  const auto base = simulate(testing::small_baseline(kScale), 12);
  EXPECT_DOUBLE_EQ(run.programme_total(0, &model::ProgrammeOutputs::completions), 120);
  EXPECT_GT(run.area(11, ZoneIndicator::working_age_population),
            base.area(11, ZoneIndicator::working_age_population) + 100);
}

TEST(Programmes, BeforeAProgrammeStartsEverythingIsIdenticalToTheBaseline) {
  scenario::SkillsMatching p;
  p.places_per_month = scenario::Ramp::constant(100);
  p.outreach = 0.1;
  p.uptake = 1.0;
  auto e = entry("skills_matching", "late", p);
  e.start = {2017, 7};  // month 6
  const auto run = simulate(with(e), 8);
  const auto base = simulate(testing::small_baseline(kScale), 8);
  for (int m = 0; m < 6; ++m) {
    EXPECT_EQ(run.months[m].zone_indicators, base.months[m].zone_indicators) << m;
    EXPECT_EQ(run.months[m].sam.flow, base.months[m].sam.flow) << m;
  }
  EXPECT_NE(run.months[7].zone_indicators, base.months[7].zone_indicators);
}

}  // namespace
}  // namespace cwb
