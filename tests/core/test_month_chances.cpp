// The bulk scan for the first month with a chance against a month-by-month check.
#include <gtest/gtest.h>

#include <cstdint>

#include "sim/core/month_chances.hpp"

namespace cwb {
namespace {

// The month-by-month decision: the first month m from `first` with k(m) < t.
std::int32_t month_by_month(const RandomStream::Philox::key_type& key, std::uint64_t agent,
                            Purpose purpose, double rate, int first, int months) {
  const double threshold = rate * 0x1.0p32 - 0.5;
  for (int m = first; m < months; ++m)
    if (static_cast<double>(month_chance_word(key, agent, purpose, m)) < threshold) return m;
  return -1;
}

TEST(MonthChances, TheScanFindsTheMonthAMonthByMonthDrawWould) {
  // Rates whose threshold's high 16 bits many months share now and then (a month is undecided
  // by its high bits with chance 2^-16: 200,000 spells of up to 120 months meet it hundreds of
  // times), spells starting at every offset within a block, runs ending mid-block.
  const RandomSource source(11, 3);
  int undecided_seen = 0, events = 0;
  for (std::uint64_t agent = 0; agent < 200000; ++agent) {
    const double rate = agent % 3 == 0 ? 0.02 : agent % 3 == 1 ? 0.005 : 0.3;
    const int first = static_cast<int>(agent % 37);
    const int months = 60 + static_cast<int>(agent % 61);
    const auto fast =
        first_month_with_chance(source.key(), agent, Purpose::separation, rate, first, months, -1);
    const auto slow = month_by_month(source.key(), agent, Purpose::separation, rate, first, months);
    ASSERT_EQ(fast, slow) << "agent " << agent << ", rate " << rate << ", from " << first;
    events += fast >= 0;
    const auto t_high = static_cast<std::uint32_t>(std::ceil(rate * 0x1.0p32 - 0.5)) >> 16;
    for (int m = first; m < (fast >= 0 ? fast + 1 : months); ++m)
      undecided_seen +=
          (month_chance_word(source.key(), agent, Purpose::separation, m) >> 16) == t_high;
  }
  EXPECT_GT(undecided_seen, 50) << "the low bits were needed often enough to be checked";
  EXPECT_GT(events, 100000);
}

TEST(MonthChances, EdgeRatesAndMonthsPastTheRun) {
  const RandomSource source(1, 0);
  const auto& key = source.key();
  EXPECT_EQ(first_month_with_chance(key, 7, Purpose::separation, 0.0, 0, 120, -1), -1);
  EXPECT_EQ(first_month_with_chance(key, 7, Purpose::separation, 1e-12, 0, 120, -1), -1);
  EXPECT_EQ(first_month_with_chance(key, 7, Purpose::separation, 1.0, 5, 120, -1), 5);
  EXPECT_EQ(first_month_with_chance(key, 7, Purpose::separation, 1.0, 120, 120, -1), -1);
  // Nothing at or after the run's end is reported, however the blocks fall.
  for (std::uint64_t agent = 0; agent < 1000; ++agent) {
    const auto m = first_month_with_chance(key, agent, Purpose::separation, 0.05, 3, 21, -1);
    EXPECT_TRUE(m == -1 || (m >= 3 && m < 21)) << m;
  }
}

// A month's uniform does not depend on when the scan starts: a spell that starts later finds
// the same month if that month is after its start (common random numbers across scenarios).
TEST(MonthChances, LaterStartsFindTheSameMonthWhenItIsStillAhead) {
  const RandomSource source(5, 0);
  for (std::uint64_t agent = 0; agent < 5000; ++agent) {
    const auto from0 =
        first_month_with_chance(source.key(), agent, Purpose::outside_job_loss, 0.03, 0, 120, -1);
    if (from0 < 1) continue;
    for (int start = 1; start <= from0; start += 7)
      ASSERT_EQ(first_month_with_chance(source.key(), agent, Purpose::outside_job_loss, 0.03, start,
                                        120, -1),
                from0);
  }
}

}  // namespace
}  // namespace cwb
