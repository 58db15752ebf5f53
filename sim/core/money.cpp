// Exact proportional splitting of pence (largest remainder).
#include "sim/core/money.hpp"

#include <algorithm>
#include <limits>

namespace cwb {

namespace {

/// Exact quotient and remainder of n / d (d > 0, n and d below 2^64) for many n and one d:
/// from the double quotient n x 1/d (relative error near 2^-52, so off by a few units while
/// the quotient is below about 2^50), corrected with the exact remainder in 128 bits; a
/// quotient further off takes the division. A 64-bit division costs tens of cycles; this, a
/// few.
class InvariantDivisor {
 public:
  explicit InvariantDivisor(std::uint64_t d) : d_(d), inverse_(1.0 / static_cast<double>(d)) {}
  void divide(std::uint64_t n, std::uint64_t& q, std::uint64_t& r) const {
    const double estimate = static_cast<double>(n) * inverse_;
    // The estimate is within a few units of n / d, which is below 2^64: clamp before converting.
    std::uint64_t guess =
        estimate >= 0x1.0p64 ? ~std::uint64_t{0} : static_cast<std::uint64_t>(estimate);
    Int128 rest = static_cast<Int128>(n) - static_cast<Int128>(guess) * d_;
    constexpr Int128 kSlack = 8;
    if (rest < -kSlack * d_ || rest >= kSlack * d_) {
      q = n / d_;
      r = n % d_;
      return;
    }
    while (rest < 0) {
      --guess;
      rest += d_;
    }
    while (rest >= static_cast<Int128>(d_)) {
      ++guess;
      rest -= d_;
    }
    q = guess;
    r = static_cast<std::uint64_t>(rest);
  }

 private:
  std::uint64_t d_;
  double inverse_;
};

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
  const InvariantDivisor by_sum(sum_fits ? sum64 : 1);
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
      std::uint64_t q64, r64;
      by_sum.divide(product64, q64, r64);
      q = q64;
      r = r64;
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
  constexpr std::size_t kSmall = 512;
  if (remainders.size() <= kSmall || left == remainders.size()) {
    const auto cut = remainders.begin() + static_cast<std::ptrdiff_t>(left);
    if (cut != remainders.end())
      std::nth_element(remainders.begin(), cut, remainders.end(), before);
    for (std::size_t k = 0; k < left; ++k)
      parts[remainders[k].index] += 1;
    return;
  }
  // Many: the remainders are counted in 4096 buckets by their fraction of the weights' sum
  // (a monotone function of the remainder, so a higher bucket holds only larger remainders);
  // every remainder above the bucket where the `left` largest end gets its penny, and only
  // that bucket's are ordered.
  constexpr int kBuckets = 4096;
  const double scale = static_cast<double>(kBuckets) / static_cast<double>(weight_sum);
  auto bucket_of = [&](const Remainder<Value>& r) {
    return std::min(kBuckets - 1, static_cast<int>(static_cast<double>(r.value) * scale));
  };
  std::vector<std::uint32_t> count(kBuckets, 0);
  for (const auto& r : remainders)
    ++count[static_cast<std::size_t>(bucket_of(r))];
  int edge = kBuckets - 1;
  std::size_t above = 0;  // remainders in buckets above `edge`
  while (above + count[static_cast<std::size_t>(edge)] < left)
    above += count[static_cast<std::size_t>(edge--)];
  std::vector<Remainder<Value>> at_edge;
  for (const auto& r : remainders) {
    const int b = bucket_of(r);
    if (b > edge)
      parts[r.index] += 1;
    else if (b == edge)
      at_edge.push_back(r);
  }
  const std::size_t rest = left - above;
  const auto cut = at_edge.begin() + static_cast<std::ptrdiff_t>(rest);
  if (cut != at_edge.end()) std::nth_element(at_edge.begin(), cut, at_edge.end(), before);
  for (std::size_t k = 0; k < rest; ++k)
    parts[at_edge[k].index] += 1;
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
