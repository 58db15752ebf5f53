// Results of a study held in memory: indicators, anchor indicators, SAM and stocks for every
// scenario x replicate x month.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/accounting/indicators.hpp"
#include "sim/accounting/sam.hpp"
#include "sim/scenario/scenario.hpp"

namespace cwb::ensemble {

struct StudyResults {
  int scenarios = 0, replicates = 0, months = 0;
  int zones = 0;  // including the final whole-area entry
  int anchors = 0;
  // Row-major: [scenario][replicate][month][zone][indicator]
  std::vector<double> zone_indicators;
  // [scenario][replicate][month][anchor][indicator]
  std::vector<double> anchor_indicators;
  // [scenario][replicate][month][payer][payee], pence
  std::vector<std::int64_t> sam;
  // [scenario][replicate][month][sector], pence, closing balances
  std::vector<std::int64_t> stocks;
  // [scenario][replicate][sector], pence, balances before the first month
  std::vector<std::int64_t> opening_stocks;
  // Programmes of all scenarios (union, in order of first appearance) and, per scenario, the
  // index in that list of each of its own programmes.
  std::vector<std::string> programme_names, programme_types;
  std::vector<std::vector<int>> programme_index;
  // [scenario][replicate][month][programme]: participants, completions, placements; cost in pence
  std::vector<double> programme_participants, programme_completions, programme_placements;
  std::vector<std::int64_t> programme_cost;
  // Additionality counts of each run against the baseline run of the same replicate:
  // [scenario][replicate][slot][measure], slots = the programmes above, then "all"; NaN for a
  // programme the scenario does not have; the baseline's own rows are 0
  // (ensemble/additionality.hpp).
  int baseline = 0;
  std::vector<double> additionality;
  std::size_t additionality_slots() const { return programme_names.size() + 1; }

  /// Fills the programme lists from the study's scenarios and sizes the programme arrays.
  void allocate_programmes(const std::vector<scenario::Scenario>& scenarios);
  std::size_t programme_cell(int s, int r, int m, int programme) const {
    return (run_index(s, r) * months + m) * programme_names.size() +
           static_cast<std::size_t>(programme);
  }

  void allocate(int scenario_count, int replicate_count, int month_count, int zone_count,
                int anchor_count);
  std::size_t run_index(int s, int r) const { return static_cast<std::size_t>(s) * replicates + r; }
  double zone_indicator(int s, int r, int m, int z, accounting::ZoneIndicator i) const {
    return zone_indicators[((run_index(s, r) * months + m) * zones + z) *
                               accounting::kZoneIndicators +
                           static_cast<std::size_t>(i)];
  }
  double anchor_indicator(int s, int r, int m, int a, accounting::AnchorIndicator i) const {
    return anchor_indicators[((run_index(s, r) * months + m) * anchors + a) *
                                 accounting::kAnchorIndicators +
                             static_cast<std::size_t>(i)];
  }
};

}  // namespace cwb::ensemble
