// Counter-based random streams (Random123 Philox4x64): a draw is a pure function of
// (seed, replicate, agent id, month, purpose, draw index): no generator state is shared.
#pragma once

#include <Random123/philox.h>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "sim/core/money.hpp"
#include "sim/core/philox_batch.hpp"

namespace cwb {

/// Why a draw is made. The numeric values are part of the results: changing one changes every
/// run, so new purposes are appended, never inserted (see CHANGELOG.md).
enum class Purpose : std::uint16_t {
  population_zone_household = 1,
  population_person_traits = 2,
  population_firms = 3,
  separation = 10,
  job_search = 11,
  outside_job_loss = 12,
  // 13 and 15 (an unemployed person's outside job finding and withdrawal) are retired: words 1
  // and 2 of their job_search block serve.
  inactive_to_unemployed = 14,
  matching_order = 16,
  firm_entry = 20,
  firm_traits = 21,
  firm_closure = 22,
  layoff = 23,
  household_spending = 30,
  supplier_choice = 31,
  shop_takings = 32,
  move_out = 40,
  move_in = 41,
  newcomer_traits = 42,
  ageing = 43,
  ownership_transfer = 44,
  programme = 50,  // programmes add their own purposes from here on
};

/// One stream of draws for one (agent, month, purpose). Cheap to create: four 64-bit words
/// of key and counter. Successive calls advance the draw index.
class RandomStream {
 public:
  using Philox = r123::Philox4x64;
  using Block = Philox::ctr_type;

  RandomStream(Philox::key_type key, std::uint64_t agent_id, std::uint32_t month, Purpose purpose)
      : key_(key) {
    counter_ = counter(agent_id, month, purpose);
  }
  /// The same stream, its first block of draws already computed (RandomSource::first_blocks).
  RandomStream(Philox::key_type key, std::uint64_t agent_id, std::uint32_t month, Purpose purpose,
               const Block& first)
      : RandomStream(key, agent_id, month, purpose) {
    block_ = first;
    counter_[2] = 1;
    next_ = 0;
  }

  /// The counter of a stream's first block: (agent, month and purpose, draw block 0, 0).
  static Block counter(std::uint64_t agent_id, std::uint32_t month, Purpose purpose) {
    Block c{};
    c[0] = agent_id;
    c[1] = (static_cast<std::uint64_t>(month) << 16) | static_cast<std::uint16_t>(purpose);
    return c;
  }

  /// Word k (0..3) of the stream's first block, whatever has been drawn.
  std::uint64_t block_word(std::size_t k) const { return Philox()(counter_first(), key_)[k]; }
  /// 64 uniformly random bits.
  std::uint64_t bits() {
    if (next_ == 4) refill();
    return block_[next_++];
  }

