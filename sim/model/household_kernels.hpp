// Kernels of the households phase (phase 7) over runs of household rows, each with a vector
// path (sim/core/simd.hpp) held to its plain version by tests: incomes and consumption (the
// phase's first pass), and spending by category at local businesses (its third).
#pragma once

#include <array>
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

/// Where local spending goes: local independents, social enterprises, chains.
inline constexpr int kShopCategories = 3;

/// What a run of households spent at local businesses, by category, and the sums of the
/// squares of each amount's parts (sum_of_squared_parts, shop_choice.hpp: the per-business
/// draw of takings needs them), and what went to the rest of the world.
struct CategorySpending {
  std::array<Pence, kShopCategories> spent{};
  std::array<UInt128, kShopCategories> squared{};
  Pence outside = 0;
};

/// For each of the n rows of a household that is alive: amount c = share_of(consumption,
/// shares[c]) (a share of 0 for a category the area has no business of), added to the
/// household's local spend (which holds its local rent); its consumption less its local spend
/// goes outside. Rows of households that left are left as they are and count for nothing.
CategorySpending category_spending(const std::uint8_t* alive, const Pence* consumption,
                                   Pence* local_spend, std::size_t n,
                                   const std::array<double, kShopCategories>& shares);
/// The same, always without the vector path (for the tests).
CategorySpending category_spending_plain(const std::uint8_t* alive, const Pence* consumption,
                                         Pence* local_spend, std::size_t n,
                                         const std::array<double, kShopCategories>& shares);

}  // namespace cwb::model
