// The extension point for programmes (the USE-IT! strands and anchor levers; see issue 3).
#pragma once

#include <string>

namespace cwb::model {

class World;

/// A programme acts in phase 1 of every month (start, ramps, enrolment) and may mark persons
/// with kPriority so that phase 4 places them first into anchor vacancies. Programmes pay
/// through the `programmes` sector of the SAM.
class Programme {
 public:
  virtual ~Programme() = default;
  virtual const std::string& name() const = 0;
  virtual void apply(World& world) = 0;
};

}  // namespace cwb::model
