// Reordering the rows of an agent table (structures of arrays): the live rows sorted stably by a
// key, the rows of agents who left dropped, every column moved by runs of consecutive rows.
#pragma once

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
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
/// own. key(row) is an unsigned integer below 2^32.
///
/// In parallel over parts: part_of(row) (below `parts`, defined for every row, live or not)
/// must be in order along rows [0, ordered_end) and along the later rows in key order (a
/// table's zones: households are kept by zone, persons by household). Each part's rows are
/// merged on their own, into the places the parts before it leave free, so the order does not
/// depend on the threads.
template <class Key, class Part>
RowOrder order_rows(std::span<const std::uint8_t> alive, std::size_t ordered_end, Key&& key,
                    Part&& part_of, std::size_t parts) {
  const std::size_t rows = alive.size();
  RowOrder order;
  order.new_index.assign(rows, -1);
  // The later rows, by (key, row): unique, so any sort gives the same order.
  std::vector<std::uint64_t> later;
  for (std::size_t i = ordered_end; i < rows; ++i)
    if (alive[i]) later.push_back(static_cast<std::uint64_t>(key(i)) << 32 | i);
  tbb::parallel_sort(later.begin(), later.end());
  auto later_row = [&](std::size_t t) { return static_cast<std::size_t>(later[t] & 0xffffffffu); };
  // Each part's rows: [ordered_first[p], ordered_first[p + 1]) of the ordered rows and
  // [later_first[p], later_first[p + 1]) of the later ones.
  std::vector<std::size_t> ordered_first(parts + 1, ordered_end),
      later_first(parts + 1, later.size());
  for (std::size_t p = 0; p < parts; ++p) {
    std::size_t lo = p == 0 ? 0 : ordered_first[p - 1], hi = ordered_end;
    while (lo < hi) {
      const std::size_t mid = lo + (hi - lo) / 2;
      if (static_cast<std::size_t>(part_of(mid)) < p)
        lo = mid + 1;
      else
        hi = mid;
    }
    ordered_first[p] = lo;
    lo = p == 0 ? 0 : later_first[p - 1];
    hi = later.size();
    while (lo < hi) {
      const std::size_t mid = lo + (hi - lo) / 2;
      if (static_cast<std::size_t>(part_of(later_row(mid))) < p)
        lo = mid + 1;
      else
        hi = mid;
    }
    later_first[p] = lo;
  }
  std::vector<std::size_t> first_place(parts + 1, 0);
  tbb::parallel_for(std::size_t{0}, parts, [&](std::size_t p) {
    std::size_t live = later_first[p + 1] - later_first[p];
    for (std::size_t i = ordered_first[p]; i < ordered_first[p + 1]; ++i)
      live += alive[i];
    first_place[p + 1] = live;
  });
  for (std::size_t p = 0; p < parts; ++p)
    first_place[p + 1] += first_place[p];
  std::vector<std::vector<RowOrder::Run>> part_runs(parts);
  tbb::parallel_for(std::size_t{0}, parts, [&](std::size_t p) {
    auto next = static_cast<std::uint32_t>(first_place[p]);
    auto& runs = part_runs[p];
    auto place = [&](std::size_t row) {
      const auto i = static_cast<std::uint32_t>(row);
      order.new_index[row] = static_cast<std::int32_t>(next);
      if (!runs.empty() && runs.back().from + runs.back().count == i &&
          runs.back().to + runs.back().count == next)
        ++runs.back().count;
      else
        runs.push_back({i, next, 1});
      ++next;
    };
    std::size_t t = later_first[p];
    std::uint64_t previous = 0;
    for (std::size_t i = ordered_first[p]; i < ordered_first[p + 1]; ++i) {
      if (!alive[i]) continue;
      const std::uint64_t k = key(i);
      if (k < previous) throw std::logic_error("order_rows: rows expected in key order are not");
      previous = k;
      for (; t < later_first[p + 1] && (later[t] >> 32) < k; ++t)
        place(later_row(t));
      place(i);
    }
    for (; t < later_first[p + 1]; ++t)
      place(later_row(t));
  });
  for (const auto& runs : part_runs)
    for (const auto& run : runs) {
      auto& all = order.runs;
      if (!all.empty() && all.back().from + all.back().count == run.from &&
          all.back().to + all.back().count == run.to)
        all.back().count += run.count;
      else
        all.push_back(run);
    }
  order.kept = first_place[parts];
  return order;
}

/// The same in one part.
template <class Key>
RowOrder order_rows(std::span<const std::uint8_t> alive, std::size_t ordered_end, Key&& key) {
  return order_rows(
      alive, ordered_end, key, [](std::size_t) { return 0; }, 1);
}

/// Moves one column's rows as `order` says, in place. The rows from ordered_end on (those added
/// since the last reordering, which move anywhere) are first copied out to `scratch` (kept by
/// the caller from one reordering to the next, so that its memory is not requested from the
/// system again). The rows before it keep their order: the runs that move towards the start
/// are moved first to last, then those that move towards the end last to first, so that no
/// run is overwritten before it has moved (a run's target lies beyond every earlier run's
/// source and before every later run's). Then the copied rows go to their places.
template <class T>
void apply_row_order(const RowOrder& order, std::vector<T>& column, std::vector<std::byte>& scratch,
                     std::size_t ordered_end) {
  static_assert(std::is_trivially_copyable_v<T>);
  auto* data = column.data();
  std::size_t later = 0;
  for (const auto& run : order.runs)
    if (run.from >= ordered_end) later += run.count;
  scratch.resize(later * sizeof(T));
  auto* out = reinterpret_cast<T*>(scratch.data());
  std::size_t at = 0;
  for (const auto& run : order.runs)
    if (run.from >= ordered_end) {
      std::memcpy(out + at, data + run.from, std::size_t{run.count} * sizeof(T));
      at += run.count;
    }
  for (const auto& run : order.runs)
    if (run.from < ordered_end && run.to < run.from)
      std::memmove(data + run.to, data + run.from, std::size_t{run.count} * sizeof(T));
  for (auto it = order.runs.rbegin(); it != order.runs.rend(); ++it)
    if (it->from < ordered_end && it->to > it->from)
      std::memmove(data + it->to, data + it->from, std::size_t{it->count} * sizeof(T));
  at = 0;
  for (const auto& run : order.runs)
    if (run.from >= ordered_end) {
      std::memcpy(data + run.to, out + at, std::size_t{run.count} * sizeof(T));
      at += run.count;
    }
  column.resize(order.kept);
}

/// Scratch space for apply_row_order, one buffer per thread.
using RowOrderScratch = tbb::enumerable_thread_specific<std::vector<std::byte>>;

}  // namespace cwb::model
