// Vector paths: a few hot loops have a second version compiled for AVX-512, chosen when the
// program starts on a processor that has it. Integer arithmetic and IEEE double operations
// (no fused multiply-add: the library is built with -ffp-contract=off) give the same bits
// in either version, so results do not depend on the processor (tests hold each vector path
// to its plain version).
#pragma once

#include <cstddef>
#include <cstdint>

#if defined(__x86_64__) && defined(__GNUC__)
#define CWB_HAS_AVX512_PATHS 1
/// The target of a vector path: AVX-512 F, DQ (64-bit integer <-> double conversions and
/// products), VL and BW.
#define CWB_AVX512 __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw")))
#endif

namespace cwb {

/// The rows first + i (i < n) with keep[i] != 0, in order, into rows; returns how many. With
/// the vector paths, sixteen flags at a time (AVX-512 compress), else one at a time without
/// branches. `rows` must have room for n + kListSlack entries (those past the count are
/// scratch).
inline constexpr std::size_t kListSlack = 16;
std::size_t list_kept(const std::uint8_t* keep, std::size_t n, std::uint32_t first,
                      std::uint32_t* rows);
/// The same, always one at a time (for the tests).
std::size_t list_kept_plain(const std::uint8_t* keep, std::size_t n, std::uint32_t first,
                            std::uint32_t* rows);

/// Whether the vector paths run here: the processor has AVX-512 F, DQ, VL and BW, and the
/// environment does not set CWB_SIMD=0 (read once, at the first call).
bool vector_paths();

}  // namespace cwb
