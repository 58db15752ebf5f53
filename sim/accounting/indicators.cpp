// Weighted statistics for income indicators.
#include "sim/accounting/indicators.hpp"

#include <tbb/blocked_range.h>
#include <tbb/combinable.h>
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

// Sorts one bucket of the dealt values (in key order; keys[i] their ordered float bits) by the
// low `bits` bits of their keys and then by (value, key): small buckets by insertion, larger
// ones by a stable LSD radix sort with digits sized to the bucket (a 2^digit table per pass,
// about as many entries as values, so that tables do not cost more than the values), through
// `scratch` (as long as values). The result is in `values`.
void sort_bucket(std::span<RankedValue> values, std::span<std::uint32_t> keys,
                 std::span<RankedValue> scratch, std::span<std::uint32_t> scratch_keys, int bits) {
  const std::size_t n = values.size();
  constexpr std::size_t kInsertion = 32;
  if (n <= kInsertion) {
    for (std::size_t i = 1; i < n; ++i) {
      const RankedValue v = values[i];
      std::size_t j = i;
      for (; j > 0 && v < values[j - 1]; --j)
        values[j] = values[j - 1];
      values[j] = v;
    }
    return;
  }
  constexpr int kMaxDigitBits = 11;
  const int digit_bits = std::clamp(static_cast<int>(std::bit_width(n)) - 1, 4, kMaxDigitBits);
  RankedValue* from = values.data();
  RankedValue* to = scratch.data();
  std::uint32_t* from_keys = keys.data();
  std::uint32_t* to_keys = scratch_keys.data();
  std::array<std::uint32_t, std::size_t{1} << kMaxDigitBits> next;
  for (int shift = 0; shift < bits; shift += digit_bits) {
    const std::uint32_t mask = (std::uint32_t{1} << std::min(digit_bits, bits - shift)) - 1;
    std::fill(next.begin(), next.begin() + mask + 1, 0);
    for (std::size_t i = 0; i < n; ++i)
      ++next[(from_keys[i] >> shift) & mask];
    if (next[(from_keys[0] >> shift) & mask] == n) continue;  // every value shares the digit
    std::uint32_t offset = 0;
    for (std::uint32_t d = 0; d <= mask; ++d) {
      const std::uint32_t count = next[d];
      next[d] = offset;
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
  if (from != values.data()) std::copy(from, from + n, values.data());
  finish_near_ties(values);
}
}  // namespace

void sort_ranked(std::vector<RankedValue>& values) {
  RankedBuffers buffers;
  sort_ranked(values, buffers);
}

void sort_ranked(std::vector<RankedValue>& values, RankedBuffers& buffers) {
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
  // Radix sort on the values rounded to floats (their ordered bits), then the near ties, in
  // parallel. Incomes span zero to millions, so the top bits of the floats fall in a few
  // dozen values: the values are first counted by the top 16 bits of their floats (1/128 of a
  // doubling of income; fewer bits for fewer values), adjacent counts are grouped into up to about
  // 4096 buckets of similar size, the values are dealt into the buckets, stably (counted per fixed
  // chunk, so the dealing does not depend on threads), and each bucket is sorted on its own by the
  // bits left. The order is total, so the result is the same whatever the split.
  const std::size_t n = values.size();
  constexpr std::size_t kChunk = 32768;
  // Bins: 2^16 at most, fewer for fewer values (a count per bin is a fixed cost each time).
  const int kBinBits = std::clamp(static_cast<int>(std::bit_width(n)) - 3, 8, 16);
  const std::size_t kBins = std::size_t{1} << kBinBits;
  const std::size_t chunks = (n + kChunk - 1) / kChunk;
  auto chunk_end = [&](std::size_t c) { return std::min(n, (c + 1) * kChunk); };
  auto& keys = buffers.keys;
  auto& dealt_keys = buffers.more_keys;
  keys.resize(n);
  dealt_keys.resize(n);
  // Bin counts: integers, so their sums do not depend on how the values were split.
  tbb::combinable<std::vector<std::uint32_t>> bin_counts(
      [kBins] { return std::vector<std::uint32_t>(kBins, 0); });
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    auto& count = bin_counts.local();
    for (std::size_t i = c * kChunk; i < chunk_end(c); ++i) {
      keys[i] = ordered_bits32(values[i].value);
      ++count[keys[i] >> (32 - kBinBits)];
    }
  });
  std::vector<std::uint32_t> bins(kBins, 0);
  bin_counts.combine_each([&](const std::vector<std::uint32_t>& count) {
    for (std::size_t b = 0; b < kBins; ++b)
      bins[b] += count[b];
  });
  // bucket_of_bin: the bucket of each bin; a bucket closes once it holds n / 4096 values.
  constexpr std::size_t kTargetBuckets = 4096;
  const std::size_t target = std::max<std::size_t>(1, n / kTargetBuckets);
  std::vector<std::uint16_t> bucket_of_bin(kBins, 0);
  std::vector<std::uint32_t> bucket_first_bin;  // per bucket, its first bin
  {
    std::size_t in_bucket = 0;
    bucket_first_bin.push_back(0);
    for (std::size_t b = 0; b < kBins; ++b) {
      if (in_bucket >= target && bins[b] > 0 && bucket_first_bin.size() < 65535) {
        bucket_first_bin.push_back(static_cast<std::uint32_t>(b));
        in_bucket = 0;
      }
      bucket_of_bin[b] = static_cast<std::uint16_t>(bucket_first_bin.size() - 1);
      in_bucket += bins[b];
    }
  }
  const std::size_t buckets = bucket_first_bin.size();
  bucket_first_bin.push_back(static_cast<std::uint32_t>(kBins));
  auto bucket_of = [&](std::uint32_t key) { return bucket_of_bin[key >> (32 - kBinBits)]; };
  // counts[b * chunks + c]: values of chunk c in bucket b; turned into the slot where chunk c's
  // first value of bucket b goes (walking the array in order gives the stable dealing).
  auto& counts = buffers.counts;
  counts.assign(buckets * chunks, 0);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    std::vector<std::uint32_t> count(buckets, 0);  // here, not in `counts`: no false sharing
    for (std::size_t i = c * kChunk; i < chunk_end(c); ++i)
      ++count[bucket_of(keys[i])];
    for (std::size_t b = 0; b < buckets; ++b)
      counts[b * chunks + c] = count[b];
  });
  std::vector<std::uint32_t> first(buckets + 1, 0);
  std::uint32_t offset = 0;
  for (std::size_t b = 0; b < buckets; ++b) {
    first[b] = offset;
    for (std::size_t c = 0; c < chunks; ++c) {
      const std::uint32_t count = counts[b * chunks + c];
      counts[b * chunks + c] = offset;
      offset += count;
    }
  }
  first[buckets] = offset;
  auto& dealt = buffers.values;
  dealt.resize(n);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    std::vector<std::uint32_t> next(buckets);
    for (std::size_t b = 0; b < buckets; ++b)
      next[b] = counts[b * chunks + c];
    for (std::size_t i = c * kChunk; i < chunk_end(c); ++i) {
      const auto b = bucket_of(keys[i]);
      const std::uint32_t slot = next[b]++;
      dealt[slot] = values[i];
      // A bucket's keys differ from its first bin's lowest key in the low bits only.
      dealt_keys[slot] = keys[i] - (bucket_first_bin[b] << (32 - kBinBits));
    }
  });
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, buckets, 16), [&](const auto& range) {
    for (std::size_t b = range.begin(); b != range.end(); ++b) {
      const std::size_t begin = first[b], size = first[b + 1] - first[b];
      if (size == 0) continue;
      const std::uint64_t span = std::uint64_t{bucket_first_bin[b + 1] - bucket_first_bin[b]}
                                 << (32 - kBinBits);
      std::span<RankedValue> bucket(dealt.data() + begin, size);
      sort_bucket(bucket, std::span<std::uint32_t>(dealt_keys.data() + begin, size),
                  std::span<RankedValue>(values.data() + begin, size),
                  std::span<std::uint32_t>(keys.data() + begin, size),
                  static_cast<int>(std::bit_width(span - 1)));
      std::copy(bucket.begin(), bucket.end(), values.begin() + static_cast<std::ptrdiff_t>(begin));
    }
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

std::vector<IncomeSummary> summarize_groups(std::span<const RankedValue> sorted, std::size_t groups,
                                            double line) {
  const std::size_t n = sorted.size();
  const std::size_t all = groups;  // the summary of every value
  const std::size_t slots = groups + 1;
  constexpr std::size_t kChunk = 16384;
  const std::size_t chunks = std::max<std::size_t>(1, (n + kChunk - 1) / kChunk);
  // Chunk c runs from first[c] to first[c + 1]: from the first value at or after c kChunk
  // that differs from the one before it, so that equal values are never split between chunks.
  std::vector<std::size_t> first(chunks + 1, n);
  first[0] = 0;
  for (std::size_t c = 1; c < chunks; ++c) {
    const double before = sorted[c * kChunk - 1].value;
    first[c] = static_cast<std::size_t>(
        std::upper_bound(sorted.begin() + static_cast<std::ptrdiff_t>(c * kChunk), sorted.end(),
                         before, [](double v, const RankedValue& r) { return v < r.value; }) -
        sorted.begin());
  }
  // weight_before[c * slots + g]: the weight of group g's values in chunks before c (then, once
  // the chunks are counted, the totals follow).
  std::vector<std::uint64_t> weight_before(chunks * slots, 0);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    auto* weight = &weight_before[c * slots];
    for (std::size_t i = first[c]; i < first[c + 1]; ++i) {
      weight[sorted[i].group] += sorted[i].weight;
      weight[all] += sorted[i].weight;
    }
  });
  std::vector<std::uint64_t> total(slots, 0);
  for (std::size_t c = 0; c < chunks; ++c)
    for (std::size_t g = 0; g < slots; ++g) {
      const std::uint64_t weight = weight_before[c * slots + g];
      weight_before[c * slots + g] = total[g];
      total[g] += weight;
    }
  // Per chunk and group: sum of w v, sum of the Gini terms, weight below the line, and the
  // median if the group's middle falls in the chunk. Gini: with S_i the running sum of w v,
  // sum_i w_i (S_{i-1} + S_i) = sum_j w_j v_j (2 (W - C_j) + w_j), C_j the weight up to and
  // including j (an integer), W the group's total weight.
  // A run of equal values adds as one value with the run's weight (per group, and in all): its
  // terms sum to the same in exact arithmetic (the C_j terms of a run of weight w_r starting
  // after weight C sum to 2 (W - C) w_r - w_r^2, whatever the order), and in floating point
  // they are then the same whatever the order of the run's values. So the summaries depend
  // neither on the threads nor on the keys that order equal values (for a household, its row,
  // which moves when the tables are compacted).
  struct Partial {
    double income = 0.0, area = 0.0;
    std::uint64_t below = 0;
    double median = 0.0;
    bool has_median = false;
  };
  std::vector<Partial> partial(chunks * slots);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    auto* mine = &partial[c * slots];
    std::vector<std::uint64_t> running(
        weight_before.begin() + static_cast<std::ptrdiff_t>(c * slots),
        weight_before.begin() + static_cast<std::ptrdiff_t>((c + 1) * slots));
    // A value of weight w (a run's, or one value's) in one summary. The lower weighted median
    // is the first value whose running weight reaches half the total.
    auto add = [&](Partial& p, std::uint64_t& running_weight, std::uint64_t group_total,
                   double value, std::uint64_t weight) {
      const std::uint64_t before = running_weight;
      const std::uint64_t through = before + weight;
      running_weight = through;
      const double wv = static_cast<double>(weight) * value;
      p.income += wv;
      p.area += wv * static_cast<double>(2 * (group_total - through) + weight);
      p.below += value < line ? weight : 0;
      if (2 * through >= group_total && 2 * before < group_total) {
        p.median = value;
        p.has_median = true;
      }
    };
    // The summary of all values in locals (every value adds to it: through memory, each
    // addition would wait on the last); the groups' in the chunk's row.
    Partial every = mine[all];
    std::uint64_t every_running = running[all];
    const std::uint64_t every_total = total[all];
    std::vector<std::uint64_t> run_weight(groups, 0);  // a run's weight per group
    std::vector<std::size_t> run_groups;               // the groups in the run, as met
    const std::size_t end = first[c + 1];
    for (std::size_t i = first[c]; i < end;) {
      const auto& v = sorted[i];
      if (i + 1 == end || sorted[i + 1].value != v.value) {  // a value of its own
        add(mine[v.group], running[v.group], total[v.group], v.value, v.weight);
        add(every, every_running, every_total, v.value, v.weight);
        ++i;
        continue;
      }
      std::uint64_t weight = 0;
      for (; i < end && sorted[i].value == v.value; ++i) {
        const auto g = sorted[i].group;
        if (run_weight[g] == 0) run_groups.push_back(g);
        run_weight[g] += sorted[i].weight;
        weight += sorted[i].weight;
      }
      for (const auto g : run_groups) {
        add(mine[g], running[g], total[g], v.value, run_weight[g]);
        run_weight[g] = 0;
      }
      run_groups.clear();
      add(every, every_running, every_total, v.value, weight);
    }
    mine[all] = every;
  });
  std::vector<IncomeSummary> out(slots);
  for (std::size_t g = 0; g < slots; ++g) {
    if (total[g] == 0) continue;
    double income = 0.0, area = 0.0, median = 0.0;
    std::uint64_t below = 0;
    for (std::size_t c = 0; c < chunks; ++c) {
      const auto& p = partial[c * slots + g];
      income += p.income;
      area += p.area;
      below += p.below;
      if (p.has_median) median = p.median;
    }
    const auto weight = static_cast<double>(total[g]);
    auto& summary = out[g];
    summary.mean = income / weight;
    summary.median = median;
    summary.share_below = static_cast<double>(below) / weight;
    summary.gini = income > 0.0 ? 1.0 - area / (weight * income) : 0.0;
  }
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
