// `cwbsim validate`: load each scenario file, say what it holds, optionally print it resolved.
#include <iostream>
#include <string>
#include <utility>

#include "sim/cli/commands.hpp"
#include "sim/cli/scenario_files.hpp"
#include "sim/core/errors.hpp"
#include "sim/ensemble/study.hpp"

namespace cwb::cli {

int validate_command(const ValidateArguments& arguments) {
  LoadedScenarios loaded = load_scenario_files(arguments.scenarios);

  // With --print stdout carries only YAML (one document per file), so "ok" lines go to stderr.
  std::ostream& notes = arguments.print ? std::cerr : std::cout;
  for (std::size_t i = 0; i < loaded.scenarios.size(); ++i) {
    const auto& s = loaded.scenarios[i];
    notes << "ok: " << loaded.loaded_files[i] << " (scenario " << s.name << ", " << s.zones.size()
          << (s.zones.size() == 1 ? " zone, " : " zones, ") << s.anchors.size()
          << (s.anchors.size() == 1 ? " anchor)" : " anchors)") << '\n';
    if (arguments.print) {
      std::cout << "--- # " << loaded.loaded_files[i] << " (resolved)\n" << s.resolved_yaml;
      if (!s.resolved_yaml.empty() && s.resolved_yaml.back() != '\n') std::cout << '\n';
    }
  }
  notes.flush();
  std::cout.flush();

  if (!loaded.errors.empty()) {
    report_load_errors(loaded.errors);
    return kExitBadInput;
  }
  if (arguments.study) {
    const std::size_t n = loaded.scenarios.size();
    try {
      const auto study = ensemble::make_study(std::move(loaded.scenarios), {});
      notes << "ok: the " << n << (n == 1 ? " file forms" : " files form")
            << " one study (baseline " << study.scenarios.front().name << ", " << study.replicates
            << " replicates, " << study.months << " months, seed " << study.seed << ")\n";
    } catch (const InputError& e) {
      print_error(e.what());
      return kExitBadInput;
    }
  }
  return kExitOk;
}

}  // namespace cwb::cli
