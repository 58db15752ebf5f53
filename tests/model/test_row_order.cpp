// Reordering agent tables (sim/model/row_order.hpp): the merge of the rows in order with those
// added since must be the stable sort of the live rows, and moving the columns by runs must put
// every value where the order says.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

#include "sim/model/row_order.hpp"

namespace cwb {
namespace {

struct Table {
  std::vector<std::uint8_t> alive;
  std::vector<std::uint32_t> key;
};

// `ordered` rows with non-decreasing keys, then `added` rows with random keys; about one row in
// `dead_one_in` not alive.
Table make_table(std::size_t ordered, std::size_t added, std::uint32_t keys, int dead_one_in,
                 std::uint32_t seed) {
  std::mt19937 gen(seed);
  std::uniform_int_distribution<std::uint32_t> key(0, keys - 1);
  Table t;
  for (std::size_t i = 0; i < ordered; ++i)
    t.key.push_back(key(gen));
  std::sort(t.key.begin(), t.key.end());
  for (std::size_t i = 0; i < added; ++i)
    t.key.push_back(key(gen));
  std::uniform_int_distribution<int> die(0, dead_one_in - 1);
  for (std::size_t i = 0; i < t.key.size(); ++i)
    t.alive.push_back(die(gen) != 0 ? 1 : 0);
  return t;
}

// What the order must be: the live rows, stably sorted by key.
std::vector<std::uint32_t> expected_rows(const Table& t) {
  std::vector<std::uint32_t> rows;
  for (std::uint32_t i = 0; i < t.key.size(); ++i)
    if (t.alive[i]) rows.push_back(i);
  std::stable_sort(rows.begin(), rows.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return t.key[a] < t.key[b]; });
  return rows;
}

TEST(RowOrder, MergesTheRowsInOrderWithThoseAddedSinceAsAStableSort) {
  for (std::uint32_t seed = 1; seed <= 20; ++seed) {
    const std::size_t ordered = 50 + seed * 37, added = seed * 11;
    const auto t =
        make_table(ordered, added, 1 + seed % 7 * 13, 2 + static_cast<int>(seed % 9), seed);
    const auto order = model::order_rows(t.alive, ordered, [&](std::size_t i) { return t.key[i]; });
    const auto expected = expected_rows(t);
    ASSERT_EQ(order.kept, expected.size());
    for (std::size_t to = 0; to < expected.size(); ++to)
      EXPECT_EQ(order.new_index[expected[to]], static_cast<std::int32_t>(to)) << "seed " << seed;
    for (std::size_t i = 0; i < t.alive.size(); ++i) {
      if (!t.alive[i]) {
        EXPECT_EQ(order.new_index[i], -1);
      }
    }
    // The runs say the same, as few as the order allows.
    std::vector<std::uint32_t> from(order.kept, 0);
    std::uint32_t previous_end = 0;
    for (const auto& run : order.runs) {
      EXPECT_EQ(run.to, previous_end);  // in destination order, no gaps
      previous_end = run.to + run.count;
      for (std::uint32_t k = 0; k < run.count; ++k)
        from[run.to + k] = run.from + k;
    }
    EXPECT_EQ(from, expected);
    for (std::size_t r = 1; r < order.runs.size(); ++r)
      EXPECT_FALSE(order.runs[r - 1].from + order.runs[r - 1].count == order.runs[r].from)
          << "two runs that are one";
  }
}

TEST(RowOrder, MergingPartByPartGivesTheSameOrder) {
  // Parts (zones) in order along the rows in order and along the later rows' keys: merged part
  // by part, in parallel, the order must be the one-part order, runs and all.
  for (std::uint32_t seed = 1; seed <= 10; ++seed) {
    const std::size_t ordered = 3000 + seed * 101;
    auto t = make_table(ordered, 400 + seed * 17, 40 * 1000, 5, seed);
    const auto part_of = [&](std::size_t i) { return t.key[i] / 1000; };
    const auto whole = model::order_rows(t.alive, ordered, [&](std::size_t i) { return t.key[i]; });
    const auto by_part = model::order_rows(
        t.alive, ordered, [&](std::size_t i) { return t.key[i]; }, part_of, 40);
    EXPECT_EQ(by_part.new_index, whole.new_index) << "seed " << seed;
    ASSERT_EQ(by_part.runs.size(), whole.runs.size());
    for (std::size_t r = 0; r < whole.runs.size(); ++r) {
      EXPECT_EQ(by_part.runs[r].from, whole.runs[r].from);
      EXPECT_EQ(by_part.runs[r].to, whole.runs[r].to);
      EXPECT_EQ(by_part.runs[r].count, whole.runs[r].count);
    }
    EXPECT_EQ(by_part.kept, whole.kept);
  }
}

TEST(RowOrder, MovesEveryColumnAsTheOrderSays) {
  // In place: the rows in order shift both ways (leavers before them pull them back, newcomers
  // put before them push them on), the newcomers land anywhere, few or many of them.
  for (std::uint32_t seed = 1; seed <= 24; ++seed) {
    const std::size_t ordered = 200 + seed * 211, added = seed % 3 == 0 ? 3 * ordered : seed * 37;
    const auto t = make_table(ordered, added, 1 + seed * 5, 2 + static_cast<int>(seed % 11), seed);
    const auto order = model::order_rows(t.alive, ordered, [&](std::size_t i) { return t.key[i]; });
    std::vector<std::uint64_t> wide(t.key.size());
    std::iota(wide.begin(), wide.end(), std::uint64_t{1} << 40);
    std::vector<std::uint8_t> narrow(t.key.size());
    for (std::size_t i = 0; i < narrow.size(); ++i)
      narrow[i] = static_cast<std::uint8_t>(i * 7);
    const auto wide_before = wide;
    const auto narrow_before = narrow;
    std::vector<std::byte> scratch;
    model::apply_row_order(order, wide, scratch, ordered);
    model::apply_row_order(order, narrow, scratch, ordered);
    ASSERT_EQ(wide.size(), order.kept);
    ASSERT_EQ(narrow.size(), order.kept);
    for (std::size_t i = 0; i < t.key.size(); ++i) {
      if (order.new_index[i] < 0) continue;
      const auto to = static_cast<std::size_t>(order.new_index[i]);
      ASSERT_EQ(wide[to], wide_before[i]) << "seed " << seed << ", row " << i;
      ASSERT_EQ(narrow[to], narrow_before[i]) << "seed " << seed << ", row " << i;
    }
  }
}

TEST(RowOrder, RowsThatShouldBeInOrderButAreNotAreAnError) {
  const std::vector<std::uint8_t> alive = {1, 1, 1};
  const std::vector<std::uint32_t> key = {0, 2, 1};
  EXPECT_THROW(model::order_rows(alive, 3, [&](std::size_t i) { return key[i]; }),
               std::logic_error);
  // The same rows as added since the last order are simply sorted.
  const auto order = model::order_rows(alive, 1, [&](std::size_t i) { return key[i]; });
  EXPECT_EQ(order.new_index, (std::vector<std::int32_t>{0, 2, 1}));
}

}  // namespace
}  // namespace cwb
