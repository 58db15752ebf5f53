// load_scenario: chain, merge, validate, load the zones file and check anchors against it.
#include "sim/scenario/loader.hpp"

#include <algorithm>

#include "sim/scenario/validate.hpp"
#include "sim/scenario/yaml_tree.hpp"

namespace cwb::scenario {
namespace fs = std::filesystem;

namespace {

// The chain, for the comment at the top of the resolved YAML.
std::string chain_comment(const MergedTree& tree) {
  std::string out = "resolved from " + tree.files.front()->display;
  for (std::size_t i = 1; i < tree.files.size(); ++i)
    out += ", extends " + tree.files[i]->display;
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

// A name that must be one of `names`: a located error with a suggestion otherwise.
void check_name(const std::string& name, const std::vector<std::string>& names,
                const std::string& what, const std::string& among, const Origin& origin,
                const std::string& key_path) {
  if (std::find(names.begin(), names.end(), name) != names.end()) return;
  std::string message = what + " '" + name + "' is not " + among;
  const std::string suggestion = did_you_mean(name, names);
  if (!suggestion.empty()) {
    message += "; did you mean '" + suggestion + "'?";
  } else {
    message += "; the choices are:";
    for (std::size_t k = 0; k < names.size(); ++k)
      message += (k ? ", '" : " '") + names[k] + "'";
  }
  fail_at(origin, key_path, message);
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

  std::vector<std::string> zone_names, anchor_names;
  for (const auto& z : s.zones)
    zone_names.push_back(z.name);
  for (const auto& a : s.anchors)
    anchor_names.push_back(a.name);
  const std::string zones_source = zones_path.string();
  for (std::size_t i = 0; i < s.anchors.size(); ++i)
    check_name(s.anchors[i].zone, zone_names, "anchor zone", "a zone of " + zones_source,
               sites.anchor_zone[i], "anchors[" + std::to_string(i) + "].zone");
  for (const auto& ref : sites.references) {
    if (ref.kind == NameReference::Kind::zone)
      check_name(ref.name, zone_names, "zone", "a zone of " + zones_source, ref.origin,
                 ref.key_path);
    else
      check_name(ref.name, anchor_names, "anchor", "an anchor of this scenario", ref.origin,
                 ref.key_path);
  }

  make_zones_file_absolute(tree.root, fs::absolute(zones_path, ec).lexically_normal());
  s.resolved_yaml = emit_yaml(tree.root, chain_comment(tree));
  return s;
}

}  // namespace cwb::scenario
