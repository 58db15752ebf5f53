// The social accounting matrix of one month and the stock-flow identity check.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "sim/core/money.hpp"

namespace cwb::accounting {

/// SAM sectors. The order is the order of the `sector`, `payer` and `payee` labels.
enum class Sector : std::uint8_t {
  households = 0,
  firms,
  social_enterprises,
  anchors,
  programmes,
  government,
  rest_of_world,
};
inline constexpr int kSectors = 7;
inline constexpr std::array<std::string_view, kSectors> kSectorNames = {
    "households", "firms",      "social_enterprises", "anchors",
    "programmes", "government", "rest_of_world"};
/// Sectors whose money is inside the study area (the identity is checked for these).
inline constexpr bool is_internal(Sector s) {
  return s != Sector::government && s != Sector::rest_of_world;
}
inline constexpr int index(Sector s) { return static_cast<int>(s); }

/// Payer x payee flows of one month, in pence.
struct Sam {
  std::array<std::array<Pence, kSectors>, kSectors> flow{};

  void add(Sector payer, Sector payee, Pence amount) { flow[index(payer)][index(payee)] += amount; }
  Pence inflow(Sector s) const;
  Pence outflow(Sector s) const;
  Sam& operator+=(const Sam& other);
};

using Stocks = std::array<Pence, kSectors>;

/// stocks_now - stocks_before must equal inflow - outflow for every sector, to the penny.
/// Throws cwb::AccountingError naming the month and the first sector that fails.
void check_stock_flow(const Stocks& before, const Stocks& now, const Sam& sam, int month,
                      std::string_view calendar_month);

}  // namespace cwb::accounting
