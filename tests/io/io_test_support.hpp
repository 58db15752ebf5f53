// Shared helpers for the io tests: a scratch directory and a representative results document.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>
#include <system_error>

#include "sim/io/results.hpp"

namespace cwb::io::testing {

/// A fresh, empty directory under the system temp directory, removed (with contents) at the end.
class ScratchDir {
 public:
  ScratchDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("cwb_io_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

  /// Names of everything in the directory (hidden temporary files included).
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(path_))
      names.push_back(e.path().filename().string());
    return names;
  }

 private:
  std::filesystem::path path_;
};

/// `bytes` of YAML-looking text (with some non-ASCII UTF-8), e.g. a resolved scenario.
inline std::string long_text(std::size_t bytes) {
  std::string text = "# résumé of a scenario — £ and € amounts\n";
  for (int i = 0; text.size() < bytes; ++i)
    text += "key_" + std::to_string(i) + ": value " + std::to_string(i * 7) + "\n";
  return text;
}

/// A root group and three groups: string, int64 and double coordinates (one of length 0),
/// 4-D and 5-D int64 and double variables, a 0-d long string, attributes of every type.
inline ResultsDocument sample_document() {
  ResultsDocument doc;
  doc.root_attributes = {{"Conventions", std::string("CF-1.8")},
                         {"title", std::string("cwbsim io test")},
                         {"seed", std::int64_t{1234567890123}},
                         {"wall_time_seconds", 12.5},
                         {"resolved_scenarios", long_text(200 * 1024)}};

  const std::vector<std::string> scenarios = {"baseline", "cwb £50"};
  const std::vector<std::int64_t> months = {0, 31, 59, 90, 120};  // days since 2017-01-01
  const Coordinate scenario{"scenario", "scenario name", "", scenarios, {}};
  const Coordinate month{"month",
                         "first day of month",
                         "days since 2017-01-01",
                         months,
                         {{"calendar", std::string("proleptic_gregorian")}}};

  Group root;  // "" = the root group's own datasets
  root.coordinates = {scenario};
  root.variables = {Variable{"scenario_yaml",
                             "resolved scenario (YAML)",
                             "",
                             {},
                             std::vector<std::string>{long_text(150 * 1024)},
                             {}},
                    Variable{"replicates",
                             "replicates per scenario",
                             "1",
                             {"scenario"},
                             std::vector<std::int64_t>{100, 100},
                             {}}};

  Group indicators{
      "indicators",
      {{"description", std::string("monthly indicators")}, {"version", std::int64_t{3}}},
      {},
      {}};
  const Coordinate replicate{
      "replicate", "replicate index", "", std::vector<std::int64_t>{0, 1, 2}, {}};
  const Coordinate zone{
      "zone", "zone", "", std::vector<std::string>{"north", "south", "east", "west"}, {}};
  const Coordinate anchor{
      "anchor", "anchor institution", "", std::vector<std::string>{"hospital", "university"}, {}};
  indicators.coordinates = {scenario, replicate, month, zone, anchor};
  std::vector<double> income(2 * 3 * 5 * 4 * 2);
  for (std::size_t i = 0; i < income.size(); ++i)
    income[i] = 1000.0 + 0.25 * static_cast<double>(i);
  std::vector<std::int64_t> jobs(2 * 3 * 5 * 4);
  for (std::size_t i = 0; i < jobs.size(); ++i)
    jobs[i] = static_cast<std::int64_t>(i) * 1'000'000'007LL;
  indicators.variables = {
      Variable{"local_income",
               "local income by anchor",
               "GBP",
               {"scenario", "replicate", "month", "zone", "anchor"},
               income,
               {{"cell_methods", std::string("replicate: point")},
                {"scale", 1.5},
                {"rank", std::int64_t{5}}}},
      Variable{"jobs", "jobs", "1", {"scenario", "replicate", "month", "zone"}, jobs, {}}};

  Group sam{"sam", {{"units_note", std::string("int64 pence")}}, {}, {}};
  const std::vector<std::string> sectors = {"households", "firms", "government"};
  sam.coordinates = {scenario, month, Coordinate{"row", "paying sector", "", sectors, {}},
                     Coordinate{"column", "receiving sector", "", sectors, {}}};
  std::vector<std::int64_t> flows(2 * 5 * 3 * 3);
  for (std::size_t i = 0; i < flows.size(); ++i)
    flows[i] = -5'000'000'000LL + static_cast<std::int64_t>(i);
  sam.variables = {Variable{"sam",
                            "social accounting matrix",
                            "pence",
                            {"scenario", "month", "row", "column"},
                            flows,
                            {}}};

  Group snapshot{"snapshot_persons", {{"month_taken", std::int64_t{12}}}, {}, {}};
  snapshot.coordinates = {
      Coordinate{"person", "person id", "", std::vector<std::int64_t>{}, {}},
      Coordinate{"quantile", "quantile", "1", std::vector<double>{0.1, 0.5, 0.9}, {}}, zone};
  snapshot.variables = {
      Variable{"age", "age", "year", {"person"}, std::vector<double>{}, {}},
      Variable{"home_zone", "home zone", "", {"person"}, std::vector<std::string>{}, {}},
      Variable{"zone_person",
               "person by zone",
               "1",
               {"zone", "person"},
               std::vector<std::int64_t>{},
               {}},
      Variable{"income_quantile",
               "income quantile",
               "GBP",
               {"quantile"},
               std::vector<double>{9e3, 2e4, 5.5e4},
               {{"note", std::string("")}}}};

  doc.groups = {root, indicators, sam, snapshot};
  return doc;
}

}  // namespace cwb::io::testing
