// The households phase's kernels: incomes and consumption (the first pass), spending by
// category (the third). Each AVX-512 path gives the same pence as its plain path, and the plain
// paths follow the rules row by row, leaving the rows of households that left untouched.
#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "sim/core/rng.hpp"
#include "sim/core/simd.hpp"
#include "sim/model/household_kernels.hpp"
#include "sim/model/shop_choice.hpp"
#include "sim/model/tax_benefit.hpp"

namespace cwb::model {
namespace {

// Household columns drawn at random over wide ranges: no income and high wages, debts and
// large savings, large families, claimants and not, one row in eight of a household that left.
struct Columns {
  std::vector<std::uint8_t> alive, claims, adults, children;
  std::vector<Pence> gross_wages, taxes, other_income, savings, benefits, net_income, consumption;

  explicit Columns(std::size_t n, std::uint64_t seed) {
    std::mt19937_64 gen(seed);
    auto below = [&](std::uint64_t k) { return static_cast<std::int64_t>(gen() % k); };
    for (std::size_t h = 0; h < n; ++h) {
      alive.push_back(below(8) != 0);
      claims.push_back(below(3) != 0);
      adults.push_back(static_cast<std::uint8_t>(below(5)));
      children.push_back(static_cast<std::uint8_t>(below(7)));
      const Pence wages = below(4) == 0 ? 0 : below(2000000);
      gross_wages.push_back(wages);
      taxes.push_back(wages / (2 + below(10)));
      other_income.push_back(below(5) == 0 ? below(10000000) : below(30000));
      savings.push_back(below(10) == 0 ? -below(500000) : below(100000000));
      benefits.push_back(-1);  // markers: a row left out keeps them
      net_income.push_back(-2);
      consumption.push_back(-3);
    }
  }
  IncomeRows rows(std::size_t first) {
    return {alive.data() + first,        claims.data() + first,      adults.data() + first,
            children.data() + first,     gross_wages.data() + first, taxes.data() + first,
            other_income.data() + first, savings.data() + first,     benefits.data() + first,
            net_income.data() + first,   consumption.data() + first};
  }
};

TEST(HouseholdIncomes, FollowTheRulesRowByRow) {
  const scenario::TaxBenefitParams tb;
  const scenario::HouseholdParams hp;
  Columns c(5000, 1);
  const auto before = c.savings;
  const auto totals = household_incomes(c.rows(0), c.alive.size(), 1, tb, hp);
  Pence taxes = 0, benefits = 0;
  for (std::size_t h = 0; h < c.alive.size(); ++h) {
    if (!c.alive[h]) {
      EXPECT_EQ(c.benefits[h], -1);
      EXPECT_EQ(c.savings[h], before[h]);
      continue;
    }
    const Pence award =
        c.claims[h] * benefit_award(c.adults[h], c.children[h], c.gross_wages[h] - c.taxes[h], tb);
    const Pence income = c.gross_wages[h] - c.taxes[h] + award + c.other_income[h];
    ASSERT_EQ(c.benefits[h], award) << "row " << h;
    ASSERT_EQ(c.net_income[h], income) << "row " << h;
    ASSERT_EQ(c.consumption[h], consumption(before[h] - c.taxes[h] + award - income, income, hp));
    ASSERT_EQ(c.savings[h], before[h] - c.taxes[h] + award - c.consumption[h]) << "row " << h;
    taxes += c.taxes[h];
    benefits += award;
  }
  EXPECT_EQ(totals.taxes, taxes);
  EXPECT_EQ(totals.benefits, benefits);
}

TEST(HouseholdIncomes, VectorPathGivesThePlainPathsPence) {
  if (!vector_paths()) GTEST_SKIP() << "no AVX-512 on this processor (or CWB_SIMD=0)";
  scenario::TaxBenefitParams tb;
  scenario::HouseholdParams hp;
  for (const Pence benefits_on : {0, 1})
    for (const std::uint64_t seed : {2, 3, 4}) {
      hp.savings_drawdown_rate = 0.01 * static_cast<double>(seed);
      tb.taper_rate = 0.5 + 0.05 * static_cast<double>(seed);
      Columns vector_path(3001, seed), plain(3001, seed);
      // Runs of every length around the vector width, from offsets that are not aligned.
      std::size_t first = 0;
      for (std::size_t n = 0; first + n <= vector_path.alive.size(); first += n, ++n) {
        const auto a = household_incomes(vector_path.rows(first), n, benefits_on, tb, hp);
        const auto b = household_incomes_plain(plain.rows(first), n, benefits_on, tb, hp);
        ASSERT_EQ(a.taxes, b.taxes) << "rows " << first << " + " << n;
        ASSERT_EQ(a.benefits, b.benefits) << "rows " << first << " + " << n;
      }
      EXPECT_EQ(vector_path.savings, plain.savings);
      EXPECT_EQ(vector_path.benefits, plain.benefits);
      EXPECT_EQ(vector_path.net_income, plain.net_income);
      EXPECT_EQ(vector_path.consumption, plain.consumption);
    }
}

// Consumption from nothing to GBP 100,000 a month, local rent already in local spend, one row
// in eight of a household that left; with `huge`, one row in 50 spends GBP 1 billion (its
// amounts pass 2^32 pence, where the vector path sums the squares the plain way).
struct SpendingColumns {
  std::vector<std::uint8_t> alive;
  std::vector<Pence> consumption, local_spend;
  SpendingColumns(std::size_t n, std::uint64_t seed, bool huge) {
    std::mt19937_64 gen(seed);
    for (std::size_t h = 0; h < n; ++h) {
      alive.push_back(gen() % 8 != 0);
      const Pence spend =
          huge && gen() % 50 == 0 ? 100000000000 : static_cast<Pence>(gen() % 10000001);
      consumption.push_back(spend);
      local_spend.push_back(static_cast<Pence>(gen() % 100000));
    }
  }
};

TEST(HouseholdSpending, SharesOfConsumptionByCategory) {
  const std::array<double, kShopCategories> shares = {0.15, 0.0, 0.2};  // no social enterprise
  SpendingColumns c(4000, 6, true);
  const auto before = c.local_spend;
  const auto total = category_spending_plain(c.alive.data(), c.consumption.data(),
                                             c.local_spend.data(), c.alive.size(), shares);
  CategorySpending expected;
  for (std::size_t h = 0; h < c.alive.size(); ++h) {
    if (!c.alive[h]) {
      EXPECT_EQ(c.local_spend[h], before[h]);
      continue;
    }
    Pence local = before[h];
    for (int k = 0; k < kShopCategories; ++k) {
      const Pence amount = share_of(c.consumption[h], shares[k]);
      expected.spent[k] += amount;
      // The parts' squares, one by one.
      for (int part = 0; part < kPartsPerCategory; ++part) {
        const Pence p = amount / kPartsPerCategory + (part < amount % kPartsPerCategory ? 1 : 0);
        expected.squared[k] += static_cast<UInt128>(p) * static_cast<UInt128>(p);
      }
      local += amount;
    }
    ASSERT_EQ(c.local_spend[h], local) << "row " << h;
    expected.outside += c.consumption[h] - local;
  }
  EXPECT_EQ(total.spent, expected.spent);
  EXPECT_EQ(total.outside, expected.outside);
  for (int k = 0; k < kShopCategories; ++k)
    EXPECT_TRUE(total.squared[k] == expected.squared[k]) << "category " << k;
  EXPECT_EQ(total.spent[1], 0);
}

TEST(HouseholdSpending, VectorPathGivesThePlainPathsPence) {
  if (!vector_paths()) GTEST_SKIP() << "no AVX-512 on this processor (or CWB_SIMD=0)";
  const std::array<double, kShopCategories> shares = {0.15, 0.01, 0.2};
  for (const bool huge : {false, true})
    for (const std::uint64_t seed : {7, 8}) {
      SpendingColumns vector_path(3001, seed, huge), plain(3001, seed, huge);
      std::size_t first = 0;
      for (std::size_t n = 0; first + n <= plain.alive.size(); first += n, ++n) {
        const auto a = category_spending(vector_path.alive.data() + first,
                                         vector_path.consumption.data() + first,
                                         vector_path.local_spend.data() + first, n, shares);
        const auto b =
            category_spending_plain(plain.alive.data() + first, plain.consumption.data() + first,
                                    plain.local_spend.data() + first, n, shares);
        ASSERT_EQ(a.spent, b.spent) << "rows " << first << " + " << n;
        ASSERT_EQ(a.outside, b.outside) << "rows " << first << " + " << n;
        for (int k = 0; k < kShopCategories; ++k)
          ASSERT_TRUE(a.squared[k] == b.squared[k]) << "rows " << first << " + " << n;
      }
      EXPECT_EQ(vector_path.local_spend, plain.local_spend);
    }
}

TEST(MoveOut, TheEscalatorRisesWithIncomeAboveTheMedian) {
  const MoveOutRule rule{0.01, 0.5, 24000.0};
  // A single adult: equivalised annual income = 12 x monthly net income.
  EXPECT_EQ(rule.chance(1, 0, pounds(1000)), 0.01);          // below the median: the base rate
  EXPECT_EQ(rule.chance(1, 0, pounds(2000)), 0.01);          // at it
  EXPECT_DOUBLE_EQ(rule.chance(1, 0, pounds(4000)), 0.015);  // twice it: half as much again
  // A couple with two children (scale 2.1) on the same income is below the median.
  EXPECT_EQ(rule.chance(2, 2, pounds(4000)), 0.01);
  EXPECT_EQ((MoveOutRule{0.6, 10.0, 1000.0}.chance(1, 0, pounds(1000000))), 1.0);  // at most 1
  EXPECT_EQ((MoveOutRule{0.01, 0.5, 0.0}.chance(1, 0, pounds(1000000))), 0.01);    // no median yet
}

TEST(MoveOut, VectorPathDecidesAsThePlainPath) {
  const RandomSource source(20170101, 1);
  constexpr std::size_t kRows = 2000;
  std::mt19937_64 gen(9);
  std::vector<std::uint8_t> alive(kRows), adults(kRows), children(kRows);
  std::vector<Pence> net(kRows);
  std::vector<std::uint64_t> ids(kRows);
  for (std::size_t h = 0; h < kRows; ++h) {
    alive[h] = gen() % 10 != 0;
    adults[h] = static_cast<std::uint8_t>(gen() % 4);
    children[h] = static_cast<std::uint8_t>(gen() % 4);
    net[h] = static_cast<Pence>(gen() % 500000) - 10000;  // up to GBP 4,900 a month
    ids[h] = gen();
  }
  std::vector<RandomStream::Block> first(kRows);
  source.first_blocks(
      kRows, [&](std::size_t i) { return ids[i]; }, 5, Purpose::move_out, first.data());
  // A steep escalator, so that many households move and many stay.
  const MoveOutRule rule{0.05, 3.0, 15000.0};
  std::vector<std::uint8_t> moving(kRows), moving_plain(kRows);
  std::vector<std::uint64_t> draw(kRows), draw_plain(kRows);
  move_out_decisions(rule, alive.data(), adults.data(), children.data(), net.data(), first.data(),
                     kRows, moving.data(), draw.data());
  move_out_decisions_plain(rule, alive.data(), adults.data(), children.data(), net.data(),
                           first.data(), kRows, moving_plain.data(), draw_plain.data());
  EXPECT_EQ(moving, moving_plain);
  EXPECT_EQ(draw, draw_plain);
  std::size_t moves = 0;
  for (std::size_t h = 0; h < kRows; ++h) {
    const bool expected = alive[h] != 0 && RandomStream::uniform_of(first[h][0]) <
                                               rule.chance(adults[h], children[h], net[h]);
    ASSERT_EQ(moving_plain[h] != 0, expected) << "row " << h;
    ASSERT_EQ(draw_plain[h], first[h][1]);
    moves += expected;
  }
  EXPECT_GT(moves, kRows / 20);
  EXPECT_LT(moves, kRows / 2);
}

TEST(IncomeList, EquivalisedIncomesWithTheLeftOutAtMinusInfinity) {
  constexpr std::size_t kRows = 3001;
  std::mt19937_64 gen(13);
  std::vector<std::uint8_t> alive(kRows), adults(kRows), children(kRows);
  std::vector<Pence> net(kRows), consumption(kRows), local(kRows);
  for (std::size_t h = 0; h < kRows; ++h) {
    alive[h] = gen() % 9 != 0;
    adults[h] = static_cast<std::uint8_t>(gen() % 4);  // a quarter without adults: left out
    children[h] = static_cast<std::uint8_t>(gen() % 5);
    net[h] = static_cast<Pence>(gen() % 800000) - 50000;
    consumption[h] = static_cast<Pence>(gen() % 400000);
    local[h] = static_cast<Pence>(gen() % 100000);
  }
  std::vector<accounting::RankedValue> list(kRows), plain(kRows);
  ListedSpending total, plain_total;
  std::size_t first = 0;
  for (std::size_t n = 0; first + n <= kRows; first += n, ++n) {  // runs of every length
    const auto zone = static_cast<std::uint16_t>(n % 7);
    const auto a = income_list(alive.data() + first, adults.data() + first, children.data() + first,
                               net.data() + first, consumption.data() + first, local.data() + first,
                               n, static_cast<std::uint32_t>(first), zone, list.data() + first);
    const auto b =
        income_list_plain(alive.data() + first, adults.data() + first, children.data() + first,
                          net.data() + first, consumption.data() + first, local.data() + first, n,
                          static_cast<std::uint32_t>(first), zone, plain.data() + first);
    total.consumption += a.consumption;
    total.local_spend += a.local_spend;
    plain_total.consumption += b.consumption;
    plain_total.local_spend += b.local_spend;
    for (std::size_t i = first; i < first + n; ++i) {
      const bool included = alive[i] != 0 && adults[i] > 0;
      const double expected = included ? equivalised_annual_income(adults[i], children[i], net[i])
                                       : -std::numeric_limits<double>::infinity();
      for (const auto* v : {&list[i], &plain[i]}) {
        ASSERT_EQ(std::bit_cast<std::uint64_t>(v->value), std::bit_cast<std::uint64_t>(expected))
            << "row " << i;
        ASSERT_EQ(v->key, i);
        ASSERT_EQ(v->weight, adults[i] + children[i]);
        ASSERT_EQ(v->group, zone);
      }
    }
  }
  Pence spend = 0, local_spend = 0;
  for (std::size_t h = 0; h < first; ++h)
    if (alive[h] != 0 && adults[h] > 0) {
      spend += consumption[h];
      local_spend += local[h];
    }
  EXPECT_EQ(total.consumption, spend);
  EXPECT_EQ(total.local_spend, local_spend);
  EXPECT_EQ(plain_total.consumption, spend);
  EXPECT_EQ(plain_total.local_spend, local_spend);
}

}  // namespace
}  // namespace cwb::model
