// Drawing agents in proportion to weights in O(1) per draw (Walker/Vose alias tables).
#pragma once

#include <cstdint>
#include <vector>

#include "sim/core/rng.hpp"

namespace cwb::model {

class WeightedPicker {
 public:
  void clear() {
    weights_.clear();
    items_.clear();
  }
  /// Items with non-positive weight are never drawn.
  void add(std::int32_t item, double weight) {
    if (weight <= 0.0) return;
    weights_.push_back(weight);
    items_.push_back(item);
  }
  bool empty() const { return items_.empty(); }
  /// Builds the alias table (call after the last add, before drawing).
  void build();
  /// One uniform draw: a column, then the column's own item or its alias.
  std::int32_t pick(RandomStream& draw) const {
    const double x = draw.uniform() * static_cast<double>(items_.size());
    auto column = static_cast<std::size_t>(x);
    if (column >= items_.size()) column = items_.size() - 1;
    const double fraction = x - static_cast<double>(column);
    return fraction < threshold_[column] ? items_[column] : items_[alias_[column]];
  }

 private:
  std::vector<double> weights_;
  std::vector<std::int32_t> items_;
  std::vector<double> threshold_;
  std::vector<std::uint32_t> alias_;
};

inline void WeightedPicker::build() {
  const std::size_t n = items_.size();
  threshold_.assign(n, 1.0);
  alias_.resize(n);
  if (n == 0) return;
  double total = 0.0;
  for (double w : weights_)
    total += w;
  std::vector<double> scaled(n);
  std::vector<std::uint32_t> small, large;
  for (std::size_t i = 0; i < n; ++i) {
    scaled[i] = weights_[i] * static_cast<double>(n) / total;
    alias_[i] = static_cast<std::uint32_t>(i);
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
  }
  // Vose: pair each under-full column with an over-full one, in a fixed (deterministic) order.
  while (!small.empty() && !large.empty()) {
    const auto s = small.back();
    small.pop_back();
    const auto l = large.back();
    threshold_[s] = scaled[s];
    alias_[s] = l;
    scaled[l] -= 1.0 - scaled[s];
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
}

}  // namespace cwb::model
