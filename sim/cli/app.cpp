// CLI11 definitions of `cwbsim run`, `cwbsim validate` and `cwbsim summary`, and the dispatch.
#include "sim/cli/app.hpp"

#include <CLI/CLI.hpp>

#include <charconv>
#include <cstdint>
#include <iostream>
#include <string>
#include <system_error>
#include <vector>

#include "cwb/version.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/provenance.hpp"

namespace cwb::cli {
namespace {

const char* const kDescription =
    "cwbsim: an agent-based simulator of a local economy for community wealth building\n"
    "(anchor institutions, skills matching, social enterprises, community assets).";

const char* const kFooter =
    "Exit codes: 0 ok, 2 bad input (usage, scenario files, output path), 1 internal error.\n"
    "Run 'cwbsim SUBCOMMAND --help' for the options of a subcommand.\n";

const char* const kRunFooter =
    "Every scenario file is loaded and checked, and the output path tested, before any run\n"
    "starts. The results file is written under a temporary name and renamed only when the\n"
    "whole study succeeded, so a failed or interrupted run leaves nothing at --output.\n"
    "The summary is printed on stdout; progress and messages go to stderr.\n"
    "Example: cwbsim run scenarios/baseline.yaml -o results/baseline.h5 --replicates 4\n";

std::string threads_help() {
  return "Worker threads (at least 1); default: every hardware thread (" +
         std::to_string(default_threads()) + " here). Results do not depend on it";
}

/// A non-negative whole number (CLI11 would otherwise wrap "-1" round to 2^64 - 1).
const CLI::Validator kWholeNumber(
    [](const std::string& text) -> std::string {
      std::uint64_t value = 0;
      const char* end = text.data() + text.size();
      const auto [ptr, ec] = std::from_chars(text.data(), end, value);
      const bool ok = !text.empty() && text.front() != '-' && ec == std::errc() && ptr == end;
      return ok ? std::string() : "must be a whole number from 0 to 2^64-1, got '" + text + "'";
    },
    "UINT");

/// The override options as parsed; copied into RunArguments only when given.
struct RunOverrides {
  int replicates = 0;
  std::uint64_t seed = 0;
  int months = 0;
  int threads = 0;
  int compaction = 0;
  CLI::Option* replicates_option = nullptr;
  CLI::Option* seed_option = nullptr;
  CLI::Option* months_option = nullptr;
  CLI::Option* threads_option = nullptr;
  CLI::Option* compaction_option = nullptr;

