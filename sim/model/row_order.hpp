// Reordering the rows of an agent table (structures of arrays): the live rows sorted stably by a
// key, the rows of agents who left dropped, every column moved by runs of consecutive rows.
#pragma once

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_sort.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <type_traits>
#include <vector>

namespace cwb::model {

/// Where the rows of a table go: new_index[old row] (-1 for a row dropped), and the same as
/// runs of consecutive rows that keep together (few when most rows keep their order).
struct RowOrder {
  struct Run {
    std::uint32_t from, to, count;
  };
  std::vector<std::int32_t> new_index;
  std::vector<Run> runs;  // in destination order
  std::size_t kept = 0;   // rows after the reordering
};

/// The live rows (alive[row] != 0) in the order of key(row), ties in row order. Rows
/// [0, ordered_end) must already be in key order (the rows a previous reordering left; the
/// rows after them were added since): they are merged with the later rows, sorted on their
/// own, in one pass. key(row) is an unsigned integer below 2^32.
template <class Key>
RowOrder order_rows(std::span<const std::uint8_t> alive, std::size_t ordered_end, Key&& key) {
  const std::size_t rows = alive.size();
  RowOrder order;
  order.new_index.assign(rows, -1);
  // The later rows, by (key, row): unique, so any sort gives the same order.
  std::vector<std::uint64_t> later;
  for (std::size_t i = ordered_end; i < rows; ++i)
    if (alive[i]) later.push_back(static_cast<std::uint64_t>(key(i)) << 32 | i);
  tbb::parallel_sort(later.begin(), later.end());
  std::uint32_t next = 0;
  auto place = [&](std::size_t row) {
    const auto i = static_cast<std::uint32_t>(row);
    order.new_index[row] = static_cast<std::int32_t>(next);
    auto& runs = order.runs;
    if (!runs.empty() && runs.back().from + runs.back().count == i &&
        runs.back().to + runs.back().count == next)
      ++runs.back().count;
    else
      runs.push_back({i, next, 1});
    ++next;
  };
  std::size_t t = 0;
  std::uint64_t previous = 0;
  for (std::size_t i = 0; i < ordered_end; ++i) {
    if (!alive[i]) continue;
    const std::uint64_t k = key(i);
    if (k < previous) throw std::logic_error("order_rows: rows expected in key order are not");
    previous = k;
    for (; t < later.size() && (later[t] >> 32) < k; ++t)
      place(static_cast<std::size_t>(later[t] & 0xffffffffu));
    place(i);
  }
  for (; t < later.size(); ++t)
    place(static_cast<std::size_t>(later[t] & 0xffffffffu));
  order.kept = next;
  return order;
}

/// Moves one column's rows as `order` says, through `scratch` (kept by the caller from one
/// reordering to the next, so that its memory is not requested from the system again).
template <class T>
void apply_row_order(const RowOrder& order, std::vector<T>& column, std::vector<std::byte>& scratch) {
  static_assert(std::is_trivially_copyable_v<T>);
  scratch.resize(order.kept * sizeof(T));
  auto* out = scratch.data();
  const auto* in = reinterpret_cast<const std::byte*>(column.data());
  for (const auto& run : order.runs)
    std::memcpy(out + std::size_t{run.to} * sizeof(T), in + std::size_t{run.from} * sizeof(T),
                std::size_t{run.count} * sizeof(T));
  column.resize(order.kept);
  if (order.kept > 0) std::memcpy(column.data(), out, order.kept * sizeof(T));
}

/// Scratch space for apply_row_order, one buffer per thread.
using RowOrderScratch = tbb::enumerable_thread_specific<std::vector<std::byte>>;

}  // namespace cwb::model
