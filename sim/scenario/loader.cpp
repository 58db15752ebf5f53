// load_scenario: chain, merge, validate, load the zones file and check anchors against it.
#include "sim/scenario/loader.hpp"

#include "sim/scenario/validate.hpp"
#include "sim/scenario/yaml_tree.hpp"

namespace cwb::scenario {
namespace fs = std::filesystem;

namespace {

// The chain, for the comment at the top of the resolved YAML.
std::string chain_comment(const MergedTree& tree) {
  std::string out = "resolved from " + tree.files.front()->display;
  for (std::size_t i = 1; i < tree.files.size(); ++i) out += ", extends " + tree.files[i]->display;
  return out;
}

// Rewrite zones_file in the resolved tree as an absolute path, so the resolved YAML still
// loads wherever it is saved (it is stored in results files and printed by `validate`).
void make_zones_file_absolute(TreeNode& root, const fs::path& absolute) {
  for (auto& e : root.entries)
    if (e.key == "zones_file") {
      e.value.text = absolute.string();
      e.value.quoted = true;
    }
}

}  // namespace

Scenario load_scenario(const fs::path& file) {
  MergedTree tree = load_merged_tree(file);
  ScenarioSites sites;
  Scenario s = read_scenario_tree(tree.root, sites);
  s.source_file = file.string();

  // zones_file is relative to the file that names it, which may be an inherited one.
  const SourceFile& naming_file = *sites.zones_file.file;
  const fs::path zones_path =
      (fs::path(naming_file.display).parent_path() / s.zones_file).lexically_normal();
  std::error_code ec;
  if (!fs::is_regular_file(zones_path, ec))
    fail_at(sites.zones_file, "zones_file",
            "zones data file not found (looked for " +
                fs::absolute(zones_path, ec).lexically_normal().string() + ")");
  s.zones = load_zones_csv(zones_path);

  for (std::size_t i = 0; i < s.anchors.size(); ++i) {
    const Anchor& a = s.anchors[i];
    bool found = false;
    std::vector<std::string> names;
    for (const auto& z : s.zones) {
      found = found || z.name == a.zone;
      names.push_back(z.name);
    }
    if (!found) {
      std::string message = "anchor zone '" + a.zone + "' is not a zone of " + zones_path.string();
      const std::string suggestion = did_you_mean(a.zone, names);
      if (!suggestion.empty()) {
        message += "; did you mean '" + suggestion + "'?";
      } else {
        message += "; zones are:";
        for (std::size_t k = 0; k < names.size(); ++k) message += (k ? ", '" : " '") + names[k] + "'";
      }
      fail_at(sites.anchor_zone[i], "anchors[" + std::to_string(i) + "].zone", message);
    }
  }

  make_zones_file_absolute(tree.root, fs::absolute(zones_path, ec).lexically_normal());
  s.resolved_yaml = emit_yaml(tree.root, chain_comment(tree));
  return s;
}

}  // namespace cwb::scenario
