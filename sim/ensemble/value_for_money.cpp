// Cumulative effects and value for money from each run's SAM: net local income, fiscal
// effect, programme costs, HACT social value of employment, present values, SROI.
#include "sim/ensemble/value_for_money.hpp"

#include <limits>
#include <vector>

namespace cwb::ensemble {
namespace {

using accounting::kSectors;
using accounting::Sector;

double flow_gbp(const StudyResults& res, int s, int r, int m, Sector payer, Sector payee) {
  const std::size_t cell =
      ((res.run_index(s, r) * res.months + m) * kSectors + accounting::index(payer)) * kSectors +
      accounting::index(payee);
  return static_cast<double>(res.sam[cell]) / 100.0;
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

double employed_residents(const StudyResults& res, int s, int r, int m) {
  using accounting::ZoneIndicator;
  const int all = res.zones - 1;
  return res.zone_indicator(s, r, m, all, ZoneIndicator::employment_rate) *
         res.zone_indicator(s, r, m, all, ZoneIndicator::working_age_population);
}

double net_local_income(const StudyResults& res, int s, int r, int m) {
  double income = 0;
  for (Sector payer : {Sector::firms, Sector::social_enterprises, Sector::anchors,
                       Sector::programmes, Sector::government})
    income += flow_gbp(res, s, r, m, payer, Sector::households);
  return income - flow_gbp(res, s, r, m, Sector::households, Sector::government);
}

double fiscal_balance(const StudyResults& res, int s, int r, int m) {
  double balance = 0;
  for (int k = 0; k < kSectors; ++k) {
    const auto other = static_cast<Sector>(k);
    if (other == Sector::government) continue;
    balance += flow_gbp(res, s, r, m, other, Sector::government);
    // Programme funding is the cost side of the appraisal, not part of the fiscal effect.
    if (other != Sector::programmes) balance -= flow_gbp(res, s, r, m, Sector::government, other);
  }
  return balance;
}

double programme_costs(const StudyResults& res, int s, int r, int m) {
  double costs = 0;
  for (int k = 0; k < kSectors; ++k) {
    const auto payer = static_cast<Sector>(k);
    if (payer != Sector::programmes) costs += flow_gbp(res, s, r, m, payer, Sector::programmes);
  }
  return costs;
}

RunTotals run_totals(const StudyResults& res, int s, int r, const AppraisalParameters& p,
                     int population_of) {
  RunTotals t;
  using accounting::ZoneIndicator;
  const int all = res.zones - 1;
  const int base = population_of < 0 ? s : population_of;
  auto employed_at_base_population = [&](int m) {
    return res.zone_indicator(s, r, m, all, ZoneIndicator::employment_rate) *
           res.zone_indicator(base, r, m, all, ZoneIndicator::working_age_population);
  };
  for (int m = 0; m < res.months; ++m) {
    const double discount = discount_factor(m, p.discount_rate);
    const double employed = employed_residents(res, s, r, m);
    const double employed_base = employed_at_base_population(m);
    const double income = net_local_income(res, s, r, m);
    const double costs = programme_costs(res, s, r, m);
    t.person_months += employed;
    t.person_months_at_base_population += employed_base;
    t.social_value_pv += discount * employed_base * p.hact_employment_value_gbp / 12.0;
    t.local_income += income;
    t.local_income_pv += discount * income;
    t.fiscal_pv += discount * fiscal_balance(res, s, r, m);
    t.costs += costs;
    t.costs_pv += discount * costs;
  }
  t.employed_at_horizon = employed_residents(res, s, r, res.months - 1);
  t.employed_at_horizon_at_base_population = employed_at_base_population(res.months - 1);
  return t;
}

void appraise(Effects& e, std::span<const RunTotals> runs) {
  const auto n = static_cast<std::size_t>(e.replicates);
  e.totals.assign(static_cast<std::size_t>(e.scenarios) * kTotals, {});
  e.totals_unpaired = e.totals;
  e.appraisal.assign(static_cast<std::size_t>(e.scenarios) * kAppraisals, {});
  // One vector over replicates of a run total, for scenario s.
  auto series = [&](int s, double RunTotals::*field) {
    std::vector<double> values(n);
    for (std::size_t r = 0; r < n; ++r)
      values[r] = runs[static_cast<std::size_t>(s) * n + r].*field;
    return values;
  };
  auto differences = [&](int s, double RunTotals::*field) {
    auto values = series(s, field);
    const auto base = series(e.baseline, field);
    for (std::size_t r = 0; r < n; ++r)
      values[r] -= base[r];
    return values;
  };
  const std::array<double RunTotals::*, kTotals> total_fields = {
      &RunTotals::employed_at_horizon,
      &RunTotals::person_months,
      &RunTotals::local_income,
      &RunTotals::local_income_pv,
      &RunTotals::employed_at_horizon_at_base_population,
      &RunTotals::person_months_at_base_population};
  const std::array<double RunTotals::*, 6> level_fields = {
      &RunTotals::social_value_pv, &RunTotals::fiscal_pv, &RunTotals::local_income_pv,
      &RunTotals::costs,           &RunTotals::costs_pv,  &RunTotals::employed_at_horizon};
  for (int s = 0; s < e.scenarios; ++s) {
    const auto row = static_cast<std::size_t>(s);
    if (s == e.baseline) {  // compared with itself: exactly zero, no ratio (nothing spent)
      e.appraisal[row * kAppraisals + static_cast<int>(Appraisal::sroi)] = {kNaN, kNaN, kNaN};
      e.appraisal[row * kAppraisals + static_cast<int>(Appraisal::cost_per_net_additional_job)] = {
          kNaN, kNaN, kNaN};
      continue;
    }
    for (int t = 0; t < kTotals; ++t) {
      const auto mine = series(s, total_fields[static_cast<std::size_t>(t)]);
      const auto base = series(e.baseline, total_fields[static_cast<std::size_t>(t)]);
      e.totals[row * kTotals + t] = paired_effect(mine, base);
      e.totals_unpaired[row * kTotals + t] = welch_effect(mine, base);
    }
    for (std::size_t k = 0; k < level_fields.size(); ++k)
      e.appraisal[row * kAppraisals + k] = mean_interval(differences(s, level_fields[k]));
    // Ratios of means over replicates (delta method): per-replicate ratios would explode in a
    // replicate where the denominator (costs, jobs) happens to be near zero.
    const auto costs_pv = differences(s, &RunTotals::costs_pv);
    e.appraisal[row * kAppraisals + static_cast<int>(Appraisal::sroi)] =
        ratio_of_means(differences(s, &RunTotals::social_value_pv), costs_pv);
    // No cost per job when nothing was spent (a scenario without programmes).
    const bool spent =
        e.appraisal[row * kAppraisals + static_cast<int>(Appraisal::programme_costs_pv)].mean > 0;
    e.appraisal[row * kAppraisals + static_cast<int>(Appraisal::cost_per_net_additional_job)] =
        spent ? ratio_of_means(costs_pv, differences(s, &RunTotals::employed_at_horizon))
              : Estimate{kNaN, kNaN, kNaN};
  }
}

}  // namespace cwb::ensemble
