// Calendar arithmetic (proleptic Gregorian, days from civil).
#include "sim/core/calendar.hpp"

#include <cstdio>

namespace cwb {
namespace {
// Howard Hinnant's days_from_civil.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}
}  // namespace

std::string YearMonth::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

std::int64_t YearMonth::days_until(int offset) const {
  const YearMonth later = plus(offset);
  return days_from_civil(later.year, static_cast<unsigned>(later.month), 1) -
         days_from_civil(year, static_cast<unsigned>(month), 1);
}

bool YearMonth::parse(const std::string& text, YearMonth& out) {
  int y = 0, m = 0;
  char tail = 0;
  if (text.size() != 7 || std::sscanf(text.c_str(), "%4d-%2d%c", &y, &m, &tail) != 2) return false;
  if (text[4] != '-' || m < 1 || m > 12 || y < 1900 || y > 2200) return false;
  out = {y, m};
  return true;
}

}  // namespace cwb
