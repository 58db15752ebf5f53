// A study: scenarios x replicates run with common random numbers, turned into one results document.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/io/results.hpp"
#include "sim/model/phases.hpp"
#include "sim/scenario/scenario.hpp"

namespace cwb::ensemble {

struct StudyResults;  // defined in ensemble/results.hpp

/// Command-line overrides of what the scenario files say.
struct RunOptions {
  std::optional<int> replicates;        // --replicates
  std::optional<std::uint64_t> seed;    // --seed
  std::optional<int> months;            // --months
  std::optional<std::string> baseline;  // --baseline NAME (default: the first scenario)
  int threads = 0;                      // --threads; 0 = all cores
  std::optional<int> compaction;        // --compaction (World::set_compaction); unset: its default
  /// Called (from any thread, serialised by the caller) as runs finish: (done, total).
  std::function<void(int, int)> on_progress;
  /// Called (serialised) as each run of this process finishes, with its wall seconds per phase.
  std::function<void(const model::PhaseSeconds&)> on_run_timing;
};

struct Study {
  std::vector<scenario::Scenario> scenarios;  // in the order given
  int baseline = 0;                           // index of the baseline scenario
  int replicates = 1;
  std::uint64_t seed = 1;
  int months = 120;
};

/// What the results file records about how it was made.
struct Provenance {
  std::string command_line;
  int threads = 1;
  std::string created;  // ISO 8601 UTC
};

/// Put the scenarios into a study: overrides applied (the first scenario's seed, replicates and
/// months unless overridden); scenarios must share zones and anchors (names, in order) and
/// have unique names. Throws cwb::InputError naming the files otherwise.
Study make_study(std::vector<scenario::Scenario> scenarios, const RunOptions& options);

/// Run every scenario x replicate (in parallel, deterministically), measuring additionality of
/// each run against the baseline run of its replicate. One task per replicate (baseline first,
/// then the other scenarios in parallel), so that only a replicate's person outcomes are held;
/// under MPI, replicates are dealt to ranks. Throws cwb::AccountingError if the stock-flow
/// identity breaks.
StudyResults run_study(const Study& study, const RunOptions& options);

/// The results document of the output contract (groups indicators, anchors, accounts, scenarios).
io::ResultsDocument to_document(const Study& study, const StudyResults& results,
                                const Provenance& provenance);

/// A short plain-text summary of the area indicators at the start and the horizon per scenario
/// (means over replicates), printed by `cwbsim run`.
std::string summary_text(const Study& study, const StudyResults& results);

}  // namespace cwb::ensemble
