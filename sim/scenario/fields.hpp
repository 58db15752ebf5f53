// Typed, range-checked readers for YAML values, and the map reader that rejects unknown keys.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "sim/core/money.hpp"
#include "sim/scenario/yaml_tree.hpp"

namespace cwb::scenario {

/// An interval of allowed values; infinite ends are unbounded.
struct Range {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool lo_closed = true;
  bool hi_closed = true;
  bool contains(double x) const;
  std::string text() const;  // "[0, 1]", ">= 0", "> 0"
};
inline Range closed(double lo, double hi) { return {lo, hi, true, true}; }
inline Range closed_open(double lo, double hi) { return {lo, hi, true, false}; }
inline Range open_closed(double lo, double hi) { return {lo, hi, false, true}; }
inline Range open(double lo, double hi) { return {lo, hi, false, false}; }
inline Range at_least(double lo) {
  return {lo, std::numeric_limits<double>::infinity(), true, true};
}
inline Range above(double lo) { return {lo, std::numeric_limits<double>::infinity(), false, true}; }
inline Range share() { return closed(0.0, 1.0); }

/// Reads one value (already known to be present) found at key path `path`.
using Reader = std::function<void(const TreeNode& value, const std::string& path)>;

struct Field {
  std::string key;
  Reader read;
  bool required = false;
};

/// Check `node` is a map whose keys are all among `fields` (unknown key: did-you-mean), run
/// each field's reader in file order, then report the first missing required key.
void read_map(const TreeNode& node, const std::string& path, const std::vector<Field>& fields);

/// "unknown key 'x'; did you mean 'y'?" or "...; known keys: a, b, c".
std::string unknown_name_message(const std::string& what, const std::string& name,
                                 const std::vector<std::string>& known);

// Parsers: throw located InputErrors naming the expected type or the allowed range.
double parse_real(const TreeNode& node, const std::string& path, const Range& range);
std::int64_t parse_whole(const TreeNode& node, const std::string& path, const Range& range);
const std::string& parse_text(const TreeNode& node, const std::string& path);

// Readers that store into a field of a scenario struct.
Reader real(double& out, Range range);
Reader whole(int& out, Range range);
Reader whole(std::int64_t& out, Range range);
Reader unsigned_whole(std::uint64_t& out);
Reader money(Pence& out, Range range_in_pounds);
Reader flag(bool& out);
Reader text(std::string& out);
Reader identifier(std::string& out);  // [A-Za-z0-9_-]+
Reader one_of(std::string& out, std::vector<std::string> choices);
Reader nothing();  // a known key handled elsewhere (e.g. `extends`)

}  // namespace cwb::scenario
