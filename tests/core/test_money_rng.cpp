// Money splits are exact; random streams are pure functions of their keys.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

#include "sim/core/calendar.hpp"
#include "sim/core/money.hpp"
#include "sim/core/philox_batch.hpp"
#include "sim/core/rng.hpp"
#include "sim/core/simd.hpp"

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

// The straightforward largest-remainder split that split_proportional replaced: every weight's
// remainder, stably sorted. The fast version must give the same parts for every input.
std::vector<Pence> reference_split(Pence total, std::span<const std::int64_t> weights) {
  std::vector<Pence> parts(weights.size(), 0);
  if (weights.empty()) return parts;
  Int128 weight_sum = 0;
  for (auto w : weights) {
    if (w < 0) throw std::invalid_argument("split_proportional: negative weight");
    weight_sum += w;
  }
  if (weight_sum == 0) {
    parts[0] = total;
    return parts;
  }
  const bool negative = total < 0;
  const Int128 magnitude = negative ? -static_cast<Int128>(total) : total;
  std::vector<std::pair<Int128, std::size_t>> remainders;
  Int128 assigned = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const Int128 product = magnitude * weights[i];
    const Int128 q = product / weight_sum;
    parts[i] = static_cast<Pence>(q);
    assigned += q;
    remainders.emplace_back(product % weight_sum, i);
  }
  auto left = static_cast<std::size_t>(magnitude - assigned);
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; k < left; ++k)
    parts[remainders[k].second] += 1;
  if (negative)
    for (auto& p : parts)
      p = -p;
  return parts;
}

TEST(Money, ProportionalSplitMatchesTheReferenceSplit) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  std::mt19937_64 gen(20240607);
  auto below = [&](std::uint64_t n) {
    return std::uniform_int_distribution<std::uint64_t>(0, n - 1)(gen);
  };
  // Weights of several kinds in one vector: zeros (most business weights are), small ones (so
  // remainders tie), revenue-like ones, and huge ones (products past 64 bits, sums past 2^64).
  auto weight = [&](int kind) -> std::int64_t {
    switch (kind) {
      case 0: return 0;
      case 1: return static_cast<std::int64_t>(below(4));
      case 2: return static_cast<std::int64_t>(below(1'000'000));
      case 3: return static_cast<std::int64_t>(below(1ULL << 40));
      default: return kMax - static_cast<std::int64_t>(below(1000));
    }
  };
  auto amount = [&]() -> Pence {
    Pence magnitude;
    switch (below(4)) {
      case 0: magnitude = static_cast<Pence>(below(100)); break;
      case 1: magnitude = static_cast<Pence>(below(100'000'000)); break;
      case 2: magnitude = static_cast<Pence>(below(1ULL << 62)); break;
      default: magnitude = kMax - static_cast<Pence>(below(1000)); break;  // not INT64_MIN
    }
    return below(3) == 0 ? -magnitude : magnitude;
  };
  for (int trial = 0; trial < 20000; ++trial) {
    const auto n = static_cast<std::size_t>(1 + below(trial % 10 == 0 ? 2000 : 40));
    const int kinds = 1 + static_cast<int>(below(5));  // which kinds this vector mixes
    std::vector<std::int64_t> weights(n);
    for (auto& w : weights)
      w = weight(below(2) == 0 ? 0 : static_cast<int>(below(static_cast<std::uint64_t>(kinds))));
    const Pence total = amount();
    const auto parts = split_proportional(total, weights);
    ASSERT_EQ(parts, reference_split(total, weights)) << "trial " << trial << ", total " << total;
    ASSERT_EQ(std::accumulate(parts.begin(), parts.end(), Int128{0}), Int128{total});
  }
  // Edge cases: all weights zero, one weight, a sum just past 2^64, every remainder tied.
  const std::vector<std::vector<std::int64_t>> cases = {
      {0},       {0, 0, 0}, {5},          {0, 7, 0},          {kMax, kMax, 2},
      {kMax, 1}, {1, 1, 1}, {2, 2, 2, 2}, {kMax, kMax, kMax}, {3, 0, 3, 0, 3}};
  for (const auto& weights : cases)
    for (Pence total :
         {Pence{0}, Pence{1}, Pence{2}, Pence{-1}, Pence{-7}, Pence{1000}, kMax, -kMax})
      EXPECT_EQ(split_proportional(total, weights), reference_split(total, weights));
  EXPECT_TRUE(split_proportional(5, std::vector<std::int64_t>{}).empty());
  EXPECT_THROW(split_proportional(5, std::vector<std::int64_t>{1, -1}), std::invalid_argument);
}

