// Branch-free selection of rows before working on them.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

namespace cwb::model {

/// For the rows [first, end): lists those for which listed(p) holds, a block at a time and
/// without branches (whether a person is employed, or works for a local employer, is a coin
/// toss to the branch predictor), then calls each(p) for the listed rows in order.
template <class Listed, class Each>
void for_each_listed(std::size_t first, std::size_t end, Listed&& listed, Each&& each) {
  std::array<std::uint32_t, 4096> rows;
  for (; first < end; first += rows.size()) {
    const std::size_t last = std::min(end, first + rows.size());
    std::size_t n = 0;
    for (std::size_t p = first; p != last; ++p) {
      rows[n] = static_cast<std::uint32_t>(p);
      n += listed(p);
    }
    for (std::size_t i = 0; i < n; ++i)
      each(rows[i]);
  }
}

}  // namespace cwb::model
