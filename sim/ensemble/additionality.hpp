// Additionality measured from the same synthetic persons in a policy run and its baseline run:
// gross outcome, deadweight, displacement, leakage and net, per programme, with CIs.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/ensemble/statistics.hpp"
#include "sim/io/results.hpp"
#include "sim/model/state.hpp"

namespace cwb::ensemble {

struct StudyLabels;  // ensemble/effects.hpp

/// Counts of one replicate, per programme slot (the study's programmes, then "all").
enum class Additionality : int {
  participants = 0,         // persons the programme enrolled or employed
  gross_at_horizon,         // participants in work at the horizon
  deadweight_at_horizon,    // the same persons in work at the horizon of the baseline run
  displacement_at_horizon,  // non-participants' employment lost against the baseline (net)
  leakage_at_horizon,       // participants' extra jobs held by people who left the area
  net_at_horizon,           // gross - deadweight - displacement
  gross_person_months,      // the same five in person-months over the horizon
  deadweight_person_months,
  displacement_person_months,
  leakage_person_months,
  net_person_months,
  nonparticipant_losses_at_horizon,  // non-participants in work in the baseline only ("all" only)
  nonparticipant_gains_at_horizon,   // non-participants in work in the policy run only ("all" only)
};
inline constexpr int kAdditionalityMeasures = 13;

/// Shares set beside the HCA ready reckoner (ratios of means over replicates).
enum class AdditionalityShare : int { deadweight_share = 0, displacement_share, leakage_share };
inline constexpr int kAdditionalityShares = 3;

struct AdditionalityInfo {
  std::string_view name, long_name, units, description;
};
extern const std::array<AdditionalityInfo, kAdditionalityMeasures> kAdditionalityInfo;
extern const std::array<AdditionalityInfo, kAdditionalityShares> kAdditionalityShareInfo;

/// HCA Additionality Guide ready-reckoner bands (DATA.md, "Appraisal conventions").
struct HcaBand {
  std::string_view label;
  double share;
};
inline constexpr std::array<HcaBand, 5> kHcaLeakageBands = {
    {{"none", 0.0}, {"low", 0.10}, {"medium", 0.25}, {"high", 0.50}, {"very high", 0.75}}};
inline constexpr std::array<HcaBand, 5> kHcaDisplacementBands = {
    {{"none", 0.0}, {"low", 0.25}, {"medium", 0.50}, {"high", 0.75}, {"total", 1.0}}};
inline constexpr std::array<double, 3> kHcaCompositeMultiplier = {1.1, 1.5, 1.9};
inline constexpr std::string_view kHcaSource =
    "HCA (2014) Additionality Guide, 4th ed., ready reckoner: leakage none/low/medium/high/very "
    "high = "
    "0/10/25/50/75%, displacement none/low/medium/high/total = 0/25/50/75/100%, composite "
    "multiplier "
    "low/medium/high = 1.1/1.5/1.9";
/// The band nearest to a measured share ("none", "low", ...); "n/a" for NaN.
std::string_view nearest_band(std::span<const HcaBand> bands, double share);

/// One replicate's counts for every programme slot of one scenario: `programmes` slots (index
/// = PersonOutcome.programme in `policy`, i.e. the scenario's own programme order) and a last
/// slot for all participants together. Both vectors sorted by id (World::person_outcomes).
/// A person absent from one run counts as not in work there (0 months).
/// Result: [slot][measure], slot in [0, programmes].
std::vector<double> measure_additionality(std::span<const model::PersonOutcome> baseline,
                                          std::span<const model::PersonOutcome> policy,
                                          int programmes);

/// Mean and paired 95% CI over replicates, per scenario and programme slot of the study.
struct AdditionalityTable {
  bool available = false;
  int baseline = 0;  // index of the scenario every run was compared with
  int scenarios = 0, replicates = 0;
  std::vector<std::string> programmes;  // the study's programme names, then "all"
  std::vector<Estimate> values;         // [scenario][slot][measure]
  std::vector<Estimate> shares;         // [scenario][slot][share]
  int slots() const { return static_cast<int>(programmes.size()); }
  const Estimate& value(int s, int slot, Additionality a) const {
    return values[(static_cast<std::size_t>(s) * programmes.size() +
                   static_cast<std::size_t>(slot)) *
                      kAdditionalityMeasures +
                  static_cast<std::size_t>(a)];
  }
  const Estimate& share(int s, int slot, AdditionalityShare a) const {
    return shares[(static_cast<std::size_t>(s) * programmes.size() +
                   static_cast<std::size_t>(slot)) *
                      kAdditionalityShares +
                  static_cast<std::size_t>(a)];
  }
};

/// Summarise per-replicate counts [scenario][replicate][slot][measure] (NaN: the scenario does
/// not have that programme) into means and t intervals.
AdditionalityTable summarise_additionality(std::span<const double> counts, int scenarios,
                                           int replicates, std::vector<std::string> programmes,
                                           int baseline);

/// The `additionality` group (coordinates scenario, programme, statistic).
io::Group additionality_group(const AdditionalityTable& table, const StudyLabels& labels);

/// The table back from a results file's `additionality` group (not available if absent).
AdditionalityTable read_additionality(const io::ResultsDocument& doc, const StudyLabels& labels);

}  // namespace cwb::ensemble
