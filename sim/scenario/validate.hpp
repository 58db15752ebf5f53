// Turning a merged scenario tree into a typed Scenario, checking every key and range.
#pragma once

#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/yaml_tree.hpp"

namespace cwb::scenario {

/// A zone or anchor named somewhere (checked once the zones file and anchors are known).
struct NameReference {
  enum class Kind { zone, anchor };
  Origin origin;
  std::string key_path;
  std::string name;
  Kind kind;
};

/// Where values that are checked later (against the zones file) were written.
struct ScenarioSites {
  Origin zones_file;                      // the zones_file value: its file resolves the path
  std::vector<Origin> anchor_zone;        // anchors[i].zone
  std::vector<NameReference> references;  // zones and anchors named by programmes
};

/// One `programmes:` entry, with the keys of its registered type (programme_schema.cpp).
ProgrammeEntry read_programme_entry(const TreeNode& node, const std::string& path,
                                    ScenarioSites& sites);

/// Read every section of the merged tree into a Scenario (zones not yet loaded).
Scenario read_scenario_tree(const TreeNode& root, ScenarioSites& sites);

}  // namespace cwb::scenario