TEST(Money, PoundsRoundToThePenny) {
  EXPECT_EQ(pounds(317.82), 31782);
  EXPECT_EQ(share_of(1001, 0.5), 501);
}

TEST(Money, InlineRoundingMatchesLlroundEverywhere) {
  // share_of's inline rounding must give llround's penny for every amount the model meets:
  // exact halves, the doubles either side of a half, negatives, and values past 2^52 where
  // every double is already an integer.
  std::vector<double> values = {0.0,
                                -0.0,
                                0.5,
                                -0.5,
                                1.5,
                                -1.5,
                                2.5,
                                1e15 + 0.5,
                                -1e15 - 0.5,
                                4503599627370495.5,
                                4503599627370497.0,
                                9.2e18,
                                -9.2e18};
  for (double v : {0.5, 1.5, 123456.5, 0.49999999999999994, 2.5e9}) {
    values.push_back(std::nextafter(v, 0.0));
    values.push_back(std::nextafter(v, 1e300));
    values.push_back(-std::nextafter(v, 0.0));
    values.push_back(-std::nextafter(v, 1e300));
  }
  RandomStream draw = RandomSource(7, 0).stream(1, 0, Purpose::household_spending);
  for (int i = 0; i < 100000; ++i)
    values.push_back((draw.uniform() - 0.5) * std::ldexp(1.0, static_cast<int>(draw.below(60))));
  // Halves at every magnitude up to 2^52 (above it there are none), and their neighbours.
  for (int i = 0; i < 20000; ++i) {
    const double half =
        std::floor(std::ldexp(draw.uniform(), static_cast<int>(draw.below(53)))) + 0.5;
    for (double v : {half, std::nextafter(half, 0.0), std::nextafter(half, 1e300)}) {
      values.push_back(v);
      values.push_back(-v);
    }
  }
  for (double v : values)
    ASSERT_EQ(round_half_away(v), std::llround(v)) << v;
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
TEST(Random, StreamsFromBlocksComputedTogetherAreTheSameStreams) {
  // A stream started from its precomputed first block gives the same draws, past the first
  // block too.
  const RandomSource source(20170101, 3);
  std::vector<std::uint64_t> agents;
  std::mt19937_64 gen(11);
  for (int i = 0; i < 29; ++i)  // three batches of eight and a remainder
    agents.push_back(gen());
  std::vector<RandomStream::Block> first(agents.size());
  source.first_blocks(
      agents.size(), [&](std::size_t i) { return agents[i]; }, 42, Purpose::move_out, first.data());
  for (std::size_t i = 0; i < agents.size(); ++i) {
    auto plain = source.stream(agents[i], 42, Purpose::move_out);
    auto from_block = source.stream(agents[i], 42, Purpose::move_out, first[i]);
    for (int draw = 0; draw < 11; ++draw)
      ASSERT_EQ(plain.bits(), from_block.bits()) << "agent " << i << ", draw " << draw;
  }
}

TEST(Random, VectorPhiloxBlocksAreRandom123sBitForBit) {
  // The AVX-512 path of philox_first_blocks against Random123's function, for counts that end
  // inside and on a group of 32 and of 8, agents from 0 to all ones, keys and counter words of
  // every kind (the path takes the first two rounds apart from the rest).
  if (!vector_paths()) GTEST_SKIP() << "no AVX-512 on this processor (or CWB_SIMD=0)";
  std::mt19937_64 gen(5);
  std::vector<std::uint64_t> agents = {
      0, 1, ~std::uint64_t{0}, std::uint64_t{1} << 63, 0xffffffff, std::uint64_t{0xffffffff} << 32};
  while (agents.size() < 1000)
    agents.push_back(gen() >> (gen() % 64));
  const PhiloxKey keys[] = {
      {{0, 0}}, {{20170101, 3}}, {{~std::uint64_t{0}, ~std::uint64_t{0}}}, {{gen(), gen()}}};
  const std::uint64_t words[] = {0, RandomStream::counter(0, 119, Purpose::move_out)[1],
                                 ~std::uint64_t{0}, gen()};
  for (const auto& key : keys)
    for (const auto word1 : words)
      for (const std::size_t n : {0, 1, 7, 8, 9, 31, 32, 33, 63, 64, 65, 100, 1000}) {
        std::vector<PhiloxBlock> vector_path(n), reference(n);
        philox_first_blocks(key, word1, agents.data(), n, vector_path.data());
        philox_first_blocks_scalar(key, word1, agents.data(), n, reference.data());
        for (std::size_t i = 0; i < n; ++i)
          for (int w = 0; w < 4; ++w)
            ASSERT_EQ(vector_path[i][w], reference[i][w])
                << "n " << n << ", agent " << i << ", word " << w;
      }
}

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

// The binomial draw against its distribution: Pearson's chi-square over the counts 0..n (cells
// expected to hold fewer than 5 merged into their neighbour) for a small n, and the mean and
// variance for an n cut into parts (n p above 64) and for p above one half (drawn as failures).
TEST(Random, BinomialFollowsItsDistribution) {
  const RandomSource source(3, 1);
  constexpr int draws = 100000;
  {
    constexpr int n = 12;
    constexpr double p = 0.3;
    std::vector<double> observed(n + 1, 0.0), expected(n + 1, 0.0);
    for (int i = 0; i < draws; ++i) {
      auto draw = source.stream(static_cast<std::uint64_t>(i), 0, Purpose::separation);
      const auto k = draw.binomial(n, p);
      ASSERT_GE(k, 0);
      ASSERT_LE(k, n);
      observed[static_cast<std::size_t>(k)] += 1.0;
    }
    double pk = std::pow(1.0 - p, n);
    for (int k = 0; k <= n; ++k) {
      expected[static_cast<std::size_t>(k)] = pk * draws;
      pk *= static_cast<double>(n - k) / (k + 1) * p / (1.0 - p);
    }
    double chi2 = 0.0, cell_observed = 0.0, cell_expected = 0.0;
    int cells = 0;
    for (int k = 0; k <= n; ++k) {
      cell_observed += observed[static_cast<std::size_t>(k)];
      cell_expected += expected[static_cast<std::size_t>(k)];
      if (cell_expected >= 5.0 || k == n) {
        chi2 += (cell_observed - cell_expected) * (cell_observed - cell_expected) / cell_expected;
        cell_observed = cell_expected = 0.0;
        ++cells;
      }
    }
    EXPECT_GE(cells, 9);
    EXPECT_LT(chi2, 32.9) << "chi-square, " << cells - 1 << " degrees of freedom (0.1% point "
                          << "at 10: 29.6; at 12: 32.9)";
  }
  for (const auto& [n, p] :
       {std::pair<std::int64_t, double>{20000, 0.01}, std::pair<std::int64_t, double>{40, 0.9},
        std::pair<std::int64_t, double>{3, 0.02}}) {
    double sum = 0.0, sum2 = 0.0;
    for (int i = 0; i < draws; ++i) {
      auto draw = source.stream(static_cast<std::uint64_t>(i), 1, Purpose::separation);
      const auto k = static_cast<double>(draw.binomial(n, p));
      sum += k;
      sum2 += k * k;
    }
    const double mean = sum / draws, variance = sum2 / draws - mean * mean;
    const double np = static_cast<double>(n) * p, npq = np * (1.0 - p);
    EXPECT_NEAR(mean, np, 4.0 * std::sqrt(npq / draws)) << "n " << n << ", p " << p;
    // The sample variance's relative standard error: sqrt((2 + excess kurtosis) / draws).
    const double kurtosis = (1.0 - 6.0 * p * (1.0 - p)) / npq;
    EXPECT_NEAR(variance / npq, 1.0, 4.0 * std::sqrt((2.0 + kurtosis) / draws))
        << "n " << n << ", p " << p;
  }
  auto draw = source.stream(0, 2, Purpose::separation);
  EXPECT_EQ(draw.binomial(0, 0.5), 0);
  EXPECT_EQ(draw.binomial(10, 0.0), 0);
  EXPECT_EQ(draw.binomial(10, 1.0), 10);
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
