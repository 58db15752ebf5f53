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

// The bits of a value rounded to a float, as an unsigned integer in the values' order
// (rounding is monotone; distinct doubles can tie); -0 as +0, so that they tie as under <.
std::uint32_t ordered_bits32(double value) {
  const auto bits = std::bit_cast<std::uint32_t>(static_cast<float>(value + 0.0));
  return bits >> 31 ? ~bits : bits | (std::uint32_t{1} << 31);
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
  // LSD radix sort, 11 bits at a time, on the value rounded to a float (three passes, where
  // the double's eight bytes took eight): stable, and no comparisons to mispredict. Digits
  // that all values share are skipped.
  constexpr int kDigits = 3, kBits = 11, kBuckets = 1 << kBits;
  auto digit = [](std::uint32_t bits, int d) { return (bits >> (kBits * d)) & (kBuckets - 1); };
  std::vector<std::array<std::uint32_t, kBuckets>> count(kDigits);
  for (const auto& v : values) {
    const auto bits = ordered_bits32(v.value);
    for (int d = 0; d < kDigits; ++d)
      ++count[d][digit(bits, d)];
  }
  std::vector<RankedValue> scratch(values.size());
  auto* from = &values;
  auto* to = &scratch;
  const auto first_bits = ordered_bits32(values.front().value);
  for (int d = 0; d < kDigits; ++d) {
    if (count[d][digit(first_bits, d)] == values.size()) continue;
    std::array<std::uint32_t, kBuckets> next;
    std::uint32_t offset = 0;
    for (int b = 0; b < kBuckets; ++b) {
      next[b] = offset;
      offset += count[d][b];
    }
    for (const auto& v : *from)
      (*to)[next[digit(ordered_bits32(v.value), d)]++] = v;
    std::swap(from, to);
  }
  if (from != &values) values.swap(scratch);
  // Values that round to the same float are in key order; an insertion pass puts them in
  // (value, key) order. Such runs are short in practice; should they not be, a full sort.
  std::size_t moves = 0;
  const std::size_t budget = 16 * values.size();
  for (std::size_t i = 1; i < values.size() && moves <= budget; ++i) {
    if (!(values[i] < values[i - 1])) continue;
    const RankedValue v = values[i];
    std::size_t j = i;
    for (; j > 0 && v < values[j - 1]; --j, ++moves)
      values[j] = values[j - 1];
    values[j] = v;
  }
  if (moves > budget) std::sort(values.begin(), values.end());
}

IncomeSummary summarize_sorted(std::span<const RankedValue> sorted, double line) {
  SortedSummary summary(total_weight(sorted), line);
  for (const auto& v : sorted)
    summary.add(v.value, v.weight);
  return summary.result();
}

std::vector<IncomeSummary> summarize_groups(std::span<const RankedValue> sorted,
                                            std::span<const std::uint16_t> group_of_key,
                                            std::size_t groups, double line) {
  // Weights are whole people: each total is exact in integers.
  std::vector<std::uint64_t> weight(groups + 1, 0);
  for (const auto& v : sorted) {
    weight[group_of_key[v.key]] += v.weight;
    weight[groups] += v.weight;
  }
  std::vector<SortedSummary> summaries;
  summaries.reserve(groups + 1);
  for (const auto w : weight)
    summaries.emplace_back(static_cast<double>(w), line);
  auto& all = summaries[groups];
  for (const auto& v : sorted) {
    const auto w = static_cast<double>(v.weight);
    summaries[group_of_key[v.key]].add(v.value, w);
    all.add(v.value, w);
  }
  std::vector<IncomeSummary> out;
  out.reserve(groups + 1);
  for (const auto& summary : summaries)
    out.push_back(summary.result());
  return out;
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
