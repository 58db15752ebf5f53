// Scenarios for model tests: the shipped baseline scaled down, and the frictionless
// verification economy of docs/verification.md built directly as a struct.
#pragma once

#include <string>

#include "sim/scenario/loader.hpp"
#include "sim/scenario/scenario.hpp"

namespace cwb::testing {

/// The shipped USE-IT! baseline at `scale` of its population (fast enough for unit tests).
inline scenario::Scenario small_baseline(double scale = 0.04) {
  auto s = scenario::load_scenario(std::string(CWB_SOURCE_DIR) + "/scenarios/baseline.yaml");
  s.population_scale = scale;
  return s;
}

/// Parameters of the verification economy: one zone, one firm, one anchor; no taxes,
/// benefits, turnover, entry or exit, churn or external demand.
struct VerificationParameters {
  double propensity = 0.8;         // c
  double local_share = 0.6;        // s: share of consumption spent at the local firm
  double wage_share = 0.5;         // w: share of firm revenue paid as wages to resident staff
  double procured_locally = 0.5;   // l: share of the anchor's injection procured locally
  double injection_gbp = 2000000;  // A: anchor injection per month
};

inline scenario::Scenario verification_scenario(const VerificationParameters& v) {
  scenario::Scenario s;
  s.name = "verification";
  s.title = "frictionless verification economy";
  s.months = 60;
  s.switches = {false, false, false, false, false, false};
  scenario::Zone z;
  z.name = "town";
  z.working_age = 20000;
  z.households = 10000;
  z.children_per_household = 0.0;
  z.employment_rate = 0.5;
  z.unemployment_rate = 0.5;  // half the working age unemployed: a deep pool of job seekers
  z.claimant_rate = 0.0;
  z.skill_shares = {0, 0, 0, 0, 1};
  z.outside_work_share = 0.0;
  z.firms = 1;
  z.social_enterprises = 0;
  s.zones = {z};
  s.households.mpc_low_income = v.propensity;
  s.households.mpc_high_income = v.propensity;
  s.households.savings_drawdown_rate = 0.0;
  s.households.share_rent = 0.0;
  s.households.share_local_independent = 0.0;
  s.households.share_social_enterprise = 0.0;
  s.households.share_chain = v.local_share;
  s.households.share_outside = 1.0 - v.local_share;
  s.households.local_landlord_share = 0.0;
  s.labour.skill_wage_factor = {1, 1, 1, 1, 1};
  auto& f = s.firms;
  f.resident_staff_share = 1.0;
  f.size_dispersion = 0.0;
  f.mean_wage = 100 * kPencePerPound;  // small wage: staff rounding stays far below 0.5%
  f.wage_share = v.wage_share;
  f.input_share = 0.0;
  f.local_input_share = 0.0;
  f.rent_share = 1.0 - v.wage_share;  // the rest of revenue leaks
  f.local_owner_share = 0.0;
  f.payout_share = 1.0;
  f.demand_smoothing = 1.0;
  f.cash_months = 0.0;
  s.social_enterprises = f;
  scenario::Anchor a;
  a.name = "anchor";
  a.kind = "other";
  a.zone = "town";
  a.annual_budget = pounds(v.injection_gbp * 12.0);
  a.staff = 0;
  a.procurement_share = 1.0;
  a.local_procurement_share = v.procured_locally;
  a.social_enterprise_share = 0.0;
  s.anchors = {a};
  return s;
}

}  // namespace cwb::testing
