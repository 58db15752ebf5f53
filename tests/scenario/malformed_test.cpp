// The table of malformed scenarios (fixtures/malformed/EXPECTED.tsv): each fails where expected.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/core/errors.hpp"
#include "sim/scenario/loader.hpp"

namespace cwb::scenario {
namespace {
namespace fs = std::filesystem;

const fs::path kMalformed = fs::path(CWB_SOURCE_DIR) / "tests/scenario/fixtures/malformed";

struct Case {
  std::string file, line, key, error_file, message;
};

std::vector<Case> read_cases() {
  std::ifstream in(kMalformed / "EXPECTED.tsv");
  std::vector<Case> cases;
  std::string row;
  std::getline(in, row);  // header
  while (std::getline(in, row)) {
    if (row.empty()) continue;
    std::istringstream cells(row);
    Case c;
    std::getline(cells, c.file, '\t');
    std::getline(cells, c.line, '\t');
    std::getline(cells, c.key, '\t');
    std::getline(cells, c.error_file, '\t');
    std::getline(cells, c.message, '\t');
    cases.push_back(c);
  }
  return cases;
}

TEST(ScenarioMalformed, TableCoversTheBriefedCases) {
  const auto cases = read_cases();
  EXPECT_GE(cases.size(), 20u);
  // Every case file in the directory is in the table, and the other way round.
  std::size_t yaml_files = 0;
  for (const auto& entry : fs::directory_iterator(kMalformed))
    if (entry.path().extension() == ".yaml") ++yaml_files;
  EXPECT_EQ(yaml_files, cases.size());
}

TEST(ScenarioMalformed, EveryCaseFailsWhereExpected) {
  for (const auto& c : read_cases()) {
    SCOPED_TRACE(c.file);
    try {
      load_scenario(kMalformed / c.file);
      ADD_FAILURE() << c.file << " loaded without error";
    } catch (const InputError& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find(c.error_file + ":" + c.line + ":"), std::string::npos) << what;
      EXPECT_EQ(fs::path(e.where().file).filename().string(), c.error_file) << what;
      EXPECT_EQ(std::to_string(e.where().line), c.line) << what;
      if (c.key != "-") {
        EXPECT_NE(e.where().key_path.find(c.key), std::string::npos) << what;
        EXPECT_NE(what.find("key '" + e.where().key_path + "'"), std::string::npos) << what;
      }
      EXPECT_NE(what.find(c.message), std::string::npos) << what;
    } catch (const std::exception& e) {
      ADD_FAILURE() << c.file << " threw something other than InputError: " << e.what();
    }
  }
}

}  // namespace
}  // namespace cwb::scenario
