// Reading scenario YAML into origin-tracking trees, following and merging `extends` chains.
#include "sim/scenario/yaml_tree.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace cwb::scenario {
namespace fs = std::filesystem;

const MapEntry* TreeNode::find_entry(std::string_view key) const {
  for (const auto& e : entries)
    if (e.key == key) return &e;
  return nullptr;
}

const TreeNode* TreeNode::find(std::string_view key) const {
  const MapEntry* e = find_entry(key);
  return e ? &e->value : nullptr;
}

std::string describe(const TreeNode& node) {
  switch (node.kind) {
    case TreeNode::Kind::null: return "nothing (null)";
    case TreeNode::Kind::map: return "a map";
    case TreeNode::Kind::list: return "a list";
    case TreeNode::Kind::scalar: break;
  }
  return "'" + node.text + "'";
}

void fail_at(const Origin& at, const std::string& key_path, const std::string& message) {
  SourceLocation where;
  std::string full = message;
  if (at.file) {
    where.file = at.file->display;
    if (at.line > 0 && static_cast<std::size_t>(at.line) <= at.file->lines.size())
      where.line_text = at.file->lines[static_cast<std::size_t>(at.line - 1)];
    // The chain tells the user why a file they did not pass on the command line matters.
    if (!at.file->chain.empty()) full += " (" + at.file->chain + ")";
  }
  where.line = at.line;
  where.column = where.line_text.empty() ? 0 : at.column;
  where.key_path = key_path;
  throw InputError(full, std::move(where));
}

bool read_lines(const fs::path& file, std::string& text, std::vector<std::string>& lines) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return false;
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  text = buffer.str();
  lines.clear();
  std::string line;
  std::istringstream split(text);
  while (std::getline(split, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return true;
}

namespace {

Origin origin_of(const YAML::Mark& mark, const SourceFile* file) {
  if (mark.line < 0) return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1};
}

// `fallback` locates nodes yaml-cpp gives no useful mark (an empty value's mark points at
// the next line), so errors about them point at their key instead.
TreeNode convert(const YAML::Node& node, const SourceFile* file, const Origin& fallback,
                 const std::string& path) {
  TreeNode out;
  out.origin = origin_of(node.Mark(), file);
  if (out.origin.line == 0) out.origin = fallback;
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      out.kind = TreeNode::Kind::null;
      out.origin = fallback;
      break;
    case YAML::NodeType::Scalar:
      out.kind = TreeNode::Kind::scalar;
      out.text = node.Scalar();
      out.quoted = node.Tag() == "!";  // yaml-cpp tags quoted scalars "!", plain ones "?"
      break;
    case YAML::NodeType::Sequence: {
      out.kind = TreeNode::Kind::list;
      std::size_t index = 0;
      for (const auto& item : node) {
        out.items.push_back(
            convert(item, file, out.origin, path + "[" + std::to_string(index) + "]"));
        ++index;
      }
      break;
    }
    case YAML::NodeType::Map:
      out.kind = TreeNode::Kind::map;
      for (auto it = node.begin(); it != node.end(); ++it) {
        const Origin key_origin = origin_of(it->first.Mark(), file);
        if (!it->first.IsScalar()) fail_at(key_origin, path, "map keys must be plain names");
        const std::string key = it->first.Scalar();
        const std::string key_path = join_path(path, key);
        // yaml-cpp keeps both entries of a repeated key; silently using one hides typos.
        if (const MapEntry* first = out.find_entry(key))
          fail_at(key_origin, key_path,
                  "duplicate key '" + key + "' (first given on line " +
                      std::to_string(first->key_origin.line) + ")");
        out.entries.push_back({key, key_origin, convert(it->second, file, key_origin, key_path)});
      }
      break;
  }
  return out;
}

TreeNode merge(TreeNode base, TreeNode over) {
  if (base.kind != TreeNode::Kind::map || over.kind != TreeNode::Kind::map) return over;
  for (auto& entry : over.entries) {
    auto it = std::find_if(base.entries.begin(), base.entries.end(),
                           [&](const MapEntry& e) { return e.key == entry.key; });
    if (it == base.entries.end()) {
      base.entries.push_back(std::move(entry));
    } else {
      it->value = merge(std::move(it->value), std::move(entry.value));
      it->key_origin = entry.key_origin;
    }
  }
  base.origin = over.origin;
  return base;
}

constexpr std::size_t kMaxExtendsDepth = 32;

struct ChainLoader {
  MergedTree& tree;
  std::vector<fs::path> canonical_stack;  // the files being loaded, outermost first
  std::vector<std::string> display_stack;

