// An agent's uniforms month by month for one purpose, and the first month whose uniform falls
// below a monthly chance: how events with a constant monthly chance (job ends, returns from
// inactivity) are drawn once, when a spell starts, with the draws a month-by-month decision
// would use (common random numbers: the same agent in the same month has the same luck in
// every scenario, however its spell began).
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>

#include "sim/core/rng.hpp"

namespace cwb {

/// Month m's uniform of (agent, purpose) is u(m) = (k(m) + 1/2) / 2^32, k(m) a 32-bit integer:
/// its high 16 bits are lane m mod 16 of block 0 of the stream (agent, m div 16, purpose),
/// its low 16 bits the same lane of block 1 (lane j: bits 16 (j mod 4) up of word j div 4).
/// It differs from a 53-bit uniform by less than 2^-33: a chance of 1% is 1% to nine digits.
inline constexpr int kMonthsPerChanceBlock = 16;

/// Lane j (0..15) of a block: bits 16 (j mod 4) up of word j div 4.
inline std::uint32_t chance_lane(const RandomStream::Block& words, int j) {
  return static_cast<std::uint32_t>(words[static_cast<std::size_t>(j / 4)] >> (16 * (j % 4)) &
                                    0xffffu);
}

/// k(m), month by month (for checks; first_month_with_chance reads the same bits in bulk).
inline std::uint32_t month_chance_word(const RandomStream::Philox::key_type& key,
                                       std::uint64_t agent, Purpose purpose, int month) {
  auto counter = RandomStream::counter(
      agent, static_cast<std::uint32_t>(month / kMonthsPerChanceBlock), purpose);
  const int lane = month % kMonthsPerChanceBlock;
  const auto high = chance_lane(RandomStream::Philox()(counter, key), lane);
  counter[2] = 1;
  return high << 16 | chance_lane(RandomStream::Philox()(counter, key), lane);
}

/// The first month m in [first, months) with u(m) < rate, or `never` if there is none. u(m) <
/// rate is k(m) < t, t = rate 2^32 - 1/2 rounded up: an integer comparison. A month's high 16
/// bits decide it unless they equal those of t (a chance of 2^-16); only then is block 1 drawn.
/// So one Philox block covers sixteen months.
inline std::int32_t first_month_with_chance(const RandomStream::Philox::key_type& key,
                                            std::uint64_t agent, Purpose purpose, double rate,
                                            int first, int months, std::int32_t never) {
  if (!(rate > 0.0)) return never;
  const double threshold = rate * 0x1.0p32 - 0.5;
  if (threshold <= 0.0) return never;  // below 2^-33 a month: never, in effect
  if (threshold > 0xffffffff.0p0) return first < months ? first : never;  // every month
  const auto t = static_cast<std::uint32_t>(std::ceil(threshold));
  const std::uint32_t t_high = t >> 16, t_low = t & 0xffffu;
  constexpr int kMonths = kMonthsPerChanceBlock;
  const int first_block = first / kMonths;
  for (int block = first_block; block * kMonths < months; ++block) {
    auto counter = RandomStream::counter(agent, static_cast<std::uint32_t>(block), purpose);
    const auto high = RandomStream::Philox()(counter, key);
    // Which of the block's months have their chance, and which are undecided, without a branch
    // per month; in the first block only the months from `first` on count.
    unsigned chances = 0, undecided = 0;
    for (int m = 0; m < kMonths; ++m) {
      const auto k_high = chance_lane(high, m);
      chances |= static_cast<unsigned>(k_high < t_high) << m;
      undecided |= static_cast<unsigned>(k_high == t_high) << m;
    }
    const unsigned counted = block == first_block ? 0xffffu << (first - block * kMonths) : 0xffffu;
    chances &= counted;
    undecided &= counted;
    if (chances != 0) undecided &= (chances & (0u - chances)) - 1;  // only those before it
    if (undecided != 0) {
      counter[2] = 1;
      const auto low = RandomStream::Philox()(counter, key);
      for (int m = 0; m < kMonths; ++m)
        chances |= static_cast<unsigned>((undecided >> m & 1u) != 0 && chance_lane(low, m) < t_low)
                   << m;
    }
    if (chances != 0) {
      const int month = block * kMonths + std::countr_zero(chances);
      return month < months ? month : never;
    }
  }
  return never;
}

}  // namespace cwb
