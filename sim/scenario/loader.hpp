// Loading scenario files: YAML with `extends`, every key known and range-checked, located errors.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace cwb::scenario {

/// Load, merge (`extends:` chains, maps merge key by key, lists replace), validate and type one
/// scenario file, including its zones data file. Throws cwb::InputError with file, line,
/// column, key path, the offending line and, for unknown keys, a "did you mean" suggestion;
/// errors in an inherited file name that file and the chain that led to it.
Scenario load_scenario(const std::filesystem::path& file);

/// Read and validate a zones CSV file (see Zone). Throws cwb::InputError naming file and line.
std::vector<Zone> load_zones_csv(const std::filesystem::path& file);

/// The closest known key to `unknown` (Damerau-Levenshtein), or "" when none is close.
std::string did_you_mean(const std::string& unknown, const std::vector<std::string>& known);

}  // namespace cwb::scenario
