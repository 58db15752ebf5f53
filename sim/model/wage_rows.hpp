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
/// and taxes, in parallel over households, and sets the rows back to zero as it reads them. The
/// sums are integers, so the result does not depend on how the payments were split over
/// threads; no payment waits for another, as atomic additions to a shared row would; and the
/// rows are kept from one payment to the next (zero between payments), so they are neither
/// allocated nor cleared again each time.
class WageRows {
 public:
  struct Rows {
    std::vector<Pence> wage, tax;
    void pay(std::uint32_t household, Pence wage_paid, Pence tax_due) {
      wage[household] += wage_paid;
      tax[household] += tax_due;
    }
  };

  /// The calling thread's rows, at least `households` long (zero where not yet paid).
  Rows& local(std::size_t households) {
    auto& rows = rows_.local();
    if (rows.wage.size() < households) {
      rows.wage.resize(households, 0);
      rows.tax.resize(households, 0);
    }
    return rows;
  }

  /// Adds every thread's rows to the households and zeroes them.
  void credit(Households& hh) {
    std::vector<Rows*> all;
    rows_.combine_each([&](Rows& rows) { all.push_back(&rows); });
    if (all.empty()) return;
    const std::size_t n = hh.size();
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 16384), [&](const auto& range) {
      for (std::size_t h = range.begin(); h != range.end(); ++h) {
        Pence wage = 0, tax = 0;
        for (auto* rows : all) {
          if (h >= rows->wage.size()) continue;
          wage += rows->wage[h];
          tax += rows->tax[h];
          rows->wage[h] = 0;
          rows->tax[h] = 0;
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
