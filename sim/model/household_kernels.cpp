#include "sim/model/household_kernels.hpp"

#include <bit>
#include <cstddef>
#include <limits>

#include "sim/core/simd.hpp"
#include "sim/model/shop_choice.hpp"
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

CategorySpending category_spending_plain(const std::uint8_t* alive, const Pence* consumption,
                                         Pence* local_spend, std::size_t n,
                                         const std::array<double, kShopCategories>& shares) {
  CategorySpending total;
  for (std::size_t h = 0; h < n; ++h) {
    if (!alive[h]) continue;
    Pence local = local_spend[h];
    for (int c = 0; c < kShopCategories; ++c) {
      const Pence amount = share_of(consumption[h], shares[c]);
      local += amount;
      total.spent[c] += amount;
      total.squared[c] += sum_of_squared_parts(amount);
    }
    local_spend[h] = local;
    total.outside += consumption[h] - local;
  }
  return total;
}

#ifdef CWB_HAS_AVX512_PATHS
namespace {
// The vector version, without branches. For 0 <= a < 2^32 (any amount below GBP 42 million),
// the squares of a's three parts sum to 3 q^2 + 2 r q + r with a = 3 q + r, q = (a x
// 0xAAAAAAAB) >> 33 (the exact quotient, from a 64-bit product), all below 2^64; the sums of
// their high and low 32-bit halves cannot overflow 64 bits for fewer than 2^32 rows, and
// give the 128-bit sum. Should an amount fall outside, `outside_range` says so and the
// squares are summed again the plain way.
inline std::uint64_t squared_parts_below_2_32(std::uint64_t a) {
  const std::uint64_t q = (a * 0xAAAAAAABull) >> 33;
  const std::uint64_t r = a - 3 * q;
  return 3 * q * q + 2 * r * q + r;
}
struct VectorSums {
  std::array<Pence, kShopCategories> spent{};
  std::array<std::uint64_t, kShopCategories> low{}, high{};
  Pence outside = 0;
  std::uint64_t outside_range = 0;
};
CWB_AVX512 VectorSums category_spending_avx512(const std::uint8_t* __restrict alive,
                                               const Pence* __restrict consumption,
                                               Pence* __restrict local_spend, std::size_t n,
                                               double share0, double share1, double share2) {
  Pence spent0 = 0, spent1 = 0, spent2 = 0, outside = 0;
  std::uint64_t low0 = 0, low1 = 0, low2 = 0, high0 = 0, high1 = 0, high2 = 0, out_of_range = 0;
  for (std::size_t h = 0; h < n; ++h) {
    const bool live = alive[h] != 0;
    const Pence spend = consumption[h];
    const Pence keep = live ? 1 : 0;
    const Pence a0 = keep * share_of(spend, share0);
    const Pence a1 = keep * share_of(spend, share1);
    const Pence a2 = keep * share_of(spend, share2);
    const Pence local = local_spend[h] + a0 + a1 + a2;
    if (live) local_spend[h] = local;
    outside += keep * (spend - local);
    spent0 += a0;
    spent1 += a1;
    spent2 += a2;
    const auto u0 = static_cast<std::uint64_t>(a0), u1 = static_cast<std::uint64_t>(a1),
               u2 = static_cast<std::uint64_t>(a2);
    out_of_range |= (u0 | u1 | u2) >> 32;  // a negative amount too
    const std::uint64_t s0 = squared_parts_below_2_32(u0 & 0xffffffff),
                        s1 = squared_parts_below_2_32(u1 & 0xffffffff),
                        s2 = squared_parts_below_2_32(u2 & 0xffffffff);
    low0 += s0 & 0xffffffff;
    low1 += s1 & 0xffffffff;
    low2 += s2 & 0xffffffff;
    high0 += s0 >> 32;
    high1 += s1 >> 32;
    high2 += s2 >> 32;
  }
  return {
      {spent0, spent1, spent2}, {low0, low1, low2}, {high0, high1, high2}, outside, out_of_range};
}
}  // namespace
#endif

CategorySpending category_spending(const std::uint8_t* alive, const Pence* consumption,
                                   Pence* local_spend, std::size_t n,
                                   const std::array<double, kShopCategories>& shares) {
#ifdef CWB_HAS_AVX512_PATHS
  if (vector_paths()) {
    const auto sums = category_spending_avx512(alive, consumption, local_spend, n, shares[0],
                                               shares[1], shares[2]);
    CategorySpending total;
    total.spent = sums.spent;
    total.outside = sums.outside;
    for (int c = 0; c < kShopCategories; ++c)
      total.squared[c] = (static_cast<UInt128>(sums.high[c]) << 32) + sums.low[c];
    if (sums.outside_range != 0) {
      total.squared = {};
      for (std::size_t h = 0; h < n; ++h)
        for (int c = 0; c < kShopCategories && alive[h] != 0; ++c)
          total.squared[c] += sum_of_squared_parts(share_of(consumption[h], shares[c]));
    }
    return total;
  }
#endif
  return category_spending_plain(alive, consumption, local_spend, n, shares);
}

