// Micro-benchmarks of the per-agent primitives: a counter-based random stream, alias-table draws.
#include <benchmark/benchmark.h>

#include <cstdint>

#include "sim/core/rng.hpp"
#include "sim/model/picker.hpp"

namespace {

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

}  // namespace
