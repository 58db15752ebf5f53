// Micro-benchmarks of a simulated month and of building a World, through the public World API.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>

#include "sim/model/world.hpp"
#include "sim/scenario/loader.hpp"

namespace {

const std::filesystem::path kSource = CWB_SOURCE_DIR;

/// The USE-IT! baseline (82k working-age residents at scale 1) at a population scale given in
/// percent; loaded once per scale because parsing YAML is not what is measured.
const cwb::scenario::Scenario& baseline_at(std::int64_t percent) {
  static std::map<std::int64_t, std::unique_ptr<cwb::scenario::Scenario>> cache;
  auto& slot = cache[percent];
  if (!slot) {
    slot = std::make_unique<cwb::scenario::Scenario>(
        cwb::scenario::load_scenario(kSource / "scenarios" / "baseline.yaml"));
    slot->population_scale = static_cast<double>(percent) / 100.0;
  }
  return *slot;
}

/// One month (World::step: every phase, the SAM check and the record) per iteration, from a
/// world that has already run a year so that churn and entry/exit are in their steady state.
void BM_WorldStep(benchmark::State& state) {
  const auto& scenario = baseline_at(state.range(0));
  cwb::model::World world(scenario, 20170101, 0);
  for (int m = 0; m < 12; ++m)
    world.step();
  const auto persons = static_cast<std::int64_t>(world.persons().size());
  for (auto _ : state) {
    world.step();
    benchmark::DoNotOptimize(world.record().zone_indicators.data());
  }
  state.SetItemsProcessed(state.iterations() * persons);  // person-months
  state.counters["persons"] = static_cast<double>(persons);
  state.counters["ns_per_person_month"] =
      benchmark::Counter(static_cast<double>(state.iterations() * persons),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
// 10% (8k persons: fits in cache), 100% (82k: the shipped area), 300% (246k).
BENCHMARK(BM_WorldStep)->Arg(10)->Arg(100)->Arg(300)->Iterations(24)->Unit(benchmark::kMillisecond);

/// One phase of the month (the World's phase timers: wall time of that phase only, in a full
/// step of the USE-IT! baseline after a year), so that each phase's cost per person-month can be
/// followed on its own. Argument: the phase (cwb::model::Phase, 1 = policies .. 9 = compact).
void BM_Phase(benchmark::State& state) {
  const auto phase = static_cast<std::size_t>(state.range(0));
  const auto& scenario = baseline_at(100);
  cwb::model::World world(scenario, 20170101, 0);
  for (int m = 0; m < 12; ++m)
    world.step();
  const auto persons = static_cast<std::int64_t>(world.persons().size());
  for (auto _ : state) {
    const double before = world.phase_seconds()[phase];
    world.step();
    state.SetIterationTime(world.phase_seconds()[phase] - before);
  }
  state.SetLabel(cwb::model::kPhaseNames[phase]);
  state.counters["ns_per_person_month"] =
      benchmark::Counter(static_cast<double>(state.iterations() * persons),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_Phase)
    ->DenseRange(1, cwb::model::kPhases - 1)
    ->UseManualTime()
    ->Iterations(24)
    ->Unit(benchmark::kMillisecond);

/// Building the synthetic population, businesses and calibration of one run.
void BM_WorldBuild(benchmark::State& state) {
  const auto& scenario = baseline_at(state.range(0));
  std::int64_t persons = 0;
  for (auto _ : state) {
    cwb::model::World world(scenario, 20170101, 0);
    persons = static_cast<std::int64_t>(world.persons().size());
    benchmark::DoNotOptimize(persons);
  }
  state.SetItemsProcessed(state.iterations() * persons);
}
BENCHMARK(BM_WorldBuild)->Arg(10)->Arg(100)->Unit(benchmark::kMillisecond);

}  // namespace
