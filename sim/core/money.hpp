// Money as integer pence: conversions from pounds, exact shares and exact proportional splits.
#pragma once

#include <cmath>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <cstdint>
#include <numeric>
#include <span>
#include <stdexcept>
#include <vector>

namespace cwb {

/// Money is always an integer number of pence. Sums of integers are exact and associative,
/// which is what makes parallel reductions independent of the thread count.
using Pence = std::int64_t;

/// 128-bit integers for exact intermediate products (a GCC/Clang extension).
__extension__ using Int128 = __int128;
__extension__ using UInt128 = unsigned __int128;

inline constexpr Pence kPencePerPound = 100;

/// Round a pound amount (from a scenario file) to the nearest penny.
inline Pence pounds(double gbp) { return static_cast<Pence>(std::llround(gbp * 100.0)); }

inline double to_pounds(Pence p) { return static_cast<double>(p) / 100.0; }

/// max(0, x) without a branch (GCC compiles std::max and x > 0 ? x : 0 on doubles to a
/// comparison and a jump, mispredicted where the sign is a coin toss). MAXSD(x, 0) returns 0
/// for either zero and for NaN, exactly as x > 0 ? x : 0 does.
inline double positive_part(double x) {
#if defined(__SSE2__)
  return _mm_cvtsd_f64(_mm_max_sd(_mm_set_sd(x), _mm_setzero_pd()));
#else
  return x > 0.0 ? x : 0.0;
#endif
}

/// Nearest integer, halves away from zero: the same value as std::llround for every |x| < 2^63,
/// but inline (llround is a library call, and share_of runs several times per agent-month).
/// x plus the largest double below one half, with x's sign, truncated: the addition rounds to
/// the correct side of every half (0.49999999999999994 + 0.49999999999999994 < 1; x + 0.5 - u
/// for a half x rounds up to the integer above), and above 2^52, where every double is an
/// integer, the addend is less than half a step and leaves x as it is. One addition and one
/// conversion deep, without branches: share_of sits on the critical path of the households'
/// arithmetic, so its latency is what it costs.
inline std::int64_t round_half_away(double x) {
  return static_cast<std::int64_t>(x + std::copysign(0.49999999999999994, x));
}

/// share x amount, rounded half away from zero to the penny. The caller books the remainder
/// (amount - share_of(amount, s)) elsewhere, so no penny is lost.
inline Pence share_of(Pence amount, double share) {
  return round_half_away(static_cast<double>(amount) * share);
}

/// Split `total` pence over `weights` in proportion, exactly: the parts sum to `total`.
/// Largest-remainder method with ties broken by index, so the result is deterministic.
/// All weights zero: everything goes to index 0 (callers avoid that case when it matters).
std::vector<Pence> split_proportional(Pence total, std::span<const std::int64_t> weights);

}  // namespace cwb
