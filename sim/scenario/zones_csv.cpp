// Reading and checking the zones data file: RFC 4180 CSV with a header row, located errors.
#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <memory>
#include <sstream>

#include "sim/scenario/fields.hpp"
#include "sim/scenario/loader.hpp"

namespace cwb::scenario {
namespace {

struct Cell {
  std::string text;
  int line = 0;
  int column = 0;
};
using Record = std::vector<Cell>;

const std::array<const char*, 18> kColumns = {"zone",
                                              "working_age",
                                              "households",
                                              "children_per_household",
                                              "employment_rate",
                                              "unemployment_rate",
                                              "claimant_rate",
                                              "skill_none",
                                              "skill_l1",
                                              "skill_l2",
                                              "skill_l3",
                                              "skill_l4",
                                              "overseas_qualified_share",
                                              "outside_work_share",
                                              "firms",
                                              "social_enterprises",
                                              "imd_score",
                                              "source"};

std::string trim(const std::string& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b])))
    ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1])))
    --e;
  return s.substr(b, e - b);
}

// RFC 4180: comma-separated, fields optionally in double quotes ("" is a quote inside them),
// quoted fields may hold commas and line breaks; LF or CRLF ends a record. Blank lines skip.
std::vector<Record> parse_csv(const std::string& text, const SourceFile& file) {
  std::vector<Record> records;
  Record record;
  Cell cell;
  int line = 1, column = 1;
  bool in_quotes = false, was_quoted = false;
  cell.line = 1;
  cell.column = 1;
  auto end_field = [&] {
    record.push_back(cell);
    cell = Cell{};
    cell.line = line;
    cell.column = column;
    was_quoted = false;
  };
  auto end_record = [&] {
    const bool blank = record.size() == 1 && record[0].text.empty() && !was_quoted;
    if (!blank) records.push_back(std::move(record));
    record.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell.text += '"';
        ++i;
        column += 2;
        continue;
      }
      if (c == '"') {
        in_quotes = false;
        ++column;
        continue;
      }
      cell.text += c;
      if (c == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
      continue;
    }
    // Spaces before an opening quote are tolerated: hand-edited files often have them.
    if (c == '"' && !was_quoted && trim(cell.text).empty()) {
      cell.text.clear();
      in_quotes = was_quoted = true;
      ++column;
      continue;
    }
    if (c == ',') {
      ++column;
      end_field();
      continue;
    }
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    if (c == '\n') {
      record.push_back(cell);
      end_record();
      ++line;
      column = 1;
      cell = Cell{};
      cell.line = line;
      cell.column = column;
      was_quoted = false;
      continue;
    }
    if (was_quoted && !std::isspace(static_cast<unsigned char>(c)))
      fail_at({&file, line, column}, "",
              "unexpected character after a closing quote (inside quotes write \"\" for a quote)");
    if (c == '"')
      fail_at({&file, line, column}, "",
              "a quote inside an unquoted cell; quote the whole cell and double the quote");
    if (!was_quoted) cell.text += c;
    ++column;
  }
  if (in_quotes) fail_at({&file, cell.line, cell.column}, "", "quoted cell is never closed");
  if (!cell.text.empty() || !record.empty() || was_quoted) {
    record.push_back(cell);
    end_record();
  }
  return records;
}

TreeNode as_node(const Cell& cell, const SourceFile& file) {
  TreeNode n;
  n.kind = TreeNode::Kind::scalar;
  n.text = trim(cell.text);
  n.origin = {&file, cell.line, cell.column};
  return n;
}

}  // namespace

