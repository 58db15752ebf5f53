// list_kept: the rows whose flag is set, in order, the same with and without the vector path.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "sim/core/simd.hpp"

namespace cwb {
namespace {

TEST(ListKept, TheFlaggedRowsInOrder) {
  std::mt19937_64 gen(12);
  for (const int density : {0, 1, 2, 3, 8})  // flags set: none, all, one in 2, 3, 8
    for (const std::size_t n : {0, 1, 15, 16, 17, 31, 100, 4096}) {
      std::vector<std::uint8_t> keep(n);
      std::vector<std::uint32_t> expected;
      for (std::size_t i = 0; i < n; ++i) {
        const bool set = density == 1 || (density > 1 && gen() % density == 0);
        keep[i] = set ? static_cast<std::uint8_t>(1 + gen() % 255) : 0;  // any non-zero flag
        if (set) expected.push_back(1000 + static_cast<std::uint32_t>(i));
      }
      std::vector<std::uint32_t> rows(n + kListSlack), plain(n + kListSlack);
      const auto count = list_kept(keep.data(), n, 1000, rows.data());
      const auto plain_count = list_kept_plain(keep.data(), n, 1000, plain.data());
      ASSERT_EQ(count, expected.size()) << "density " << density << ", n " << n;
      ASSERT_EQ(plain_count, expected.size()) << "density " << density << ", n " << n;
      rows.resize(count);
      plain.resize(plain_count);
      EXPECT_EQ(rows, expected);
      EXPECT_EQ(plain, expected);
    }
}

}  // namespace
}  // namespace cwb
