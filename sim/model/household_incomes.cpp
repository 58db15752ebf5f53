#include "sim/model/household_incomes.hpp"

#include "sim/core/simd.hpp"
#include "sim/model/tax_benefit.hpp"

namespace cwb::model {

namespace {
// The pass, inlined into a plain and a vector version (one instantiation each: GCC 12 does
// not vectorise the loop when one inline function serves both). Without branches (a
// household that left computes like the others and its row is not written), from row 0 (nor
// does it vectorise a loop from an offset), over pointers that do not alias, with the
// parameters copied (a store to a column cannot change them).
template <int kVersion>
[[gnu::always_inline]] inline IncomeTotals
incomes_of(const std::uint8_t* __restrict alive, const std::uint8_t* __restrict claims,
           const std::uint8_t* __restrict adults, const std::uint8_t* __restrict children,
           const Pence* __restrict gross_wages, const Pence* __restrict taxes,
           const Pence* __restrict other_income, Pence* __restrict savings,
           Pence* __restrict benefits, Pence* __restrict net_income,
           Pence* __restrict consumption_out, std::size_t n, Pence benefits_on,
           const scenario::TaxBenefitParams& tb_in, const scenario::HouseholdParams& hp_in) {
  const auto tb = tb_in;
  const auto hp = hp_in;
  Pence taxes_total = 0, benefits_total = 0;
  for (std::size_t h = 0; h < n; ++h) {
    const bool live = alive[h] != 0;
    const Pence tax = taxes[h];
    // Whether a household claims is a coin toss to the branch predictor: the award is worked
    // out for everyone and kept for those who claim.
    const Pence award =
        benefits_on * claims[h] * benefit_award(adults[h], children[h], gross_wages[h] - tax, tb);
    const Pence income = gross_wages[h] - tax + award + other_income[h];
    const Pence opening = savings[h] - tax + award - income;  // before this month's income
    const Pence spend = consumption(opening, income, hp);
    if (live) {
      benefits[h] = award;
      net_income[h] = income;
      consumption_out[h] = spend;
      savings[h] = opening + income - spend;
    }
    taxes_total += live ? tax : 0;
    benefits_total += live ? award : 0;
  }
  return {taxes_total, benefits_total};
}

#ifdef CWB_HAS_AVX512_PATHS
// The columns as parameters of its own: GCC 12 does not vectorise the loop when the pointers
// come from a structure.
CWB_AVX512 IncomeTotals incomes_avx512(
    const std::uint8_t* __restrict alive, const std::uint8_t* __restrict claims,
    const std::uint8_t* __restrict adults, const std::uint8_t* __restrict children,
    const Pence* __restrict gross_wages, const Pence* __restrict taxes,
    const Pence* __restrict other_income, Pence* __restrict savings, Pence* __restrict benefits,
    Pence* __restrict net_income, Pence* __restrict consumption, std::size_t n, Pence benefits_on,
    const scenario::TaxBenefitParams& tb, const scenario::HouseholdParams& hp) {
  return incomes_of<1>(alive, claims, adults, children, gross_wages, taxes, other_income, savings,
                       benefits, net_income, consumption, n, benefits_on, tb, hp);
}
#endif
}  // namespace

IncomeTotals household_incomes_plain(const IncomeRows& rows, std::size_t n, Pence benefits_on,
                                     const scenario::TaxBenefitParams& tb,
                                     const scenario::HouseholdParams& hp) {
  return incomes_of<0>(rows.alive, rows.claims, rows.adults, rows.children, rows.gross_wages,
                       rows.taxes, rows.other_income, rows.savings, rows.benefits, rows.net_income,
                       rows.consumption, n, benefits_on, tb, hp);
}

IncomeTotals household_incomes(const IncomeRows& rows, std::size_t n, Pence benefits_on,
                               const scenario::TaxBenefitParams& tb,
                               const scenario::HouseholdParams& hp) {
#ifdef CWB_HAS_AVX512_PATHS
  if (vector_paths())
    return incomes_avx512(rows.alive, rows.claims, rows.adults, rows.children, rows.gross_wages,
                          rows.taxes, rows.other_income, rows.savings, rows.benefits,
                          rows.net_income, rows.consumption, n, benefits_on, tb, hp);
#endif
  return household_incomes_plain(rows, n, benefits_on, tb, hp);
}

}  // namespace cwb::model
