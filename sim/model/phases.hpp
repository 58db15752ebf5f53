// The stages of a run, for the phase timers (World::phase_seconds, `cwbsim run --profile`).
#pragma once

#include <array>

namespace cwb::model {

/// The stages of a run that the phase timers tell apart: building the world, then the phases
/// of World::step in the order it runs them ("accounts" is the stock-flow check, "compact" the
/// removal of departed agents' rows).
enum class Phase : int {
  build,
  policies,
  anchors,
  businesses,
  labour_market,
  churn,
  households,
  record,
  accounts,
  compact
};
inline constexpr int kPhases = 10;
inline constexpr std::array<const char*, kPhases> kPhaseNames = {
    "build", "policies",   "anchors", "businesses", "labour_market",
    "churn", "households", "record",  "accounts",   "compact"};
/// Wall seconds per phase (summed over months; over runs when added up by a study).
using PhaseSeconds = std::array<double, kPhases>;

}  // namespace cwb::model
