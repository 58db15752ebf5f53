// Philox4x64-10 for many counters at once: the first blocks of many agents' streams
// (RandomSource::first_blocks), eight at a time in AVX-512 registers where the processor has
// them. Integer arithmetic only: the blocks are bit for bit Random123's, whichever path runs.
#pragma once

#include <Random123/philox.h>

#include <cstddef>
#include <cstdint>

namespace cwb {

using PhiloxBlock = r123::Philox4x64::ctr_type;
using PhiloxKey = r123::Philox4x64::key_type;

/// out[i] = Philox4x64-10 of the counter (agent[i], word1, 0, 0) under `key`, for i < n (the
/// first block of the stream of agent[i] for the purpose and month that word1 encodes).
void philox_first_blocks(const PhiloxKey& key, std::uint64_t word1, const std::uint64_t* agent,
                         std::size_t n, PhiloxBlock* out);

/// The same with Random123's own function, one block after another (the reference the tests
/// hold the vector path to, and the path where vector_paths() is off).
void philox_first_blocks_scalar(const PhiloxKey& key, std::uint64_t word1,
                                const std::uint64_t* agent, std::size_t n, PhiloxBlock* out);

}  // namespace cwb
