// Drawing agents in proportion to weights in O(1) per draw (Walker/Vose alias tables).
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "sim/core/rng.hpp"

namespace cwb::model {

class WeightedPicker {
 public:
  void clear() {
    weights_.clear();
    items_.clear();
    columns_.clear();
    total_ = 0.0;
  }
  /// Items with non-positive weight are never drawn.
  void add(std::int32_t item, double weight) {
    if (weight <= 0.0) return;
    weights_.push_back(weight);
    items_.push_back(item);
  }
  bool empty() const { return items_.empty(); }
  /// Sum of the weights added (valid after build).
  double total() const { return total_; }
  /// Builds the alias table (call after the last add, before drawing).
  void build();
  /// One uniform draw: a column, then the column's own item or its alias.
  std::int32_t pick(RandomStream& draw) const { return pick(draw.uniform()); }
  /// The same from a uniform u in [0, 1) the caller drew (e.g. left over from a mixture choice).
  std::int32_t pick(double u) const {
    const double x = u * static_cast<double>(columns_.size());
    const auto index = std::min(static_cast<std::size_t>(x), columns_.size() - 1);
    const double fraction = x - static_cast<double>(index);
    // One column is one cache line access: threshold, own item and alias item together. The
    // item is selected by indexing, not by a branch: the choice is random, and a mispredicted
    // branch costs more than the whole pick.
    const Column& column = columns_[index];
    const std::int32_t choices[2] = {column.alias, column.item};
    return choices[fraction < column.threshold];
  }

 private:
  struct Column {
    double threshold;
    std::int32_t item;
    std::int32_t alias;
  };
  std::vector<double> weights_;
  std::vector<std::int32_t> items_;
  std::vector<Column> columns_;
  double total_ = 0.0;
};

inline void WeightedPicker::build() {
  const std::size_t n = items_.size();
  columns_.resize(n);
  total_ = 0.0;
  for (double w : weights_)
    total_ += w;
  if (n == 0) return;
  std::vector<double> scaled(n);
  std::vector<std::uint32_t> alias(n);
  std::vector<std::uint32_t> small, large;
  for (std::size_t i = 0; i < n; ++i) {
    scaled[i] = weights_[i] * static_cast<double>(n) / total_;
    alias[i] = static_cast<std::uint32_t>(i);
    columns_[i].threshold = 1.0;
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
  }
  // Vose: pair each under-full column with an over-full one, in a fixed (deterministic) order.
  while (!small.empty() && !large.empty()) {
    const auto s = small.back();
    small.pop_back();
    const auto l = large.back();
    columns_[s].threshold = scaled[s];
    alias[s] = l;
    scaled[l] -= 1.0 - scaled[s];
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    columns_[i].item = items_[i];
    columns_[i].alias = items_[alias[i]];
  }
}

}  // namespace cwb::model
