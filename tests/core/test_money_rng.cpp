// Money splits are exact; random streams are pure functions of their keys.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "sim/core/calendar.hpp"
#include "sim/core/money.hpp"
#include "sim/core/rng.hpp"

namespace cwb {
namespace {

TEST(Money, ProportionalSplitLosesNoPenny) {
  const std::vector<std::int64_t> weights = {3, 3, 3, 0, 1};
  for (Pence total : {Pence{0}, Pence{1}, Pence{99}, Pence{1000001}, Pence{-12345}}) {
    const auto parts = split_proportional(total, weights);
    EXPECT_EQ(std::accumulate(parts.begin(), parts.end(), Pence{0}), total);
    EXPECT_EQ(parts[3], 0);  // zero weight, zero share
  }
  const auto parts = split_proportional(1000, weights);
  EXPECT_EQ(parts[0], 300);
  EXPECT_EQ(parts[4], 100);
}

TEST(Money, PoundsRoundToThePenny) {
  EXPECT_EQ(pounds(317.82), 31782);
  EXPECT_EQ(share_of(1001, 0.5), 501);
}

TEST(Money, InlineRoundingMatchesLlroundEverywhere) {
  // share_of's inline rounding must give llround's penny for every amount the model meets:
  // exact halves, the doubles either side of a half, negatives, and values past 2^52 where
  // every double is already an integer.
  std::vector<double> values = {0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, 1e15 + 0.5, -1e15 - 0.5,
                                4503599627370495.5, 4503599627370497.0, 9.2e18, -9.2e18};
  for (double v : {0.5, 1.5, 123456.5, 0.49999999999999994, 2.5e9}) {
    values.push_back(std::nextafter(v, 0.0));
    values.push_back(std::nextafter(v, 1e300));
    values.push_back(-std::nextafter(v, 0.0));
    values.push_back(-std::nextafter(v, 1e300));
  }
  RandomStream draw = RandomSource(7, 0).stream(1, 0, Purpose::household_spending);
  for (int i = 0; i < 100000; ++i)
    values.push_back((draw.uniform() - 0.5) * std::ldexp(1.0, static_cast<int>(draw.below(60))));
  for (double v : values)
    EXPECT_EQ(round_half_away(v), std::llround(v)) << v;
  EXPECT_EQ(share_of(5, 0.5), 3);
  EXPECT_EQ(share_of(-5, 0.5), -3);
}

TEST(Random, StreamsArePureFunctionsOfTheirKeys) {
  const RandomSource a(42, 0), b(42, 0), other_seed(43, 0), other_replicate(42, 1);
  auto first = [](const RandomSource& s, std::uint64_t agent, std::uint32_t month, Purpose p) {
    return s.stream(agent, month, p).bits();
  };
  EXPECT_EQ(first(a, 7, 3, Purpose::separation), first(b, 7, 3, Purpose::separation));
  EXPECT_NE(first(a, 7, 3, Purpose::separation), first(other_seed, 7, 3, Purpose::separation));
  EXPECT_NE(first(a, 7, 3, Purpose::separation), first(other_replicate, 7, 3, Purpose::separation));
  EXPECT_NE(first(a, 7, 3, Purpose::separation), first(a, 8, 3, Purpose::separation));
  EXPECT_NE(first(a, 7, 3, Purpose::separation), first(a, 7, 4, Purpose::separation));
  EXPECT_NE(first(a, 7, 3, Purpose::separation), first(a, 7, 3, Purpose::job_search));
}

// Statistical checks with fixed seeds: means within 4 standard errors.
TEST(Random, UniformNormalAndPoissonHaveTheRightMoments) {
  const RandomSource source(1, 0);
  constexpr int n = 200000;
  double sum_u = 0, sum_z = 0, sum_z2 = 0, sum_k = 0;
  for (int i = 0; i < n; ++i) {
    auto draw = source.stream(static_cast<std::uint64_t>(i), 0, Purpose::programme);
    const double u = draw.uniform();
    ASSERT_GT(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum_u += u;
    const double z = draw.normal();
    sum_z += z;
    sum_z2 += z * z;
    sum_k += static_cast<double>(draw.poisson(3.5));
  }
  EXPECT_NEAR(sum_u / n, 0.5, 4 * std::sqrt(1.0 / 12 / n));
  EXPECT_NEAR(sum_z / n, 0.0, 4 * std::sqrt(1.0 / n));
  EXPECT_NEAR(sum_z2 / n, 1.0, 4 * std::sqrt(2.0 / n));
  EXPECT_NEAR(sum_k / n, 3.5, 4 * std::sqrt(3.5 / n));
}

TEST(Calendar, MonthsDecodeToDays) {
  const YearMonth start{2017, 1};
  EXPECT_EQ(start.days_until(0), 0);
  EXPECT_EQ(start.days_until(1), 31);
  EXPECT_EQ(start.days_until(12), 365);
  EXPECT_EQ(start.days_until(38), 365 * 3 + 31 + 29);  // 1 Mar 2020: February 2020 has 29 days
  EXPECT_EQ(start.cf_units(), "days since 2017-01-01");
  YearMonth parsed;
  EXPECT_TRUE(YearMonth::parse("2024-10", parsed));
  EXPECT_EQ(parsed, (YearMonth{2024, 10}));
  EXPECT_FALSE(YearMonth::parse("2024-13", parsed));
}

}  // namespace
}  // namespace cwb
