// Micro-benchmarks of the per-agent primitives: a counter-based random stream, alias-table draws,
// and the income sort and summaries of the monthly record.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "sim/accounting/indicators.hpp"
#include "sim/core/memory.hpp"
#include "sim/core/month_chances.hpp"
#include "sim/core/philox_batch.hpp"
#include "sim/core/rng.hpp"
#include "sim/core/simd.hpp"
#include "sim/model/household_kernels.hpp"
#include "sim/model/picker.hpp"

namespace {

// As cwbsim does (sim/cli/main.cpp): freed memory stays in the process.
[[maybe_unused]] const bool kept_freed_memory = cwb::keep_freed_memory();

using cwb::Purpose;
using cwb::RandomSource;

/// Creating a stream for (agent, month, purpose) and taking one uniform draw: what every agent
/// pays per decision.
void BM_StreamFirstDraw(benchmark::State& state) {
  const RandomSource source(20170101, 0);
  std::uint64_t agent = 0;
  for (auto _ : state) {
    auto stream = source.stream(agent++, 7, Purpose::household_spending);
    benchmark::DoNotOptimize(stream.uniform());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StreamFirstDraw);

/// Successive draws from one stream (one Philox block serves several draws).
void BM_StreamNextDraw(benchmark::State& state) {
  const RandomSource source(20170101, 0);
  auto stream = source.stream(1, 7, Purpose::household_spending);
  for (auto _ : state)
    benchmark::DoNotOptimize(stream.uniform());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StreamNextDraw);

/// First blocks of many agents' streams computed together, per stream: what a loop over agents
/// pays when it draws the blocks before deciding. Argument 1: RandomSource::first_blocks (with
/// the vector path where there is one); 0: Random123's own function one block after another
/// (the plain path). Their ratio is what the vector path gains here.
void BM_FirstBlocks(benchmark::State& state) {
  const bool batched = state.range(0) != 0;
  const RandomSource source(20170101, 0);
  const std::uint64_t word1 = cwb::RandomStream::counter(0, 7, Purpose::household_spending)[1];
  std::vector<std::uint64_t> agents(1024);
  std::vector<cwb::RandomStream::Block> blocks(agents.size());
  std::uint64_t base = 0;
  for (auto _ : state) {
    if (batched) {
      source.first_blocks(
          blocks.size(), [&](std::size_t i) { return base + i; }, 7, Purpose::household_spending,
          blocks.data());
    } else {
      for (std::size_t i = 0; i < agents.size(); ++i)
        agents[i] = base + i;
      cwb::philox_first_blocks_scalar(source.key(), word1, agents.data(), agents.size(),
                                      blocks.data());
    }
    base += blocks.size();
    benchmark::DoNotOptimize(blocks.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(blocks.size()));
}
BENCHMARK(BM_FirstBlocks)->Arg(0)->Arg(1);

/// The month a job ends, scanned for 1024 new jobs at a monthly chance of 1.5% from month 10 of
/// 120 (what each month's hires and the build pay; most scans read all seven blocks left), per
/// job. Argument 0: one job after another (first_month_with_chance); 1: the jobs together
/// (first_months_with_chance, with the vector paths where there are some).
void BM_FirstMonthsWithChance(benchmark::State& state) {
  const bool batched = state.range(0) != 0;
  const RandomSource source(20170101, 0);
  std::vector<std::uint64_t> agents(1024);
  const std::vector<double> rates(agents.size(), 0.015);
  std::vector<std::int32_t> months(agents.size());
  std::uint64_t base = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < agents.size(); ++i)
      agents[i] = base + i;
    if (batched) {
      cwb::first_months_with_chance(source.key(), Purpose::separation, agents.data(), rates.data(),
                                    agents.size(), 10, 120, -1, months.data());
    } else {
      for (std::size_t i = 0; i < agents.size(); ++i)
        months[i] = cwb::first_month_with_chance(source.key(), agents[i], Purpose::separation,
                                                 rates[i], 10, 120, -1);
    }
    base += agents.size();
    benchmark::DoNotOptimize(months.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(agents.size()));
}
BENCHMARK(BM_FirstMonthsWithChance)->Arg(0)->Arg(1);

/// The households' incomes and consumption (the first pass of phase 7) over 2048 rows at a
/// time, as the phase runs it, on a synthetic mix of households (a tenth of rows left, a mix
/// of claimants, wages from none to high): argument 1 the vector path, 0 the plain one.
void BM_HouseholdIncomes(benchmark::State& state) {
  using cwb::Pence;
  const bool vector = state.range(0) != 0;
  if (vector && !cwb::vector_paths()) {
    state.SkipWithError("no AVX-512 here (or CWB_SIMD=0)");
    return;
  }
  const std::size_t kRows = static_cast<std::size_t>(state.range(1)), kRange = 2048;
  std::mt19937_64 gen(3);
  std::vector<std::uint8_t> alive(kRows), claims(kRows), adults(kRows), children(kRows);
  std::vector<Pence> gross(kRows), taxes(kRows), other(kRows), savings(kRows), benefits(kRows),
      net(kRows), consumption(kRows);
  for (std::size_t h = 0; h < kRows; ++h) {
    alive[h] = gen() % 10 != 0;
    claims[h] = gen() % 4 != 0;
    adults[h] = static_cast<std::uint8_t>(1 + gen() % 3);
    children[h] = static_cast<std::uint8_t>(gen() % 3);
    gross[h] = gen() % 3 == 0 ? 0 : static_cast<Pence>(gen() % 600000);
    taxes[h] = gross[h] / 7;
    other[h] = static_cast<Pence>(gen() % 20000);
    savings[h] = static_cast<Pence>(gen() % 5000000);
  }
  const cwb::scenario::TaxBenefitParams tb;
  const cwb::scenario::HouseholdParams hp;
  for (auto _ : state) {
    Pence total = 0;
    for (std::size_t first = 0; first < kRows; first += kRange) {
      const cwb::model::IncomeRows rows{
          alive.data() + first,    claims.data() + first,     adults.data() + first,
          children.data() + first, gross.data() + first,      taxes.data() + first,
          other.data() + first,    savings.data() + first,    benefits.data() + first,
          net.data() + first,      consumption.data() + first};
      const std::size_t n = std::min(kRange, kRows - first);
      const auto totals = vector ? cwb::model::household_incomes(rows, n, 1, tb, hp)
                                 : cwb::model::household_incomes_plain(rows, n, 1, tb, hp);
      total += totals.benefits;
    }
    benchmark::DoNotOptimize(total);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kRows));
}
BENCHMARK(BM_HouseholdIncomes)
    ->ArgsProduct({{0, 1}, {8192, 500000}})
    ->Unit(benchmark::kMicrosecond);

/// Listing the rows whose flag is set (list_kept, what for_each_listed and list_rows do after
/// evaluating their predicate), 4096 flags a third of them set: argument 1 the vector path.
void BM_ListKept(benchmark::State& state) {
  const bool vector = state.range(0) != 0;
  if (vector && !cwb::vector_paths()) {
    state.SkipWithError("no AVX-512 here (or CWB_SIMD=0)");
    return;
  }
  std::mt19937_64 gen(4);
  std::vector<std::uint8_t> keep(4096);
  for (auto& k : keep)
    k = gen() % 3 == 0;
  std::vector<std::uint32_t> rows(keep.size() + cwb::kListSlack);
  for (auto _ : state) {
    const auto n = vector ? cwb::list_kept(keep.data(), keep.size(), 7, rows.data())
                          : cwb::list_kept_plain(keep.data(), keep.size(), 7, rows.data());
    benchmark::DoNotOptimize(n);
    benchmark::DoNotOptimize(rows.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(keep.size()));
}
BENCHMARK(BM_ListKept)->Arg(0)->Arg(1);

/// Building the alias table over n weighted items (e.g. the businesses a household buys from).
void BM_PickerBuild(benchmark::State& state) {
  const auto n = static_cast<std::int32_t>(state.range(0));
  for (auto _ : state) {
    cwb::model::WeightedPicker picker;
    for (std::int32_t i = 0; i < n; ++i)
      picker.add(i, 1.0 + static_cast<double>(i % 17));
    picker.build();
    benchmark::DoNotOptimize(picker.empty());
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_PickerBuild)->Arg(1000)->Arg(100000);

/// One weighted draw: O(1) whatever n, but a cache miss once the table outgrows the cache.
void BM_PickerPick(benchmark::State& state) {
  const auto n = static_cast<std::int32_t>(state.range(0));
  cwb::model::WeightedPicker picker;
  for (std::int32_t i = 0; i < n; ++i)
    picker.add(i, 1.0 + static_cast<double>(i % 17));
  picker.build();
  const RandomSource source(20170101, 0);
  auto stream = source.stream(1, 7, Purpose::supplier_choice);
  for (auto _ : state)
    benchmark::DoNotOptimize(picker.pick(stream));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PickerPick)->Arg(1000)->Arg(100000)->Arg(10000000);

/// Equivalised incomes like a month's record: a third of households on one of a few benefit
/// levels (exact ties), one in a hundred with none, one in ten thousand with millions (owners
/// paid out a business's cash), the rest spread lognormally; keys in order, 40 zones.
std::vector<cwb::accounting::RankedValue> month_of_incomes(std::size_t n) {
  const RandomSource source(7, 0);
  std::vector<cwb::accounting::RankedValue> values(n);
  for (std::size_t i = 0; i < n; ++i) {
    auto draw = source.stream(i, 0, Purpose::household_spending);
    const double u = draw.uniform();
    const double value = u < 1e-4   ? 1e6 * static_cast<double>(1 + draw.below(50))
                         : u < 0.01 ? 0.0
                         : u < 0.34 ? 7000.0 + 850.0 * static_cast<double>(draw.below(6))
                                    : 14000.0 * std::exp(0.6 * draw.normal());
    values[i] = {value, static_cast<std::uint32_t>(i),
                 static_cast<std::uint16_t>(1 + draw.below(4)),
                 static_cast<std::uint16_t>(i * 40 / n)};
  }
  return values;
}

/// The record's sort of every household by (income, index), at a household count.
void BM_SortRanked(benchmark::State& state) {
  const auto values = month_of_incomes(static_cast<std::size_t>(state.range(0)));
  std::vector<cwb::accounting::RankedValue> copy;
  cwb::accounting::RankedBuffers buffers;  // kept from one month to the next, as a World does
  for (auto _ : state) {
    state.PauseTiming();
    copy = values;
    state.ResumeTiming();
    cwb::accounting::sort_ranked(copy, buffers);
    benchmark::DoNotOptimize(copy.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SortRanked)->Arg(48000)->Arg(580000)->Unit(benchmark::kMillisecond);

/// The summaries of 40 zones and the area from the sorted list.
void BM_SummarizeGroups(benchmark::State& state) {
  auto values = month_of_incomes(static_cast<std::size_t>(state.range(0)));
  cwb::accounting::sort_ranked(values);
  for (auto _ : state)
    benchmark::DoNotOptimize(cwb::accounting::summarize_groups(values, 40, 9250.0));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SummarizeGroups)->Arg(48000)->Arg(580000)->Unit(benchmark::kMillisecond);

}  // namespace
