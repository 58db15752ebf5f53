// The indicators a run reports each month (names, units, meaning) and the statistics behind them.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace cwb::accounting {

struct IndicatorInfo {
  std::string_view name;
  std::string_view long_name;
  std::string_view units;
};

/// Zone indicators (group `indicators`, over scenario x replicate x month x zone).
enum class ZoneIndicator : int {
  employment_rate = 0,
  unemployment_rate,
  inactivity_rate,
  claimant_rate,
  median_equivalised_income,
  mean_equivalised_income,
  poverty_rate,
  gini,
  local_spend_share,
  firms,
  social_enterprises,
  social_enterprise_jobs,
  working_age_population,
  firm_jobs,
  engagement,
  asset_tenancies,
  asset_activity_hours,
  social_enterprise_rent_leakage,
  firm_births,
  firm_deaths,
  social_enterprise_births,
  social_enterprise_deaths,
};
inline constexpr int kZoneIndicators = 22;
inline constexpr std::array<IndicatorInfo, kZoneIndicators> kZoneIndicatorInfo = {{
    {"employment_rate", "employed residents / working-age residents", "1"},
    {"unemployment_rate", "unemployed / economically active residents (ILO)", "1"},
    {"inactivity_rate", "economically inactive / working-age residents", "1"},
    {"claimant_rate", "benefit claimants required to seek work / working-age residents", "1"},
    {"median_equivalised_income",
     "median equivalised net household income (modified OECD), per person", "GBP year-1"},
    {"mean_equivalised_income", "mean equivalised net household income (modified OECD), per person",
     "GBP year-1"},
    {"poverty_rate",
     "share of people in households below 60% of the national median equivalised income", "1"},
    {"gini", "Gini coefficient of equivalised net household income over people", "1"},
    {"local_spend_share",
     "share of household consumption spent with local businesses and landlords", "1"},
    {"firms", "local conventional businesses trading", "1"},
    {"social_enterprises", "social enterprises trading", "1"},
    {"social_enterprise_jobs", "jobs at social enterprises (residents and commuters)", "1"},
    {"working_age_population", "working-age residents", "1"},
    {"firm_jobs", "jobs at local conventional businesses (residents and commuters)", "1"},
    {"engagement",
     "community engagement (0 none, 1 full), raised by community research and assets; 'all' is "
     "weighted by working-age residents",
     "1"},
    {"asset_tenancies", "social enterprises housed in unlocked community assets", "1"},
    {"asset_activity_hours", "community activity hours in unlocked community assets in the month",
     "h"},
    {"social_enterprise_rent_leakage",
     "rent paid by social enterprises to landlords outside the area in the month", "GBP"},
    {"firm_births", "local conventional businesses opened in the month", "1"},
    {"firm_deaths", "local conventional businesses closed in the month (insolvency or closure)",
     "1"},
    {"social_enterprise_births",
     "social enterprises opened in the month (including grant start-ups)", "1"},
    {"social_enterprise_deaths", "social enterprises closed in the month (insolvency or closure)",
     "1"},
}};

/// Anchor indicators (group `anchors`, over scenario x replicate x month x anchor).
enum class AnchorIndicator : int {
  spend = 0,
  local_procurement_share,
  social_enterprise_share,
  local_workforce_share,
  lm3,
  local_hires,
};
inline constexpr int kAnchorIndicators = 6;
inline constexpr std::array<IndicatorInfo, kAnchorIndicators> kAnchorIndicatorInfo = {{
    {"spend", "anchor spending in the month (payroll, procurement, other costs)", "GBP"},
    {"local_procurement_share", "share of procurement with local firms and social enterprises",
     "1"},
    {"social_enterprise_share", "share of procurement with local social enterprises", "1"},
    {"local_workforce_share", "share of staff living in the study area", "1"},
    {"lm3", "Local Multiplier 3 (NEF): (R1 + R2 + R3) / R1", "1"},
    {"local_hires", "residents of the study area hired in the month", "1"},
}};

