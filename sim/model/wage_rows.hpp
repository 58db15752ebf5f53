// Wages paid to households from many threads at once, without atomic operations.
#pragma once

#include <tbb/blocked_range.h>
#include <tbb/combinable.h>
#include <tbb/parallel_for.h>

#include <cstdint>
#include <vector>

#include "sim/core/money.hpp"
#include "sim/model/state.hpp"

namespace cwb::model {

/// Each thread adds the wages it pays, and the tax due on them, into its own rows (one entry per
/// household); credit() then adds every thread's rows to the households' savings, gross wages
/// and taxes, in parallel over households. The sums are integers, so the result does not depend
/// on how the payments were split over threads; and no payment waits for another, as atomic
/// additions to a shared row would.
class WageRows {
 public:
  struct Rows {
    std::vector<Pence> wage, tax;
    void pay(std::uint32_t household, Pence wage_paid, Pence tax_due) {
      wage[household] += wage_paid;
      tax[household] += tax_due;
    }
  };

  explicit WageRows(std::size_t households)
      : rows_([households] {
          return Rows{std::vector<Pence>(households, 0), std::vector<Pence>(households, 0)};
        }) {}

  /// The calling thread's rows.
  Rows& local() { return rows_.local(); }

  /// Adds every thread's rows to the households.
  void credit(Households& hh) {
    std::vector<const Rows*> all;
    rows_.combine_each([&](const Rows& rows) { all.push_back(&rows); });
    if (all.empty()) return;
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, hh.size(), 16384), [&](const auto& range) {
      for (std::size_t h = range.begin(); h != range.end(); ++h) {
        Pence wage = 0, tax = 0;
        for (const auto* rows : all) {
          wage += rows->wage[h];
          tax += rows->tax[h];
        }
        hh.savings[h] += wage;
        hh.gross_wages[h] += wage;
        hh.taxes[h] += tax;
      }
    });
  }

 private:
  tbb::combinable<Rows> rows_;
};

}  // namespace cwb::model
