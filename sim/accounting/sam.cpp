// SAM sums and the monthly stock-flow identity.
#include "sim/accounting/sam.hpp"

#include <string>

#include "sim/core/errors.hpp"

namespace cwb::accounting {

Pence Sam::inflow(Sector s) const {
  Pence total = 0;
  for (int payer = 0; payer < kSectors; ++payer)
    total += flow[payer][index(s)];
  return total;
}

Pence Sam::outflow(Sector s) const {
  Pence total = 0;
  for (int payee = 0; payee < kSectors; ++payee)
    total += flow[index(s)][payee];
  return total;
}

Sam& Sam::operator+=(const Sam& other) {
  for (int i = 0; i < kSectors; ++i)
    for (int j = 0; j < kSectors; ++j)
      flow[i][j] += other.flow[i][j];
  return *this;
}

void check_stock_flow(const Stocks& before, const Stocks& now, const Sam& sam, int month,
                      std::string_view calendar_month) {
  for (int i = 0; i < kSectors; ++i) {
    const auto s = static_cast<Sector>(i);
    const Pence expected = before[i] + sam.inflow(s) - sam.outflow(s);
    if (expected != now[i]) {
      throw AccountingError(
          "stock-flow identity broken in month " + std::to_string(month) + " (" +
          std::string(calendar_month) + ") for sector " + std::string(kSectorNames[i]) +
          ": opening " + std::to_string(before[i]) + " + inflows " + std::to_string(sam.inflow(s)) +
          " - outflows " + std::to_string(sam.outflow(s)) + " != closing " +
          std::to_string(now[i]) + " pence");
    }
  }
}

}  // namespace cwb::accounting
