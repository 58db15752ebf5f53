// Kernels of the households phase (phase 7) over runs of household rows, each with a vector
// path (sim/core/simd.hpp) held to its plain version by tests: incomes and consumption (the
// phase's first pass) and spending by category at local businesses (its third); and the
// move-out decisions of population churn (phase 6).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "sim/accounting/indicators.hpp"
#include "sim/core/money.hpp"
#include "sim/core/philox_batch.hpp"
#include "sim/core/rng.hpp"
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

/// Annual net income per equivalent adult (modified OECD scale), in pounds.
inline double equivalised_annual_income(std::uint8_t adults, std::uint8_t children,
                                        Pence monthly_net_income) {
  return to_pounds(monthly_net_income) * 12.0 / accounting::oecd_equivalence(adults, children);
}

/// The escalator: a household's monthly chance of moving out, the base rate raised by
/// `gradient` per unit of its equivalised annual income (pounds, modified OECD scale) above
/// the area median, relative to the median (the base rate alone while there is no median);
/// at most 1.
struct MoveOutRule {
  double rate = 0.0, gradient = 0.0, median = 0.0;
  double chance(std::uint8_t adults, std::uint8_t children, Pence monthly_net_income) const {
    double r = rate;
    if (median > 0.0) {
      const double income = equivalised_annual_income(adults, children, monthly_net_income);
      // positive_part's value (money.hpp), in a form GCC vectorises.
      const double above = (income - median) / median;
      r *= 1.0 + gradient * (above > 0.0 ? above : 0.0);
    }
    return std::min(1.0, r);
  }
};

/// For the n rows: moving[h] = whether a household that is alive moves out this month, its
/// uniform (word 0 of `first[h]`, the first block of its move-out stream) below its chance;
/// landlord_draw[h] = word 1 of the block (its landlord's draw, phase 7).
void move_out_decisions(const MoveOutRule& rule, const std::uint8_t* alive,
                        const std::uint8_t* adults, const std::uint8_t* children,
                        const Pence* net_income, const PhiloxBlock* first, std::size_t n,
                        std::uint8_t* moving, std::uint64_t* landlord_draw);
/// The same, always without the vector path (for the tests).
void move_out_decisions_plain(const MoveOutRule& rule, const std::uint8_t* alive,
                              const std::uint8_t* adults, const std::uint8_t* children,
                              const Pence* net_income, const PhiloxBlock* first, std::size_t n,
                              std::uint8_t* moving, std::uint64_t* landlord_draw);

/// The income list's value for a household left out of the income summaries (it sorts first).
inline constexpr double kLeftOutIncome = -std::numeric_limits<double>::infinity();

/// What the households of an income list spent, and spent locally.
struct ListedSpending {
  Pence consumption = 0, local_spend = 0;
};
/// The record's income list for n household rows of one zone, from row first_row: out[i] =
/// {equivalised annual income, or kLeftOutIncome for a household left out (it left, or has no
/// working-age adult), first_row + i, its people, zone}; returns the consumption and local
/// spend of the households included.
ListedSpending income_list(const std::uint8_t* alive, const std::uint8_t* adults,
                           const std::uint8_t* children, const Pence* net_income,
                           const Pence* consumption, const Pence* local_spend, std::size_t n,
                           std::uint32_t first_row, std::uint16_t zone,
                           accounting::RankedValue* out);
/// The same, always without the vector path (for the tests).
ListedSpending income_list_plain(const std::uint8_t* alive, const std::uint8_t* adults,
                                 const std::uint8_t* children, const Pence* net_income,
                                 const Pence* consumption, const Pence* local_spend, std::size_t n,
                                 std::uint32_t first_row, std::uint16_t zone,
                                 accounting::RankedValue* out);

}  // namespace cwb::model
