// Weighted statistics for income indicators.
#include "sim/accounting/indicators.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
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

namespace {
constexpr int kDigitBits = 11, kDigitBuckets = 1 << kDigitBits;

// Values that round to the same float are in key order after the radix passes (which look at
// floats); an insertion pass puts them in (value, key) order. Such runs are short in practice;
// should they not be, a full sort.
void finish_near_ties(std::span<RankedValue> values) {
  std::size_t moves = 0;
  const std::size_t budget = 16 * values.size() + 64;
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

// Stable LSD radix sort of `values` (in key order) by the low `bits` bits of keys[i] (the
// values' ordered float bits), 11 bits a pass, through `scratch` (as long as values); digits
// every value shares are skipped. The result is in `values`, in key order among equal digits.
void radix_sort_low_bits(std::span<RankedValue> values, std::span<std::uint32_t> keys,
                         std::span<RankedValue> scratch, std::span<std::uint32_t> scratch_keys,
                         int bits) {
  const std::size_t n = values.size();
  RankedValue* from = values.data();
  RankedValue* to = scratch.data();
  std::uint32_t* from_keys = keys.data();
  std::uint32_t* to_keys = scratch_keys.data();
  for (int shift = 0; shift < bits; shift += kDigitBits) {
    const std::uint32_t mask = (std::uint32_t{1} << std::min(kDigitBits, bits - shift)) - 1;
    std::array<std::uint32_t, kDigitBuckets> next{};
    for (std::size_t i = 0; i < n; ++i)
      ++next[(from_keys[i] >> shift) & mask];
    if (next[(from_keys[0] >> shift) & mask] == n) continue;
    std::uint32_t offset = 0;
    for (auto& c : next) {
      const std::uint32_t count = c;
      c = offset;
      offset += count;
    }
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint32_t slot = next[(from_keys[i] >> shift) & mask]++;
      to[slot] = from[i];
      to_keys[slot] = from_keys[i];
    }
    std::swap(from, to);
    std::swap(from_keys, to_keys);
  }
  if (from != values.data()) {
    std::copy(from, from + n, values.data());
    std::copy(from_keys, from_keys + n, keys.data());
  }
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
  // Radix sort on the values rounded to floats (their ordered bits), then the near ties. In
  // parallel: the values are first dealt, stably, into 4096 buckets by the top bits of their
  // range (counted per fixed chunk, so the dealing does not depend on threads), then each
  // bucket is sorted on its own by the bits left (at most two 11-bit passes). The order is
  // total, so the result is the same whatever the split.
  const std::size_t n = values.size();
  constexpr std::size_t kChunk = 16384;
  const std::size_t chunks = (n + kChunk - 1) / kChunk;
  std::vector<std::uint32_t> keys(n), dealt_keys(n);
  std::vector<std::uint32_t> lowest(chunks), highest(chunks);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    std::uint32_t lo = ~std::uint32_t{0}, hi = 0;
    for (std::size_t i = c * kChunk; i < std::min(n, (c + 1) * kChunk); ++i) {
      keys[i] = ordered_bits32(values[i].value);
      lo = std::min(lo, keys[i]);
      hi = std::max(hi, keys[i]);
    }
    lowest[c] = lo;
    highest[c] = hi;
  });
  const std::uint32_t lo = *std::min_element(lowest.begin(), lowest.end());
  const std::uint32_t hi = *std::max_element(highest.begin(), highest.end());
  constexpr int kTopBits = 12;
  const int range_bits = std::bit_width(hi - lo);
  const int low_bits = std::max(0, range_bits - kTopBits);
  constexpr std::size_t kBuckets = std::size_t{1} << kTopBits;
  auto bucket_of = [&](std::uint32_t key) { return (key - lo) >> low_bits; };
  std::vector<std::uint32_t> counts(chunks * kBuckets, 0);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    auto* count = &counts[c * kBuckets];
    for (std::size_t i = c * kChunk; i < std::min(n, (c + 1) * kChunk); ++i)
      ++count[bucket_of(keys[i])];
  });
  // counts become each chunk's first slot in each bucket; first[b] is bucket b's start.
  std::vector<std::uint32_t> first(kBuckets + 1, 0);
  {
    std::uint32_t offset = 0;
    for (std::size_t b = 0; b < kBuckets; ++b) {
      first[b] = offset;
      for (std::size_t c = 0; c < chunks; ++c) {
        const std::uint32_t count = counts[c * kBuckets + b];
        counts[c * kBuckets + b] = offset;
        offset += count;
      }
    }
    first[kBuckets] = offset;
  }
  std::vector<RankedValue> dealt(n);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    auto* next = &counts[c * kBuckets];
    for (std::size_t i = c * kChunk; i < std::min(n, (c + 1) * kChunk); ++i) {
      const std::uint32_t slot = next[bucket_of(keys[i])]++;
      dealt[slot] = values[i];
      dealt_keys[slot] = keys[i];
    }
  });
  tbb::parallel_for(std::size_t{0}, kBuckets, [&](std::size_t b) {
    const std::size_t begin = first[b], size = first[b + 1] - first[b];
    if (size == 0) return;
    std::span<RankedValue> bucket(dealt.data() + begin, size);
    std::span<RankedValue> scratch(values.data() + begin, size);
    if (size > 1 && low_bits > 0)
      radix_sort_low_bits(bucket, std::span<std::uint32_t>(dealt_keys.data() + begin, size),
                          scratch, std::span<std::uint32_t>(keys.data() + begin, size), low_bits);
    finish_near_ties(bucket);
    std::copy(bucket.begin(), bucket.end(), scratch.begin());
  });
}

