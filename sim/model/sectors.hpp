// Which SAM sector an agent of the model belongs to.
#pragma once

#include "sim/accounting/sam.hpp"
#include "sim/model/state.hpp"

namespace cwb::model {

inline accounting::Sector sector_of(BusinessKind kind) {
  return kind == BusinessKind::firm ? accounting::Sector::firms
                                    : accounting::Sector::social_enterprises;
}

}  // namespace cwb::model
