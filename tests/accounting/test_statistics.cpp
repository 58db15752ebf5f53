// Income statistics, the tax-benefit rules and the stock-flow check on hand-computed inputs.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <bit>
#include <numeric>
#include <random>

#include "sim/accounting/indicators.hpp"
#include "sim/accounting/sam.hpp"
#include "sim/core/errors.hpp"
#include "sim/model/tax_benefit.hpp"

namespace cwb {
namespace {

using accounting::WeightedValue;

TEST(Statistics, WeightedMedianAndPovertyShare) {
  std::vector<WeightedValue> v = {{10, 1}, {20, 1}, {30, 3}};
  EXPECT_DOUBLE_EQ(accounting::weighted_median(v), 30);  // 3 of 5 people have 30
  EXPECT_DOUBLE_EQ(accounting::weighted_share_below(v, 25), 0.4);
  EXPECT_DOUBLE_EQ(accounting::weighted_mean(v), (10 + 20 + 90) / 5.0);
}

TEST(Statistics, GiniOfEqualAndConcentratedIncomes) {
  std::vector<WeightedValue> equal = {{5, 1}, {5, 2}, {5, 1}};
  EXPECT_NEAR(accounting::weighted_gini(equal), 0.0, 1e-12);
  // Two people, one has everything: G = 1 - 1/n = 0.5 for n = 2.
  std::vector<WeightedValue> one_has_all = {{0, 1}, {100, 1}};
  EXPECT_NEAR(accounting::weighted_gini(one_has_all), 0.5, 1e-12);
  // Weights are people: {1, 1, 1, 3} equals three people with 1 and one with 3.
  std::vector<WeightedValue> weighted = {{1, 3}, {3, 1}};
  std::vector<WeightedValue> expanded = {{1, 1}, {1, 1}, {1, 1}, {3, 1}};
  EXPECT_NEAR(accounting::weighted_gini(weighted), accounting::weighted_gini(expanded), 1e-12);
  // Mean absolute difference over all pairs 2 x 3 x 2 / 16 = 0.75; G = 0.75 / (2 x 1.5) = 0.25.
  EXPECT_NEAR(accounting::weighted_gini(expanded), 0.25, 1e-12);
}

// Incomes with many ties (as benefit-only households have), a few negative, and both zeros;
// keys are distinct, in shuffled order.
std::vector<accounting::RankedValue> ranked_incomes(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<accounting::RankedValue> out;
  for (std::size_t i = 0; i < n; ++i) {
    const auto draw = rng() % 100;
    const double value = draw < 30   ? 9000.0 + 500.0 * static_cast<double>(rng() % 4)
                         : draw < 35 ? (rng() % 2 ? 0.0 : -0.0)
                         : draw < 38 ? -100.0 * static_cast<double>(rng() % 5)
                                     : static_cast<double>(rng() % 4000000) / 97.0;
    out.push_back(
        {value, static_cast<std::uint32_t>(i), static_cast<std::uint16_t>(1 + rng() % 6), 0});
  }
  std::shuffle(out.begin(), out.end(), rng);
  return out;
}

std::vector<WeightedValue> weighted(std::span<const accounting::RankedValue> values) {
  std::vector<WeightedValue> out;
  for (const auto& v : values)
    out.push_back({v.value, static_cast<double>(v.weight)});
  return out;
}

void expect_same_bits(const accounting::IncomeSummary& a, const accounting::IncomeSummary& b) {
  EXPECT_EQ(std::bit_cast<std::uint64_t>(a.mean), std::bit_cast<std::uint64_t>(b.mean));
  EXPECT_EQ(std::bit_cast<std::uint64_t>(a.median), std::bit_cast<std::uint64_t>(b.median));
  EXPECT_EQ(std::bit_cast<std::uint64_t>(a.gini), std::bit_cast<std::uint64_t>(b.gini));
  EXPECT_EQ(std::bit_cast<std::uint64_t>(a.share_below),
            std::bit_cast<std::uint64_t>(b.share_below));
}

TEST(Statistics, RadixSortOfRankedValuesIsTheTotalOrder) {
  for (const std::size_t n : {0, 1, 5, 63, 64, 1000, 5000, 300000}) {
    auto values = ranked_incomes(n, n);
    auto expected = values;
    std::sort(expected.begin(), expected.end());
    // Shuffled keys, and keys already ascending (as lists built along an index come).
    for (int pass = 0; pass < 2; ++pass) {
      auto sorted = values;
      accounting::sort_ranked(sorted);
      ASSERT_EQ(sorted.size(), expected.size());
      for (std::size_t i = 0; i < n; ++i)
        ASSERT_EQ(sorted[i].key, expected[i].key) << "n " << n << ", position " << i;
      std::sort(values.begin(), values.end(),
                [](const auto& a, const auto& b) { return a.key < b.key; });
    }
  }
}

TEST(Statistics, RadixSortOrdersValuesThatRoundToTheSameFloat) {
  // The radix passes look at values rounded to floats; doubles closer than a float's step must
  // still come out in (value, key) order: a few in a crowd of other values, and (worst case)
  // all of them, which takes the fallback sort.
  std::mt19937_64 rng(3);
  for (const double share_close : {0.05, 1.0}) {
    std::vector<accounting::RankedValue> values;
    for (std::uint32_t i = 0; i < 20000; ++i) {
      const bool close = static_cast<double>(rng() % 1000) < share_close * 1000.0;
      const double value = close ? 15000.0 + static_cast<double>(rng() % 1000) * 1e-9
                                 : static_cast<double>(rng() % 4000000) / 97.0;
      values.push_back({value, i, 1, 0});
    }
    auto expected = values;
    std::sort(expected.begin(), expected.end());
    accounting::sort_ranked(values);
    for (std::size_t i = 0; i < values.size(); ++i)
      ASSERT_EQ(values[i].key, expected[i].key) << "share " << share_close << ", position " << i;
  }
}

TEST(Statistics, SummariesByGroupAreThoseOfEachGroupSortedAlone) {
  // Against the one-pass definitions (summarize_sorted) on each group sorted on its own: the
  // median and the share below the line exactly, the mean and the Gini to rounding (their
  // sums are taken in another order). 40,000 values span several of the parallel chunks.
  const double line = 9250.0;
  for (const std::size_t groups : {1, 2, 6, 40}) {
    // Deal the values into groups of uneven sizes, some empty.
    auto all = ranked_incomes(40000, 7 + groups);
    std::vector<std::vector<accounting::RankedValue>> parts(groups);
    std::mt19937_64 rng(groups);
    for (auto& v : all) {
      auto g = groups > 2 && rng() % 4 == 0 ? 0 : rng() % groups;
      if (groups > 2 && g == 1) g = 2;  // group 1 stays empty
      v.group = static_cast<std::uint16_t>(g);
      parts[g].push_back(v);
    }
    accounting::sort_ranked(all);
    const auto summaries = accounting::summarize_groups(all, groups, line);
    ASSERT_EQ(summaries.size(), groups + 1);
    auto expect_same = [](const accounting::IncomeSummary& a, const accounting::IncomeSummary& b) {
      EXPECT_EQ(std::bit_cast<std::uint64_t>(a.median), std::bit_cast<std::uint64_t>(b.median));
      EXPECT_EQ(std::bit_cast<std::uint64_t>(a.share_below),
                std::bit_cast<std::uint64_t>(b.share_below));
      EXPECT_NEAR(a.mean, b.mean, 1e-12 * std::abs(b.mean) + 1e-300);
      EXPECT_NEAR(a.gini, b.gini, 1e-12);
    };
    for (std::size_t g = 0; g < groups; ++g) {
      accounting::sort_ranked(parts[g]);
      expect_same(summaries[g], accounting::summarize_sorted(weighted(parts[g]), line));
    }
    const auto expected = accounting::summarize_sorted(weighted(all), line);
    expect_same(summaries[groups], expected);
    EXPECT_GT(expected.gini, 0.0);
    EXPECT_GT(expected.share_below, 0.0);
    // Taken on one thread, the same bits: the chunks are fixed.
    tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
    const auto alone = accounting::summarize_groups(all, groups, line);
    for (std::size_t g = 0; g <= groups; ++g)
      expect_same_bits(alone[g], summaries[g]);
  }
  const auto none = accounting::summarize_groups({}, 3, line);
  ASSERT_EQ(none.size(), 4u);
  expect_same_bits(none[3], {});
}

TEST(Statistics, SummariesByGroupDoNotDependOnTheOrderOfEqualValues) {
  // Keys only order equal values (for households: their rows, which compaction moves). Here a
  // third of the values share one income (a benefit level) in a run of about 40,000 that spans
  // several chunks, and the rest come in pairs and small runs; the keys are dealt out again at
  // random, which reorders every run. Every summary keeps its bits.
  const double line = 9250.0;
  const std::size_t groups = 6;
  std::mt19937_64 rng(17);
  std::vector<accounting::RankedValue> values;
  for (std::uint32_t i = 0; i < 120000; ++i) {
    const auto kind = rng() % 3;
    const double value = kind == 0   ? 7436.0
                         : kind == 1 ? static_cast<double>(rng() % 2000) * 7.5
                                     : static_cast<double>(rng() % 4000000) / 97.0;
    values.push_back({value, i, static_cast<std::uint16_t>(1 + rng() % 5),
                      static_cast<std::uint16_t>(rng() % groups)});
  }
  auto reordered = values;
  std::vector<std::uint32_t> keys(values.size());
  std::iota(keys.begin(), keys.end(), 0u);
  std::shuffle(keys.begin(), keys.end(), rng);
  for (std::size_t i = 0; i < reordered.size(); ++i)
    reordered[i].key = keys[i];
  accounting::sort_ranked(values);
  accounting::sort_ranked(reordered);
  // The runs of equal values really are in another order.
  std::size_t moved = 0;
  for (std::size_t i = 0; i < values.size(); ++i)
    moved += values[i].group != reordered[i].group || values[i].weight != reordered[i].weight;
  ASSERT_GT(moved, values.size() / 4);
  const auto a = accounting::summarize_groups(values, groups, line);
  const auto b = accounting::summarize_groups(reordered, groups, line);
  for (std::size_t g = 0; g <= groups; ++g)
    expect_same_bits(a[g], b[g]);
  EXPECT_GT(a[groups].gini, 0.0);
}

TEST(Statistics, StreamedSummaryMatchesTheOldTwoPassFormulas) {
  auto values = ranked_incomes(3000, 11);
  std::sort(values.begin(), values.end());
  const auto w = weighted(values);
  const auto summary = accounting::summarize_sorted(w, 9250.0);
  // The definitions, written out as summarize_sorted used to compute them (in this order).
  double total_weight = 0, total_income = 0;
  for (const auto& v : w) {
    total_weight += v.weight;
    total_income += v.weight * v.value;
  }
  double running = 0, cumulative = 0, area = 0, below = 0, median = 0;
  bool found = false;
  for (const auto& v : w) {
    running += v.weight;
    if (!found && running >= 0.5 * total_weight) {
      median = v.value;
      found = true;
    }
    if (v.value < 9250.0) below += v.weight;
    const double next = cumulative + v.weight * v.value;
    area += v.weight * (cumulative + next);
    cumulative = next;
  }
  expect_same_bits(summary, {total_income / total_weight, median,
                             1.0 - area / (total_weight * total_income), below / total_weight});
}

TEST(TaxBenefit, IncomeTaxAndNationalInsurance) {
  scenario::TaxBenefitParams tb;  // 2017/18: PA 11,500, basic 20%; NI 8,164 at 12%
  // GBP 2,000 a month: tax 20% x (2000 - 958.33), NI 12% x (2000 - 680.33).
  const Pence expected =
      share_of(200000 - 1150000 / 12, 0.2) + share_of(200000 - 816400 / 12, 0.12);
  EXPECT_EQ(model::income_tax_and_ni(200000, tb), expected);
  EXPECT_EQ(model::income_tax_and_ni(50000, tb), 0);  // below both thresholds
}

TEST(TaxBenefit, BenefitTapersAwayWithEarnings) {
  scenario::TaxBenefitParams tb;
  const Pence maximum = 2 * tb.standard_allowance + tb.child_element + tb.housing_element_cap;
  EXPECT_EQ(model::benefit_award(2, 1, 0, tb), maximum);
  EXPECT_EQ(model::benefit_award(2, 1, tb.work_allowance, tb), maximum);
  EXPECT_EQ(model::benefit_award(2, 1, tb.work_allowance + 10000, tb),
            maximum - 6300);  // 63% taper
  EXPECT_EQ(model::benefit_award(2, 1, 100000000, tb), 0);
}

TEST(Households, PropensityFallsWithIncomeAndSavingsAreSteady) {
  scenario::HouseholdParams hp;
  EXPECT_GT(model::marginal_propensity(50000, hp), model::marginal_propensity(500000, hp));
  EXPECT_NEAR(model::marginal_propensity(hp.mpc_halfway_income, hp),
              (hp.mpc_low_income + hp.mpc_high_income) / 2, 1e-12);
  // At the steady state, a household spends exactly its income (savings do not move).
  const Pence income = 180000;
  const Pence savings = model::steady_state_savings(income, hp);
  EXPECT_NEAR(static_cast<double>(model::consumption(savings, income, hp)),
              static_cast<double>(income), 2.0);
}

TEST(Accounts, StockFlowCheckNamesMonthAndSector) {
  accounting::Sam sam;
  sam.add(accounting::Sector::government, accounting::Sector::anchors, 100);
  accounting::Stocks before{}, after{};
  after[accounting::index(accounting::Sector::anchors)] = 100;
  after[accounting::index(accounting::Sector::government)] = -100;
  EXPECT_NO_THROW(accounting::check_stock_flow(before, after, sam, 3, "2017-04"));
  after[accounting::index(accounting::Sector::anchors)] = 99;
  try {
    accounting::check_stock_flow(before, after, sam, 3, "2017-04");
    FAIL() << "a missing penny must stop the run";
  } catch (const AccountingError& e) {
    EXPECT_NE(std::string(e.what()).find("month 3 (2017-04)"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("sector anchors"), std::string::npos);
  }
}

}  // namespace
}  // namespace cwb
