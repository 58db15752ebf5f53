// Loading valid scenarios: the shipped baseline, extends merging, defaults, resolved YAML.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "sim/core/errors.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/programmes.hpp"

namespace cwb::scenario {
namespace {
namespace fs = std::filesystem;

const fs::path kRoot = CWB_SOURCE_DIR;
const fs::path kFixtures = kRoot / "tests/scenario/fixtures";

TEST(ScenarioBaseline, ShippedBaselineLoads) {
  const Scenario s = load_scenario(kRoot / "scenarios/baseline.yaml");
  EXPECT_EQ(s.name, "baseline");
  EXPECT_EQ(s.zones.size(), 6u);
  EXPECT_GE(s.anchors.size(), 3u);
  EXPECT_EQ(s.start, (YearMonth{2017, 1}));
  EXPECT_EQ(s.months, 120);
  EXPECT_EQ(s.replicates, 5);
  EXPECT_DOUBLE_EQ(s.population_scale, 1.0);
  EXPECT_TRUE(s.programmes.empty());
  EXPECT_EQ(s.tax_benefit.standard_allowance, 31782);  // 317.82 pounds in pence
  bool has_trust = false;
  for (const auto& a : s.anchors) {
    has_trust = has_trust || (a.name == "swbh_nhs_trust" && a.kind == "hospital" &&
                              a.annual_budget == pounds(430e6) && a.resident_staff_share < 0.2);
    EXPECT_LE(a.local_procurement_share + a.social_enterprise_share, 1.0);
  }
  EXPECT_TRUE(has_trust);
}

TEST(ScenarioBaseline, AreaRatesAreInTheBriefedRanges) {
  const Scenario s = load_scenario(kRoot / "scenarios/baseline.yaml");
  double working_age = 0, employed = 0, claimants = 0;
  for (const auto& z : s.zones) {
    working_age += static_cast<double>(z.working_age);
    employed += z.employment_rate * static_cast<double>(z.working_age);
    claimants += z.claimant_rate * static_cast<double>(z.working_age);
    EXPECT_FALSE(z.source.empty()) << z.name;
  }
  EXPECT_GT(employed / working_age, 0.50);
  EXPECT_LT(employed / working_age, 0.55);
  EXPECT_GT(claimants / working_age, 0.08);
  EXPECT_LT(claimants / working_age, 0.10);
}

TEST(ScenarioBaseline, ResolvedYamlReloadsToTheSameScenario) {
  const Scenario s = load_scenario(kRoot / "scenarios/baseline.yaml");
  EXPECT_EQ(s.resolved_yaml.find("extends"), std::string::npos);
  const fs::path copy = fs::temp_directory_path() / "cwbsim_resolved_baseline_test.yaml";
  {
    std::ofstream out(copy);
    out << s.resolved_yaml;
  }
  // zones_file is absolute in the resolved YAML, so the copy loads from anywhere.
  const Scenario again = load_scenario(copy);
  fs::remove(copy);
  EXPECT_EQ(again.zones.size(), s.zones.size());
  EXPECT_EQ(again.anchors.size(), s.anchors.size());
  EXPECT_EQ(again.households.share_rent, s.households.share_rent);
  EXPECT_EQ(again.tax_benefit.child_element, s.tax_benefit.child_element);
  EXPECT_EQ(again.seed, s.seed);
}

TEST(ScenarioExtends, BaseTakesDefaultsForKeysNotGiven) {
  const Scenario s = load_scenario(kFixtures / "base.yaml");
  EXPECT_EQ(s.name, "base");
  EXPECT_EQ(s.start, (YearMonth{2018, 4}));
  EXPECT_EQ(s.seed, 7u);
  EXPECT_EQ(s.zones.size(), 3u);
  const FirmParams defaults;
  EXPECT_EQ(s.firms.wage_share, defaults.wage_share);
  EXPECT_EQ(s.firms.mean_wage, defaults.mean_wage);
  EXPECT_EQ(s.social_enterprises.exit_after_months, defaults.exit_after_months);
  EXPECT_TRUE(s.switches.taxes);
  ASSERT_EQ(s.anchors.size(), 2u);
  EXPECT_EQ(s.anchors[1].annual_budget, 50000050);  // 500000.50 pounds
  EXPECT_EQ(s.anchors[1].long_name, "council");     // defaults to the name
  EXPECT_EQ(s.anchors[0].staff, 100);
}

TEST(ScenarioExtends, MapsMergeListsReplaceChildOverrides) {
  const Scenario s = load_scenario(kFixtures / "mid.yaml");
  EXPECT_EQ(s.name, "mid");                             // child overrides
  EXPECT_EQ(s.months, 24);                              // inherited
  EXPECT_DOUBLE_EQ(s.households.mpc_low_income, 0.97);  // child's key in a merged map
  EXPECT_DOUBLE_EQ(s.households.mpc_high_income, 0.5);  // parent's key kept
  const std::array<double, kSkillLevels> replaced{1, 1, 1, 1, 2};
  EXPECT_EQ(s.labour.skill_wage_factor, replaced);  // lists replace
  ASSERT_EQ(s.anchors.size(), 1u);                  // the parent's two anchors are gone
  EXPECT_EQ(s.anchors[0].name, "university");
  EXPECT_EQ(s.zones.size(), 3u);  // zones_file resolved against base.yaml
}

TEST(ScenarioExtends, ThreeLevelChain) {
  const Scenario s = load_scenario(kFixtures / "top.yaml");
  EXPECT_EQ(s.name, "top");
  EXPECT_EQ(s.months, 36);
  EXPECT_EQ(s.replicates, 2);                           // from base
  EXPECT_DOUBLE_EQ(s.households.mpc_low_income, 0.97);  // from mid
  EXPECT_DOUBLE_EQ(s.households.mpc_high_income, 0.5);  // from base
  EXPECT_DOUBLE_EQ(s.households.share_rent, 0.25);      // from top, nested map merge
  EXPECT_DOUBLE_EQ(s.households.share_outside, 0.39);
  EXPECT_DOUBLE_EQ(s.households.share_local_independent, 0.15);  // from base
  EXPECT_EQ(s.anchors[0].name, "university");
  EXPECT_EQ(s.resolved_yaml.find("extends:"), std::string::npos);
  EXPECT_NE(s.resolved_yaml.find("name: top"), std::string::npos);
  EXPECT_NE(s.resolved_yaml.find("rent: 0.25"), std::string::npos);
  EXPECT_NE(s.resolved_yaml.find("local_independent: 0.15"), std::string::npos);
}

TEST(ScenarioExtends, ZonesFileIsRelativeToTheFileThatNamesIt) {
  EXPECT_EQ(load_scenario(kFixtures / "sub/child.yaml").zones.size(), 3u);
  const Scenario own = load_scenario(kFixtures / "sub/own_zones.yaml");
  ASSERT_EQ(own.zones.size(), 1u);
  EXPECT_EQ(own.zones[0].name, "North");
}

TEST(ScenarioExtends, InheritedErrorNamesTheInheritedFileAndChain) {
  try {
    load_scenario(kFixtures / "malformed/inherited_error.yaml");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(fs::path(e.where().file).filename(), "bad_parent.yaml");
    EXPECT_EQ(e.where().line, 5);
    EXPECT_EQ(e.where().column, 15);
    EXPECT_EQ(e.where().key_path, "firms.wage_share");
    EXPECT_EQ(e.where().line_text, "  wage_share: 1.5");
    EXPECT_NE(std::string(e.what()).find("bad_parent.yaml, extended by"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("inherited_error.yaml)"), std::string::npos);
  }
}

TEST(ScenarioProgrammes, RegistryListsEveryStrandAndLever) {
  const std::vector<std::string> expected = {
      "skills_matching",    "community_research", "social_enterprise_support",
      "community_assets",   "anchor_procurement", "anchor_recruitment",
      "buy_local",          "living_wage",        "capital_project",
      "housing_development"};
  EXPECT_EQ(programme_types(), expected);
}

TEST(ScenarioDidYouMean, SuggestsCloseKeys) {
  const std::vector<std::string> keys{"months",     "replicates",     "population_scale",
                                      "zones_file", "mpc_low_income", "mpc_high_income"};
  EXPECT_EQ(did_you_mean("monhts", keys), "months");         // transposition
  EXPECT_EQ(did_you_mean("Months", keys), "months");         // case ignored
  EXPECT_EQ(did_you_mean("replicate", keys), "replicates");  // deletion
  EXPECT_EQ(did_you_mean("zone_file", keys), "zones_file");
  EXPECT_EQ(did_you_mean("populaton_scal", keys), "population_scale");  // 2 edits
  EXPECT_EQ(did_you_mean("mpc_lowincome", keys), "mpc_low_income");
  EXPECT_EQ(did_you_mean("mpc_hi_income", keys), "mpc_high_income");
}

TEST(ScenarioDidYouMean, StaysQuietWhenNothingIsClose) {
  const std::vector<std::string> keys{"months", "replicates", "seed"};
  EXPECT_EQ(did_you_mean("quantum_effects", keys), "");
  EXPECT_EQ(did_you_mean("xyz", keys), "");
  EXPECT_EQ(did_you_mean("months", {}), "");
}

TEST(ScenarioDidYouMean, ThresholdGrowsWithLength) {
  // 12 letters: up to max(2, 12 / 3) = 4 edits.
  EXPECT_EQ(did_you_mean("abcdefghijkl", {"abcdefghwxyz"}), "abcdefghwxyz");  // 4 edits
  EXPECT_EQ(did_you_mean("abcdefghijkl", {"abcvwxyzijkl"}), "");              // 5 edits
  EXPECT_EQ(did_you_mean("abcd", {"abxy"}), "abxy");  // 2 edits allowed for short keys
  EXPECT_EQ(did_you_mean("abcd", {"axyz"}), "");      // 3 edits: too far
}

}  // namespace
}  // namespace cwb::scenario
