// Vector paths: a few hot loops have a second version compiled for AVX-512, chosen when the
// program starts on a processor that has it. Integer arithmetic and IEEE double operations
// (no fused multiply-add: the library is built with -ffp-contract=off) give the same bits
// in either version, so results do not depend on the processor (tests hold each vector path
// to its plain version).
#pragma once

#if defined(__x86_64__) && defined(__GNUC__)
#define CWB_HAS_AVX512_PATHS 1
/// The target of a vector path: AVX-512 F, DQ (64-bit integer <-> double conversions and
/// products), VL and BW.
#define CWB_AVX512 __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw")))
#endif

namespace cwb {

/// Whether the vector paths run here: the processor has AVX-512 F, DQ, VL and BW, and the
/// environment does not set CWB_SIMD=0 (read once, at the first call).
bool vector_paths();

}  // namespace cwb
