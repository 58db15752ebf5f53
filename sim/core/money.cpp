// Exact proportional splitting of pence (largest remainder).
#include "sim/core/money.hpp"

#include <algorithm>

namespace cwb {

std::vector<Pence> split_proportional(Pence total, std::span<const std::int64_t> weights) {
  std::vector<Pence> parts(weights.size(), 0);
  if (weights.empty()) return parts;
  Int128 weight_sum = 0;
  for (auto w : weights) {
    if (w < 0) throw std::invalid_argument("split_proportional: negative weight");
    weight_sum += w;
  }
  if (weight_sum == 0) {
    parts[0] = total;
    return parts;
  }
  const bool negative = total < 0;
  const Int128 magnitude = negative ? -static_cast<Int128>(total) : total;
  std::vector<std::pair<Int128, std::size_t>> remainders;
  remainders.reserve(weights.size());
  Int128 assigned = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const Int128 product = magnitude * weights[i];
    const Int128 q = product / weight_sum;
    parts[i] = static_cast<Pence>(q);
    assigned += q;
    remainders.emplace_back(product % weight_sum, i);
  }
  auto left = static_cast<std::size_t>(magnitude - assigned);
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; k < left; ++k)
    parts[remainders[k].second] += 1;
  if (negative)
    for (auto& p : parts)
      p = -p;
  return parts;
}

}  // namespace cwb
