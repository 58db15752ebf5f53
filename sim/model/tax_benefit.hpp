// The simplified UK tax-benefit rules and the household consumption rule (pure functions).
#pragma once

#include <algorithm>
#include <cmath>

#include "sim/core/money.hpp"
#include "sim/scenario/scenario.hpp"

namespace cwb::model {

/// Income tax (basic rate above the personal allowance) plus employee NI (above the primary
/// threshold) on one person's monthly wage. Annual thresholds are spread evenly over months.
inline Pence income_tax_and_ni(Pence monthly_wage, const scenario::TaxBenefitParams& tb) {
  const Pence allowance = tb.personal_allowance / 12;
  const Pence threshold = tb.ni_threshold / 12;
  const Pence tax = share_of(std::max<Pence>(0, monthly_wage - allowance), tb.basic_rate);
  const Pence ni = share_of(std::max<Pence>(0, monthly_wage - threshold), tb.ni_rate);
  return tax + ni;
}

/// Universal-Credit-like award: a maximum (adults x standard allowance + children x child
/// element + a housing element) withdrawn at the taper rate on net earnings above the work
/// allowance.
inline Pence benefit_award(int adults, int children, Pence net_earnings,
                           const scenario::TaxBenefitParams& tb) {
  const Pence maximum =
      adults * tb.standard_allowance + children * tb.child_element + tb.housing_element_cap;
  const Pence withdrawn =
      share_of(std::max<Pence>(0, net_earnings - tb.work_allowance), tb.taper_rate);
  return std::max<Pence>(0, maximum - withdrawn);
}

/// Marginal propensity to consume out of this month's net income: falls from mpc_low_income
/// at zero income towards mpc_high_income, halfway at mpc_halfway_income.
inline double marginal_propensity(Pence net_income, const scenario::HouseholdParams& hp) {
  const double y = static_cast<double>(std::max<Pence>(0, net_income));
  const double h = static_cast<double>(hp.mpc_halfway_income);
  return hp.mpc_high_income + (hp.mpc_low_income - hp.mpc_high_income) * h / (h + y);
}

/// Consumption = mpc(y) y + drawdown x opening savings, never more than the money there is.
inline Pence consumption(Pence opening_savings, Pence net_income,
                         const scenario::HouseholdParams& hp) {
  const Pence from_income =
      share_of(std::max<Pence>(0, net_income), marginal_propensity(net_income, hp));
  const Pence from_savings =
      share_of(std::max<Pence>(0, opening_savings), hp.savings_drawdown_rate);
  return std::clamp<Pence>(from_income + from_savings, 0,
                           std::max<Pence>(0, opening_savings + net_income));
}

/// Savings at which consumption leaves them unchanged for a steady net income y:
/// S = (1 - mpc(y)) y / drawdown.
inline Pence steady_state_savings(Pence net_income, const scenario::HouseholdParams& hp) {
  if (net_income <= 0 || hp.savings_drawdown_rate <= 0.0) return 0;
  const double y = static_cast<double>(net_income);
  return static_cast<Pence>(
      std::llround((1.0 - marginal_propensity(net_income, hp)) * y / hp.savings_drawdown_rate));
}

}  // namespace cwb::model
