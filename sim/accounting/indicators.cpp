// Weighted statistics for income indicators.
#include "sim/accounting/indicators.hpp"

#include <algorithm>

namespace cwb::accounting {
namespace {
void sort_by_value(std::vector<WeightedValue>& v) {
  std::sort(v.begin(), v.end(),
            [](const WeightedValue& a, const WeightedValue& b) { return a.value < b.value; });
}
}  // namespace

IncomeSummary summarize_sorted(std::span<const WeightedValue> sorted, double line) {
  IncomeSummary out;
  double total_weight = 0.0, total_income = 0.0;
  for (const auto& v : sorted) {
    total_weight += v.weight;
    total_income += v.weight * v.value;
  }
  if (total_weight <= 0.0) return out;
  out.mean = total_income / total_weight;
  double running = 0.0, cumulative = 0.0, area = 0.0, below = 0.0;
  bool median_found = false;
  for (const auto& v : sorted) {
    running += v.weight;
    if (!median_found && running >= 0.5 * total_weight) {
      out.median = v.value;
      median_found = true;
    }
    if (v.value < line) below += v.weight;
    const double next = cumulative + v.weight * v.value;
    area += v.weight * (cumulative + next);
    cumulative = next;
  }
  out.share_below = below / total_weight;
  out.gini = total_income > 0.0 ? 1.0 - area / (total_weight * total_income) : 0.0;
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
