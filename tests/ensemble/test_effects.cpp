// Effects of studies: a scenario against itself gives exact zeros; the effects group survives a
// write and read back; pairing narrows the CI of a procurement change (factor reported).
#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>

#include "sim/ensemble/comparison_report.hpp"
#include "sim/ensemble/effects.hpp"
#include "sim/ensemble/results.hpp"
#include "sim/ensemble/stored_study.hpp"
#include "sim/ensemble/study.hpp"
#include "sim/io/results.hpp"
#include "tests/model/scenario_fixtures.hpp"

namespace cwb {
namespace {

using accounting::kAnchorIndicators;
using accounting::kZoneIndicators;

const io::Group& group_named(const io::ResultsDocument& doc, const std::string& name) {
  for (const auto& g : doc.groups)
    if (g.name == name) return g;
  throw std::runtime_error("no group " + name);
}

const io::Variable& variable_named(const io::Group& g, const std::string& name) {
  for (const auto& v : g.variables)
    if (v.name == name) return v;
  throw std::runtime_error("no variable " + name);
}

TEST(Effects, BaselineAgainstItselfUnderAnotherNameIsExactlyZero) {
  ensemble::RunOptions options;
  options.replicates = 3;
  options.months = 24;
  auto copy = testing::small_baseline(0.02);
  copy.name = "baseline_copy";
  const auto study = ensemble::make_study({testing::small_baseline(0.02), copy}, options);
  const auto results = ensemble::run_study(study, options);
  for (int baseline : {0, 1}) {
    const auto e = ensemble::compute_effects(results, baseline);
    // Paired: every difference is exactly zero, so are the mean and both bounds.
    for (const auto* estimates : {&e.zone, &e.anchor, &e.totals})
      for (const auto& x : *estimates) {
        ASSERT_EQ(x.mean, 0.0);
        ASSERT_EQ(x.low, 0.0);
        ASSERT_EQ(x.high, 0.0);
      }
    // Unpaired (Welch) ignores the pairing: centred on zero, but as wide as the replicates'
    // spread says (zero only where the indicator does not vary between replicates).
    for (const auto* estimates : {&e.zone_unpaired, &e.anchor_unpaired, &e.totals_unpaired})
      for (const auto& x : *estimates) {
        ASSERT_EQ(x.mean, 0.0);
        ASSERT_EQ(x.low, -x.high);
      }
    for (int s = 0; s < 2; ++s) {
      EXPECT_EQ(e.value(s, ensemble::Appraisal::social_value_pv).high, 0.0);
      EXPECT_TRUE(std::isnan(e.value(s, ensemble::Appraisal::sroi).mean));  // nothing spent
    }
  }
}

TEST(Effects, GroupsAreWrittenAndReadBackWithLabels) {
  ensemble::RunOptions options;
  options.replicates = 2;
  options.months = 6;
  auto other = testing::small_baseline(0.02);
  other.name = "more_local";
  other.anchors.front().local_procurement_share = 0.25;
  const auto study = ensemble::make_study({testing::small_baseline(0.02), other}, options);
  const auto results = ensemble::run_study(study, options);
  const auto doc =
      ensemble::to_document(study, results, {"cwbsim run test", 1, "2020-01-01T00:00:00Z"});
  const auto path = std::filesystem::temp_directory_path() /
                    ("cwbsim-effects-" + std::to_string(::getpid()) + ".h5");
  io::write_results(doc, path);
  const auto back = io::read_results(path);
  std::filesystem::remove(path);

  const auto& effects = group_named(back, "effects");
  std::vector<std::string> dims_seen;
  for (const auto& c : effects.coordinates)
    dims_seen.push_back(c.name);
  EXPECT_EQ(dims_seen, (std::vector<std::string>{"scenario", "indicator", "month",
                                                 "anchor_indicator", "anchor", "statistic"}));
  const auto& indicator = std::get<std::vector<std::string>>(effects.coordinates[1].values);
  ASSERT_EQ(indicator.size(), static_cast<std::size_t>(kZoneIndicators));
  EXPECT_EQ(indicator.front(), "employment_rate");
  const auto& mean = variable_named(effects, "effect_mean");
  EXPECT_EQ(mean.dims, (std::vector<std::string>{"scenario", "indicator", "month"}));
  EXPECT_EQ(std::get<std::vector<double>>(mean.values).size(), 2u * kZoneIndicators * 6);
  EXPECT_EQ(variable_named(effects, "anchor_effect_ci_high").dims,
            (std::vector<std::string>{"scenario", "anchor_indicator", "month", "anchor"}));
  EXPECT_EQ(variable_named(effects, "local_income_gain_pv").units, "GBP");
  EXPECT_EQ(group_named(back, "value_for_money").coordinates.size(), 2u);

  // The summary path (read back, rebuild, recompute) gives the numbers the run wrote.
  const auto stored = ensemble::stored_study(back, "test file");
  EXPECT_EQ(stored.baseline, "baseline");
  const auto again = ensemble::compute_effects(stored.results, 0);
  const auto& written = std::get<std::vector<double>>(mean.values);
  for (std::size_t k = 0; k < written.size(); ++k)
    ASSERT_EQ(written[k], again.zone[k].mean) << k;
  // The procurement change shows in the anchor's share (+20 points, known exactly).
  const auto& share = again.anchor_effect(
      1, static_cast<int>(accounting::AnchorIndicator::local_procurement_share), 5, 0);
  EXPECT_NEAR(share.mean, 0.20, 1e-9);
  const auto table =
      ensemble::comparison_report(again, stored.labels, ensemble::ReportFormat::table);
  EXPECT_NE(table.find("more_local:"), std::string::npos) << table;
}

/// Width of the paired CI / width of the unpaired CI; printed for docs/comparison.md.
double narrowing(const ensemble::Estimate& paired, const ensemble::Estimate& unpaired) {
  return (unpaired.high - unpaired.low) / (paired.high - paired.low);
}

TEST(Effects, PairingNarrowsTheIntervalOfAProcurementChange) {
  // The CRN proof (b) with the only policy lever that exists before programmes: the hospital
  // buys locally 25% of its procurement instead of 5%.
  ensemble::RunOptions options;
  options.replicates = 5;
  options.months = 24;
  auto base = testing::small_baseline(0.25);
  auto policy = base;
  policy.name = "hospital_buys_local";
  policy.anchors.front().local_procurement_share = 0.25;
  const auto study = ensemble::make_study({base, policy}, options);
  const auto results = ensemble::run_study(study, options);
  const auto e = ensemble::compute_effects(results, 0);
  const int last = options.months.value() - 1;
  const auto employment = static_cast<int>(accounting::ZoneIndicator::employment_rate);
  const auto cell = (static_cast<std::size_t>(1) * kZoneIndicators + employment) * 24 + last;
  const double employment_factor = narrowing(e.zone[cell], e.zone_unpaired[cell]);
  const auto lm3 = static_cast<int>(accounting::AnchorIndicator::lm3);
  const auto lm3_cell =
      ((static_cast<std::size_t>(1) * kAnchorIndicators + lm3) * 24 + last) * e.anchors;
  const double lm3_factor = narrowing(e.anchor[lm3_cell], e.anchor_unpaired[lm3_cell]);
  const double jobs_factor = narrowing(e.total(1, ensemble::Total::employment_person_months_gain),
                                       e.totals_unpaired[1 * ensemble::kTotals + 1]);
  std::printf("narrowing (unpaired width / paired width) at month %d: employment rate %.2f, "
              "person-months %.2f, hospital LM3 %.2f\n",
              last + 1, employment_factor, jobs_factor, lm3_factor);
  EXPECT_GT(employment_factor, 2.0);
  EXPECT_GT(jobs_factor, 2.0);
}

}  // namespace
}  // namespace cwb