/// Weighted statistics over (value, weight) pairs; weights are people counts.
struct WeightedValue {
  double value;
  double weight;
};
/// Median by weight (lower weighted median; 0 for empty input). Sorts `values`.
double weighted_median(std::vector<WeightedValue>& values);
/// Gini coefficient by weight (0 for empty or all-zero input). Sorts `values`.
double weighted_gini(std::vector<WeightedValue>& values);
/// Weighted mean (0 for empty input).
double weighted_mean(std::span<const WeightedValue> values);
/// Share of weight with value strictly below `threshold`.
double weighted_share_below(std::span<const WeightedValue> values, double threshold);

/// Mean, median, Gini and share below a line of values already sorted by value (one pass).
struct IncomeSummary {
  double mean = 0, median = 0, gini = 0, share_below = 0;
};
IncomeSummary summarize_sorted(std::span<const WeightedValue> sorted, double line);

/// summarize_sorted fed one value at a time, for a sequence that is never stored whole (a merge
/// of sorted lists). The total weight is needed before the first value, for the median; fed the
/// same values in the same order with the same total, the result is bitwise that of
/// summarize_sorted.
class SortedSummary {
 public:
  SortedSummary(double total_weight, double line) : total_weight_(total_weight), line_(line) {}
  void add(double value, double weight) {
    running_ += weight;
    if (!median_found_ && running_ >= 0.5 * total_weight_) {
      median_ = value;
      median_found_ = true;
    }
    if (value < line_) below_ += weight;
    const double next = cumulative_ + weight * value;
    area_ += weight * (cumulative_ + next);
    cumulative_ = next;
  }
  IncomeSummary result() const;

 private:
  double total_weight_, line_;
  double running_ = 0, cumulative_ = 0, area_ = 0, below_ = 0, median_ = 0;
  bool median_found_ = false;
};

/// A weighted value with a key that breaks ties (a household's index): ordered by (value, key),
/// a total order when keys are distinct, so the sorted sequence, and every sum taken along it,
/// does not depend on the sorting algorithm or on how the values were split up to be sorted.
struct RankedValue {
  double value;
  std::uint32_t key;
  std::uint16_t weight;  // people
  std::uint16_t group;   // for summarize_groups (a zone)
  friend bool operator<(const RankedValue& a, const RankedValue& b) {
    return a.value < b.value || (a.value == b.value && a.key < b.key);
  }
};
/// Working memory of sort_ranked and summarize_groups, kept by a caller that sorts every month
/// (a World) so that it is neither requested from the system nor cleared again each time. One
/// per caller: not to be shared by calls that may run at the same time.
struct RankedBuffers {
  std::vector<RankedValue> values;
  std::vector<std::uint32_t> keys, more_keys, counts;
};
/// Sorts by (value, key), in parallel; the result does not depend on the threads.
void sort_ranked(std::vector<RankedValue>& values, RankedBuffers& buffers);
void sort_ranked(std::vector<RankedValue>& values);
/// summarize_sorted of values sorted by (value, key).
IncomeSummary summarize_sorted(std::span<const RankedValue> sorted, double line);
/// The summaries of each group's values (v.group < groups) and of all values, from values
/// sorted by (value, key); returns groups + 1 summaries, the last of all values. In parallel:
/// weights are whole people, so each value's rank (the weight up to it, in its group and in
/// all) is an exact integer, found from per-chunk counts; the mean's and the Gini's sums are
/// then sums of terms that need nothing but the value and its rank, taken per fixed chunk and
/// added in chunk order (the same whatever the threads). A run of equal values adds as one
/// value with the run's weight, and no run is split between chunks, so the result is also the
/// same whatever the keys (the order of equal values). The median and the share below the
/// line are exactly those of summarize_sorted; the mean and the Gini agree with it to rounding
/// (their sums are taken in another order).
std::vector<IncomeSummary> summarize_groups(std::span<const RankedValue> sorted, std::size_t groups,
                                            double line);

/// Modified OECD equivalence scale: 1 for the first adult, 0.5 per further adult (14+), 0.3
/// per child.
inline double oecd_equivalence(int adults, int children) {
  return 1.0 + 0.5 * (adults > 0 ? adults - 1 : 0) + 0.3 * children;
}

}  // namespace cwb::accounting
