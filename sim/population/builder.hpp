// Builds a World's initial agents from the scenario's zone marginals (see builder.cpp).
#pragma once

namespace cwb::model {

class World;

/// Friend of World: fills its tables once, before the first month.
class PopulationBuilder {
 public:
  static void build(World& world);

 private:
  static void calibrate_external_demand(World& world);
};

}  // namespace cwb::model
