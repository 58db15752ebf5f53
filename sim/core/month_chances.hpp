// An agent's uniforms month by month for one purpose, and the first month whose uniform falls
// below a monthly chance: how events with a constant monthly chance (job ends, returns from
// inactivity) are drawn once, when a spell starts, with the draws a month-by-month decision
// would use (common random numbers: the same agent in the same month has the same luck in
// every scenario, however its spell began).
#pragma once

#include <bit>
#include <cmath>
#include <cstddef>
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

/// A monthly chance as the test k(m) < t on a month's 32-bit integer (u(m) < rate exactly):
/// t = rate 2^32 - 1/2 rounded up; below 2^-33 a month the chance is none in effect, and from
/// 1 - 2^-33 up it is every month.
struct MonthThreshold {
  enum class Kind : std::uint8_t { never, every_month, below_t };
  Kind kind = Kind::never;
  std::uint32_t t = 0;
};
inline MonthThreshold month_threshold(double rate) {
  if (!(rate > 0.0)) return {};
  const double threshold = rate * 0x1.0p32 - 0.5;
  if (threshold <= 0.0) return {};
  if (threshold > 0xffffffff.0p0) return {MonthThreshold::Kind::every_month, 0};
  return {MonthThreshold::Kind::below_t, static_cast<std::uint32_t>(std::ceil(threshold))};
}

/// The sixteen months of a block (bit m for month 16 block + m) by their high 16 bits against
/// t's: those below have their chance, those equal are undecided (the low bits decide).
struct BlockMonths {
  unsigned chances = 0, undecided = 0;
};
inline BlockMonths block_months(const RandomStream::Block& high, std::uint32_t t_high) {
  BlockMonths months;  // without a branch per month
  for (int m = 0; m < kMonthsPerChanceBlock; ++m) {
    const auto k_high = chance_lane(high, m);
    months.chances |= static_cast<unsigned>(k_high < t_high) << m;
    months.undecided |= static_cast<unsigned>(k_high == t_high) << m;
  }
  return months;
}

/// The months of `counted` with their chance in block `block` of (agent, purpose), from its
/// months by their high bits: the low bits (block 1 of the stream) are drawn only when a month
/// before the first sure chance is undecided (a chance of 2^-16 a month).
inline unsigned settle_block(BlockMonths months, unsigned counted, std::uint32_t t,
                             const RandomStream::Philox::key_type& key, std::uint64_t agent,
                             int block, Purpose purpose) {
  unsigned chances = months.chances & counted;
  unsigned undecided = months.undecided & counted;
  if (chances != 0) undecided &= (chances & (0u - chances)) - 1;  // only those before it
  if (undecided != 0) {
    auto counter = RandomStream::counter(agent, static_cast<std::uint32_t>(block), purpose);
    counter[2] = 1;
    const auto low = RandomStream::Philox()(counter, key);
    const std::uint32_t t_low = t & 0xffffu;
    for (int m = 0; m < kMonthsPerChanceBlock; ++m)
      chances |= static_cast<unsigned>((undecided >> m & 1u) != 0 && chance_lane(low, m) < t_low)
                 << m;
  }
  return chances;
}

/// The months of block `block` that count for a scan from month `first` (in the first block,
/// only those from `first` on).
inline unsigned counted_months(int block, int first) {
  const int skipped = first - block * kMonthsPerChanceBlock;
  return skipped > 0 ? 0xffffu << skipped & 0xffffu : 0xffffu;
}

/// The first month m in [first, months) with u(m) < rate, or `never` if there is none: an
/// integer comparison, k(m) < t (month_threshold). A month's high 16 bits decide it unless
/// they equal those of t (a chance of 2^-16); only then is block 1 drawn. So one Philox block
/// covers sixteen months.
inline std::int32_t first_month_with_chance(const RandomStream::Philox::key_type& key,
                                            std::uint64_t agent, Purpose purpose, double rate,
                                            int first, int months, std::int32_t never) {
  const auto threshold = month_threshold(rate);
  if (threshold.kind == MonthThreshold::Kind::never) return never;
  if (threshold.kind == MonthThreshold::Kind::every_month) return first < months ? first : never;
  constexpr int kMonths = kMonthsPerChanceBlock;
  for (int block = first / kMonths; block * kMonths < months; ++block) {
    auto counter = RandomStream::counter(agent, static_cast<std::uint32_t>(block), purpose);
    const auto high = RandomStream::Philox()(counter, key);
    const unsigned chances =
        settle_block(block_months(high, threshold.t >> 16), counted_months(block, first),
                     threshold.t, key, agent, block, purpose);
    if (chances != 0) {
      const int month = block * kMonths + std::countr_zero(chances);
      return month < months ? month : never;
    }
  }
  return never;
}

/// out[i] = first_month_with_chance(key, agent[i], purpose, rate[i], first, months, never) for
/// i < n, the agents scanned together: block by block, the Philox blocks of those still
/// without their month computed in batches (philox_first_blocks) and, with the vector paths,
/// the sixteen months of a block compared at once.
void first_months_with_chance(const RandomStream::Philox::key_type& key, Purpose purpose,
                              const std::uint64_t* agent, const double* rate, std::size_t n,
                              int first, int months, std::int32_t never, std::int32_t* out);
/// The same on the plain path (for the tests).
void first_months_with_chance_plain(const RandomStream::Philox::key_type& key, Purpose purpose,
                                    const std::uint64_t* agent, const double* rate, std::size_t n,
                                    int first, int months, std::int32_t never, std::int32_t* out);

}  // namespace cwb
