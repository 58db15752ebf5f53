// The households' incomes and consumption for a run of rows (the first pass of phase 7), as a
// kernel over the household columns with a vector path (sim/core/simd.hpp).
#pragma once

#include <cstddef>
#include <cstdint>

#include "sim/core/money.hpp"
#include "sim/scenario/scenario.hpp"

namespace cwb::model {

/// The household columns the pass reads and writes, from the first row of the run.
struct IncomeRows {
  const std::uint8_t* alive;
  const std::uint8_t* claims;
  const std::uint8_t* adults;
  const std::uint8_t* children;
  const Pence* gross_wages;
  const Pence* taxes;
  const Pence* other_income;
  Pence* savings;
  Pence* benefits;
  Pence* net_income;
  Pence* consumption;
};

/// What the rows paid in taxes and received in benefits.
struct IncomeTotals {
  Pence taxes = 0, benefits = 0;
};

/// For each of the n rows of a household that is alive: taxes out of savings, the benefit
/// award (for claimants, when benefits_on is 1), net income, and consumption (out of
/// savings); rows of households that left are left as they are.
IncomeTotals household_incomes(const IncomeRows& rows, std::size_t n, Pence benefits_on,
                               const scenario::TaxBenefitParams& tb,
                               const scenario::HouseholdParams& hp);
/// The same, always without the vector path (for the tests).
IncomeTotals household_incomes_plain(const IncomeRows& rows, std::size_t n, Pence benefits_on,
                                     const scenario::TaxBenefitParams& tb,
                                     const scenario::HouseholdParams& hp);

}  // namespace cwb::model