  void apply(RunArguments& a) const {
    if (replicates_option->count() > 0) a.replicates = replicates;
    if (seed_option->count() > 0) a.seed = seed;
    if (months_option->count() > 0) a.months = months;
    if (threads_option->count() > 0) a.threads = threads;
    if (compaction_option->count() > 0) a.compaction = compaction;
  }
};

void add_run(CLI::App& app, RunArguments& a, RunOverrides& o) {
  auto* run = app.add_subcommand("run", "Run scenarios x replicates, write one HDF5 results file");
  run->footer(kRunFooter);
  run->add_option("scenarios", a.scenarios,
                  "Scenario YAML files; the first is the baseline unless --baseline")
      ->required()
      ->type_name("SCENARIO.yaml");
  run->add_option("--baseline", a.baseline,
                  "Scenario (by name) every other is compared with (default: the first file's)")
      ->type_name("NAME");
  run->add_option("-o,--output", a.output, "Results file to write (HDF5, netCDF-4 compatible)")
      ->type_name("FILE")
      ->capture_default_str();
  o.replicates_option =
      run->add_option("--replicates", o.replicates,
                      "Replicates per scenario (overrides the baseline file's `replicates`)")
          ->type_name("N")
          ->check(CLI::Range(1, 10000));
  o.seed_option =
      run->add_option("--seed", o.seed, "Master random seed (overrides the baseline file's `seed`)")
          ->type_name("S")
          ->check(kWholeNumber);
  o.months_option = run->add_option("--months", o.months,
                                    "Months to simulate (overrides the baseline file's `months`)")
                        ->type_name("M")
                        ->check(CLI::Range(1, 600));
  o.threads_option = run->add_option("--threads", o.threads, threads_help())
                         ->type_name("N")
                         ->check(CLI::Range(1, 4096));
  o.compaction_option =
      run->add_option("--compaction", o.compaction,
                      "Memory layout: put the agent tables back in order once 1/N of their rows "
                      "have left or arrived (default 8; 0 = never). Results do not depend on it")
          ->type_name("N")
          ->check(CLI::Range(0, 1000000));
  run->add_option("--progress", a.progress,
                  "Progress on stderr: auto = a bar when stderr is a terminal, nothing otherwise; "
                  "always = a bar on a terminal, periodic lines otherwise; never")
      ->type_name("WHEN")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  run->add_flag("-q,--quiet", a.quiet, "No progress and no informational messages on stderr");
  run->add_flag("--profile", a.profile,
                "After the run, print on stderr where the time went: wall seconds per phase of "
                "the month, summed over this process's runs");
}

void add_validate(CLI::App& app, ValidateArguments& a) {
  auto* validate = app.add_subcommand(
      "validate", "Check scenario files (keys, ranges, zones data) without running them");
  validate->footer(
      "Prints \"ok: FILE (scenario NAME, N zones, M anchors)\" per good file and every error\n"
      "(file:line:column, key) for bad ones; exit code 2 if any file is bad.\n"
      "With --print, stdout carries only the resolved YAML (one document per file) and the ok\n"
      "lines go to stderr, e.g. cwbsim validate --print my.yaml > my-resolved.yaml\n");
  validate->add_option("scenarios", a.scenarios, "Scenario YAML files")
      ->required()
      ->type_name("SCENARIO.yaml");
  validate->add_flag("--print", a.print,
                     "Print each scenario as resolved (after `extends:`) on stdout");
  validate->add_flag("--study", a.study,
                     "Also check that the files form one study (same zones and anchors, unique "
                     "names), as `cwbsim run` would with the same files");
}

void add_summary(CLI::App& app, SummaryArguments& a) {
  auto* summary = app.add_subcommand(
      "summary", "Compare the scenarios of a results file: effects with CIs, value for money");
  summary->footer(
      "Effects at the horizon (last month) of every scenario against the baseline, paired over\n"
      "replicates (common random numbers), with paired and unpaired 95% CIs, value for money and\n"
      "one sentence per scenario. See docs/comparison.md. Exit code 2 for a missing or foreign\n"
      "file or an unknown --baseline.\n"
      "Example: cwbsim summary results.h5 --baseline baseline --format csv > effects.csv\n");
  summary->add_option("results", a.results, "Results file written by `cwbsim run`")
      ->required()
      ->type_name("RESULTS.h5");
  summary
      ->add_option("--baseline", a.baseline,
                   "Scenario to compare against (default: the file's baseline)")
      ->type_name("NAME");
  summary->add_option("--format", a.format, "Output format")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
}

}  // namespace

const char* version_line() {
  static const std::string line =
      std::string("cwbsim ") + cwb::kVersion + " (git " + cwb::kGitCommit + ")";
  return line.c_str();
}

int parse_and_dispatch(int argc, char** argv) {
  CLI::App app{kDescription, "cwbsim"};
  app.footer(kFooter);
  app.set_version_flag("--version", std::string(version_line()), "Print the version and exit");
  app.require_subcommand(1);

  RunArguments run_arguments;
  RunOverrides overrides;
  add_run(app, run_arguments, overrides);
  ValidateArguments validate_arguments;
  add_validate(app, validate_arguments);
  SummaryArguments summary_arguments;
  add_summary(app, summary_arguments);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    print_error(e.what());
    std::cerr << "Run 'cwbsim --help' or 'cwbsim SUBCOMMAND --help' for usage.\n";
    return kExitBadInput;
  }

  if (app.got_subcommand("run")) {
    overrides.apply(run_arguments);
    run_arguments.command_line = join_command_line(std::vector<std::string>(argv, argv + argc));
    return run_command(run_arguments);
  }
  if (app.got_subcommand("summary")) return summary_command(summary_arguments);
  return validate_command(validate_arguments);
}

}  // namespace cwb::cli