namespace {
// Summary of one run of values already sorted, in order (weights are whole people: the total
// is exact in integers).
IncomeSummary summarize_run(std::span<const RankedValue> sorted, double line) {
  SortedSummary summary(total_weight(sorted), line);
  for (const auto& v : sorted)
    summary.add(v.value, static_cast<double>(v.weight));
  return summary.result();
}
}  // namespace

IncomeSummary summarize_sorted(std::span<const RankedValue> sorted, double line) {
  return summarize_run(sorted, line);
}

std::vector<IncomeSummary> summarize_groups(std::span<const RankedValue> sorted,
                                            std::span<const std::uint16_t> group_of_key,
                                            std::size_t groups, double line) {
  // The values are dealt, stably, into one run per group (counted per fixed chunk, so the
  // dealing does not depend on threads): each run is its group's own sorted list. The groups'
  // summaries and the summary of all values are then taken side by side, each along its run
  // in order, so each is bitwise what summarising that list alone gives.
  const std::size_t n = sorted.size();
  constexpr std::size_t kChunk = 32768;
  const std::size_t chunks = (n + kChunk - 1) / kChunk;
  std::vector<std::uint32_t> next(chunks * groups, 0);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    auto* count = &next[c * groups];
    for (std::size_t i = c * kChunk; i < std::min(n, (c + 1) * kChunk); ++i)
      ++count[group_of_key[sorted[i].key]];
  });
  std::vector<std::uint32_t> first(groups + 1, 0);
  std::uint32_t offset = 0;
  for (std::size_t g = 0; g < groups; ++g) {
    first[g] = offset;
    for (std::size_t c = 0; c < chunks; ++c) {
      const std::uint32_t count = next[c * groups + g];
      next[c * groups + g] = offset;
      offset += count;
    }
  }
  first[groups] = offset;
  std::vector<RankedValue> by_group(n);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    auto* slot = &next[c * groups];
    for (std::size_t i = c * kChunk; i < std::min(n, (c + 1) * kChunk); ++i)
      by_group[slot[group_of_key[sorted[i].key]]++] = sorted[i];
  });
  std::vector<IncomeSummary> out(groups + 1);
  tbb::parallel_for(std::size_t{0}, groups + 1, [&](std::size_t g) {
    out[g] = g == groups ? summarize_run(sorted, line)
                         : summarize_run(std::span<const RankedValue>(by_group.data() + first[g],
                                                                      first[g + 1] - first[g]),
                                         line);
  });
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
