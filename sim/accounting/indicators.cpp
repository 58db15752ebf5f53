// Weighted statistics for income indicators.
#include "sim/accounting/indicators.hpp"

#include <algorithm>
#include <bit>

#include "sim/core/money.hpp"

namespace cwb::accounting {
namespace {
void sort_by_value(std::vector<WeightedValue>& v) {
  std::sort(v.begin(), v.end(),
            [](const WeightedValue& a, const WeightedValue& b) { return a.value < b.value; });
}
}  // namespace

IncomeSummary SortedSummary::result() const {
  IncomeSummary out;
  if (total_weight_ <= 0.0) return out;
  // The running sum of weight x value, once every value is in, is the total income.
  const double total_income = cumulative_;
  out.mean = total_income / total_weight_;
  out.median = median_;
  out.share_below = below_ / total_weight_;
  out.gini = total_income > 0.0 ? 1.0 - area_ / (total_weight_ * total_income) : 0.0;
  return out;
}

IncomeSummary summarize_sorted(std::span<const WeightedValue> sorted, double line) {
  double total_weight = 0.0;
  for (const auto& v : sorted)
    total_weight += v.weight;
  SortedSummary summary(total_weight, line);
  for (const auto& v : sorted)
    summary.add(v.value, v.weight);
  return summary.result();
}

namespace {
// Weights are whole people: their total is exact in integers, whatever the order of the sum.
double total_weight(std::span<const RankedValue> values) {
  std::uint64_t total = 0;
  for (const auto& v : values)
    total += v.weight;
  return static_cast<double>(total);
}

// The bits of a double as an unsigned integer in the same order (-0 as +0, so that they tie as
// they do under <).
std::uint64_t ordered_bits(double value) {
  const auto bits = std::bit_cast<std::uint64_t>(value + 0.0);
  return bits >> 63 ? ~bits : bits | (std::uint64_t{1} << 63);
}
}  // namespace

void sort_ranked(std::vector<RankedValue>& values) {
  constexpr std::size_t kSmall = 64;  // below this a comparison sort is as fast
  if (values.size() < kSmall) {
    std::sort(values.begin(), values.end());
    return;
  }
  // A stable sort by value of values in key order is the (value, key) order. Lists built by
  // walking an index come in key order already.
  auto by_key = [](const RankedValue& a, const RankedValue& b) { return a.key < b.key; };
  if (!std::is_sorted(values.begin(), values.end(), by_key))
    std::sort(values.begin(), values.end(), by_key);
  // LSD radix sort, a byte at a time, on the value's ordered bits: stable, and no comparisons to
  // mispredict. Bytes that all values share are skipped.
  constexpr int kBytes = 8, kBuckets = 256;
  std::vector<std::array<std::size_t, kBuckets>> count(kBytes);
  for (const auto& v : values) {
    const auto bits = ordered_bits(v.value);
    for (int d = 0; d < kBytes; ++d)
      ++count[d][(bits >> (8 * d)) & 0xff];
  }
  std::vector<RankedValue> scratch(values.size());
  auto* from = &values;
  auto* to = &scratch;
  const auto first_bits = ordered_bits(values.front().value);
  for (int d = 0; d < kBytes; ++d) {
    if (count[d][(first_bits >> (8 * d)) & 0xff] == values.size()) continue;
    std::array<std::size_t, kBuckets> next;
    std::size_t offset = 0;
    for (int b = 0; b < kBuckets; ++b) {
      next[b] = offset;
      offset += count[d][b];
    }
    for (const auto& v : *from)
      (*to)[next[(ordered_bits(v.value) >> (8 * d)) & 0xff]++] = v;
    std::swap(from, to);
  }
  if (from != &values) values.swap(scratch);
}

IncomeSummary summarize_sorted(std::span<const RankedValue> sorted, double line) {
  SortedSummary summary(total_weight(sorted), line);
  for (const auto& v : sorted)
    summary.add(v.value, v.weight);
  return summary.result();
}

IncomeSummary summarize_merged(std::span<const std::vector<RankedValue>> lists, double line) {
  double total = 0.0;
  std::size_t count = 0;
  for (const auto& list : lists) {
    total += total_weight(list);
    count += list.size();
  }
  SortedSummary summary(total, line);

  // A tournament (loser) tree over the lists' heads: each internal node keeps the head that lost
  // the match played there, so replacing the winner's head replays only the matches on its path
  // to the root, log2(lists) matches per value. A head is one 128-bit integer, so that a match
  // is one integer comparison: the value's ordered bits, the key, then the list's index (to find
  // the value again). An exhausted list's head is above every finite value; leaves past the last
  // list start exhausted.
  std::size_t leaves = 1;
  while (leaves < lists.size())
    leaves *= 2;
  std::vector<std::size_t> next(lists.size(), 0);
  auto head = [&](std::size_t list) -> UInt128 {
    if (list >= lists.size() || next[list] == lists[list].size())
      return UInt128{~std::uint64_t{0}} << 64 | list;
    const auto& v = lists[list][next[list]];
    return UInt128{ordered_bits(v.value)} << 64 | UInt128{v.key} << 32 | list;
  };
  std::vector<UInt128> loser(leaves), winner(2 * leaves);
  for (std::size_t i = 0; i < leaves; ++i)
    winner[leaves + i] = head(i);
  for (std::size_t node = leaves - 1; node >= 1; --node) {
    winner[node] = std::min(winner[2 * node], winner[2 * node + 1]);
    loser[node] = std::max(winner[2 * node], winner[2 * node + 1]);
  }
  UInt128 top = winner[1];
  for (; count > 0; --count) {
    const auto list = static_cast<std::size_t>(top & 0xffffffff);
    const auto& v = lists[list][next[list]++];
    summary.add(v.value, v.weight);
    top = head(list);
    for (std::size_t node = (leaves + list) / 2; node >= 1; node /= 2) {
      const UInt128 challenger = loser[node];
      loser[node] = std::max(challenger, top);
      top = std::min(challenger, top);
    }
  }
  return summary.result();
}

double weighted_median(std::vector<WeightedValue>& values) {
  if (values.empty()) return 0.0;
  sort_by_value(values);
  double total = 0.0;
  for (const auto& v : values)
    total += v.weight;
  double running = 0.0;
  for (const auto& v : values) {
    running += v.weight;
    if (running >= 0.5 * total) return v.value;
  }
  return values.back().value;
}

double weighted_gini(std::vector<WeightedValue>& values) {
  if (values.empty()) return 0.0;
  sort_by_value(values);
  // G = 1 - sum_i w_i (S_{i-1} + S_i) / (W * S_n), S = cumulative weighted income.
  double total_weight = 0.0, total_income = 0.0;
  for (const auto& v : values) {
    total_weight += v.weight;
    total_income += v.weight * v.value;
  }
  if (total_weight <= 0.0 || total_income <= 0.0) return 0.0;
  double cumulative = 0.0, area = 0.0;
  for (const auto& v : values) {
    const double next = cumulative + v.weight * v.value;
    area += v.weight * (cumulative + next);
    cumulative = next;
  }
  return 1.0 - area / (total_weight * total_income);
}

double weighted_mean(std::span<const WeightedValue> values) {
  double total_weight = 0.0, total = 0.0;
  for (const auto& v : values) {
    total_weight += v.weight;
    total += v.weight * v.value;
  }
  return total_weight > 0.0 ? total / total_weight : 0.0;
}

double weighted_share_below(std::span<const WeightedValue> values, double threshold) {
  double total_weight = 0.0, below = 0.0;
  for (const auto& v : values) {
    total_weight += v.weight;
    if (v.value < threshold) below += v.weight;
  }
  return total_weight > 0.0 ? below / total_weight : 0.0;
}

}  // namespace cwb::accounting
