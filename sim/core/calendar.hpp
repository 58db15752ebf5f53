// Months of a run: a start year-month, month indices, and day offsets for CF time units.
#pragma once

#include <cstdint>
#include <string>

namespace cwb {

struct YearMonth {
  int year = 2017;
  int month = 1;  // 1..12

  /// The month `offset` months after this one.
  YearMonth plus(int offset) const {
    const int index = year * 12 + (month - 1) + offset;
    return {index / 12, index % 12 + 1};
  }
  std::string iso() const;  // "2017-01"
  /// "days since 2017-01-01": the CF time units that make `month` decode to dates.
  std::string cf_units() const { return "days since " + iso() + "-01"; }
  /// Days from this month's first day to the first day of the month `offset` months later.
  std::int64_t days_until(int offset) const;
  /// Parses "YYYY-MM"; returns false on bad syntax or month out of 1..12.
  static bool parse(const std::string& text, YearMonth& out);
  friend bool operator==(const YearMonth&, const YearMonth&) = default;
};

}  // namespace cwb
