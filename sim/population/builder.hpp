// Builds a World's initial agents from the scenario's zone marginals (see builder.cpp).
#pragma once

#include <span>

#include "sim/core/money.hpp"

namespace cwb::model {

class World;

/// Friend of World: fills its tables once, before the first month.
class PopulationBuilder {
 public:
  static void build(World& world);

 private:
  /// net_incomes: each household's (World::expected_net_incomes).
  static void calibrate_external_demand(World& world, std::span<const Pence> net_incomes);
};

}  // namespace cwb::model
