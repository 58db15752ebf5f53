// Common random numbers, proved: (a) a programme that starts in month 36 leaves every month
// before it bitwise identical to the baseline (indicators, anchors, accounts, agent tables);
// (b) pairing narrows the 95% CI of a shipped programme's employment effect at least 3-fold.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <iostream>

#include "sim/ensemble/effects.hpp"
#include "sim/ensemble/results.hpp"
#include "sim/ensemble/study.hpp"
#include "sim/ensemble/value_for_money.hpp"
#include "sim/model/world.hpp"
#include "sim/scenario/loader.hpp"

namespace cwb {
namespace {

std::filesystem::path scenarios_dir() { return std::string(CWB_SOURCE_DIR) + "/scenarios"; }

/// Bitwise equality of two vectors (doubles compared as bytes, so -0.0 != 0.0 and NaN == NaN).
template <typename T> bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

bool same_persons(const model::Persons& a, const model::Persons& b) {
  return same_bits(a.id, b.id) && same_bits(a.zone, b.zone) &&
         same_bits(a.household, b.household) && same_bits(a.skill, b.skill) &&
         same_bits(a.status, b.status) && same_bits(a.employer, b.employer) &&
         same_bits(a.wage, b.wage) && same_bits(a.months_in_status, b.months_in_status) &&
         same_bits(a.flags, b.flags) && same_bits(a.alive, b.alive) &&
         same_bits(a.programme, b.programme) && same_bits(a.priority_until, b.priority_until) &&
         same_bits(a.months_employed, b.months_employed) &&
         same_bits(a.ageing_out_month, b.ageing_out_month) &&
         same_bits(a.spell_ends_month, b.spell_ends_month);
}

bool same_households(const model::Households& a, const model::Households& b) {
  return same_bits(a.id, b.id) && same_bits(a.zone, b.zone) && same_bits(a.adults, b.adults) &&
         same_bits(a.children, b.children) && same_bits(a.claims, b.claims) &&
         same_bits(a.savings, b.savings) && same_bits(a.alive, b.alive) &&
         same_bits(a.gross_wages, b.gross_wages) && same_bits(a.other_income, b.other_income) &&
         same_bits(a.benefits, b.benefits) && same_bits(a.taxes, b.taxes) &&
         same_bits(a.consumption, b.consumption) && same_bits(a.local_spend, b.local_spend) &&
         same_bits(a.net_income, b.net_income);
}

bool same_businesses(const model::Businesses& a, const model::Businesses& b) {
  return same_bits(a.id, b.id) && same_bits(a.kind, b.kind) && same_bits(a.zone, b.zone) &&
         same_bits(a.owner_household, b.owner_household) && same_bits(a.cash, b.cash) &&
         same_bits(a.expected_revenue, b.expected_revenue) &&
         same_bits(a.external_demand, b.external_demand) && same_bits(a.unit_wage, b.unit_wage) &&
         same_bits(a.resident_staff, b.resident_staff) &&
         same_bits(a.commuter_staff, b.commuter_staff) &&
         same_bits(a.months_insolvent, b.months_insolvent) && same_bits(a.alive, b.alive) &&
         same_bits(a.params, b.params) && same_bits(a.rent_discount, b.rent_discount) &&
         same_bits(a.mentored_until, b.mentored_until) && same_bits(a.mentor, b.mentor) &&
         same_bits(a.living_wage, b.living_wage) && same_bits(a.revenue, b.revenue) &&
         same_bits(a.costs, b.costs) && same_bits(a.local_outflow, b.local_outflow) &&
         same_bits(a.last_revenue, b.last_revenue) && same_bits(a.last_costs, b.last_costs);
}

bool same_record(const model::MonthRecord& a, const model::MonthRecord& b) {
  bool sam = true;
  for (int i = 0; i < accounting::kSectors; ++i)
    for (int j = 0; j < accounting::kSectors; ++j)
      sam = sam && a.sam.flow[i][j] == b.sam.flow[i][j];
  return sam && a.stocks == b.stocks && same_bits(a.zone_indicators, b.zone_indicators) &&
         same_bits(a.anchor_indicators, b.anchor_indicators);
}

// (a) skills_matching's programme moved to start in 2020-01 (month 36 of a 2017-01 start).
TEST(CommonRandomNumbers, IdenticalBeforeALateProgrammeStarts) {
  auto baseline = scenario::load_scenario(scenarios_dir() / "baseline.yaml");
  auto late = scenario::load_scenario(scenarios_dir() / "use_it" / "skills_matching.yaml");
  baseline.population_scale = late.population_scale = 0.25;
  ASSERT_EQ(late.programmes.size(), 1u);
  late.programmes[0].start = {2020, 1};
  late.programmes[0].end = {2022, 12};
  const int start = scenario::months_between(late.start, late.programmes[0].start);
  ASSERT_EQ(start, 36);
  for (int replicate : {0, 1}) {
    model::World a(baseline, 7, replicate), b(late, 7, replicate);
    ASSERT_EQ(a.opening_stocks(), b.opening_stocks());
    ASSERT_TRUE(same_persons(a.persons(), b.persons()));
    for (int m = 0; m < start; ++m) {
      a.step();
      b.step();
      ASSERT_TRUE(same_record(a.record(), b.record()))
          << "indicators, anchors or accounts differ in month " << m;
      ASSERT_TRUE(same_persons(a.persons(), b.persons())) << "persons differ after month " << m;
      ASSERT_TRUE(same_households(a.households(), b.households()))
          << "households differ after month " << m;
      ASSERT_TRUE(same_businesses(a.businesses(), b.businesses()))
          << "businesses differ after month " << m;
      ASSERT_EQ(a.record().programmes.size(), 0u);
      ASSERT_EQ(b.record().programmes.at(0).participants, 0.0);
      ASSERT_EQ(b.record().programmes.at(0).cost, 0);
    }
    // And the programme does act once it starts (otherwise the identity would prove nothing).
    bool differs = false;
    for (int m = start; m < start + 12 && !differs; ++m) {
      a.step();
      b.step();
      differs = !same_persons(a.persons(), b.persons());
    }
    EXPECT_TRUE(differs) << "the late programme changed nothing in its first year";
  }
}

double width(const ensemble::Estimate& e) { return e.high - e.low; }

// (b) social_enterprise, full scale, 16 replicates, 36 months (the life of USE-IT!). The ratio
// of two interval widths is itself a noisy estimate: with 8 replicates it ranged from 2.4x to
// 5.8x over six seeds (mean about 4x), so a fixed-seed check at 8 could fail by chance; 16
// replicates narrow its spread.
TEST(CommonRandomNumbers, PairingNarrowsTheEmploymentIntervalThreeFold) {
  std::vector<scenario::Scenario> list = {
      scenario::load_scenario(scenarios_dir() / "baseline.yaml"),
      scenario::load_scenario(scenarios_dir() / "use_it" / "social_enterprise.yaml")};
  ensemble::RunOptions options;
  options.replicates = 16;
  options.months = 36;
  const auto study = ensemble::make_study(std::move(list), options);
  const auto res = ensemble::run_study(study, options);
  const auto e = ensemble::compute_effects(res, 0);
  const int rate = static_cast<int>(accounting::ZoneIndicator::employment_rate);
  const double rate_factor =
      width(e.zone_unpaired[(1u * accounting::kZoneIndicators + rate) * 36 + 35]) /
      width(e.zone_effect(1, rate, 35));
  const auto jobs = ensemble::Total::employed_residents_gain_at_horizon;
  const double jobs_factor =
      width(e.totals_unpaired[1 * ensemble::kTotals + static_cast<int>(jobs)]) /
      width(e.total(1, jobs));
  const auto months = ensemble::Total::employment_person_months_gain;
  const double months_factor =
      width(e.totals_unpaired[1 * ensemble::kTotals + static_cast<int>(months)]) /
      width(e.total(1, months));
  std::cout << "[ CRN      ] social_enterprise, full scale, 16 replicates, 36 months: unpaired / "
               "paired CI width: "
            << "employment rate at horizon " << rate_factor << "x, residents in work at horizon "
            << jobs_factor << "x, person-months " << months_factor << "x\n";
  EXPECT_GE(rate_factor, 3.0);
  EXPECT_GE(jobs_factor, 3.0);
  EXPECT_GT(e.zone_effect(1, rate, 35).low, 0.0) << "the effect itself is clear of zero";
}

}  // namespace
}  // namespace cwb