  TreeNode load(const fs::path& path, const std::string& display, const Origin* extends_site) {
    auto owned = std::make_unique<SourceFile>();
    SourceFile* file = owned.get();
    tree.files.push_back(std::move(owned));
    file->display = display;
    file->path = path;
    if (!display_stack.empty()) {
      file->chain = "in " + display;
      for (auto it = display_stack.rbegin(); it != display_stack.rend(); ++it)
        file->chain += ", extended by " + *it;
    }

    std::string text;
    if (!read_lines(path, text, file->lines)) {
      if (extends_site)
        fail_at(*extends_site, "extends", "cannot read extended file '" + display + "'");
      throw InputError("cannot read scenario file (does it exist?)",
                       SourceLocation{display, 0, 0, "", ""});
    }
    YAML::Node doc;
    try {
      doc = YAML::Load(text);
    } catch (const YAML::ParserException& e) {
      fail_at(origin_of(e.mark, file), "", "YAML syntax error: " + e.msg);
    } catch (const YAML::Exception& e) {
      fail_at(origin_of(e.mark, file), "", "YAML error: " + e.msg);
    }
    const Origin top{file, 1, 0};
    if (doc.IsNull() || !doc.IsDefined())
      fail_at(top, "", "the file is empty; a scenario needs at least name, zones_file and anchors");
    if (!doc.IsMap())
      fail_at(origin_of(doc.Mark(), file), "",
              "expected a map of scenario keys at the top level, got " +
                  std::string(doc.IsSequence() ? "a list" : "a single value"));
    TreeNode node = convert(doc, file, top, "");

    auto extends_it = std::find_if(node.entries.begin(), node.entries.end(),
                                   [](const MapEntry& e) { return e.key == "extends"; });
    if (extends_it == node.entries.end()) return node;
    const MapEntry extends = *extends_it;
    node.entries.erase(extends_it);

    if (extends.value.kind != TreeNode::Kind::scalar || extends.value.text.empty())
      fail_at(extends.value.origin, "extends",
              "expected the name of a scenario file, got " + describe(extends.value));
    const fs::path parent_path = path.parent_path() / extends.value.text;
    const std::string parent_display =
        (fs::path(display).parent_path() / extends.value.text).lexically_normal().string();
    std::error_code ec;
    if (!fs::is_regular_file(parent_path, ec))
      fail_at(extends.key_origin, "extends",
              "extended file '" + extends.value.text + "' not found (looked for " +
                  parent_path.lexically_normal().string() + ")");
    // Both stacks hold this file and the files that extend it, outermost first.
    canonical_stack.push_back(fs::weakly_canonical(path, ec));
    display_stack.push_back(display);
    const fs::path canonical = fs::weakly_canonical(parent_path, ec);
    auto seen = std::find(canonical_stack.begin(), canonical_stack.end(), canonical);
    if (seen != canonical_stack.end()) {
      std::string cycle;
      for (auto i = static_cast<std::size_t>(seen - canonical_stack.begin());
           i < display_stack.size(); ++i)
        cycle += display_stack[i] + " -> ";
      fail_at(extends.key_origin, "extends", "extends cycle: " + cycle + parent_display);
    }
    if (canonical_stack.size() >= kMaxExtendsDepth)
      fail_at(extends.key_origin, "extends",
              "extends chain deeper than " + std::to_string(kMaxExtendsDepth) + " files");
    TreeNode parent = load(parent_path, parent_display, &extends.key_origin);
    canonical_stack.pop_back();
    display_stack.pop_back();
    return merge(std::move(parent), std::move(node));
  }
};

}  // namespace

MergedTree load_merged_tree(const fs::path& file) {
  MergedTree tree;
  ChainLoader loader{tree, {}, {}};
  tree.root = loader.load(file, file.string(), nullptr);
  return tree;
}

namespace {
void emit_node(YAML::Emitter& out, const TreeNode& node) {
  switch (node.kind) {
    case TreeNode::Kind::null: out << YAML::Null; break;
    case TreeNode::Kind::scalar:
      if (node.quoted)
        out << YAML::DoubleQuoted << node.text;
      else
        out << node.text;
      break;
    case TreeNode::Kind::list: {
      const bool flat = std::all_of(node.items.begin(), node.items.end(), [](const TreeNode& n) {
        return n.kind == TreeNode::Kind::scalar;
      });
      if (flat) out << YAML::Flow;
      out << YAML::BeginSeq;
      for (const auto& item : node.items)
        emit_node(out, item);
      out << YAML::EndSeq;
      break;
    }
    case TreeNode::Kind::map:
      out << YAML::BeginMap;
      for (const auto& e : node.entries) {
        out << YAML::Key << e.key << YAML::Value;
        emit_node(out, e.value);
      }
      out << YAML::EndMap;
      break;
  }
}
}  // namespace

std::string emit_yaml(const TreeNode& root, const std::string& header_comment) {
  YAML::Emitter out;
  if (!header_comment.empty()) out << YAML::Comment(header_comment) << YAML::Newline;
  emit_node(out, root);
  return std::string(out.c_str()) + "\n";
}

}  // namespace cwb::scenario
