// Building a study and running its scenario x replicate jobs: TBB tasks, dealt to MPI ranks.
#include "sim/ensemble/study.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <limits>
#include <mutex>
#include <set>
#include <string>

#include "sim/core/errors.hpp"
#include "sim/ensemble/additionality.hpp"
#include "sim/ensemble/mpi.hpp"
#include "sim/ensemble/results.hpp"
#include "sim/model/world.hpp"

namespace cwb::ensemble {

void StudyResults::allocate(int scenario_count, int replicate_count, int month_count,
                            int zone_count, int anchor_count) {
  scenarios = scenario_count;
  replicates = replicate_count;
  months = month_count;
  zones = zone_count;
  anchors = anchor_count;
  const auto runs = static_cast<std::size_t>(scenarios) * replicates;
  const auto run_months = runs * months;
  zone_indicators.assign(run_months * zones * accounting::kZoneIndicators, 0.0);
  anchor_indicators.assign(run_months * anchors * accounting::kAnchorIndicators, 0.0);
  sam.assign(run_months * accounting::kSectors * accounting::kSectors, 0);
  stocks.assign(run_months * accounting::kSectors, 0);
  opening_stocks.assign(runs * accounting::kSectors, 0);
}

void StudyResults::allocate_programmes(const std::vector<scenario::Scenario>& list) {
  programme_names.clear();
  programme_types.clear();
  programme_index.clear();
  for (const auto& sc : list) {
    std::vector<int> own;
    for (const auto& p : sc.programmes) {
      auto it = std::find(programme_names.begin(), programme_names.end(), p.name);
      if (it == programme_names.end()) {
        programme_names.push_back(p.name);
        programme_types.push_back(p.type);
        it = programme_names.end() - 1;
      }
      own.push_back(static_cast<int>(it - programme_names.begin()));
    }
    programme_index.push_back(std::move(own));
  }
  const auto cells =
      static_cast<std::size_t>(scenarios) * replicates * months * programme_names.size();
  programme_participants.assign(cells, 0.0);
  programme_completions.assign(cells, 0.0);
  programme_placements.assign(cells, 0.0);
  programme_cost.assign(cells, 0);
}

Study make_study(std::vector<scenario::Scenario> scenarios, const RunOptions& options) {
  if (scenarios.empty()) throw InputError("no scenario files given");
  const auto& first = scenarios.front();
  std::set<std::string> names;
  for (const auto& s : scenarios) {
    if (!names.insert(s.name).second)
      throw InputError(s.source_file + ": scenario name '" + s.name +
                       "' is used by another scenario of the study; names must be unique");
    auto same_names = [](const auto& a, const auto& b) {
      return a.size() == b.size() &&
             std::equal(a.begin(), a.end(), b.begin(),
                        [](const auto& x, const auto& y) { return x.name == y.name; });
    };
    if (!same_names(s.zones, first.zones))
      throw InputError(s.source_file + ": its zones differ from those of " + first.source_file +
                       "; scenarios of one study must share zones (same names, same order)");
    if (!same_names(s.anchors, first.anchors))
      throw InputError(s.source_file + ": its anchors differ from those of " + first.source_file +
                       "; scenarios of one study must share anchors (same names, same order)");
    if (!(s.start == first.start))
      throw InputError(s.source_file + ": start " + s.start.iso() + " differs from " +
                       first.source_file + " (" + first.start.iso() + ")");
    if (!options.months && s.months != first.months)
      throw InputError(s.source_file + ": months " + std::to_string(s.months) + " differs from " +
                       first.source_file + " (" + std::to_string(first.months) +
                       "); give --months to run both over the same horizon");
  }
  Study study;
  study.replicates = options.replicates.value_or(first.replicates);
  study.seed = options.seed.value_or(first.seed);
  study.months = options.months.value_or(first.months);
  if (study.replicates < 1) throw InputError("--replicates must be at least 1");
  if (study.months < 1) throw InputError("--months must be at least 1");
  study.scenarios = std::move(scenarios);
  if (options.baseline) {
    const auto it = std::find_if(study.scenarios.begin(), study.scenarios.end(),
                                 [&](const auto& sc) { return sc.name == *options.baseline; });
    if (it == study.scenarios.end()) {
      std::string known;
      for (const auto& sc : study.scenarios)
        known += (known.empty() ? "" : ", ") + sc.name;
      throw InputError("--baseline: no scenario named '" + *options.baseline + "' in the study (" +
                       known + ")");
    }
    study.baseline = static_cast<int>(it - study.scenarios.begin());
  }
  return study;
}

StudyResults run_study(const Study& study, const RunOptions& options) {
  StudyResults results;
  const int scenario_count = static_cast<int>(study.scenarios.size());
  const int zones = static_cast<int>(study.scenarios.front().zones.size()) + 1;
  const int anchors = static_cast<int>(study.scenarios.front().anchors.size());
  results.allocate(scenario_count, study.replicates, study.months, zones, anchors);
  results.allocate_programmes(study.scenarios);
  results.baseline = study.baseline;
  const std::size_t slots = results.additionality_slots();
  results.additionality.assign(static_cast<std::size_t>(scenario_count) * study.replicates * slots *
                                   kAdditionalityMeasures,
                               std::numeric_limits<double>::quiet_NaN());
  const int jobs = scenario_count * study.replicates;

  // Under MPI, replicate r (every scenario's run of it) belongs to rank r % ranks; alone, all.
  std::vector<int> mine;
  for (int r = 0; r < study.replicates; ++r)
    if (mpi::owns_replicate(r)) mine.push_back(r);
  const int local_jobs = static_cast<int>(mine.size()) * scenario_count;
  std::atomic<int> done{0};
  std::mutex progress_mutex;

  // Fault injection for the tests of error handling across ranks: CWB_TEST_FAIL_RUN=j makes
  // run j (= s * replicates + r) throw, whichever rank or thread runs it.
  const char* fail_run_text = std::getenv("CWB_TEST_FAIL_RUN");
  const int fail_run = fail_run_text != nullptr ? std::atoi(fail_run_text) : -1;

  // When this process has at least as many replicates as threads, whole runs keep every thread
  // busy: each run then works on one thread (its phases' parallel loops run in a task arena
  // of one), which saves the cost of splitting them into tasks nobody else takes (about 12%
  // of the shipped study). With fewer replicates the runs' phases use every thread. The
  // results are the same either way.
  const bool runs_fill_threads =
      static_cast<int>(mine.size()) >= tbb::this_task_arena::max_concurrency();

  // One run: its indicators, accounts and programme outputs into its own slices; returns the
  // person outcomes at the horizon when they are wanted (for additionality: not when the
  // baseline is the study's only scenario).
  auto run_one_here = [&](int s, int r, bool outcomes) {
    const int job = s * study.replicates + r;
    if (job == fail_run)
      throw InternalError("run " + std::to_string(job) + " failed on purpose (CWB_TEST_FAIL_RUN)");
    model::World world(study.scenarios[static_cast<std::size_t>(s)], study.seed, r, study.months);
    if (options.compaction) world.set_compaction(*options.compaction);
    const auto run = results.run_index(s, r);
    std::copy(world.opening_stocks().begin(), world.opening_stocks().end(),
              results.opening_stocks.begin() +
                  static_cast<std::ptrdiff_t>(run * accounting::kSectors));
    // Each month's record as it is completed (in month order; the income summaries of a month
    // finish while the next one runs: World::set_record_sink).
    int m = 0;
    world.set_record_sink([&](const model::MonthRecord& rec) {
      const auto& own = results.programme_index[static_cast<std::size_t>(s)];
      for (std::size_t i = 0; i < rec.programmes.size(); ++i) {
        const auto cell = results.programme_cell(s, r, m, own[i]);
        results.programme_participants[cell] = rec.programmes[i].participants;
        results.programme_completions[cell] = rec.programmes[i].completions;
        results.programme_placements[cell] = rec.programmes[i].placements;
        results.programme_cost[cell] = rec.programmes[i].cost;
      }
      const auto rm = run * study.months + m;
      std::copy(rec.zone_indicators.begin(), rec.zone_indicators.end(),
                results.zone_indicators.begin() +
                    static_cast<std::ptrdiff_t>(rm * zones * accounting::kZoneIndicators));
      std::copy(rec.anchor_indicators.begin(), rec.anchor_indicators.end(),
                results.anchor_indicators.begin() +
                    static_cast<std::ptrdiff_t>(rm * anchors * accounting::kAnchorIndicators));
      auto sam_out = results.sam.begin() +
                     static_cast<std::ptrdiff_t>(rm * accounting::kSectors * accounting::kSectors);
      for (int i = 0; i < accounting::kSectors; ++i)
        for (int j = 0; j < accounting::kSectors; ++j)
          *sam_out++ = rec.sam.flow[i][j];
      std::copy(rec.stocks.begin(), rec.stocks.end(),
                results.stocks.begin() + static_cast<std::ptrdiff_t>(rm * accounting::kSectors));
      ++m;
    });
    for (int month = 0; month < study.months; ++month)
      world.step();
    if (m != study.months)
      throw InternalError("run " + std::to_string(job) + ": " + std::to_string(m) + " of " +
                          std::to_string(study.months) + " monthly records");
    const int finished = ++done;
    if (options.on_run_timing) {
      std::lock_guard lock(progress_mutex);
      options.on_run_timing(world.phase_seconds());
    }
    if (options.on_progress) {
      // Progress is rank 0's share scaled to the whole study (replicates are dealt evenly).
      std::lock_guard lock(progress_mutex);
      options.on_progress(local_jobs == jobs ? finished : finished * jobs / std::max(1, local_jobs),
                          jobs);
    }
    return outcomes ? world.take_person_outcomes() : std::vector<model::PersonOutcome>{};
  };
  auto run_one = [&](int s, int r, bool outcomes) {
    if (!runs_fill_threads) return run_one_here(s, r, outcomes);
    std::vector<model::PersonOutcome> result;
    tbb::task_arena one_thread(1);
    one_thread.execute([&] { result = run_one_here(s, r, outcomes); });
    return result;
  };

  // The counts of run (s, r) against the baseline's outcomes, into the study's programme slots.
  auto store_additionality = [&](int s, int r, const std::vector<model::PersonOutcome>& base,
                                 const std::vector<model::PersonOutcome>& policy) {
    const auto& own = results.programme_index[static_cast<std::size_t>(s)];
    auto out =
        results.additionality.begin() +
        static_cast<std::ptrdiff_t>(results.run_index(s, r) * slots * kAdditionalityMeasures);
    auto put = [&](std::size_t study_slot, const double* from) {
      std::copy_n(from, kAdditionalityMeasures,
                  out + static_cast<std::ptrdiff_t>(study_slot * kAdditionalityMeasures));
    };
    const std::vector<double> zeros(kAdditionalityMeasures, 0.0);
    if (s == study.baseline) {  // compared with itself: exactly zero by definition
      for (const int slot : own)
        put(static_cast<std::size_t>(slot), zeros.data());
      put(slots - 1, zeros.data());
      return;
    }
    const auto counts = measure_additionality(base, policy, static_cast<int>(own.size()));
    for (std::size_t i = 0; i < own.size(); ++i)
      put(static_cast<std::size_t>(own[i]), counts.data() + i * kAdditionalityMeasures);
    put(slots - 1, counts.data() + own.size() * kAdditionalityMeasures);
  };

  // One task per replicate: the baseline run first, then the other scenarios in parallel, each
  // compared with the baseline's person outcomes as soon as it ends. Only this replicate's
  // outcomes are held (a few runs' worth), never the whole study's. Every run writes only its
  // own slices, so the output does not depend on which thread (or rank) ran what.
  auto run_replicate = [&](int r) {
    const auto base = run_one(study.baseline, r, scenario_count > 1);
    store_additionality(study.baseline, r, base, base);
    tbb::parallel_for(
        tbb::blocked_range<int>(0, scenario_count, 1),
        [&](const tbb::blocked_range<int>& range) {
          for (int s = range.begin(); s != range.end(); ++s) {
            if (s == study.baseline) continue;
            const auto policy = run_one(s, r, true);
            store_additionality(s, r, base, policy);
          }
        },
        tbb::simple_partitioner());
  };

  std::exception_ptr error;
  try {
    tbb::parallel_for(
        tbb::blocked_range<int>(0, static_cast<int>(mine.size()), 1),
        [&](const tbb::blocked_range<int>& range) {
          for (int i = range.begin(); i != range.end(); ++i)
            run_replicate(mine[static_cast<std::size_t>(i)]);
        },
        tbb::simple_partitioner());
  } catch (...) {
    error = std::current_exception();
  }
  mpi::agree(error);  // alone: rethrows as is; under MPI: every rank fails with the first error

  const auto runs = static_cast<std::size_t>(jobs);
  const int replicates = study.replicates;
  const auto owner = [replicates](std::size_t run) {
    return mpi::replicate_owner(static_cast<int>(run % static_cast<std::size_t>(replicates)));
  };
  for (auto* data :
       {&results.zone_indicators, &results.anchor_indicators, &results.programme_participants,
        &results.programme_completions, &results.programme_placements, &results.additionality})
    mpi::gather_runs_by(*data, runs, owner);
  for (auto* data :
       {&results.sam, &results.stocks, &results.opening_stocks, &results.programme_cost})
    mpi::gather_runs_by(*data, runs, owner);
  return results;
}

}  // namespace cwb::ensemble
