// Paired and Welch intervals, delta-method ratios, discounting and value for money on numbers
// computed by hand (docs/comparison.md).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "sim/ensemble/effects.hpp"
#include "sim/ensemble/statistics.hpp"
#include "sim/ensemble/value_for_money.hpp"

namespace cwb {
namespace {

using ensemble::Estimate;

TEST(ComparisonStatistics, StudentTQuantiles) {
  EXPECT_NEAR(ensemble::t_critical(4), 2.776445, 1e-6);
  EXPECT_NEAR(ensemble::t_critical(2), 4.302653, 1e-6);
  EXPECT_TRUE(std::isnan(ensemble::t_critical(0)));
}

TEST(ComparisonStatistics, PairedEffectByHand) {
  // d = {1, 2, 1, 3, 2}: mean 1.8, s^2 = 2.8 / 4 = 0.7, se = sqrt(0.7 / 5) = 0.374166,
  // half width = 2.776445 x 0.374166 = 1.038851.
  const std::vector<double> scenario = {5, 7, 6, 9, 8}, baseline = {4, 5, 5, 6, 6};
  const Estimate e = ensemble::paired_effect(scenario, baseline);
  EXPECT_DOUBLE_EQ(e.mean, 1.8);
  EXPECT_NEAR(e.low, 1.8 - 1.038851, 1e-6);
  EXPECT_NEAR(e.high, 1.8 + 1.038851, 1e-6);
}

TEST(ComparisonStatistics, WelchEffectByHand) {
  // Variances 2.5 and 0.7, se = sqrt(2.5/5 + 0.7/5) = 0.8; Welch df = 0.64^2 / (0.5^2/4 +
  // 0.14^2/4) = 6.077151; t(0.975, 6.077151) = 2.439401 (scipy); half width 1.951521.
  const std::vector<double> scenario = {5, 7, 6, 9, 8}, baseline = {4, 5, 5, 6, 6};
  const Estimate e = ensemble::welch_effect(scenario, baseline);
  EXPECT_DOUBLE_EQ(e.mean, 1.8);
  EXPECT_NEAR(e.low, 1.8 - 1.951521, 1e-6);
  EXPECT_NEAR(e.high, 1.8 + 1.951521, 1e-6);
  // Pairing removes the replicate-to-replicate variation both runs share: narrower here.
  const Estimate p = ensemble::paired_effect(scenario, baseline);
  EXPECT_LT(p.high - p.low, e.high - e.low);
}

TEST(ComparisonStatistics, OneReplicateGivesNaNBoundsAndEqualRunsZeroWidth) {
  const std::vector<double> one = {3}, other = {1};
  const Estimate e = ensemble::paired_effect(one, other);
  EXPECT_EQ(e.mean, 2.0);
  EXPECT_TRUE(std::isnan(e.low) && std::isnan(e.high));
  EXPECT_TRUE(std::isnan(ensemble::welch_effect(one, other).low));
  const std::vector<double> same = {0.1, 0.7, 0.3};
  const Estimate zero = ensemble::paired_effect(same, same);
  EXPECT_EQ(zero.mean, 0.0);
  EXPECT_EQ(zero.low, 0.0);
  EXPECT_EQ(zero.high, 0.0);
  // A constant shift is known exactly: zero width, exact mean.
  const std::vector<double> shifted = {1.1, 1.7, 1.3};
  const Estimate shift = ensemble::paired_effect(shifted, same);
  EXPECT_NEAR(shift.mean, 1.0, 1e-12);
  EXPECT_NEAR(shift.high - shift.low, 0.0, 1e-12);
}

TEST(ComparisonStatistics, RatioOfMeansDeltaMethod) {
  // N = {21, 23, 22}, C = {10, 11, 12}: R = 22 / 11 = 2; s_N^2 = 1, s_C^2 = 1, s_NC = 0.5;
  // var(R) = (1 - 2 x 2 x 0.5 + 4 x 1) / (3 x 121) = 3 / 363; se = 0.0909091;
  // half width = t(0.975, 2) x se = 4.302653 x 0.0909091 = 0.391150.
  const std::vector<double> n = {21, 23, 22}, c = {10, 11, 12};
  const Estimate r = ensemble::ratio_of_means(n, c);
  EXPECT_DOUBLE_EQ(r.mean, 2.0);
  EXPECT_NEAR(r.low, 2.0 - 0.391150, 1e-6);
  EXPECT_NEAR(r.high, 2.0 + 0.391150, 1e-6);
  // Denominator interval reaching zero (mean 2, half width 2.48): ratio but no bounds.
  const std::vector<double> n2 = {3, 5, 4}, c2 = {1, 2, 3};
  const Estimate unbounded = ensemble::ratio_of_means(n2, c2);
  EXPECT_DOUBLE_EQ(unbounded.mean, 2.0);
  EXPECT_TRUE(std::isnan(unbounded.low) && std::isnan(unbounded.high));
  // Nothing spent: no ratio.
  const std::vector<double> zeros = {0, 0, 0};
  EXPECT_TRUE(std::isnan(ensemble::ratio_of_means(n, zeros).mean));
}

TEST(ComparisonStatistics, GreenBookDiscounting) {
  EXPECT_DOUBLE_EQ(ensemble::discount_factor(0, 0.035), 1.0);
  EXPECT_NEAR(ensemble::discount_factor(12, 0.035), 1 / 1.035, 1e-15);
  EXPECT_NEAR(ensemble::discount_factor(24, 0.035), 1 / 1.071225, 1e-15);
  EXPECT_NEAR(ensemble::discount_factor(6, 0.035), 0.9829463743659807, 1e-15);  // 1.035^-0.5
}

/// One scenario, one replicate, `months` months, one zone plus `all`, no anchors.
ensemble::StudyResults tiny_results(int months) {
  ensemble::StudyResults res;
  res.allocate(1, 1, months, 2, 0);
  for (int m = 0; m < months; ++m) {
    for (int z = 0; z < 2; ++z) {
      auto* row =
          &res.zone_indicators[(static_cast<std::size_t>(m) * 2 + z) * accounting::kZoneIndicators];
      row[static_cast<int>(accounting::ZoneIndicator::employment_rate)] = 0.5;
      row[static_cast<int>(accounting::ZoneIndicator::working_age_population)] = 100;
    }
    auto flow = [&](accounting::Sector payer, accounting::Sector payee, std::int64_t pence) {
      res.sam[(static_cast<std::size_t>(m) * accounting::kSectors + accounting::index(payer)) *
                  accounting::kSectors +
              accounting::index(payee)] = pence;
    };
    using accounting::Sector;
    flow(Sector::government, Sector::programmes, 1000);     // GBP 10 programme cost
    flow(Sector::firms, Sector::households, 50000);         // GBP 500 wages
    flow(Sector::government, Sector::households, 20000);    // GBP 200 benefits
    flow(Sector::rest_of_world, Sector::households, 9900);  // outside wages: not local income
    flow(Sector::households, Sector::households, 7700);     // rent between residents: a transfer
    flow(Sector::households, Sector::government, 10000);    // GBP 100 income tax
    flow(Sector::firms, Sector::government, 3000);          // GBP 30 corporation tax
    flow(Sector::government, Sector::anchors, 40000);       // GBP 400 anchor budget
  }
  return res;
}

TEST(ComparisonValueForMoney, RunTotalsFromTheAccountsByHand) {
  const int months = 13;
  const auto res = tiny_results(months);
  EXPECT_DOUBLE_EQ(ensemble::employed_residents(res, 0, 0, 0), 50.0);
  EXPECT_DOUBLE_EQ(ensemble::net_local_income(res, 0, 0, 0), 500 + 200 - 100);
  EXPECT_DOUBLE_EQ(ensemble::fiscal_balance(res, 0, 0, 0), 100 + 30 - 200 - 400);
  EXPECT_DOUBLE_EQ(ensemble::programme_costs(res, 0, 0, 0), 10);
  double discount_sum = 0;  // sum over m = 0..12 of 1.035^(-m/12)
  for (int m = 0; m < months; ++m)
    discount_sum += std::pow(1.035, -m / 12.0);
  const auto t = ensemble::run_totals(res, 0, 0, {});
  EXPECT_DOUBLE_EQ(t.employed_at_horizon, 50.0);
  EXPECT_DOUBLE_EQ(t.person_months, 50.0 * months);
  EXPECT_NEAR(t.costs, 10.0 * months, 1e-9);
  EXPECT_NEAR(t.costs_pv, 10.0 * discount_sum, 1e-9);
  EXPECT_NEAR(t.social_value_pv, 50.0 * 10767.0 / 12.0 * discount_sum, 1e-6);
  EXPECT_NEAR(t.local_income_pv, 600.0 * discount_sum, 1e-9);
  EXPECT_NEAR(t.fiscal_pv, -470.0 * discount_sum, 1e-9);
}

TEST(ComparisonValueForMoney, SroiAndCostPerJobOnKnownNumbers) {
  ensemble::Effects e;
  e.scenarios = 2;
  e.replicates = 3;
  e.baseline = 0;
  std::vector<ensemble::RunTotals> runs(6);  // baseline runs all zero
  const double value[] = {210, 230, 220}, cost[] = {100, 110, 120}, jobs[] = {2, 2, 2};
  for (int r = 0; r < 3; ++r) {
    runs[3 + static_cast<std::size_t>(r)].social_value_pv = value[r];
    runs[3 + static_cast<std::size_t>(r)].costs_pv = cost[r];
    runs[3 + static_cast<std::size_t>(r)].employed_at_horizon = jobs[r];
  }
  ensemble::appraise(e, runs);
  const auto& sroi = e.value(1, ensemble::Appraisal::sroi);
  EXPECT_DOUBLE_EQ(sroi.mean, 2.0);  // the same ratio and relative spread as above, x 10
  EXPECT_NEAR(sroi.low, 2.0 - 0.391150, 1e-6);
  EXPECT_NEAR(sroi.high, 2.0 + 0.391150, 1e-6);
  const auto& per_job = e.value(1, ensemble::Appraisal::cost_per_net_additional_job);
  EXPECT_DOUBLE_EQ(per_job.mean, 55.0);  // 110 / 2
  // Jobs are constant, so the interval is that of the costs / 2: 55 +- 4.302653 x 5.773503.
  EXPECT_NEAR(per_job.high - per_job.mean, 4.302653 * 10 / std::sqrt(3.0) / 2, 1e-5);
  // The baseline compared with itself: zeros, and no ratio.
  EXPECT_EQ(e.value(0, ensemble::Appraisal::social_value_pv).mean, 0.0);
  EXPECT_TRUE(std::isnan(e.value(0, ensemble::Appraisal::sroi).mean));
  EXPECT_EQ(e.total(0, ensemble::Total::employment_person_months_gain).high, 0.0);
}

}  // namespace
}  // namespace cwb
