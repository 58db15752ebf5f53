// Exact proportional splitting of pence (largest remainder).
#include "sim/core/money.hpp"

#include <algorithm>
#include <limits>

namespace cwb {

namespace {

/// The remainder of one part's exact share, and whose part it is. Value is 64 bits when the
/// weights sum below 2^64 (remainders are smaller than that sum), else 128.
template <class Value> struct Remainder {
  Value value;
  std::size_t index;
};

/// Floor shares of `magnitude` into `parts`, then one more penny to each of the pence left
/// over, by largest remainder with ties to the lower index.
template <class Value>
void split_magnitude(Int128 magnitude, Int128 weight_sum, std::span<const std::int64_t> weights,
                     std::vector<Pence>& parts) {
  const bool sum_fits = weight_sum <= std::numeric_limits<std::uint64_t>::max();
  const auto magnitude64 = static_cast<std::uint64_t>(magnitude);  // at most 2^63
  const auto sum64 = static_cast<std::uint64_t>(weight_sum);
  std::vector<Remainder<Value>> remainders;
  Int128 assigned = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] == 0) continue;  // no share and no remainder
    Int128 q, r;
    std::uint64_t product64;
    // 64-bit division when the product fits (the usual case): 128-bit division is a library
    // call several times slower.
    if (sum_fits &&
        !__builtin_mul_overflow(magnitude64, static_cast<std::uint64_t>(weights[i]), &product64)) {
      q = product64 / sum64;
      r = product64 % sum64;
    } else {
      const Int128 product = magnitude * weights[i];
      q = product / weight_sum;
      r = product % weight_sum;
    }
    parts[i] = static_cast<Pence>(q);
    assigned += q;
    // A zero remainder never gets a penny: the remainders sum to left * weight_sum and each is
    // below weight_sum, so more than `left` of them are non-zero.
    if (r != 0) remainders.push_back({static_cast<Value>(r), i});
  }
  const auto left = std::min(static_cast<std::size_t>(magnitude - assigned), remainders.size());
  if (left == 0) return;
  // Only the `left` largest are needed. The order (remainder descending, index ascending) is
  // total, so any selection finds the same set that a stable sort by remainder puts first.
  auto before = [](const Remainder<Value>& a, const Remainder<Value>& b) {
    return a.value != b.value ? a.value > b.value : a.index < b.index;
  };
  const auto cut = remainders.begin() + static_cast<std::ptrdiff_t>(left);
  if (cut != remainders.end()) std::nth_element(remainders.begin(), cut, remainders.end(), before);
  for (std::size_t k = 0; k < left; ++k)
    parts[remainders[k].index] += 1;
}

}  // namespace

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
  if (weight_sum <= std::numeric_limits<std::uint64_t>::max())
    split_magnitude<std::uint64_t>(magnitude, weight_sum, weights, parts);
  else
    split_magnitude<Int128>(magnitude, weight_sum, weights, parts);
  if (negative)
    for (auto& p : parts)
      p = -p;
  return parts;
}

}  // namespace cwb
