// Persons in blocks that share no household, so that wages can be paid into households from
// many threads at once without atomics or per-thread copies of the households.
#pragma once

#include <tbb/parallel_for.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>

namespace cwb::model {

/// The persons kept in household order (rows [0, in_order): those a compaction left, see
/// World::compact) cut into blocks of about kBlock rows, each cut moved forward to where the
/// household changes; then one last block of the rows added since (in any order). No two of
/// the first blocks share a household; the last may share households with any of them.
class HouseholdBlocks {
 public:
  static constexpr std::size_t kBlock = 16384;

  HouseholdBlocks(std::span<const std::uint32_t> household, std::size_t in_order)
      : household_(household), in_order_(in_order),
        ordered_blocks_((in_order + kBlock - 1) / kBlock) {}

  /// The blocks in order: ordered ones, then the block of later rows.
  std::size_t size() const { return ordered_blocks_ + 1; }
  /// Rows [first, end) of block k (possibly empty). The cuts are found from the data alone,
  /// the same whatever thread asks.
  std::pair<std::size_t, std::size_t> rows(std::size_t k) const {
    if (k == ordered_blocks_) return {in_order_, household_.size()};
    return {cut(k * kBlock), cut((k + 1) * kBlock)};
  }

  /// body(k, first, end) for every block: the ordered blocks in parallel, then the last block
  /// on the calling thread after them. body may write to the households of its block's rows.
  template <class Body> void for_each(Body&& body) const {
    tbb::parallel_for(std::size_t{0}, ordered_blocks_, [&](std::size_t k) {
      const auto [first, end] = rows(k);
      body(k, first, end);
    });
    const auto [first, end] = rows(ordered_blocks_);
    body(ordered_blocks_, first, end);
  }

 private:
  // The first row at or after `row` that starts a household (or in_order_).
  std::size_t cut(std::size_t row) const {
    if (row >= in_order_) return in_order_;
    while (row > 0 && row < in_order_ && household_[row] == household_[row - 1])
      ++row;
    return row;
  }

  std::span<const std::uint32_t> household_;
  std::size_t in_order_;
  std::size_t ordered_blocks_;
};

}  // namespace cwb::model
