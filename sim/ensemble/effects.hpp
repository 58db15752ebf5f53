// Effects of each scenario against a baseline (paired over common-random-number replicates),
// cumulative effects and value for money, and the `effects` and `value_for_money` groups.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/calendar.hpp"
#include "sim/ensemble/additionality.hpp"
#include "sim/ensemble/results.hpp"
#include "sim/ensemble/statistics.hpp"
#include "sim/io/results.hpp"

namespace cwb::ensemble {

/// Appraisal parameters, each with its source (written as attributes of the groups).
struct AppraisalParameters {
  /// HM Treasury Green Book social time preference rate (years 0-30).
  double discount_rate = 0.035;
  /// HACT Social Value Bank, "full-time employment" (from unemployment), GBP per person per
  /// year, 2014 prices; applied pro rata per person-month of employment gained.
  double hact_employment_value_gbp = 10767.0;
};
inline constexpr std::string_view kDiscountRateSource =
    "HM Treasury, The Green Book (2022): 3.5% a year social time preference rate";
inline constexpr std::string_view kHactSource =
    "HACT Social Value Bank (2014): full-time employment, GBP 10,767 per person per year "
    "(2014 prices), applied pro rata per person-month of employment gained";

/// What identifies the rows of a study: scenario and anchor names and the month coordinate.
struct StudyLabels {
  std::vector<std::string> scenarios;
  std::vector<std::string> anchors;
  io::Coordinate month;  // as in the other groups (CF "days since" units)
  YearMonth start;       // first simulated month
};

struct Study;  // ensemble/study.hpp

/// The labels of a study about to be written (defined with the other groups in document.cpp).
StudyLabels study_labels(const Study& study);

/// Per-scenario totals over the horizon, written over (scenario, statistic).
enum class Total : int {
  employed_residents_gain_at_horizon = 0,
  employment_person_months_gain,
  local_income_gain,
  local_income_gain_pv,
  employment_gain_at_baseline_population,  // at the horizon
  employment_person_months_gain_at_baseline_population,
};
inline constexpr int kTotals = 6;

/// Value-for-money measures, written over (scenario, statistic) in group `value_for_money`.
enum class Appraisal : int {
  social_value_pv = 0,
  fiscal_effect_pv,
  net_local_income_pv,
  programme_costs,
  programme_costs_pv,
  net_additional_jobs,
  sroi,
  cost_per_net_additional_job,
};
inline constexpr int kAppraisals = 8;

struct MeasureInfo {
  std::string_view name, long_name, units, description;
};
extern const std::array<MeasureInfo, kTotals> kTotalInfo;
extern const std::array<MeasureInfo, kAppraisals> kAppraisalInfo;

/// Effects of every scenario against `baseline` (an index into the scenarios). Each estimate
/// carries the paired t interval (mean, low, high); `*_unpaired` hold the Welch interval of
/// the same difference. The baseline's own rows are exactly zero.
struct Effects {
  int scenarios = 0, months = 0, anchors = 0, replicates = 0, baseline = 0;
  AppraisalParameters parameters;
  // [scenario][zone indicator][month], whole area
  std::vector<Estimate> zone, zone_unpaired;
  // [scenario][anchor indicator][month][anchor]
  std::vector<Estimate> anchor, anchor_unpaired;
  // [scenario][total]
  std::vector<Estimate> totals, totals_unpaired;
  // [scenario][appraisal], paired (ratios: delta method)
  std::vector<Estimate> appraisal;
  // Measured against the study's own baseline when the runs were made (not recomputable from
  // a file against another baseline: it needs the persons' outcomes).
  AdditionalityTable additionality;

  const Estimate& zone_effect(int s, int i, int m) const {
    return zone[(static_cast<std::size_t>(s) * accounting::kZoneIndicators + i) * months + m];
  }
  const Estimate& anchor_effect(int s, int k, int m, int a) const {
    return anchor[((static_cast<std::size_t>(s) * accounting::kAnchorIndicators + k) * months + m) *
                      anchors +
                  a];
  }
  const Estimate& total(int s, Total t) const {
    return totals[static_cast<std::size_t>(s) * kTotals + static_cast<std::size_t>(t)];
  }
  const Estimate& value(int s, Appraisal a) const {
    return appraisal[static_cast<std::size_t>(s) * kAppraisals + static_cast<std::size_t>(a)];
  }
};

/// Compute every effect of `results` against scenario `baseline`.
Effects compute_effects(const StudyResults& results, int baseline,
                        const AppraisalParameters& parameters = {});

/// Effects of a study just run against its own baseline (results.baseline), with the
/// additionality measured during the runs.
Effects study_effects(const StudyResults& results);

/// The `effects` group (coordinates scenario, indicator, month, anchor_indicator, anchor,
/// statistic) and the `value_for_money` group (scenario, statistic).
io::Group effects_group(const Effects& effects, const StudyLabels& labels);
io::Group value_for_money_group(const Effects& effects, const StudyLabels& labels);

}  // namespace cwb::ensemble
