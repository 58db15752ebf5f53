#include "sim/core/month_chances.hpp"

#include <algorithm>
#include <array>

#include "sim/core/philox_batch.hpp"
#include "sim/core/simd.hpp"

#ifdef CWB_HAS_AVX512_PATHS
#include <immintrin.h>
#endif

namespace cwb {
namespace {

// The sixteen months of a block at once: lane m of a block is 16-bit element m of its four
// little-endian words (bits 16 (m mod 4) up of word m div 4), so one unsigned 16-bit
// comparison per element gives block_months' masks.
#ifdef CWB_HAS_AVX512_PATHS
CWB_AVX512 inline BlockMonths block_months_avx512(const RandomStream::Block& high,
                                                  std::uint32_t t_high) {
  static_assert(sizeof(RandomStream::Block) == 32, "a block is sixteen 16-bit lanes");
  const __m256i lanes = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(&high[0]));
  const __m256i t = _mm256_set1_epi16(static_cast<short>(t_high));
  return {static_cast<unsigned>(_mm256_cmplt_epu16_mask(lanes, t)),
          static_cast<unsigned>(_mm256_cmpeq_epu16_mask(lanes, t))};
}
#endif

// The agents of a batch still without their month, in batch order.
constexpr std::size_t kBatch = 256;
struct Pending {
  std::array<std::uint64_t, kBatch> agent;
  std::array<std::uint32_t, kBatch> t;
  std::array<std::uint32_t, kBatch> slot;  // where its month goes in `out`
  std::array<RandomStream::Block, kBatch> high;
};

template <bool kVector>
[[gnu::always_inline]] inline void
scan_batch(const RandomStream::Philox::key_type& key, Purpose purpose, const std::uint64_t* agent,
           const double* rate, std::size_t n, int first, int months, std::int32_t never,
           std::int32_t* out, Pending& pending) {
  constexpr int kMonths = kMonthsPerChanceBlock;
  std::size_t count = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto threshold = month_threshold(rate[i]);
    out[i] = never;
    if (threshold.kind == MonthThreshold::Kind::every_month && first < months) out[i] = first;
    if (threshold.kind != MonthThreshold::Kind::below_t) continue;
    pending.agent[count] = agent[i];
    pending.t[count] = threshold.t;
    pending.slot[count] = static_cast<std::uint32_t>(i);
    ++count;
  }
  for (int block = first / kMonths; count > 0 && block * kMonths < months; ++block) {
    const std::uint64_t word1 =
        RandomStream::counter(0, static_cast<std::uint32_t>(block), purpose)[1];
    philox_first_blocks(key, word1, pending.agent.data(), count, pending.high.data());
    const unsigned counted = counted_months(block, first);
    std::size_t kept = 0;
    for (std::size_t j = 0; j < count; ++j) {
      const std::uint32_t t = pending.t[j];
      BlockMonths by_high;
#ifdef CWB_HAS_AVX512_PATHS
      if constexpr (kVector)
        by_high = block_months_avx512(pending.high[j], t >> 16);
      else
#endif
        by_high = block_months(pending.high[j], t >> 16);
      const unsigned chances =
          settle_block(by_high, counted, t, key, pending.agent[j], block, purpose);
      if (chances != 0) {
        const int month = block * kMonths + std::countr_zero(chances);
        out[pending.slot[j]] = month < months ? month : never;
        continue;
      }
      pending.agent[kept] = pending.agent[j];
      pending.t[kept] = t;
      pending.slot[kept] = pending.slot[j];
      ++kept;
    }
    count = kept;
  }
}

template <bool kVector>
[[gnu::always_inline]] inline void scan(const RandomStream::Philox::key_type& key, Purpose purpose,
                                        const std::uint64_t* agent, const double* rate,
                                        std::size_t n, int first, int months, std::int32_t never,
                                        std::int32_t* out) {
  Pending pending;
  for (std::size_t done = 0; done < n; done += kBatch)
    scan_batch<kVector>(key, purpose, agent + done, rate + done, std::min(kBatch, n - done), first,
                        months, never, out + done, pending);
}

#ifdef CWB_HAS_AVX512_PATHS
CWB_AVX512 void scan_avx512(const RandomStream::Philox::key_type& key, Purpose purpose,
                            const std::uint64_t* agent, const double* rate, std::size_t n,
                            int first, int months, std::int32_t never, std::int32_t* out) {
  scan<true>(key, purpose, agent, rate, n, first, months, never, out);
}
#endif

}  // namespace

void first_months_with_chance_plain(const RandomStream::Philox::key_type& key, Purpose purpose,
                                    const std::uint64_t* agent, const double* rate, std::size_t n,
                                    int first, int months, std::int32_t never, std::int32_t* out) {
  scan<false>(key, purpose, agent, rate, n, first, months, never, out);
}

void first_months_with_chance(const RandomStream::Philox::key_type& key, Purpose purpose,
                              const std::uint64_t* agent, const double* rate, std::size_t n,
                              int first, int months, std::int32_t never, std::int32_t* out) {
#ifdef CWB_HAS_AVX512_PATHS
  if (vector_paths()) {
    scan_avx512(key, purpose, agent, rate, n, first, months, never, out);
    return;
  }
#endif
  first_months_with_chance_plain(key, purpose, agent, rate, n, first, months, never, out);
}

}  // namespace cwb
