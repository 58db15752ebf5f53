#include "sim/core/philox_batch.hpp"

#include <algorithm>
#include <array>

#include "sim/core/money.hpp"
#include "sim/core/simd.hpp"

#ifdef CWB_HAS_AVX512_PATHS
#include <immintrin.h>
#endif

namespace cwb {

static_assert(sizeof(PhiloxBlock) == 4 * sizeof(std::uint64_t), "a block is four words");

void philox_first_blocks_scalar(const PhiloxKey& key, std::uint64_t word1,
                                const std::uint64_t* agent, std::size_t n, PhiloxBlock* out) {
  for (std::size_t i = 0; i < n; ++i) {
    PhiloxBlock counter{};
    counter[0] = agent[i];
    counter[1] = word1;
    out[i] = r123::Philox4x64()(counter, key);
  }
}

#ifdef CWB_HAS_AVX512_PATHS
// GCC 12 warns that _mm512_undefined_epi32, inside the shift and multiply intrinsics, reads
// itself uninitialised, or may (GCC bug 105593, fixed in 13): deliberate there, not ours.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
namespace {

// Random123's constants (philox.h): the round multipliers and the Weyl key increments.
constexpr std::uint64_t kM0 = PHILOX_M4x64_0, kM1 = PHILOX_M4x64_1;
constexpr std::uint64_t kW0 = PHILOX_W64_0, kW1 = PHILOX_W64_1;
constexpr int kRounds = 10;  // Philox4x64's default, as r123::Philox4x64
static_assert(r123::Philox4x64::rounds == kRounds);

struct Product {
  __m512i hi, lo;
};

// The 128-bit products a x m of eight 64-bit lanes by a constant, from four 32 x 32 -> 64-bit
// products (AVX-512 has no 64 x 64 -> 128): with a = a1 2^32 + a0 and m = m1 2^32 + m0,
// t = a1 m0 + (a0 m0 >> 32) and w = (t mod 2^32) + a0 m1 stay below 2^64, and
// a m = (a1 m1 + (t >> 32) + (w >> 32)) 2^64 + (w mod 2^32) 2^32 + (a0 m0 mod 2^32).
CWB_AVX512 inline Product mulhilo(__m512i a, __m512i m_low, __m512i m_high) {
  const __m512i low32 = _mm512_set1_epi64(0xffffffff);
  const __m512i a_high = _mm512_srli_epi64(a, 32);
  const __m512i p00 = _mm512_mul_epu32(a, m_low);
  const __m512i p01 = _mm512_mul_epu32(a, m_high);
  const __m512i p10 = _mm512_mul_epu32(a_high, m_low);
  const __m512i p11 = _mm512_mul_epu32(a_high, m_high);
  const __m512i t = _mm512_add_epi64(p10, _mm512_srli_epi64(p00, 32));
  const __m512i w = _mm512_add_epi64(_mm512_and_si512(t, low32), p01);
  const __m512i hi =
      _mm512_add_epi64(_mm512_add_epi64(p11, _mm512_srli_epi64(t, 32)), _mm512_srli_epi64(w, 32));
  const __m512i lo = _mm512_or_si512(_mm512_slli_epi64(w, 32), _mm512_and_si512(p00, low32));
  return {hi, lo};
}

CWB_AVX512 inline __m512i broadcast(std::uint64_t v) {
  return _mm512_set1_epi64(static_cast<long long>(v));
}

struct Scalar128 {
  std::uint64_t hi, lo;
};
inline Scalar128 mulhilo_scalar(std::uint64_t a, std::uint64_t m) {
  const UInt128 p = static_cast<UInt128>(a) * m;
  return {static_cast<std::uint64_t>(p >> 64), static_cast<std::uint64_t>(p)};
}

// kLanes x kGroups counters at once: kGroups independent chains of vectors, so that the
// processor works on one while another waits on its multiplications.
constexpr int kLanes = 8;
constexpr int kGroups = 4;
constexpr std::size_t kPerCall = kLanes * kGroups;

// A Philox4x64 round maps (x0, x1, x2, x3) under key (k0, k1) to
// (hi(M1 x2) ^ x1 ^ k0, lo(M1 x2), hi(M0 x0) ^ x3 ^ k1, lo(M0 x0)); the key then grows by
// (W0, W1). The counters here are (agent, word1, 0, 0): in the first round x2 = x3 = 0, so
// its second product is zero, and the second round's x0 is the same for every agent, so its
// first product is a constant.
CWB_AVX512 void blocks_avx512(const PhiloxKey& key, std::uint64_t word1, const std::uint64_t* agent,
                              PhiloxBlock* out) {
  const __m512i m0_low = _mm512_set1_epi64(static_cast<long long>(kM0 & 0xffffffff));
  const __m512i m0_high = _mm512_set1_epi64(static_cast<long long>(kM0 >> 32));
  const __m512i m1_low = _mm512_set1_epi64(static_cast<long long>(kM1 & 0xffffffff));
  const __m512i m1_high = _mm512_set1_epi64(static_cast<long long>(kM1 >> 32));
  std::uint64_t k0 = key[0], k1 = key[1];
  __m512i x0[kGroups], x1[kGroups], x2[kGroups], x3[kGroups];
  // Round 1: (word1 ^ k0, 0, hi(M0 a) ^ k1, lo(M0 a)).
  const std::uint64_t first_x0 = word1 ^ k0;
  for (int g = 0; g < kGroups; ++g) {
    const auto p0 = mulhilo(_mm512_loadu_si512(agent + kLanes * g), m0_low, m0_high);
    x2[g] = _mm512_xor_si512(p0.hi, broadcast(k1));
    x3[g] = p0.lo;
  }
  k0 += kW0;
  k1 += kW1;
  // Round 2: x0 and x1 are the same in every lane (first_x0, 0).
  {
    const auto p0 = mulhilo_scalar(first_x0, kM0);
    const __m512i k0v = broadcast(k0), x2_rest = broadcast(p0.hi ^ k1), x3_new = broadcast(p0.lo);
    for (int g = 0; g < kGroups; ++g) {
      const auto p1 = mulhilo(x2[g], m1_low, m1_high);
      x0[g] = _mm512_xor_si512(p1.hi, k0v);
      x1[g] = p1.lo;
      x2[g] = _mm512_xor_si512(x3[g], x2_rest);
      x3[g] = x3_new;
    }
    k0 += kW0;
    k1 += kW1;
  }
  for (int round = 2; round < kRounds; ++round) {
    const __m512i k0v = broadcast(k0), k1v = broadcast(k1);
    for (int g = 0; g < kGroups; ++g) {
      const auto p0 = mulhilo(x0[g], m0_low, m0_high);
      const auto p1 = mulhilo(x2[g], m1_low, m1_high);
      x0[g] = _mm512_xor_si512(_mm512_xor_si512(p1.hi, x1[g]), k0v);
      x1[g] = p1.lo;
      x2[g] = _mm512_xor_si512(_mm512_xor_si512(p0.hi, x3[g]), k1v);
      x3[g] = p0.lo;
    }
    k0 += kW0;
    k1 += kW1;
  }
  // Word-major lanes to blocks: two blocks (eight words) per register.
  for (int g = 0; g < kGroups; ++g) {
    const __m512i a = _mm512_unpacklo_epi64(x0[g], x1[g]);  // (x0, x1) of lanes 0, 2, 4, 6
    const __m512i b = _mm512_unpackhi_epi64(x0[g], x1[g]);  // of lanes 1, 3, 5, 7
    const __m512i c = _mm512_unpacklo_epi64(x2[g], x3[g]);
    const __m512i d = _mm512_unpackhi_epi64(x2[g], x3[g]);
    const __m512i ac_low = _mm512_shuffle_i64x2(a, c, _MM_SHUFFLE(1, 0, 1, 0));
    const __m512i bd_low = _mm512_shuffle_i64x2(b, d, _MM_SHUFFLE(1, 0, 1, 0));
    const __m512i ac_high = _mm512_shuffle_i64x2(a, c, _MM_SHUFFLE(3, 2, 3, 2));
    const __m512i bd_high = _mm512_shuffle_i64x2(b, d, _MM_SHUFFLE(3, 2, 3, 2));
    auto* to = reinterpret_cast<std::uint64_t*>(out + kLanes * g);
    _mm512_storeu_si512(to, _mm512_shuffle_i64x2(ac_low, bd_low, _MM_SHUFFLE(2, 0, 2, 0)));
    _mm512_storeu_si512(to + 8, _mm512_shuffle_i64x2(ac_low, bd_low, _MM_SHUFFLE(3, 1, 3, 1)));
    _mm512_storeu_si512(to + 16, _mm512_shuffle_i64x2(ac_high, bd_high, _MM_SHUFFLE(2, 0, 2, 0)));
    _mm512_storeu_si512(to + 24, _mm512_shuffle_i64x2(ac_high, bd_high, _MM_SHUFFLE(3, 1, 3, 1)));
  }
}

}  // namespace

void philox_first_blocks(const PhiloxKey& key, std::uint64_t word1, const std::uint64_t* agent,
                         std::size_t n, PhiloxBlock* out) {
  if (!vector_paths()) {
    philox_first_blocks_scalar(key, word1, agent, n, out);
    return;
  }
  std::size_t i = 0;
  for (; i + kPerCall <= n; i += kPerCall)
    blocks_avx512(key, word1, agent + i, out + i);
  if (n - i < kLanes) {  // the last few: one at a time
    philox_first_blocks_scalar(key, word1, agent + i, n - i, out + i);
    return;
  }
  // The rest: through a full call on padded copies.
  std::array<std::uint64_t, kPerCall> agents{};
  std::array<PhiloxBlock, kPerCall> blocks;
  std::copy(agent + i, agent + n, agents.begin());
  blocks_avx512(key, word1, agents.data(), blocks.data());
  std::copy(blocks.begin(), blocks.begin() + static_cast<std::ptrdiff_t>(n - i), out + i);
}

#pragma GCC diagnostic pop

#else  // no AVX-512 path on this platform

void philox_first_blocks(const PhiloxKey& key, std::uint64_t word1, const std::uint64_t* agent,
                         std::size_t n, PhiloxBlock* out) {
  philox_first_blocks_scalar(key, word1, agent, n, out);
}

#endif

}  // namespace cwb
