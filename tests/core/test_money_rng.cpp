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
