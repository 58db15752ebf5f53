// Turning a merged scenario tree into a typed Scenario, checking every key and range.
#pragma once

#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/yaml_tree.hpp"

namespace cwb::scenario {

/// Where values that are checked later (against the zones file) were written.
struct ScenarioSites {
  Origin zones_file;                // the zones_file value: its file resolves the path
  std::vector<Origin> anchor_zone;  // anchors[i].zone
};

/// Read every section of the merged tree into a Scenario (zones not yet loaded).
Scenario read_scenario_tree(const TreeNode& root, ScenarioSites& sites);

}  // namespace cwb::scenario
