// A YAML tree that remembers, for every node, which file of an `extends` chain it came from.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/errors.hpp"

namespace cwb::scenario {

/// One file read while loading a scenario (the scenario itself, a file it extends, a CSV).
struct SourceFile {
  std::string display;             // the path as shown in messages
  std::filesystem::path path;      // the path used to open it and to resolve relative paths
  std::vector<std::string> lines;  // its text, for quoting the offending line
  std::string chain;  // "" for the scenario itself, else "in b.yaml, extended by a.yaml"
};

/// Where a node was written: file plus 1-based line and column (0 = unknown).
struct Origin {
  const SourceFile* file = nullptr;
  int line = 0;
  int column = 0;
};

struct MapEntry;

/// A parsed YAML node, detached from yaml-cpp so that merged trees keep per-node origins.
struct TreeNode {
  enum class Kind { null, scalar, map, list };
  Kind kind = Kind::null;
  std::string text;     // scalars: the text as written
  bool quoted = false;  // scalars: written in quotes, so a string, never a number
  Origin origin;
  std::vector<MapEntry> entries;  // maps, in file order
  std::vector<TreeNode> items;    // lists

  const TreeNode* find(std::string_view key) const;
  const MapEntry* find_entry(std::string_view key) const;
};

struct MapEntry {
  std::string key;
  Origin key_origin;
  TreeNode value;
};

/// "a map", "a list", "nothing (null)" or "'text'": for type errors.
std::string describe(const TreeNode& node);

/// Throw an InputError located at `at`; inherited files get the chain appended to the message.
[[noreturn]] void fail_at(const Origin& at, const std::string& key_path,
                          const std::string& message);

/// Read a file and split it into lines (for quoting offending lines); false if unreadable.
bool read_lines(const std::filesystem::path& file, std::string& text,
                std::vector<std::string>& lines);

/// A scenario file with its `extends` chain merged: the files stay alive for the origins.
struct MergedTree {
  std::vector<std::unique_ptr<SourceFile>> files;
  TreeNode root;  // a map, with the `extends` key removed
};

/// Read `file`, follow `extends:` (relative to the extending file), merge (maps key by key,
/// the child wins; lists and scalars replace), and return the merged tree.
MergedTree load_merged_tree(const std::filesystem::path& file);

/// The merged tree as YAML text (YAML::Emitter), quoted scalars kept quoted.
std::string emit_yaml(const TreeNode& root, const std::string& header_comment);

/// Join a key path: join_path("a", "b") == "a.b", join_path("", "b") == "b".
inline std::string join_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

}  // namespace cwb::scenario