std::vector<Zone> load_zones_csv(const std::filesystem::path& path) {
  SourceFile file;
  file.display = path.string();
  file.path = path;
  std::string text;
  if (!read_lines(path, text, file.lines))
    throw InputError("cannot read zones file (does it exist?)",
                     SourceLocation{file.display, 0, 0, "", ""});
  const std::vector<Record> records = parse_csv(text, file);
  if (records.empty())
    fail_at({&file, 1, 0}, "",
            "the zones file is empty; expected a header row and one row per zone");

  // Header: every column known, none twice, none missing.
  const Record& header = records.front();
  const std::vector<std::string> known(kColumns.begin(), kColumns.end());
  std::vector<int> index_of(kColumns.size(), -1);
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string name = trim(header[c].text);
    const Origin at{&file, header[c].line, header[c].column};
    auto it = std::find(known.begin(), known.end(), name);
    if (it == known.end()) fail_at(at, name, unknown_name_message("column", name, known));
    const auto k = static_cast<std::size_t>(it - known.begin());
    if (index_of[k] >= 0) fail_at(at, name, "column '" + name + "' appears twice in the header");
    index_of[k] = static_cast<int>(c);
  }
  for (std::size_t k = 0; k < kColumns.size(); ++k)
    if (index_of[k] < 0)
      fail_at({&file, header.front().line, 1}, kColumns[k],
              std::string("missing column '") + kColumns[k] + "' in the header");
  if (records.size() == 1)
    fail_at({&file, header.front().line, 1}, "", "the zones file has a header but no zones");

  std::vector<Zone> zones;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const Record& row = records[r];
    if (row.size() != header.size())
      fail_at({&file, row.front().line, 1}, "",
              "row has " + std::to_string(row.size()) + " cells but the header has " +
                  std::to_string(header.size()) + " (a cell with commas needs double quotes)");
    auto cell = [&](const char* column) {
      const auto k =
          static_cast<std::size_t>(std::find(known.begin(), known.end(), column) - known.begin());
      return as_node(row[static_cast<std::size_t>(index_of[k])], file);
    };
    auto real_of = [&](const char* column, Range range) {
      return parse_real(cell(column), column, range);
    };
    auto whole_of = [&](const char* column, Range range) {
      return parse_whole(cell(column), column, range);
    };

    Zone z;
    const TreeNode name = cell("zone");
    z.name = name.text;
    if (z.name.empty()) fail_at(name.origin, "zone", "zone name is empty");
    std::string lower = z.name;
    for (auto& ch : lower)
      ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (lower == "all")
      fail_at(name.origin, "zone", "'all' is reserved for area totals; rename the zone");
    for (const auto& other : zones)
      if (other.name == z.name)
        fail_at(name.origin, "zone", "duplicate zone name '" + z.name + "'");
    z.working_age = whole_of("working_age", at_least(1));
    z.households = whole_of("households", at_least(1));
    if (z.households > z.working_age)
      fail_at(cell("households").origin, "households",
              "more households than working-age residents (" + std::to_string(z.households) +
                  " > " + std::to_string(z.working_age) + ")");
    z.children_per_household = real_of("children_per_household", closed(0, 5));
    z.employment_rate = real_of("employment_rate", share());
    z.unemployment_rate = real_of("unemployment_rate", closed_open(0, 1));
    // employed / (1 - u) is the economically active share, which cannot exceed everyone.
    if (z.employment_rate / (1.0 - z.unemployment_rate) > 1.0 + 1e-9)
      fail_at(cell("unemployment_rate").origin, "unemployment_rate",
              "employment_rate and unemployment_rate imply more economically active people than "
              "working-age residents");
    z.claimant_rate = real_of("claimant_rate", share());
    const char* skills[kSkillLevels] = {"skill_none", "skill_l1", "skill_l2", "skill_l3",
                                        "skill_l4"};
    double sum = 0.0;
    for (int k = 0; k < kSkillLevels; ++k) {
      z.skill_shares[static_cast<std::size_t>(k)] = real_of(skills[k], share());
      sum += z.skill_shares[static_cast<std::size_t>(k)];
    }
    if (std::fabs(sum - 1.0) > 0.01) {
      std::ostringstream message;
      message << "skill shares (skill_none .. skill_l4) must sum to 1 +- 0.01, they sum to " << sum;
      fail_at(cell("skill_none").origin, "skill_none", message.str());
    }
    z.overseas_qualified_share = real_of("overseas_qualified_share", share());
    z.outside_work_share = real_of("outside_work_share", share());
    z.firms = whole_of("firms", at_least(0));
    z.social_enterprises = whole_of("social_enterprises", at_least(0));
    z.imd_score = real_of("imd_score", closed(0, 100));
    z.source = cell("source").text;
    zones.push_back(std::move(z));
  }
  return zones;
}

}  // namespace cwb::scenario
