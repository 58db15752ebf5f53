// The zones CSV reader: RFC 4180 quoting, any column order, line ends, located errors.
#include <gtest/gtest.h>

#include <filesystem>

#include "sim/core/errors.hpp"
#include "sim/scenario/loader.hpp"

namespace cwb::scenario {
namespace {
namespace fs = std::filesystem;

const fs::path kFixtures = fs::path(CWB_SOURCE_DIR) / "tests/scenario/fixtures";

TEST(ZonesCsv, ReadsQuotedCellsInFileOrder) {
  const auto zones = load_zones_csv(kFixtures / "zones_small.csv");
  ASSERT_EQ(zones.size(), 3u);
  EXPECT_EQ(zones[0].name, "North");
  EXPECT_EQ(zones[0].source, "test zone, made up");
  EXPECT_EQ(zones[1].source, "test zone, \"quoted\" text");
  EXPECT_EQ(zones[2].name, "Centre");
  EXPECT_EQ(zones[0].working_age, 1000);
  EXPECT_EQ(zones[0].households, 500);
  EXPECT_DOUBLE_EQ(zones[0].employment_rate, 0.55);
  EXPECT_DOUBLE_EQ(zones[0].skill_shares[4], 0.20);
  EXPECT_EQ(zones[2].firms, 80);
  EXPECT_DOUBLE_EQ(zones[2].imd_score, 30);
}

TEST(ZonesCsv, AnyColumnOrderCrlfAndLineBreaksInQuotes) {
  const auto zones = load_zones_csv(kFixtures / "zones_reordered.csv");
  ASSERT_EQ(zones.size(), 1u);
  EXPECT_EQ(zones[0].name, "North");
  EXPECT_EQ(zones[0].source, "two\r\nlines, with comma");
  EXPECT_EQ(zones[0].working_age, 1000);
  EXPECT_DOUBLE_EQ(zones[0].claimant_rate, 0.08);
}

TEST(ZonesCsv, ShippedDataHasTheSixWards) {
  const auto zones = load_zones_csv(fs::path(CWB_SOURCE_DIR) / "scenarios/data/use_it_zones.csv");
  ASSERT_EQ(zones.size(), 6u);
  std::vector<std::string> names;
  for (const auto& z : zones)
    names.push_back(z.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Ladywood", "Soho & Jewellery Quarter", "Nechells",
                                             "Soho & Victoria", "Smethwick", "St Pauls"}));
}

TEST(ZonesCsv, MissingFileIsAnInputError) {
  EXPECT_THROW(load_zones_csv(kFixtures / "no_such_file.csv"), InputError);
}

TEST(ZonesCsv, ErrorsNameFileLineColumnAndColumnName) {
  try {
    load_zones_csv(kFixtures / "csv/non_numeric.csv");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(fs::path(e.where().file).filename(), "non_numeric.csv");
    EXPECT_EQ(e.where().line, 3);
    EXPECT_EQ(e.where().column, 20);
    EXPECT_EQ(e.where().key_path, "employment_rate");
  }
}

}  // namespace
}  // namespace cwb::scenario
