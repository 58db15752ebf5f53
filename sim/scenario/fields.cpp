// Typed, range-checked YAML value readers with located, explanatory errors.
#include "sim/scenario/fields.hpp"

#include <charconv>
#include <cmath>
#include <sstream>

#include "sim/scenario/loader.hpp"

namespace cwb::scenario {
namespace {

std::string number_text(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

[[noreturn]] void wrong_type(const TreeNode& node, const std::string& path,
                             const std::string& expected) {
  std::string got = describe(node);
  if (node.kind == TreeNode::Kind::scalar && node.quoted) got = "the quoted text " + got;
  fail_at(node.origin, path, "expected " + expected + ", got " + got);
}

bool parse_double_text(const std::string& text, double& out) {
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (first != last && *first == '+') ++first;
  auto [ptr, ec] = std::from_chars(first, last, out);
  return ec == std::errc() && ptr == last && first != last;
}

}  // namespace

bool Range::contains(double x) const {
  const bool lo_ok = lo_closed ? x >= lo : x > lo;
  const bool hi_ok = hi_closed ? x <= hi : x < hi;
  return lo_ok && hi_ok;
}

std::string Range::text() const {
  if (std::isinf(hi)) return (lo_closed ? ">= " : "> ") + number_text(lo);
  if (std::isinf(lo)) return (hi_closed ? "<= " : "< ") + number_text(hi);
  return std::string(lo_closed ? "[" : "(") + number_text(lo) + ", " + number_text(hi) +
         (hi_closed ? "]" : ")");
}

std::string unknown_name_message(const std::string& what, const std::string& name,
                                 const std::vector<std::string>& known) {
  std::string message = "unknown " + what + " '" + name + "'";
  const std::string suggestion = did_you_mean(name, known);
  if (!suggestion.empty()) return message + "; did you mean '" + suggestion + "'?";
  if (known.empty()) return message;
  message += "; known " + what + "s: ";
  for (std::size_t i = 0; i < known.size(); ++i)
    message += (i ? ", " : "") + known[i];
  return message;
}

void read_map(const TreeNode& node, const std::string& path, const std::vector<Field>& fields) {
  if (node.kind != TreeNode::Kind::map) wrong_type(node, path, "a map of keys");
  std::vector<std::string> known;
  known.reserve(fields.size());
  for (const auto& f : fields)
    known.push_back(f.key);
  for (const auto& entry : node.entries) {
    const std::string key_path = join_path(path, entry.key);
    const Field* field = nullptr;
    for (const auto& f : fields)
      if (f.key == entry.key) field = &f;
    if (!field) fail_at(entry.key_origin, key_path, unknown_name_message("key", entry.key, known));
    field->read(entry.value, key_path);
  }
  for (const auto& f : fields)
    if (f.required && !node.find(f.key))
      fail_at(node.origin, join_path(path, f.key), "missing required key '" + f.key + "'");
}

double parse_real(const TreeNode& node, const std::string& path, const Range& range) {
  double value = 0.0;
  if (node.kind != TreeNode::Kind::scalar || node.quoted || !parse_double_text(node.text, value))
    wrong_type(node, path, "a number");
  if (!std::isfinite(value))
    fail_at(node.origin, path, "expected a finite number, got '" + node.text + "'");
  if (!range.contains(value))
    fail_at(node.origin, path, "must be " + range.text() + ", got " + node.text);
  return value;
}

std::int64_t parse_whole(const TreeNode& node, const std::string& path, const Range& range) {
  if (node.kind != TreeNode::Kind::scalar || node.quoted) wrong_type(node, path, "a whole number");
  const char* first = node.text.data();
  const char* last = node.text.data() + node.text.size();
  if (first != last && *first == '+') ++first;
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec == std::errc::result_out_of_range)
    fail_at(node.origin, path, "must be " + range.text() + ", got " + node.text);
  if (ec != std::errc() || ptr != last || first == last) {
    double as_real = 0.0;
    if (parse_double_text(node.text, as_real))
      fail_at(node.origin, path, "expected a whole number, got " + node.text);
    wrong_type(node, path, "a whole number");
  }
  if (!range.contains(static_cast<double>(value)))
    fail_at(node.origin, path, "must be " + range.text() + ", got " + node.text);
  return value;
}

const std::string& parse_text(const TreeNode& node, const std::string& path) {
  if (node.kind != TreeNode::Kind::scalar) wrong_type(node, path, "text");
  return node.text;
}

Reader real(double& out, Range range) {
  return [&out, range](const TreeNode& n, const std::string& p) { out = parse_real(n, p, range); };
}

Reader whole(int& out, Range range) {
  return [&out, range](const TreeNode& n, const std::string& p) {
    out = static_cast<int>(parse_whole(n, p, range));  // every int field has a bounded range
  };
}

Reader whole(std::int64_t& out, Range range) {
  return [&out, range](const TreeNode& n, const std::string& p) { out = parse_whole(n, p, range); };
}

Reader unsigned_whole(std::uint64_t& out) {
  return [&out](const TreeNode& n, const std::string& p) {
    if (n.kind != TreeNode::Kind::scalar || n.quoted) wrong_type(n, p, "a whole number");
    if (!n.text.empty() && n.text[0] == '-') parse_whole(n, p, at_least(0));  // range message
    auto [ptr, ec] = std::from_chars(n.text.data(), n.text.data() + n.text.size(), out);
    if (ec != std::errc() || ptr != n.text.data() + n.text.size() || n.text.empty())
      fail_at(n.origin, p, "expected a whole number from 0 to 18446744073709551615, got " + n.text);
  };
}

Reader money(Pence& out, Range range_in_pounds) {
  return [&out, range_in_pounds](const TreeNode& n, const std::string& p) {
    const double gbp = parse_real(n, p, range_in_pounds);
    // Far beyond any local economy, and well inside int64 pence.
    if (std::fabs(gbp) > 1e13)
      fail_at(n.origin, p, "amount in pounds is implausibly large: " + n.text);
    out = pounds(gbp);
  };
}

Reader flag(bool& out) {
  return [&out](const TreeNode& n, const std::string& p) {
    // Only true/false: YAML 1.1's yes/no/on/off surprise people (Norway's "NO").
    if (n.kind == TreeNode::Kind::scalar && !n.quoted) {
      if (n.text == "true" || n.text == "True" || n.text == "TRUE") {
        out = true;
        return;
      }
      if (n.text == "false" || n.text == "False" || n.text == "FALSE") {
        out = false;
        return;
      }
    }
    wrong_type(n, p, "true or false");
  };
}

Reader text(std::string& out) {
  return [&out](const TreeNode& n, const std::string& p) { out = parse_text(n, p); };
}

Reader identifier(std::string& out) {
  return [&out](const TreeNode& n, const std::string& p) {
    const std::string& t = parse_text(n, p);
    bool ok = !t.empty();
    for (char c : t)
      ok = ok && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '-');
    if (!ok)
      fail_at(n.origin, p,
              "expected a name of letters, digits, '_' and '-' only (it becomes a label in the "
              "results), got '" +
                  t + "'");
    out = t;
  };
}

Reader one_of(std::string& out, std::vector<std::string> choices) {
  return [&out, choices = std::move(choices)](const TreeNode& n, const std::string& p) {
    const std::string& t = parse_text(n, p);
    for (const auto& c : choices)
      if (c == t) {
        out = t;
        return;
      }
    std::string message = "expected one of ";
    for (std::size_t i = 0; i < choices.size(); ++i)
      message += (i ? ", " : "") + choices[i];
    message += ", got '" + t + "'";
    const std::string suggestion = did_you_mean(t, choices);
    if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
    fail_at(n.origin, p, message);
  };
}

Reader nothing() {
  return [](const TreeNode&, const std::string&) {};
}

}  // namespace cwb::scenario
