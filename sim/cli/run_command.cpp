// `cwbsim run`: load every scenario, check the output path, run the study, write, summarise.
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <system_error>
#include <thread>
#include <utility>

#include <tbb/global_control.h>

#include "sim/cli/commands.hpp"
#include "sim/cli/interrupt.hpp"
#include "sim/cli/progress.hpp"
#include "sim/cli/provenance.hpp"
#include "sim/cli/scenario_files.hpp"
#include "sim/core/errors.hpp"
#include "sim/core/log.hpp"
#include "sim/ensemble/mpi.hpp"
#include "sim/ensemble/results.hpp"
#include "sim/ensemble/study.hpp"
#include "sim/io/results.hpp"
#include "sim/model/phases.hpp"

namespace cwb::cli {
namespace {

const char* level_name(log::Level level) {
  switch (level) {
    case log::Level::debug: return "debug";
    case log::Level::info: return "info";
    case log::Level::warning: return "warning";
    case log::Level::error: return "error";
    default: return "note";
  }
}

/// While a bar is drawn, log messages go through the reporter so they do not cut into it.
class LogThroughProgress {
 public:
  explicit LogThroughProgress(ProgressReporter& progress) {
    log::set_sink([&progress](log::Level level, const std::string& message) {
      progress.print_message(std::string("cwbsim: ") + level_name(level) + ": " + message);
    });
  }
  ~LogThroughProgress() { log::set_sink(nullptr); }
  LogThroughProgress(const LogThroughProgress&) = delete;
  LogThroughProgress& operator=(const LogThroughProgress&) = delete;
};

/// Check the option ranges again (the parser checks them too; this guards other callers).
void check_ranges(const RunArguments& a) {
  if (a.replicates && (*a.replicates < 1 || *a.replicates > 10000))
    throw InputError("--replicates: must be between 1 and 10000, got " +
                     std::to_string(*a.replicates));
  if (a.months && (*a.months < 1 || *a.months > 600))
    throw InputError("--months: must be between 1 and 600, got " + std::to_string(*a.months));
  if (a.threads && (*a.threads < 1 || *a.threads > 4096))
    throw InputError("--threads: must be between 1 and 4096, got " + std::to_string(*a.threads));
  if (a.compaction && (*a.compaction < 0 || *a.compaction > 1000000))
    throw InputError("--compaction: must be between 0 and 1000000, got " +
                     std::to_string(*a.compaction));
  if (a.scenarios.empty()) throw InputError("run: no scenario file given");
}

/// Write the file; if it did not exist before and the write failed, make sure nothing is left
/// under its name (write_results promises this already; this is a second line of defence).
void write_without_leftovers(const io::ResultsDocument& document,
                             const std::filesystem::path& output) {
  std::error_code ec;
  const bool existed = std::filesystem::exists(output, ec);
  try {
    io::write_results(document, output);
  } catch (...) {
    if (!existed) std::filesystem::remove(output, ec);
    throw;
  }
}

std::string plural(long long n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

int default_threads() {
  // Ranks sharing a machine share its cores, so that mpirun -np 2 on 2 cores does not run 4.
  const unsigned n = std::thread::hardware_concurrency();
  const int cores = n == 0 ? 1 : static_cast<int>(n);
  return std::max(1, cores / ensemble::mpi::ranks_on_this_node());
}

namespace {

/// Set the provenance attribute `ranks` (the document is built as for one process).
void record_ranks(io::ResultsDocument& document, int ranks) {
  for (auto& [name, value] : document.root_attributes)
    if (name == "ranks") value = static_cast<std::int64_t>(ranks);
}

// `--profile`: the phase timers of this process's runs, slowest first.
void print_profile(const model::PhaseSeconds& seconds, int runs, std::FILE* out) {
  double total = 0.0;
  for (double s : seconds)
    total += s;
  std::array<int, model::kPhases> order{};
  for (int i = 0; i < model::kPhases; ++i)
    order[static_cast<std::size_t>(i)] = i;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return seconds[static_cast<std::size_t>(a)] > seconds[static_cast<std::size_t>(b)];
  });
  std::fprintf(out,
               "where the time went: wall seconds per phase, summed over %d run%s on this "
               "process (a phase that runs in parallel inside a run counts its wall time once)\n",
               runs, runs == 1 ? "" : "s");
  std::fprintf(out, "  %-14s %10s %7s\n", "phase", "seconds", "share");
  for (int i : order) {
    const double s = seconds[static_cast<std::size_t>(i)];
    std::fprintf(out, "  %-14s %10.3f %6.1f%%\n", model::kPhaseNames[static_cast<std::size_t>(i)],
                 s, total > 0 ? 100.0 * s / total : 0.0);
  }
  std::fprintf(out, "  %-14s %10.3f\n", "total", total);
}

}  // namespace

int run_command(const RunArguments& arguments) {
  namespace mpi = ensemble::mpi;
  const int ranks = mpi::size();
  const bool root = mpi::is_root();
  check_ranges(arguments);
  const ProgressMode mode = parse_progress_mode(arguments.progress);
  if (arguments.quiet || !root) log::set_level(log::Level::warning);
  install_interrupt_handlers();

  ensemble::RunOptions options;
  options.replicates = arguments.replicates;
  options.seed = arguments.seed;
  options.months = arguments.months;
  options.baseline = arguments.baseline;
  options.threads = arguments.threads.value_or(default_threads());
  options.compaction = arguments.compaction;

  // Every input is checked before anything runs; all problems are reported at once.
  LoadedScenarios loaded = load_scenario_files(arguments.scenarios);
  const std::filesystem::path output = arguments.output;
  std::exception_ptr setup_error;
  try {
    if (root) io::check_writable(output);  // one probe file, not one per rank
  } catch (const InputError& e) {
    loaded.errors.emplace_back(e.what());
  }
  if (ranks == 1 && !loaded.errors.empty()) {
    report_load_errors(loaded.errors);
    return kExitBadInput;
  }
  // Under MPI the ranks agree before running, so that a problem seen by one rank only (say, a
  // file it cannot read) fails them all instead of leaving the others waiting.
  std::optional<ensemble::Study> prepared;
  try {
    if (!loaded.errors.empty()) {
      std::string all = loaded.errors.front();
      for (std::size_t i = 1; i < loaded.errors.size(); ++i)
        all += "\ncwbsim: error: " + loaded.errors[i];
      if (loaded.errors.size() > 1)
        all +=
            "\ncwbsim: error: " + plural(static_cast<long long>(loaded.errors.size()), "problem") +
            " found";
      throw InputError(all);
    }
    throw_if_interrupted();
    prepared.emplace(ensemble::make_study(std::move(loaded.scenarios), options));
  } catch (...) {
    setup_error = std::current_exception();
  }
  mpi::agree(setup_error);
  const ensemble::Study& study = *prepared;
  const long long runs = static_cast<long long>(study.scenarios.size()) * study.replicates;
  log::info("running " + plural(static_cast<long long>(study.scenarios.size()), "scenario") +
            " x " + plural(study.replicates, "replicate") + " x " + plural(study.months, "month") +
            " on " + (ranks > 1 ? plural(ranks, "MPI rank") + " x " : std::string()) +
            plural(options.threads, "thread") + " (" + plural(runs, "run") + ")");

  const ProgressStyle style =
      root ? choose_progress_style(mode, arguments.quiet, isatty(fileno(stderr)) != 0)
           : ProgressStyle::none;
  ProgressReporter progress(style, stderr);
  progress.update(0, static_cast<int>(runs));  // show the bar before the first run finishes
  options.on_progress = [&progress](int done, int total) {
    progress.update(done, total);
    throw_if_interrupted();  // stops the study between runs; propagates out of run_study
  };
  model::PhaseSeconds phase_seconds{};
  int timed_runs = 0;
  if (arguments.profile)
    options.on_run_timing = [&](const model::PhaseSeconds& run) {
      for (int i = 0; i < model::kPhases; ++i)
        phase_seconds[static_cast<std::size_t>(i)] += run[static_cast<std::size_t>(i)];
      ++timed_runs;
    };

  auto results = [&] {
    std::optional<LogThroughProgress> log_guard;
    if (style == ProgressStyle::bar) log_guard.emplace(progress);
    const tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism,
                                          static_cast<std::size_t>(options.threads));
    try {
      auto r = ensemble::run_study(study, options);
      progress.finish();
      return r;
    } catch (...) {
      progress.finish();
      throw;
    }
  }();

  // Rank 0 writes; the others wait for its outcome so that all ranks exit alike.
  std::exception_ptr write_error;
  if (root) {
    try {
      throw_if_interrupted();
      const ensemble::Provenance provenance{arguments.command_line, options.threads,
                                            now_iso8601_utc()};
      io::ResultsDocument document = ensemble::to_document(study, results, provenance);
      record_ranks(document, ranks);
      throw_if_interrupted();
      write_without_leftovers(document, output);
      log::info("wrote " + output.string());
    } catch (...) {
      write_error = std::current_exception();
    }
  }
  mpi::agree(write_error);

  if (root) {
    std::cout << ensemble::summary_text(study, results);
    std::cout.flush();
    if (arguments.profile) print_profile(phase_seconds, timed_runs, stderr);
  }
  return kExitOk;
}

}  // namespace cwb::cli
