// Loading the scenario files named on the command line, collecting every error before stopping.
#pragma once

#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace cwb::cli {

struct LoadedScenarios {
  std::vector<scenario::Scenario> scenarios;  // those that loaded, in command-line order
  std::vector<std::string> loaded_files;      // the file each came from
  std::vector<std::string> errors;            // one message per file that did not load
};

/// Load every file with cwb::scenario::load_scenario. A missing file, a directory or a
/// cwb::InputError becomes an entry in `errors`; other exceptions propagate (they are bugs).
LoadedScenarios load_scenario_files(const std::vector<std::string>& files);

/// Print each error with the "cwbsim: error: " prefix and, for more than one, a count.
void report_load_errors(const std::vector<std::string>& errors);

}  // namespace cwb::cli
