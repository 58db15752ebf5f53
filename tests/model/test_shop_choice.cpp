// Households' spending at businesses: the per-business draw of takings (the default) against
// the reference in which every household draws its own shops. Same mean, same variance, every
// penny accounted for, and close draws for close spending (common random numbers).
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <vector>

#include "sim/core/rng.hpp"
#include "sim/model/shop_choice.hpp"

namespace cwb::model {
namespace {

constexpr std::size_t kZones = 3;
constexpr double kSameZoneWeight = 3.0;
constexpr int kMonths = 6000;

// 40 businesses of uneven sizes in zones 0 and 1 (zone 2 has none: its households buy from
// the area-wide table only); the largest takes about a tenth of the spending, so that the
// (1 - pi) terms of the variance matter and are tested.
ShopChoice make_shops(bool alias_tables) {
  ShopChoice shops(kZones, kSameZoneWeight, alias_tables);
  for (int b = 0; b < 40; ++b) {
    const double size = 1000.0 * (1.0 + (b * 37 % 11)) * (b % 7 == 0 ? 6.0 : 1.0);
    shops.add(b, static_cast<std::uint16_t>(b % 2), size);
  }
  shops.build();
  return shops;
}

// Households per zone and what each spends in the category (fixed: the moments are those of
// the shop draws given the spending).
std::vector<std::vector<Pence>> household_spending() {
  std::vector<std::vector<Pence>> spending(kZones);
  for (std::size_t z = 0; z < kZones; ++z)
    for (int h = 0; h < 60 + 40 * static_cast<int>(z); ++h)
      spending[z].push_back(2000 + (h * 7919 + static_cast<int>(z) * 104729) % 60000);
  return spending;
}

ZoneSpending zone_spending(const std::vector<std::vector<Pence>>& spending) {
  ZoneSpending s(kZones);
  for (std::size_t z = 0; z < kZones; ++z)
    for (Pence amount : spending[z])
      s.add(z, amount);
  return s;
}

struct Sample {
  std::vector<double> sum, sum_sq;
  explicit Sample(std::size_t n) : sum(n, 0.0), sum_sq(n, 0.0) {}
  void add(std::size_t i, double x) {
    sum[i] += x;
    sum_sq[i] += x * x;
  }
  double mean(std::size_t i) const { return sum[i] / kMonths; }
  double variance(std::size_t i) const {
    return (sum_sq[i] - sum[i] * sum[i] / kMonths) / (kMonths - 1);
  }
};

void expect_moments(const ShopChoice& shops, const ZoneSpending& s, const Sample& sample,
                    const char* what) {
  for (std::size_t i = 0; i < shops.members().size(); ++i) {
    const auto m = shops.moments(i, s);
    const double se = std::sqrt(m.variance / kMonths);
    EXPECT_NEAR(sample.mean(i), m.mean, 4.5 * se) << what << " business " << i;
    // The sample variance of 6000 months has a relative standard error of about 2%.
    EXPECT_NEAR(sample.variance(i) / m.variance, 1.0, 0.1) << what << " business " << i;
  }
}

TEST(ShopChoice, SquaredPartsAreThoseOfTheThreeNearEqualParts) {
  // The closed form against the parts themselves: every amount up to 100,000 pence, then
  // amounts of every size to 2^62 (past 2^32 the sum takes 128 bits).
  auto direct = [](Pence amount) {
    UInt128 sum = 0;
    for (int k = 0; k < model::kPartsPerCategory; ++k) {
      const auto part = static_cast<UInt128>(amount / model::kPartsPerCategory +
                                             (k < amount % model::kPartsPerCategory ? 1 : 0));
      sum += part * part;
    }
    return sum;
  };
  for (Pence amount = 0; amount <= 100000; ++amount)
    ASSERT_TRUE(model::sum_of_squared_parts(amount) == direct(amount)) << amount;
  RandomSource source(4, 0);
  for (std::uint64_t i = 0; i < 100000; ++i) {
    auto draw = source.stream(i, 0, Purpose::household_spending);
    const auto bits = static_cast<int>(draw.below(62)) + 1;
    const auto amount = static_cast<Pence>(draw.bits() >> (64 - bits));
    ASSERT_TRUE(model::sum_of_squared_parts(amount) == direct(amount)) << amount;
  }
  const Pence edge = (Pence{1} << 32) - 1;  // the largest amount the 64-bit form takes
  EXPECT_TRUE(model::sum_of_squared_parts(edge) == direct(edge));
}

TEST(ShopChoice, MomentsAreThoseOfHouseholdsDrawingTheirShops) {
  const auto shops = make_shops(true);
  const auto spending = household_spending();
  const auto s = zone_spending(spending);
  Sample sample(shops.members().size());
  RandomSource rng(7, 0);
  std::vector<double> takings(shops.members().size());
  for (int month = 0; month < kMonths; ++month) {
    std::fill(takings.begin(), takings.end(), 0.0);
    for (std::size_t z = 0; z < kZones; ++z)
      for (std::size_t h = 0; h < spending[z].size(); ++h) {
        auto draw = rng.stream(z * 1000 + h, static_cast<std::uint32_t>(month),
                               Purpose::household_spending);
        const Pence amount = spending[z][h];
        for (int k = 0; k < kPartsPerCategory; ++k) {
          const Pence part = amount / kPartsPerCategory + (k < amount % kPartsPerCategory ? 1 : 0);
          takings[shops.pick(z, draw.uniform())] += static_cast<double>(part);
        }
      }
    for (std::size_t i = 0; i < takings.size(); ++i)
      sample.add(i, takings[i]);
  }
  expect_moments(shops, s, sample, "per household");
}

TEST(ShopChoice, PerBusinessDrawsMatchTheMomentsAndLoseNoPenny) {
  const auto shops = make_shops(false);
  const auto s = zone_spending(household_spending());
  const Pence total = std::accumulate(s.spent.begin(), s.spent.end(), Pence{0});
  Sample sample(shops.members().size());
  RandomSource rng(7, 0);
  for (int month = 0; month < kMonths; ++month) {
    const auto takings = shops.draw_takings(s, [&](std::size_t i) {
      return rng.stream(i, static_cast<std::uint32_t>(month), Purpose::shop_takings).uniform();
    });
    ASSERT_EQ(std::accumulate(takings.begin(), takings.end(), Pence{0}), total);
    for (std::size_t i = 0; i < takings.size(); ++i)
      sample.add(i, static_cast<double>(takings[i]));
  }
  expect_moments(shops, s, sample, "per business");
}

TEST(ShopChoice, CloseSpendingGivesCloseTakings) {
  // A policy run moves spending a little; with the same uniforms each business's luck should
  // move little too (common random numbers), not be drawn afresh.
  const auto shops = make_shops(false);
  auto spending = household_spending();
  const auto before = zone_spending(spending);
  for (auto& amount : spending[0])
    amount += amount / 50;  // +2% in zone 0
  const auto after = zone_spending(spending);
  RandomSource rng(11, 0);
  double sum_xy = 0.0, sum_xx = 0.0, sum_yy = 0.0;
  for (int month = 0; month < 2000; ++month) {
    auto uniform = [&](std::size_t i) {
      return rng.stream(i, static_cast<std::uint32_t>(month), Purpose::shop_takings).uniform();
    };
    const auto x = shops.draw_takings(before, uniform);
    const auto y = shops.draw_takings(after, uniform);
    for (std::size_t i = 0; i < x.size(); ++i) {
      const double dx = static_cast<double>(x[i]) - shops.moments(i, before).mean;
      const double dy = static_cast<double>(y[i]) - shops.moments(i, after).mean;
      sum_xy += dx * dy;
      sum_xx += dx * dx;
      sum_yy += dy * dy;
    }
  }
  EXPECT_GT(sum_xy / std::sqrt(sum_xx * sum_yy), 0.95);
}

TEST(ShopChoice, NothingSpentNothingTaken) {
  const auto shops = make_shops(false);
  const auto takings = shops.draw_takings(ZoneSpending(kZones), [](std::size_t) { return 0.5; });
  for (Pence t : takings)
    EXPECT_EQ(t, 0);
}

}  // namespace
}  // namespace cwb::model
