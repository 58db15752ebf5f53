// Drawing agents in proportion to weights (cumulative sums + binary search).
#pragma once

#include <cstdint>
#include <vector>

#include "sim/core/rng.hpp"

namespace cwb::model {

class WeightedPicker {
 public:
  void clear() {
    cumulative_.clear();
    items_.clear();
  }
  void add(std::int32_t item, double weight) {
    if (weight <= 0.0) return;
    cumulative_.push_back((cumulative_.empty() ? 0.0 : cumulative_.back()) + weight);
    items_.push_back(item);
  }
  bool empty() const { return items_.empty(); }
  std::int32_t pick(RandomStream& draw) const { return items_[draw.pick_cumulative(cumulative_)]; }

 private:
  std::vector<double> cumulative_;
  std::vector<std::int32_t> items_;
};

}  // namespace cwb::model
