// The cwbsim subcommands, independent of how their arguments were parsed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cwb::cli {

/// Exit codes of the cwbsim executable.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitBadInput = 2;

/// Arguments of `cwbsim run` (validated ranges are checked again here).
struct RunArguments {
  std::vector<std::string> scenarios;   // the first is the baseline unless --baseline names one
  std::optional<std::string> baseline;  // --baseline NAME: the scenario to compare against
  std::string output = "results.h5";
  std::optional<int> replicates;
  std::optional<std::uint64_t> seed;
  std::optional<int> months;
  std::optional<int> threads;     // unset = every hardware thread
  std::optional<int> compaction;  // unset = World's default
  std::string progress = "auto";  // auto | always | never
  bool quiet = false;
  bool profile = false;      // --profile: wall seconds per phase on stderr
  std::string command_line;  // as typed, for provenance
};

/// Arguments of `cwbsim validate`.
struct ValidateArguments {
  std::vector<std::string> scenarios;
  bool print = false;  // print the resolved YAML of each file
  bool study = false;  // also check that the files form one study
};

/// Arguments of `cwbsim summary`.
struct SummaryArguments {
  std::string results;                  // results file written by `cwbsim run`
  std::optional<std::string> baseline;  // unset = the file's baseline
  std::string format = "table";         // table | csv | json
};

/// Load, run, write, summarise. Returns an exit code for problems it reports itself (several
/// bad scenario files); throws cwb::InputError, cwb::InternalError, cwb::IoError, Interrupted.
int run_command(const RunArguments& arguments);

/// Load and check each file; report every problem. Returns kExitOk or kExitBadInput.
int validate_command(const ValidateArguments& arguments);

/// Read a results file and print the comparison of its scenarios with the baseline. Throws
/// cwb::InputError (exit 2) for a missing or foreign file or an unknown baseline.
int summary_command(const SummaryArguments& arguments);

/// The number of threads used when --threads is not given (at least 1).
int default_threads();

/// Print "cwbsim: error: MESSAGE" on stderr.
void print_error(const std::string& message);

}  // namespace cwb::cli
