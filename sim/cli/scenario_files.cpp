// Load all scenario files up front so that no run starts while any input is bad.
#include "sim/cli/scenario_files.hpp"

#include <filesystem>
#include <system_error>

#include "sim/cli/commands.hpp"
#include "sim/core/errors.hpp"
#include "sim/scenario/loader.hpp"

namespace cwb::cli {
namespace {

/// "" when `file` looks loadable, otherwise why not.
std::string precheck(const std::string& file) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(file, ec);
  if (ec || !fs::exists(status)) return file + ": no such file";
  if (fs::is_directory(status)) return file + ": is a directory, not a scenario file";
  return "";
}

}  // namespace

LoadedScenarios load_scenario_files(const std::vector<std::string>& files) {
  LoadedScenarios loaded;
  for (const auto& file : files) {
    if (auto problem = precheck(file); !problem.empty()) {
      loaded.errors.push_back(std::move(problem));
      continue;
    }
    try {
      loaded.scenarios.push_back(scenario::load_scenario(file));
      loaded.loaded_files.push_back(file);
    } catch (const InputError& e) {
      loaded.errors.emplace_back(e.what());
    }
  }
  return loaded;
}

void report_load_errors(const std::vector<std::string>& errors) {
  for (const auto& error : errors)
    print_error(error);
  if (errors.size() > 1) print_error(std::to_string(errors.size()) + " problems found");
}

}  // namespace cwb::cli
