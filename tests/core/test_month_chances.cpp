// The bulk scan for the first month with a chance against a month-by-month check.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

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

// The batched scan (first_months_with_chance, both paths) finds each agent's month as the scan
// of one agent does: over batches of every size around the batch length, rates of every kind
// (none, below 2^-33, every month, 30%, 2%, 0.5%) mixed in one call, and rates made so that
// the month's high 16 bits equal the threshold's, with and without a chance in the low bits.
TEST(MonthChances, TheBatchedScanFindsEachAgentsMonth) {
  const RandomSource source(17, 2);
  const auto& key = source.key();
  std::uint64_t next_agent = 1000;
  int settled_low = 0;  // crafted months found by their low bits
  for (const std::size_t n : {std::size_t{1}, std::size_t{7}, std::size_t{255}, std::size_t{256},
                              std::size_t{257}, std::size_t{1000}, std::size_t{5000}}) {
    for (const int first : {0, 5, 16, 37}) {
      const int months = 120 - first / 2;
      std::vector<std::uint64_t> agents(n);
      std::vector<double> rates(n);
      std::vector<int> crafted(n, -1);  // the month made undecided by its high bits
      for (std::size_t i = 0; i < n; ++i) {
        agents[i] = next_agent++;
        const auto kind = agents[i] % 8;
        if (kind < 6) {
          constexpr double kRates[] = {0.0, 1e-12, 1.0, 0.3, 0.02, 0.005};
          rates[i] = kRates[kind];
        } else {
          // k(m) of a month ahead; t = k(m) (no chance: the low bits are equal, not below) or
          // k(m) + 1 (a chance there), from rate (t - 1/4) 2^-32.
          const int m = first + static_cast<int>(agents[i] % 50);
          const auto k = month_chance_word(key, agents[i], Purpose::separation, m);
          const double t = static_cast<double>(k) + (kind == 7 && k < 0xffffffffu ? 1.0 : 0.0);
          rates[i] = (t - 0.25) * 0x1.0p-32;
          if (kind == 7) crafted[i] = m;
        }
      }
      std::vector<std::int32_t> batched(n, 99), plain(n, 99);
      first_months_with_chance(key, Purpose::separation, agents.data(), rates.data(), n, first,
                               months, -1, batched.data());
      first_months_with_chance_plain(key, Purpose::separation, agents.data(), rates.data(), n,
                                     first, months, -1, plain.data());
      for (std::size_t i = 0; i < n; ++i) {
        const auto one = first_month_with_chance(key, agents[i], Purpose::separation, rates[i],
                                                 first, months, -1);
        ASSERT_EQ(batched[i], one) << "agent " << agents[i] << ", rate " << rates[i];
        ASSERT_EQ(plain[i], one) << "agent " << agents[i] << ", rate " << rates[i];
        settled_low += crafted[i] >= 0 && one == crafted[i];
      }
    }
  }
  EXPECT_GT(settled_low, 20) << "some months were found by their low bits";
}

// A month whose high 16 bits equal the threshold's is settled by its low bits: scanning from
// month 40 with t = k(40) + 1 finds month 40 (k(40) < t), with t = k(40) a later month or none,
// as the month-by-month draw says.
TEST(MonthChances, TheBatchedScanSettlesUndecidedMonthsByTheLowBits) {
  const RandomSource source(23, 0);
  const auto& key = source.key();
  constexpr int kMonth = 40;
  std::vector<std::uint64_t> agents;
  std::vector<double> rates;
  std::vector<int> expected;
  for (std::uint64_t agent = 0; agent < 400; ++agent) {
    const auto k = month_chance_word(key, agent, Purpose::outside_job_loss, kMonth);
    if ((k & 0xffffu) == 0xffffu) continue;  // k + 1 would carry into the high bits
    const bool chance = agent % 2 == 0;
    const double rate = (static_cast<double>(k) + (chance ? 0.75 : -0.25)) * 0x1.0p-32;
    agents.push_back(agent);
    rates.push_back(rate);
    expected.push_back(month_by_month(key, agent, Purpose::outside_job_loss, rate, kMonth, 120));
    EXPECT_EQ(expected.back() == kMonth, chance) << "agent " << agent;
  }
  std::vector<std::int32_t> months(agents.size()), plain(agents.size());
  first_months_with_chance(key, Purpose::outside_job_loss, agents.data(), rates.data(),
                           agents.size(), kMonth, 120, -1, months.data());
  first_months_with_chance_plain(key, Purpose::outside_job_loss, agents.data(), rates.data(),
                                 agents.size(), kMonth, 120, -1, plain.data());
  for (std::size_t i = 0; i < agents.size(); ++i) {
    ASSERT_EQ(months[i], expected[i]) << "agent " << agents[i];
    ASSERT_EQ(plain[i], expected[i]) << "agent " << agents[i];
  }
}

}  // namespace
}  // namespace cwb
