// Money and employment totals of one run from its own accounts (SAM) and indicators: the
// inputs of cumulative effects and of value for money (Green Book discounting, HACT, SROI).
#pragma once

#include <span>

#include "sim/ensemble/effects.hpp"
#include "sim/ensemble/results.hpp"

namespace cwb::ensemble {

/// Employed residents in month m, whole area: employment_rate x working_age_population.
double employed_residents(const StudyResults& results, int s, int r, int m);

/// Net local income of households in month m, GBP: what households receive from local
/// sectors (firms, social enterprises, anchors, programmes) and government, minus what they
/// pay government (income tax and NI). Excludes the rest of the world (outside wages,
/// savings brought by arrivals) and rent paid between resident households (a transfer).
double net_local_income(const StudyResults& results, int s, int r, int m);

/// Government's net position in month m excluding programme funding, GBP: everything paid to
/// government minus everything it pays except to programmes (benefits, anchor budgets).
double fiscal_balance(const StudyResults& results, int s, int r, int m);

/// Programme costs in month m, GBP: every payment into the programmes sector.
double programme_costs(const StudyResults& results, int s, int r, int m);

/// Totals over the horizon of one run (levels, not yet differences against a baseline).
struct RunTotals {
  double employed_at_horizon = 0;  // residents in work in the last month
  double person_months = 0;        // sum over months of employed residents
  // The same at the comparison population: employment_rate of this run x working-age
  // population of the baseline run (same replicate), so that a policy that adds residents
  // (new homes) is not credited with the jobs of the newcomers.
  double employed_at_horizon_at_base_population = 0;
  double person_months_at_base_population = 0;
  double social_value_pv = 0;  // HACT / 12 x discounted person-months at the base population, GBP
  double local_income = 0, local_income_pv = 0;
  double fiscal_pv = 0;
  double costs = 0, costs_pv = 0;
};
/// `population_of`: the scenario whose working-age population weighs the employment rate in
/// the *_at_base_population totals and the social value (-1: this run's own).
RunTotals run_totals(const StudyResults& results, int s, int r, const AppraisalParameters& p,
                     int population_of = -1);

/// Fill effects.totals, totals_unpaired and appraisal from per-run totals [scenario][replicate].
void appraise(Effects& effects, std::span<const RunTotals> runs);

}  // namespace cwb::ensemble
