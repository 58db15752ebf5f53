// The typed, validated scenario: everything a run needs, with no YAML left in it.
//
// Each field's comment gives its YAML key (relative to its section), unit and valid range.
// Money is read in pounds from YAML (keys ending in _gbp) and held here in pence.
// Rates ending in _rate are monthly probabilities unless the name says annual.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/calendar.hpp"
#include "sim/core/money.hpp"
#include "sim/scenario/programme_specs.hpp"

namespace cwb::scenario {

inline constexpr int kSkillLevels = 5;  // 0 none, 1 L1, 2 L2, 3 L3, 4 L4+

/// One row of the zones data file (CSV named by `zones_file`). Columns, in any order:
/// zone, working_age, households, children_per_household, employment_rate,
/// unemployment_rate, claimant_rate, skill_none, skill_l1, skill_l2, skill_l3, skill_l4,
/// overseas_qualified_share, outside_work_share, firms, social_enterprises, imd_score,
/// source. Extra columns are an error (did-you-mean); a missing column is an error.
struct Zone {
  std::string name;                     // zone; unique; "all" is reserved
  std::int64_t working_age = 0;         // residents aged 16-64, >= 1
  std::int64_t households = 0;          // >= 1, <= working_age
  double children_per_household = 0.0;  // [0, 5]
  double employment_rate = 0.0;         // employed / working age, [0, 1]
  double unemployment_rate = 0.0;       // ILO: unemployed / economically active, [0, 1)
  double claimant_rate = 0.0;           // claimants / working age, [0, 1]
  std::array<double, kSkillLevels>
      skill_shares{};                     // skill_none..skill_l4, each [0,1], sum 1 +- 0.01
  double overseas_qualified_share = 0.0;  // share of working age, [0, 1]
  double outside_work_share = 0.0;  // share of employed residents working outside the area, [0, 1]
  std::int64_t firms = 0;           // local conventional businesses, >= 0
  std::int64_t social_enterprises = 0;  // >= 0
  double imd_score = 0.0;               // Index of Multiple Deprivation score, [0, 100]
  std::string source;                   // free text citing where the row comes from
};

/// switches: turn mechanisms off for verification runs (all true in normal use).
struct Switches {
  bool taxes = true;            // income tax, NI, corporation tax
  bool benefits = true;         // means-tested benefits
  bool turnover = true;         // separations, outside jobs, inactive <-> unemployed flows
  bool entry_exit = true;       // firm and social-enterprise births and deaths
  bool churn = true;            // households moving in and out, ageing
  bool external_demand = true;  // rest-of-world purchases from local firms
};

/// households:
struct HouseholdParams {
  double mpc_low_income = 0.95;   // marginal propensity to consume at zero income, (0, 1]
  double mpc_high_income = 0.55;  // at high income, (0, 1], <= mpc_low_income
  Pence mpc_halfway_income =
      2000 * kPencePerPound;            // mpc_halfway_income_gbp: monthly net income where the
                                        // mpc is halfway between the two, > 0
  double savings_drawdown_rate = 0.05;  // share of savings spent each month, [0, 1]; savings
                                        // start at their steady state (1 - mpc) income / rate
  // spending_shares: shares of consumption, each [0,1], sum 1 +- 1e-6
  double share_rent = 0.30;               // rent
  double share_local_independent = 0.15;  // local_independent: locally owned firms
  double share_social_enterprise = 0.01;  // social_enterprise
  double share_chain = 0.20;              // chain: local branches of externally owned firms
  double share_outside = 0.34;            // outside: spent outside the area (ROW)
  double local_landlord_share = 0.2;  // share of rent paid to landlords living in the area, [0, 1]
  double same_zone_weight = 3.0;      // weight of same-zone businesses in spend, >= 1
  // How shop choices are drawn (the same distribution of takings either way; docs/odd.md):
  // "per_business" (one draw of each business's takings a month) or "per_household" (each
  // household draws its shops, the reference the first is tested against).
  std::string purchase_draws = "per_business";
};

/// tax_benefit: a simplified UK system (2017/18 defaults), amounts in pounds.
struct TaxBenefitParams {
  Pence personal_allowance = 11500 * kPencePerPound;  // personal_allowance_gbp (annual), >= 0
  double basic_rate = 0.20;                           // [0, 1)
  Pence ni_threshold = 8164 * kPencePerPound;         // ni_threshold_gbp (annual), >= 0
  double ni_rate = 0.12;                              // [0, 1)
  Pence standard_allowance = 31782;  // standard_allowance_gbp (monthly, per adult), >= 0
  Pence child_element = 23167;       // child_element_gbp (monthly, per child), >= 0
  Pence housing_element_cap = 450 * kPencePerPound;  // housing_element_cap_gbp (monthly), >= 0
  Pence work_allowance = 192 * kPencePerPound;       // work_allowance_gbp (monthly), >= 0
  double taper_rate = 0.63;                          // [0, 1]
  double claim_take_up = 0.85;  // share of eligible households that claim, [0, 1]
  Pence claimant_earnings_threshold =
      617 * kPencePerPound;  // claimant_earnings_threshold_gbp (monthly): in-work
                             // claimants below it count in the claimant rate
  Pence national_median_income =
      26000 * kPencePerPound;          // national_median_equivalised_income_gbp (annual), > 0
  double poverty_line_share = 0.6;     // of the national median, (0, 1]
  double corporation_tax_rate = 0.19;  // on positive monthly profit, [0, 1)
};

/// labour:
struct LabourParams {
  double separation_rate = 0.02;              // monthly, [0, 1]
  double outside_job_loss_rate = 0.015;       // monthly, [0, 1]
  double inactive_to_unemployed_rate = 0.01;  // [0, 1]
  // The reverse rates (unemployed -> outside job, unemployed -> inactive) are not parameters:
  // they are calibrated per zone so that the zone's observed rates are a steady state.
  std::array<double, kSkillLevels> skill_wage_factor{0.8, 0.9, 1.0, 1.2,
                                                     1.6};  // skill_wage_factor, > 0
  Pence living_wage_monthly =
      1430 * kPencePerPound;  // living_wage_monthly_gbp (real living wage, full time), >= 0
};

/// firms: and social_enterprises: (the same keys; social enterprises pay at least the living
/// wage, hire residents first and reinvest their surplus).
struct FirmParams {
  double resident_staff_share = 0.35;       // share of staff living in the area at the start; also
                                            // the chance an openly advertised vacancy goes to a
                                            // resident (so the baseline is stationary), [0, 1]
  double size_dispersion = 1.0;             // lognormal sigma of initial business size, [0, 3];
                                            // the mean size follows from resident employment
  Pence mean_wage = 1900 * kPencePerPound;  // mean_wage_gbp (monthly, full time), > 0
  double wage_share = 0.35;                 // wages / revenue in steady state, (0, 1)
  double input_share = 0.40;                // inputs / revenue, [0, 1)
  double local_input_share = 0.20;          // share of inputs bought from local businesses, [0, 1]
  double rent_share = 0.06;                 // rent / revenue, [0, 1)
  double local_owner_share = 0.45;  // share of businesses locally owned (independents), [0, 1]
  double payout_share = 0.8;        // share of after-tax profit paid to owners, [0, 1]
  // Sales to the rest of the world are calibrated per business at the start (the revenue that
  // local demand does not supply), not set here.
  double demand_smoothing = 0.2;  // weight of the latest month in expected revenue, (0, 1]
  int exit_after_months = 6;      // consecutive months of negative cash before exit, >= 1
  double entry_rate = 0.004;      // expected births per existing business per month, [0, 1]
  double closure_rate = 0.004;    // monthly chance of closing for reasons other than
                                  // insolvency (retirement, sale), [0, 1]
  double closure_margin_sensitivity = 0.0;  // closures x exp(-k (margin - usual margin)): thin
                                            // margins close more often, [0, 100]
  double cash_months = 2.0;                 // initial cash as months of revenue, >= 0
};

/// One anchor institution (anchors: is a list; lists replace, they do not merge).
struct Anchor {
  std::string name;         // name: short id used as the `anchor` label, unique
  std::string long_name;    // long_name: free text
  std::string kind;         // kind: hospital | council | university | housing_association | other
  std::string zone;         // zone: must name a zone
  Pence annual_budget = 0;  // annual_budget_gbp, > 0
  std::int64_t staff = 0;   // staff (headcount), >= 0
  Pence mean_wage = 2400 * kPencePerPound;  // mean_wage_gbp (monthly), > 0
  double procurement_share = 0.3;           // share of the budget spent on procurement, [0, 1]
  double local_procurement_share = 0.1;     // of procurement, with local firms, [0, 1]
  double social_enterprise_share = 0.01;    // of procurement, with local social enterprises, [0,1];
                                            // local_procurement_share + this <= 1
  double resident_staff_share = 0.2;        // initial share of staff living in the area, [0, 1]
  double local_recruitment_share = 0.0;     // share of vacancies offered to residents first, [0, 1]
  double turnover_rate = 0.01;              // monthly staff turnover, [0, 1]
};

/// population_churn:
struct ChurnParams {
  double move_out_rate = 0.008;           // monthly probability per household, [0, 1]
  double move_out_income_gradient = 0.5;  // extra relative move-out per unit of income above the
                                          // area median (the escalator), >= 0
  double ageing_out_rate = 0.0015;        // monthly probability a person leaves working age, [0, 1]
  double ageing_in_rate = 0.0015;         // monthly arrivals into working age per person, [0, 1]
};

/// engagement: how residents' engagement (0..1 per zone, raised by community research and
/// community assets) fades and what it changes.
struct EngagementParams {
  double decay_rate = 0.05;  // monthly share of engagement lost, [0, 1]
  double uptake_gain = 1.0;  // programme uptake x (1 + gain x engagement), >= 0
  double social_enterprise_formation_gain = 2.0;  // social-enterprise births x (1 + gain x
                                                  // engagement), >= 0
};

struct Scenario {
  std::string name;               // name: [A-Za-z0-9_-]+, the `scenario` label
  std::string title;              // title: free text
  std::string source_file;        // the file this scenario was loaded from
  std::string resolved_yaml;      // the merged YAML after `extends`, stored in the results file
  YearMonth start{2017, 1};       // start: "YYYY-MM"
  int months = 120;               // months: [1, 600]
  std::uint64_t seed = 1;         // seed: >= 0
  int replicates = 1;             // replicates: [1, 10000]
  double population_scale = 1.0;  // population_scale: (0, 100]; scales people, firms, anchors
  std::string zones_file;         // zones_file: path, relative to the YAML file that names it
  std::vector<Zone> zones;        // loaded from zones_file, in file order
  Switches switches;
  HouseholdParams households;
  TaxBenefitParams tax_benefit;
  LabourParams labour;
  FirmParams firms;
  FirmParams social_enterprises;
  std::vector<Anchor> anchors;  // at least one
  ChurnParams population_churn;
  EngagementParams engagement;
  std::vector<ProgrammeEntry> programmes;  // programmes: (empty in the core)
};

}  // namespace cwb::scenario