namespace {
template <int kVersion>
[[gnu::always_inline]] inline void
move_out_of(const MoveOutRule& rule_in, const std::uint8_t* __restrict alive,
            const std::uint8_t* __restrict adults, const std::uint8_t* __restrict children,
            const Pence* __restrict net_income, const PhiloxBlock* __restrict first, std::size_t n,
            std::uint8_t* __restrict moving, std::uint64_t* __restrict landlord_draw) {
  const auto rule = rule_in;
  for (std::size_t h = 0; h < n; ++h) {
    const double chance = rule.chance(adults[h], children[h], net_income[h]);
    moving[h] = (alive[h] != 0) & (RandomStream::uniform_of(first[h][0]) < chance);
    landlord_draw[h] = first[h][1];
  }
}

#ifdef CWB_HAS_AVX512_PATHS
CWB_AVX512 void move_out_avx512(const MoveOutRule& rule, const std::uint8_t* __restrict alive,
                                const std::uint8_t* __restrict adults,
                                const std::uint8_t* __restrict children,
                                const Pence* __restrict net_income,
                                const PhiloxBlock* __restrict first, std::size_t n,
                                std::uint8_t* __restrict moving,
                                std::uint64_t* __restrict landlord_draw) {
  move_out_of<1>(rule, alive, adults, children, net_income, first, n, moving, landlord_draw);
}
#endif
}  // namespace

void move_out_decisions_plain(const MoveOutRule& rule, const std::uint8_t* alive,
                              const std::uint8_t* adults, const std::uint8_t* children,
                              const Pence* net_income, const PhiloxBlock* first, std::size_t n,
                              std::uint8_t* moving, std::uint64_t* landlord_draw) {
  move_out_of<0>(rule, alive, adults, children, net_income, first, n, moving, landlord_draw);
}

void move_out_decisions(const MoveOutRule& rule, const std::uint8_t* alive,
                        const std::uint8_t* adults, const std::uint8_t* children,
                        const Pence* net_income, const PhiloxBlock* first, std::size_t n,
                        std::uint8_t* moving, std::uint64_t* landlord_draw) {
#ifdef CWB_HAS_AVX512_PATHS
  if (vector_paths()) {
    move_out_avx512(rule, alive, adults, children, net_income, first, n, moving, landlord_draw);
    return;
  }
#endif
  move_out_decisions_plain(rule, alive, adults, children, net_income, first, n, moving,
                           landlord_draw);
}

namespace {
// A RankedValue as two 64-bit words (the value's bits; key, weight and group packed), which
// GCC stores as vectors where it would not store the structure.
using RankedWord = std::uint64_t __attribute__((may_alias));
static_assert(sizeof(accounting::RankedValue) == 16 &&
              offsetof(accounting::RankedValue, key) == 8 &&
              offsetof(accounting::RankedValue, weight) == 12 &&
              offsetof(accounting::RankedValue, group) == 14);
static_assert(std::endian::native == std::endian::little);

template <int kVersion>
[[gnu::always_inline]] inline ListedSpending
income_list_of(const std::uint8_t* __restrict alive, const std::uint8_t* __restrict adults,
               const std::uint8_t* __restrict children, const Pence* __restrict net_income,
               const Pence* __restrict consumption, const Pence* __restrict local_spend,
               std::size_t n, std::uint32_t first_row, std::uint16_t zone,
               accounting::RankedValue* __restrict out) {
  auto* words = reinterpret_cast<RankedWord*>(out);
  Pence spend = 0, local = 0;
  // Every row's income first, then the value of those left out replaced (in one loop GCC
  // would compute the income only for those included, a division it then cannot vectorise).
  for (std::size_t i = 0; i < n; ++i) {
    const bool included = (alive[i] != 0) & (adults[i] > 0);
    const double income = equivalised_annual_income(adults[i], children[i], net_income[i]);
    const std::uint64_t people = static_cast<std::uint16_t>(adults[i] + children[i]);
    words[2 * i] = std::bit_cast<std::uint64_t>(income);
    words[2 * i + 1] =
        (first_row + static_cast<std::uint32_t>(i)) | people << 32 | std::uint64_t{zone} << 48;
    const Pence counted = included ? 1 : 0;  // loads made either way: no branch
    spend += counted * consumption[i];
    local += counted * local_spend[i];
  }
  for (std::size_t i = 0; i < n; ++i)
    if ((alive[i] == 0) | (adults[i] == 0))
      words[2 * i] = std::bit_cast<std::uint64_t>(kLeftOutIncome);
  return {spend, local};
}

#ifdef CWB_HAS_AVX512_PATHS
CWB_AVX512 ListedSpending income_list_avx512(
    const std::uint8_t* __restrict alive, const std::uint8_t* __restrict adults,
    const std::uint8_t* __restrict children, const Pence* __restrict net_income,
    const Pence* __restrict consumption, const Pence* __restrict local_spend, std::size_t n,
    std::uint32_t first_row, std::uint16_t zone, accounting::RankedValue* __restrict out) {
  return income_list_of<1>(alive, adults, children, net_income, consumption, local_spend, n,
                           first_row, zone, out);
}
#endif
}  // namespace

ListedSpending income_list_plain(const std::uint8_t* alive, const std::uint8_t* adults,
                                 const std::uint8_t* children, const Pence* net_income,
                                 const Pence* consumption, const Pence* local_spend, std::size_t n,
                                 std::uint32_t first_row, std::uint16_t zone,
                                 accounting::RankedValue* out) {
  return income_list_of<0>(alive, adults, children, net_income, consumption, local_spend, n,
                           first_row, zone, out);
}

ListedSpending income_list(const std::uint8_t* alive, const std::uint8_t* adults,
                           const std::uint8_t* children, const Pence* net_income,
                           const Pence* consumption, const Pence* local_spend, std::size_t n,
                           std::uint32_t first_row, std::uint16_t zone,
                           accounting::RankedValue* out) {
#ifdef CWB_HAS_AVX512_PATHS
  if (vector_paths())
    return income_list_avx512(alive, adults, children, net_income, consumption, local_spend, n,
                              first_row, zone, out);
#endif
  return income_list_plain(alive, adults, children, net_income, consumption, local_spend, n,
                           first_row, zone, out);
}

}  // namespace cwb::model
