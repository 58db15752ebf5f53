#include "sim/core/simd.hpp"

#include <cstdlib>
#include <cstring>

#ifdef CWB_HAS_AVX512_PATHS
#include <immintrin.h>
#endif

namespace cwb {

namespace {
bool detect_vector_paths() {
  const char* setting = std::getenv("CWB_SIMD");
  if (setting != nullptr && std::strcmp(setting, "0") == 0) return false;
#ifdef CWB_HAS_AVX512_PATHS
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
         __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw");
#else
  return false;
#endif
}
}  // namespace

std::size_t list_kept_plain(const std::uint8_t* keep, std::size_t n, std::uint32_t first,
                            std::uint32_t* rows) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < n; ++i) {
    rows[count] = first + static_cast<std::uint32_t>(i);
    count += keep[i] != 0;
  }
  return count;
}

#ifdef CWB_HAS_AVX512_PATHS
// GCC 12's false alarm inside the intrinsics (see philox_batch.cpp).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
namespace {
CWB_AVX512 std::size_t list_kept_avx512(const std::uint8_t* keep, std::size_t n,
                                        std::uint32_t first, std::uint32_t* rows) {
  const __m512i step = _mm512_set_epi32(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
  std::size_t count = 0;
  for (std::size_t i = 0; i < n; i += 16) {
    const auto lanes = static_cast<unsigned>(n - i < 16 ? n - i : 16);
    const __mmask16 valid = static_cast<__mmask16>((1u << lanes) - 1);
    const __m128i flags = _mm_maskz_loadu_epi8(valid, keep + i);
    const __mmask16 kept = _mm_mask_test_epi8_mask(valid, flags, flags);
    const __m512i index = _mm512_add_epi32(_mm512_set1_epi32(static_cast<int>(first + i)), step);
    // Compressed in a register and stored whole (a compressing store to memory is slow on
    // some processors): up to 15 entries past the count are written, and overwritten next.
    _mm512_storeu_si512(rows + count, _mm512_maskz_compress_epi32(kept, index));
    count += static_cast<std::size_t>(__builtin_popcount(kept));
  }
  return count;
}
}  // namespace
#pragma GCC diagnostic pop
#endif

std::size_t list_kept(const std::uint8_t* keep, std::size_t n, std::uint32_t first,
                      std::uint32_t* rows) {
#ifdef CWB_HAS_AVX512_PATHS
  if (vector_paths()) return list_kept_avx512(keep, n, first, rows);
#endif
  return list_kept_plain(keep, n, first, rows);
}

bool vector_paths() {
  static const bool on = detect_vector_paths();
  return on;
}

}  // namespace cwb
