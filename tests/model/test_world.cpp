// The monthly economy on a scaled-down USE-IT! baseline: conservation, determinism, calibration.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>

#include <numeric>
#include <set>

#include "sim/core/errors.hpp"
#include "sim/model/world.hpp"
#include "tests/model/scenario_fixtures.hpp"

namespace cwb {
namespace {

using accounting::Sector;
using accounting::ZoneIndicator;

double area(const model::MonthRecord& rec, std::size_t zones, ZoneIndicator i) {
  return rec.zone_indicators[zones * accounting::kZoneIndicators + static_cast<std::size_t>(i)];
}

/// Every zone indicator and SAM flow of `steps` months of `world`, in order.
std::vector<double> trace_of(model::World& world, int steps) {
  std::vector<double> trace;
  for (int m = 0; m < steps; ++m) {
    world.step();
    const auto& rec = world.record();
    trace.insert(trace.end(), rec.zone_indicators.begin(), rec.zone_indicators.end());
    for (const auto& row : rec.sam.flow)
      for (auto v : row)
        trace.push_back(static_cast<double>(v));
  }
  return trace;
}

TEST(World, MoneyIsConservedToThePennyEveryMonth) {
  const auto scenario = testing::small_baseline();
  model::World world(scenario, 11, 0);
  const auto opening = world.opening_stocks();
  const Pence opening_total = std::accumulate(opening.begin(), opening.end(), Pence{0});
  EXPECT_EQ(opening[accounting::index(Sector::government)], 0);
  for (int m = 0; m < 36; ++m) {
    world.step();  // throws AccountingError if any sector's identity breaks
    const auto& stocks = world.record().stocks;
    // Money is neither created nor destroyed: every payment is somebody's receipt.
    EXPECT_EQ(std::accumulate(stocks.begin(), stocks.end(), Pence{0}), opening_total)
        << "month " << m;
  }
}

TEST(World, GovernmentFundsAnchorsAndCollectsTaxes) {
  const auto scenario = testing::small_baseline();
  model::World world(scenario, 11, 0);
  world.step();
  const auto& sam = world.record().sam;
  const auto g = accounting::index(Sector::government);
  EXPECT_GT(sam.flow[g][accounting::index(Sector::anchors)], 0);
  EXPECT_GT(sam.flow[accounting::index(Sector::households)][g], 0);  // income tax and NI
  EXPECT_GT(sam.flow[g][accounting::index(Sector::households)], 0);  // benefits
  EXPECT_GT(sam.flow[accounting::index(Sector::firms)][g], 0);       // corporation tax
  EXPECT_EQ(sam.inflow(Sector::programmes), 0);  // no programmes in the baseline
}

TEST(World, SameSeedSameResultsDifferentSeedDifferentResults) {
  const auto scenario = testing::small_baseline();
  auto run = [&](std::uint64_t seed, int replicate) {
    model::World world(scenario, seed, replicate);
    return trace_of(world, 24);
  };
  const auto a = run(5, 0);
  EXPECT_EQ(a, run(5, 0));
  EXPECT_NE(a, run(6, 0));
  EXPECT_NE(a, run(5, 1));
}

TEST(World, ARunsLengthChangesNoneOfItsMonthsAndEndsIt) {
  // Job ends and returns to job search are drawn ahead only up to the end of the run: a run of
  // 18 months is, month for month, the first 18 of a longer one; a 19th step is refused.
  const auto scenario = testing::small_baseline();
  auto run = [&](int months, int steps) {
    model::World world(scenario, 21, 0, months);
    return trace_of(world, steps);
  };
  EXPECT_EQ(run(18, 18), run(120, 18));
  model::World short_run(scenario, 21, 0, 2);
  EXPECT_EQ(short_run.months(), 2);
  short_run.step();
  short_run.step();
  EXPECT_THROW(short_run.step(), InternalError);
}

TEST(World, ARecordSinkGetsTheSameRecordsInOrderWithTheSummariesOverlapped) {
  // With a sink, a month's income summaries (the sort) run while the next month does: the
  // sink still gets every month's record, once, in order, each the one step() leaves in
  // record() without a sink, to the bit; the median they hand on to the next month's
  // move-outs is the same, so every later month is too.
  const auto scenario = testing::small_baseline();
  constexpr int kMonths = 14;
  model::World plain(scenario, 31, 0, kMonths);
  const auto expected = trace_of(plain, kMonths);
  model::World overlapped(scenario, 31, 0, kMonths);
  std::vector<double> trace;
  int handed = 0;
  overlapped.set_record_sink([&](const model::MonthRecord& rec) {
    ++handed;
    trace.insert(trace.end(), rec.zone_indicators.begin(), rec.zone_indicators.end());
    for (const auto& row : rec.sam.flow)
      for (auto v : row)
        trace.push_back(static_cast<double>(v));
  });
  for (int m = 0; m < kMonths; ++m) {
    overlapped.step();
    // Month m's record is handed over during month m + 1 (the last one's at its own end).
    EXPECT_EQ(handed, m + 1 == kMonths ? kMonths : m) << "after month " << m;
  }
  EXPECT_EQ(handed, kMonths);
  EXPECT_EQ(trace, expected);
  // The income indicators are in the handed records (not left at zero).
  const auto zones = scenario.zones.size();
  const std::size_t per_month =
      (zones + 1) * accounting::kZoneIndicators + accounting::kSectors * accounting::kSectors;
  const std::size_t median = zones * accounting::kZoneIndicators +
                             static_cast<std::size_t>(ZoneIndicator::median_equivalised_income);
  EXPECT_GT(trace[(kMonths - 1) * per_month + median], 1000.0);
}

TEST(World, AWorldGivenUpWithItsSummariesPendingWaitsForThem) {
  // A run that stops part way (an error elsewhere) leaves a month's summaries running: the
  // World waits for them as it goes (under ASan/TSan a use after free would show here).
  const auto scenario = testing::small_baseline();
  int handed = 0;
  {
    model::World world(scenario, 31, 0, 12);
    world.set_record_sink([&](const model::MonthRecord&) { ++handed; });
    world.step();
    world.step();
  }
  EXPECT_EQ(handed, 1);
}

TEST(World, StartsNearTheObservedLabourMarket) {
  const auto scenario = testing::small_baseline(0.1);
  // Area targets: working-age-weighted means of the zone data.
  double wa = 0, employed = 0, unemployed = 0;
  for (const auto& z : scenario.zones) {
    wa += static_cast<double>(z.working_age);
    employed += static_cast<double>(z.working_age) * z.employment_rate;
    unemployed += static_cast<double>(z.working_age) * z.employment_rate * z.unemployment_rate /
                  (1 - z.unemployment_rate);
  }
  model::World world(scenario, 3, 0);
  world.step();
  const auto zones = scenario.zones.size();
  // Tolerance: 1.5 points, about 4 binomial standard errors at this population size.
  EXPECT_NEAR(area(world.record(), zones, ZoneIndicator::employment_rate), employed / wa, 0.015);
  EXPECT_NEAR(area(world.record(), zones, ZoneIndicator::unemployment_rate),
              unemployed / (employed + unemployed), 0.015);
}

TEST(World, AnchorsReportTheirLocalShares) {
  const auto scenario = testing::small_baseline();
  model::World world(scenario, 3, 0);
  world.step();
  const auto& rec = world.record();
  for (std::size_t a = 0; a < scenario.anchors.size(); ++a) {
    const auto* row = &rec.anchor_indicators[a * accounting::kAnchorIndicators];
    const auto& spec = scenario.anchors[a];
    using accounting::AnchorIndicator;
    EXPECT_NEAR(row[static_cast<int>(AnchorIndicator::local_procurement_share)],
                spec.local_procurement_share + spec.social_enterprise_share, 1e-6);
    // Within 3 points, plus one person's share (a small anchor's share moves in steps of it).
    const auto& state = world.anchors()[a];
    const double staff = std::max(1, state.resident_staff + state.commuter_staff);
    EXPECT_NEAR(row[static_cast<int>(AnchorIndicator::local_workforce_share)],
                spec.resident_staff_share, 0.03 + 1.0 / staff);
    const double lm3 = row[static_cast<int>(AnchorIndicator::lm3)];
    EXPECT_GT(lm3, 1.0);
    EXPECT_LT(lm3, 3.0);
  }
}

TEST(World, PersonIdsAreNeverReused) {
  const auto scenario = testing::small_baseline();
  model::World world(scenario, 9, 0);
  std::set<std::uint64_t> seen(world.persons().id.begin(), world.persons().id.end());
  std::set<std::uint64_t> alive_before = seen;
  for (int m = 0; m < 24; ++m) {
    world.step();
    for (auto id : world.persons().id) {
      if (!alive_before.count(id)) {
        EXPECT_TRUE(seen.insert(id).second) << "id reused: " << id;
      }
    }
    alive_before = {world.persons().id.begin(), world.persons().id.end()};
  }
  EXPECT_GT(seen.size(), world.persons().size());  // people did come and go
}

TEST(World, JobsEndAtTheSeparationRateOfTheirEmployer) {
  // A job's end month is drawn when it starts (one draw, geometric) instead of a draw every
  // month: the share of jobs ending in the first month must be the employer's monthly rate r,
  // and in the second (1 - r) r, for jobs outside the area, at local businesses and at anchors
  // (each at its own turnover rate).
  const auto scenario = testing::small_baseline(1.0);
  const model::World world(scenario, 5, 0);
  const auto& ps = world.persons();
  const auto anchors = static_cast<std::int32_t>(scenario.anchors.size());
  struct Kind {
    const char* name;
    std::int64_t jobs = 0;
    double first = 0, second = 0;  // jobs ending in month 0, in month 1
    double expected_first = 0, variance_first = 0, expected_second = 0, variance_second = 0;
  };
  std::array<Kind, 3> kinds = {Kind{"outside"}, Kind{"business"}, Kind{"anchor"}};
  for (std::size_t p = 0; p < ps.size(); ++p) {
    if (ps.status[p] != model::Status::employed) continue;
    const auto e = ps.employer[p];
    const bool outside = e == model::kOutsideJob, business = e >= anchors;
    const double r = outside    ? scenario.labour.outside_job_loss_rate
                     : business ? scenario.labour.separation_rate
                                : scenario.anchors[static_cast<std::size_t>(e)].turnover_rate;
    auto& kind = kinds[outside ? 0 : business ? 1 : 2];
    kind.jobs += 1;
    kind.first += ps.spell_ends_month[p] == 0;
    kind.second += ps.spell_ends_month[p] == 1;
    const double q = (1 - r) * r;
    kind.expected_first += r;
    kind.variance_first += r * (1 - r);
    kind.expected_second += q;
    kind.variance_second += q * (1 - q);
  }
  for (const auto& kind : kinds) {
    ASSERT_GT(kind.jobs, 1000) << kind.name;
    EXPECT_NEAR(kind.first, kind.expected_first, 4.0 * std::sqrt(kind.variance_first)) << kind.name;
    EXPECT_NEAR(kind.second, kind.expected_second, 4.0 * std::sqrt(kind.variance_second))
        << kind.name;
  }
}

}  // namespace
}  // namespace cwb
