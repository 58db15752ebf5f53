// Branch-free selection of rows before working on them.
#pragma once

#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/core/simd.hpp"

namespace cwb::model {

/// For the rows [first, end): lists those for which listed(p) holds, a block at a time and
/// without branches (whether a person is employed, or works for a local employer, is a coin
/// toss to the branch predictor): the flags first (a loop the compiler can vectorise), then
/// the rows (list_kept), then calls each(p) for the listed rows in order.
template <class Listed, class Each>
void for_each_listed(std::size_t first, std::size_t end, Listed&& listed, Each&& each) {
  constexpr std::size_t kBlock = 4096;
  std::array<std::uint32_t, kBlock + kListSlack> rows;
  std::array<std::uint8_t, kBlock> keep;
  for (; first < end; first += kBlock) {
    const std::size_t count = std::min(end - first, kBlock);
    for (std::size_t i = 0; i < count; ++i)
      keep[i] = listed(first + i);
    const std::size_t n =
        list_kept(keep.data(), count, static_cast<std::uint32_t>(first), rows.data());
    for (std::size_t i = 0; i < n; ++i)
      each(rows[i]);
  }
}

/// For the rows [first, end): body(value, run_first, run_end) for each run of rows with the same
/// key[row] (a zone: households are stored zone by zone, and persons household by household),
/// in order.
template <class Key, class Body>
void for_each_run(const Key* key, std::size_t first, std::size_t end, Body&& body) {
  while (first < end) {
    const Key value = key[first];
    std::size_t run_end = first + 1;
    while (run_end < end && key[run_end] == value)
      ++run_end;
    body(value, first, run_end);
    first = run_end;
  }
}

/// The rows of [0, n) for which listed(row) holds, in order: listed in parallel over fixed
/// chunks (each without branches, as for_each_listed), then put end to end in chunk order, so
/// the list is the same whatever the threads.
template <class Listed> std::vector<std::uint32_t> list_rows(std::size_t n, Listed&& listed) {
  constexpr std::size_t kChunk = 16384;
  const std::size_t chunks = (n + kChunk - 1) / kChunk;
  std::vector<std::vector<std::uint32_t>> parts(chunks);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    const std::size_t first = c * kChunk, end = std::min(n, first + kChunk);
    auto& part = parts[c];
    part.resize(end - first + kListSlack);
    std::array<std::uint8_t, kChunk> keep;
    for (std::size_t row = first; row != end; ++row)
      keep[row - first] = listed(row);
    part.resize(
        list_kept(keep.data(), end - first, static_cast<std::uint32_t>(first), part.data()));
  });
  std::vector<std::size_t> offset(chunks + 1, 0);
  for (std::size_t c = 0; c < chunks; ++c)
    offset[c + 1] = offset[c] + parts[c].size();
  std::vector<std::uint32_t> rows(offset[chunks]);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    std::copy(parts[c].begin(), parts[c].end(),
              rows.begin() + static_cast<std::ptrdiff_t>(offset[c]));
  });
  return rows;
}

}  // namespace cwb::model
