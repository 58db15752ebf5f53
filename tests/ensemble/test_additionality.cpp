// Additionality: the decomposition on a tiny population checked by hand, and on a real small
// study: net = gross - deadweight - displacement in every replicate, programmes add up to
// "all", and net person-months stay close to the effect on employed residents' person-months.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "sim/ensemble/additionality.hpp"
#include "sim/ensemble/effects.hpp"
#include "sim/ensemble/results.hpp"
#include "sim/ensemble/study.hpp"
#include "sim/ensemble/value_for_money.hpp"
#include "sim/scenario/loader.hpp"

namespace cwb {
namespace {

using ensemble::Additionality;
using model::PersonOutcome;

PersonOutcome person(std::uint64_t id, int programme, int months, int employed, int resident = 1) {
  return {id,
          static_cast<std::int16_t>(programme),
          static_cast<std::uint16_t>(months),
          static_cast<std::uint8_t>(employed),
          static_cast<std::uint8_t>(resident),
          0};
}

double at(const std::vector<double>& counts, int slot, Additionality a) {
  return counts[static_cast<std::size_t>(slot) * ensemble::kAdditionalityMeasures +
                static_cast<std::size_t>(a)];
}

// Six persons, two programmes. Baseline: 1 in work (10 months), 2 not (2), 3 in work (12),
// 4 in work (12), 5 not (0), 7 in work (5; absent from the policy run). Policy run: 1 and 2 on
// programme 0, 3 and 6 (a newcomer) on programme 1, 4 and 5 non-participants.
const std::vector<PersonOutcome> kBaseline = {person(1, -1, 10, 1), person(2, -1, 2, 0),
                                              person(3, -1, 12, 1), person(4, -1, 12, 1),
                                              person(5, -1, 0, 0),  person(7, -1, 5, 1)};
const std::vector<PersonOutcome> kPolicy = {person(1, 0, 11, 1), person(2, 0, 6, 1, /*resident=*/0),
                                            person(3, 1, 8, 0),  person(4, -1, 9, 0),
                                            person(5, -1, 4, 1), person(6, 1, 3, 1)};

TEST(Additionality, TinyPopulationByHand) {
  const auto c = ensemble::measure_additionality(kBaseline, kPolicy, 2);
  ASSERT_EQ(c.size(), 3u * ensemble::kAdditionalityMeasures);
  // Programme 0: persons 1 and 2 in work (gross 2); in the baseline only 1 was (deadweight 1);
  // 2 left the area with an extra job (leakage 1; months 6 - 2 = 4).
  EXPECT_EQ(at(c, 0, Additionality::participants), 2);
  EXPECT_EQ(at(c, 0, Additionality::gross_at_horizon), 2);
  EXPECT_EQ(at(c, 0, Additionality::deadweight_at_horizon), 1);
  EXPECT_EQ(at(c, 0, Additionality::leakage_at_horizon), 1);
  EXPECT_EQ(at(c, 0, Additionality::gross_person_months), 17);
  EXPECT_EQ(at(c, 0, Additionality::deadweight_person_months), 12);
  EXPECT_EQ(at(c, 0, Additionality::leakage_person_months), 4);
  // Programme 1: 3 loses work while training (lock-in), 6 is a newcomer in work.
  EXPECT_EQ(at(c, 1, Additionality::participants), 2);
  EXPECT_EQ(at(c, 1, Additionality::gross_at_horizon), 1);
  EXPECT_EQ(at(c, 1, Additionality::deadweight_at_horizon), 1);
  EXPECT_EQ(at(c, 1, Additionality::gross_person_months), 11);
  EXPECT_EQ(at(c, 1, Additionality::deadweight_person_months), 12);
  EXPECT_EQ(at(c, 1, Additionality::leakage_at_horizon), 0);
  // Non-participants present in both runs: 4 loses work, 5 gains: displacement 1 - 1 = 0;
  // months 3 - 4 = -1. Person 7 lived in the area in the baseline only: not compared.
  EXPECT_EQ(at(c, 2, Additionality::nonparticipant_losses_at_horizon), 1);
  EXPECT_EQ(at(c, 2, Additionality::nonparticipant_gains_at_horizon), 1);
  EXPECT_EQ(at(c, 2, Additionality::displacement_at_horizon), 0);
  EXPECT_EQ(at(c, 2, Additionality::displacement_person_months), -1);
  EXPECT_EQ(at(c, 2, Additionality::participants), 4);
  EXPECT_EQ(at(c, 2, Additionality::gross_at_horizon), 3);
  EXPECT_EQ(at(c, 2, Additionality::deadweight_at_horizon), 2);
  // Net: 3 - 2 - 0 = 1, the change in employment of the participants and of the people
  // present in both runs; in person-months 28 - 24 + 1 = 5.
  EXPECT_EQ(at(c, 2, Additionality::net_at_horizon), 1);
  EXPECT_EQ(at(c, 2, Additionality::net_person_months), 5);
  // Displacement is shared by the programmes' positive gross - deadweight: at the horizon
  // (1, 0), in person-months (5, 0): programme 0 carries all of it.
  EXPECT_EQ(at(c, 0, Additionality::displacement_at_horizon), 0);
  EXPECT_EQ(at(c, 1, Additionality::displacement_at_horizon), 0);
  EXPECT_EQ(at(c, 0, Additionality::displacement_person_months), -1);
  EXPECT_EQ(at(c, 0, Additionality::net_at_horizon), 1);
  EXPECT_EQ(at(c, 1, Additionality::net_at_horizon), 0);
  EXPECT_EQ(at(c, 0, Additionality::net_person_months), 6);
  EXPECT_EQ(at(c, 1, Additionality::net_person_months), -1);
  // The gross losses and gains are the scenario's, not a programme's.
  EXPECT_TRUE(std::isnan(at(c, 0, Additionality::nonparticipant_losses_at_horizon)));
}

TEST(Additionality, NobodyEnrolledSharesDisplacementEqually) {
  const std::vector<PersonOutcome> base = {person(1, -1, 0, 0), person(2, -1, 0, 0)};
  const std::vector<PersonOutcome> policy = {person(1, -1, 6, 1), person(2, -1, 0, 0)};
  const auto c = ensemble::measure_additionality(base, policy, 2);
  EXPECT_EQ(at(c, 2, Additionality::displacement_at_horizon), -1);  // a gain of a non-participant
  EXPECT_EQ(at(c, 2, Additionality::net_at_horizon), 1);
  EXPECT_EQ(at(c, 0, Additionality::displacement_at_horizon), -0.5);
  EXPECT_EQ(at(c, 1, Additionality::net_at_horizon), 0.5);
  EXPECT_EQ(at(c, 2, Additionality::net_person_months), 6);
}

TEST(Additionality, SummaryOverReplicatesAndMissingProgrammes) {
  // Two scenarios, two replicates, slots (p, all); scenario 1 has no programme p (NaN).
  const int slots = 2, k = ensemble::kAdditionalityMeasures;
  std::vector<double> counts(2u * 2 * slots * k, 0.0);
  const double gross[] = {10, 14}, deadweight[] = {4, 4}, leakage[] = {1, 2};
  for (int r = 0; r < 2; ++r) {
    auto* row = &counts[static_cast<std::size_t>(((0 * 2 + r) * slots + 1) * k)];
    row[static_cast<int>(Additionality::gross_at_horizon)] = gross[r];
    row[static_cast<int>(Additionality::deadweight_at_horizon)] = deadweight[r];
    row[static_cast<int>(Additionality::leakage_at_horizon)] = leakage[r];
    counts[static_cast<std::size_t>(((1 * 2 + r) * slots + 0) * k)] = std::nan("");
  }
  const auto t = ensemble::summarise_additionality(counts, 2, 2, {"p", "all"}, 0);
  const auto& g = t.value(0, 1, Additionality::gross_at_horizon);
  EXPECT_DOUBLE_EQ(g.mean, 12);
  EXPECT_NEAR(g.high - g.mean, 12.706205 * 2.0, 1e-5);  // t(0.975, 1) x sd 2.828 / sqrt 2
  EXPECT_TRUE(std::isnan(t.value(1, 0, Additionality::participants).mean));
  EXPECT_DOUBLE_EQ(t.share(0, 1, ensemble::AdditionalityShare::deadweight_share).mean, 4.0 / 12.0);
  EXPECT_DOUBLE_EQ(t.share(0, 1, ensemble::AdditionalityShare::leakage_share).mean, 1.5 / 8.0);
  EXPECT_EQ(ensemble::nearest_band(ensemble::kHcaLeakageBands, 0.15), "low");
}

// A small real study: population_scale 0.1, baseline + two programme scenarios, 3 replicates.
TEST(Additionality, AddsUpOnASmallStudy) {
  const std::filesystem::path dir = std::string(CWB_SOURCE_DIR) + "/scenarios";
  std::vector<scenario::Scenario> list = {scenario::load_scenario(dir / "baseline.yaml")};
  for (const char* name : {"skills_matching", "combined"})
    list.push_back(scenario::load_scenario(dir / "use_it" / (std::string(name) + ".yaml")));
  for (auto& s : list)
    s.population_scale = 0.1;
  ensemble::RunOptions options;
  options.replicates = 3;
  options.months = 24;
  const auto study = ensemble::make_study(std::move(list), options);
  const auto res = ensemble::run_study(study, options);
  const auto slots = res.additionality_slots();
  const int all = static_cast<int>(slots) - 1;
  auto count = [&](int s, int r, int slot, Additionality a) {
    return res.additionality[(res.run_index(s, r) * slots + static_cast<std::size_t>(slot)) *
                                 ensemble::kAdditionalityMeasures +
                             static_cast<std::size_t>(a)];
  };
  using A = Additionality;
  for (int s = 0; s < res.scenarios; ++s)
    for (int r = 0; r < res.replicates; ++r) {
      for (int slot = 0; slot <= all; ++slot) {
        const bool own = slot == all ||
                         std::find(res.programme_index[static_cast<std::size_t>(s)].begin(),
                                   res.programme_index[static_cast<std::size_t>(s)].end(),
                                   slot) != res.programme_index[static_cast<std::size_t>(s)].end();
        if (!own) {
          EXPECT_TRUE(std::isnan(count(s, r, slot, A::participants)))
              << "a programme the scenario lacks is NaN";
          continue;
        }
        if (s == 0) {
          EXPECT_EQ(count(s, r, slot, A::net_at_horizon), 0.0) << "baseline rows are zero";
          continue;
        }
        EXPECT_NEAR(count(s, r, slot, A::net_at_horizon),
                    count(s, r, slot, A::gross_at_horizon) -
                        count(s, r, slot, A::deadweight_at_horizon) -
                        count(s, r, slot, A::displacement_at_horizon),
                    1e-9);
        EXPECT_NEAR(count(s, r, slot, A::net_person_months),
                    count(s, r, slot, A::gross_person_months) -
                        count(s, r, slot, A::deadweight_person_months) -
                        count(s, r, slot, A::displacement_person_months),
                    1e-9);
      }
      if (s == 0) continue;
      // The programmes add up to "all".
      for (const auto a : {A::participants, A::gross_at_horizon, A::deadweight_at_horizon,
                           A::displacement_at_horizon, A::leakage_at_horizon, A::net_at_horizon,
                           A::net_person_months}) {
        double sum = 0;
        for (const int slot : res.programme_index[static_cast<std::size_t>(s)])
          sum += count(s, r, slot, a);
        EXPECT_NEAR(sum, count(s, r, all, a), 1e-6) << "measure " << static_cast<int>(a);
      }
      // Net person-months are the employment effect among the same people; the whole effect
      // on employed residents also counts people who lived in the area in one run only (the
      // runs' movers differ once their draws diverge). The two stay close.
      double effect = 0;
      for (int m = 0; m < res.months; ++m)
        effect +=
            ensemble::employed_residents(res, s, r, m) - ensemble::employed_residents(res, 0, r, m);
      // Tolerance: 30% of the effect plus 100 person-months. Each household whose move differs
      // between the two runs puts a resident or two in one run only for up to 24 months: at
      // scale 0.1 that is a few dozen person-months either way, whatever the effect (over
      // four seeds, differences up to 72 person-months where the effect was under 100, and
      // within 17% where it was larger).
      EXPECT_NEAR(count(s, r, all, A::net_person_months), effect, 0.3 * std::fabs(effect) + 100)
          << "scenario " << s << " replicate " << r;
    }
  // combined enrols people: some gross outcome in every replicate.
  EXPECT_GT(count(2, 0, all, A::gross_at_horizon) + count(2, 1, all, A::gross_at_horizon), 0);
  // The written group: net = gross - deadweight - displacement in the means too.
  const auto effects = ensemble::study_effects(res);
  const auto& t = effects.additionality;
  for (int s = 1; s < res.scenarios; ++s)
    EXPECT_NEAR(t.value(s, all, A::net_at_horizon).mean,
                t.value(s, all, A::gross_at_horizon).mean -
                    t.value(s, all, A::deadweight_at_horizon).mean -
                    t.value(s, all, A::displacement_at_horizon).mean,
                1e-9);
}

}  // namespace
}  // namespace cwb
