// Studies: results do not depend on the thread count; replicates differ; scenarios must agree.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include "sim/core/errors.hpp"
#include "sim/ensemble/results.hpp"
#include "sim/ensemble/study.hpp"
#include "tests/model/scenario_fixtures.hpp"

namespace cwb {
namespace {

ensemble::StudyResults run_with_threads(const ensemble::Study& study, int threads) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(threads));
  return ensemble::run_study(study, {});
}

TEST(Study, ResultsAreIdenticalForOneTwoAndFourThreads) {
  ensemble::RunOptions options;
  options.replicates = 3;
  options.months = 18;
  auto second = testing::small_baseline(0.02);
  second.name = "second";
  const auto study = ensemble::make_study({testing::small_baseline(0.02), second}, options);
  const auto one = run_with_threads(study, 1);
  for (int threads : {2, 4}) {
    const auto many = run_with_threads(study, threads);
    EXPECT_EQ(one.zone_indicators, many.zone_indicators) << threads << " threads";
    EXPECT_EQ(one.anchor_indicators, many.anchor_indicators) << threads << " threads";
    EXPECT_EQ(one.sam, many.sam) << threads << " threads";
    EXPECT_EQ(one.stocks, many.stocks) << threads << " threads";
  }
  // Two identical scenarios see the same people and the same luck (common random numbers),
  // while replicates differ.
  const auto per_run = one.sam.size() / 6;
  EXPECT_TRUE(std::equal(one.sam.begin(),
                         one.sam.begin() + static_cast<std::ptrdiff_t>(3 * per_run),
                         one.sam.begin() + static_cast<std::ptrdiff_t>(3 * per_run)));
  EXPECT_FALSE(std::equal(one.sam.begin(), one.sam.begin() + static_cast<std::ptrdiff_t>(per_run),
                          one.sam.begin() + static_cast<std::ptrdiff_t>(per_run)));
}

TEST(Study, ScenariosMustShareZonesAnchorsAndNames) {
  auto a = testing::small_baseline(0.02);
  auto b = a;
  EXPECT_THROW(ensemble::make_study({a, b}, {}), InputError);  // same name twice
  b.name = "other";
  b.anchors.pop_back();
  EXPECT_THROW(ensemble::make_study({a, b}, {}), InputError);
}

}  // namespace
}  // namespace cwb
