// Building a study from scenarios and running its scenario x replicate jobs in parallel.
#include "sim/ensemble/study.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>

#include "sim/core/errors.hpp"
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
             std::equal(a.begin(), a.end(), b.begin(), [](const auto& x, const auto& y) { return x.name == y.name; });
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
  return study;
}

StudyResults run_study(const Study& study, const RunOptions& options) {
  StudyResults results;
  const int scenario_count = static_cast<int>(study.scenarios.size());
  const int zones = static_cast<int>(study.scenarios.front().zones.size()) + 1;
  const int anchors = static_cast<int>(study.scenarios.front().anchors.size());
  results.allocate(scenario_count, study.replicates, study.months, zones, anchors);
  const int jobs = scenario_count * study.replicates;
  std::atomic<int> done{0};
  std::mutex progress_mutex;

  // Each job writes only its own slices of the result arrays, so the output does not depend
  // on which thread ran which job.
  tbb::parallel_for(0, jobs, [&](int job) {
    const int s = job / study.replicates;
    const int r = job % study.replicates;
    model::World world(study.scenarios[static_cast<std::size_t>(s)], study.seed, r);
    const auto run = results.run_index(s, r);
    std::copy(world.opening_stocks().begin(), world.opening_stocks().end(),
              results.opening_stocks.begin() + static_cast<std::ptrdiff_t>(run * accounting::kSectors));
    for (int m = 0; m < study.months; ++m) {
      world.step();
      const auto& rec = world.record();
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
    }
    const int finished = ++done;
    if (options.on_progress) {
      std::lock_guard lock(progress_mutex);
      options.on_progress(finished, jobs);
    }
  });
  return results;
}

}  // namespace cwb::ensemble