  /// Uniform on the open interval (0, 1), 53 bits of precision.
  double uniform() { return uniform_of(bits()); }
  /// The uniform that 64 random bits make (what uniform() does with the next draw's bits).
  static double uniform_of(std::uint64_t bits) {
    return (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53;
  }
  /// The integer in [0, n) that 64 random bits make (what below(n) does with them).
  static std::uint64_t below_of(std::uint64_t bits, std::uint64_t n) {
    return static_cast<std::uint64_t>((static_cast<UInt128>(bits) * n) >> 64);
  }

  bool bernoulli(double p) { return uniform() < p; }

  /// Uniform integer in [0, n), n > 0 (Lemire's multiply-shift; bias below 2^-64 * n).
  std::uint64_t below(std::uint64_t n) { return below_of(bits(), n); }

  /// Standard normal by Box-Muller (two uniforms per draw, second value discarded so that a
  /// draw's position in the stream never depends on earlier calls' parity).
  double normal() {
    const double u1 = uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

  double normal(double mean, double sd) { return mean + sd * normal(); }

  /// Poisson(lambda): inversion below 30, rounded normal approximation above.
  std::int64_t poisson(double lambda);

  /// Binomial(n, p), exactly: the trials in parts of at most 64 / p (so that no part's chance
  /// of no success underflows), each part's count by inversion from zero with one uniform
  /// (about n p + 1 steps); p above one half as n minus the failures. One or a few uniforms
  /// where n Bernoulli trials take n.
  std::int64_t binomial(std::int64_t n, double p);

  /// Index drawn from non-negative cumulative weights (cumulative.back() > 0).
  template <class Range> std::size_t pick_cumulative(const Range& cumulative) {
    const double target = uniform() * static_cast<double>(cumulative.back());
    std::size_t lo = 0, hi = cumulative.size() - 1;
    while (lo < hi) {
      const std::size_t mid = (lo + hi) / 2;
      if (static_cast<double>(cumulative[mid]) > target)
        hi = mid;
      else
        lo = mid + 1;
    }
    return lo;
  }

 private:
  Block counter_first() const {
    Block c = counter_;
    c[2] = 0;
    return c;
  }
  void refill() {
    block_ = Philox()(counter_, key_);
    counter_[2] += 1;
    next_ = 0;
  }

  Philox::key_type key_;
  Philox::ctr_type counter_{};
  Philox::ctr_type block_{};
  int next_ = 4;
};

/// The random source of one run: key = (seed, replicate). Scenario and thread never enter the
/// key, so a policy run and its baseline draw the same numbers for the same decisions (common
/// random numbers).
class RandomSource {
 public:
  RandomSource(std::uint64_t seed, std::uint64_t replicate) {
    key_[0] = seed;
    key_[1] = replicate;
  }
  RandomStream stream(std::uint64_t agent_id, std::uint32_t month, Purpose purpose) const {
    return RandomStream(key_, agent_id, month, purpose);
  }
  /// The stream of (agent, month, purpose) whose first block `first` was computed by
  /// first_blocks: the same draws as stream(agent, month, purpose).
  RandomStream stream(std::uint64_t agent_id, std::uint32_t month, Purpose purpose,
                      const RandomStream::Block& first) const {
    return RandomStream(key_, agent_id, month, purpose, first);
  }
  /// first[i] = the first block of draws of the stream (agent(i), month, purpose), i < n.
  /// Computed together (philox_first_blocks: eight at a time in AVX-512 registers where the
  /// processor has them, the same bits either way), in a loop of their own: for loops that
  /// draw for many agents, the blocks first, then the decisions.
  template <class Agent>
  void first_blocks(std::size_t n, Agent&& agent, std::uint32_t month, Purpose purpose,
                    RandomStream::Block* first) const {
    constexpr std::size_t kAgents = 64;
    std::array<std::uint64_t, kAgents> agents;
    const std::uint64_t word1 = RandomStream::counter(0, month, purpose)[1];
    for (std::size_t done = 0; done < n; done += kAgents) {
      const std::size_t count = n - done < kAgents ? n - done : kAgents;
      for (std::size_t i = 0; i < count; ++i)
        agents[i] = agent(done + i);
      philox_first_blocks(key_, word1, agents.data(), count, first + done);
    }
  }
  std::uint64_t seed() const { return key_[0]; }
  /// The Philox key (seed, replicate), for computing a stream's blocks directly.
  const RandomStream::Philox::key_type& key() const { return key_; }
  std::uint64_t replicate() const { return key_[1]; }

 private:
  RandomStream::Philox::key_type key_{};
};

inline std::int64_t RandomStream::binomial(std::int64_t n, double p) {
  if (n <= 0 || !(p > 0.0)) return 0;
  if (p >= 1.0) return n;
  if (p > 0.5) return n - binomial(n, 1.0 - p);
  const double q = 1.0 - p, odds = p / q;
  const auto part = static_cast<std::int64_t>(std::min(64.0 / p, 9.0e15));
  std::int64_t successes = 0;
  for (std::int64_t left = n; left > 0;) {
    const std::int64_t m = std::min(left, part);
    left -= m;
    // q^m by squaring: exact to a few ulps, and the same on every machine.
    double none = 1.0, factor = q;
    for (auto e = static_cast<std::uint64_t>(m); e != 0; e >>= 1) {
      if (e & 1) none *= factor;
      factor *= factor;
    }
    const double u = uniform();
    double pk = none, cumulative = none;
    std::int64_t k = 0;
    while (u > cumulative && k < m) {
      pk *= static_cast<double>(m - k) / static_cast<double>(k + 1) * odds;
      ++k;
      cumulative += pk;
    }
    successes += k;
  }
  return successes;
}

inline std::int64_t RandomStream::poisson(double lambda) {
  if (lambda <= 0.0) return 0;
  if (lambda >= 30.0) {
    const double x = std::round(normal(lambda, std::sqrt(lambda)));
    return x < 0 ? 0 : static_cast<std::int64_t>(x);
  }
  const double u = uniform();
  double p = std::exp(-lambda), cumulative = p;
  std::int64_t k = 0;
  while (u > cumulative && k < 1000) {
    ++k;
    p *= lambda / static_cast<double>(k);
    cumulative += p;
  }
  return k;
}

}  // namespace cwb
