// Phase 8: end-of-month bookkeeping of businesses and the month's indicators (zones, anchors,
// LM3).
#include <tbb/blocked_range.h>
#include <tbb/combinable.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include "sim/model/household_kernels.hpp"
#include "sim/model/listed.hpp"
#include "sim/model/person_kernels.hpp"
#include "sim/model/world.hpp"

namespace cwb::model {

using accounting::AnchorIndicator;
using accounting::WeightedValue;
using accounting::ZoneIndicator;

void World::close_business_month() {
  auto& bs = businesses_;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, bs.size(), 2048), [&](const auto& range) {
    for (std::size_t b = range.begin(); b != range.end(); ++b) {
      if (!bs.alive[b]) continue;
      const double alpha = business_params(b).demand_smoothing;
      bs.expected_revenue[b] = static_cast<Pence>(
          std::llround((1.0 - alpha) * static_cast<double>(bs.expected_revenue[b]) +
                       alpha * static_cast<double>(bs.revenue[b])));
      bs.months_insolvent[b] = bs.cash[b] < 0 ? bs.months_insolvent[b] + 1 : 0;
      bs.last_revenue[b] = bs.revenue[b];
      bs.last_costs[b] = bs.costs[b];
    }
  });
}

namespace {
/// The slot of zone z (zones then the whole area) and indicator i in a month's record.
double& zone_slot(std::vector<double>& out, std::size_t z, ZoneIndicator i) {
  return out[z * accounting::kZoneIndicators + static_cast<std::size_t>(i)];
}
}  // namespace

void World::record_month() {
  const auto zone_total = scenario_.zones.size();
  const auto all = zone_total;  // index of the whole-area entry
  auto& out = record_.zone_indicators;
  out.assign((zone_total + 1) * accounting::kZoneIndicators, 0.0);
  auto at = [&](std::size_t z, ZoneIndicator i) -> double& { return zone_slot(out, z, i); };
  // The people's counts (with the businesses' month closed and the staff recounted) and the
  // households' income summaries read and write different data: they run side by side. With a
  // record sink the summaries are left running (until the next month's churn, or the end of
  // this step if it is the last: set_record_sink), and written into the record then.
  if (record_sink_) {
    pending_incomes_.run([this] { summarize_incomes(); });
    incomes_pending_ = true;
    close_business_month();
    record_people();  // recounts the staff too
  } else {
    tbb::parallel_invoke(
        [&] {
          close_business_month();
          record_people();
        },
        [&] { summarize_incomes(); });
    record_incomes(record_);
  }
  // Engagement and community assets.
  for (std::size_t z = 0; z < zone_total; ++z) {
    at(z, ZoneIndicator::engagement) = engagement_[z];
    at(all, ZoneIndicator::engagement) +=
        engagement_[z] * at(z, ZoneIndicator::working_age_population);
    at(z, ZoneIndicator::asset_tenancies) = asset_tenancies_[z];
    at(z, ZoneIndicator::asset_activity_hours) = asset_hours_[z];
    at(all, ZoneIndicator::asset_tenancies) += asset_tenancies_[z];
    at(all, ZoneIndicator::asset_activity_hours) += asset_hours_[z];
    at(z, ZoneIndicator::social_enterprise_rent_leakage) = to_pounds(se_rent_leakage_[z]);
    at(all, ZoneIndicator::social_enterprise_rent_leakage) += to_pounds(se_rent_leakage_[z]);
    const std::pair<ZoneIndicator, double> demography[] = {
        {ZoneIndicator::firm_births, births_[z][0]},
        {ZoneIndicator::firm_deaths, deaths_[z][0]},
        {ZoneIndicator::social_enterprise_births, births_[z][1]},
        {ZoneIndicator::social_enterprise_deaths, deaths_[z][1]}};
    for (const auto& [indicator, value] : demography) {
      at(z, indicator) = value;
      at(all, indicator) += value;
    }
  }
  at(all, ZoneIndicator::engagement) /=
      std::max(1.0, at(all, ZoneIndicator::working_age_population));
  record_.programmes = programme_outputs_;

  // Businesses: counts of businesses and jobs per zone, in integers per thread (exact, and
  // the same whatever the split).
  struct BusinessCounts {
    std::int64_t firms = 0, social_enterprises = 0, firm_jobs = 0, social_enterprise_jobs = 0;
  };
  tbb::combinable<std::vector<BusinessCounts>> business_counts(
      [&] { return std::vector<BusinessCounts>(zone_total); });
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, businesses_.size(), 4096), [&](const auto& range) {
        auto& counts = business_counts.local();
        for (std::size_t b = range.begin(); b != range.end(); ++b) {
          if (!businesses_.alive[b]) continue;
          const std::int64_t jobs = businesses_.resident_staff[b] + businesses_.commuter_staff[b];
          auto& c = counts[businesses_.zone[b]];
          const bool counted = !is_contractor(b);
          if (businesses_.kind[b] == BusinessKind::social_enterprise) {
            c.social_enterprises += counted;
            c.social_enterprise_jobs += jobs;
          } else {
            c.firms += counted;
            c.firm_jobs += jobs;
          }
        }
      });
  business_counts.combine_each([&](const std::vector<BusinessCounts>& counts) {
    for (std::size_t z = 0; z < zone_total; ++z)
      for (auto slot : {z, all}) {
        at(slot, ZoneIndicator::firms) += static_cast<double>(counts[z].firms);
        at(slot, ZoneIndicator::social_enterprises) +=
            static_cast<double>(counts[z].social_enterprises);
        at(slot, ZoneIndicator::firm_jobs) += static_cast<double>(counts[z].firm_jobs);
        at(slot, ZoneIndicator::social_enterprise_jobs) +=
            static_cast<double>(counts[z].social_enterprise_jobs);
      }
  });

  record_anchors();
}

void World::record_people() {
  const auto zone_total = scenario_.zones.size();
  const auto all = zone_total;  // index of the whole-area entry
  auto& out = record_.zone_indicators;
  auto at = [&](std::size_t z, ZoneIndicator i) -> double& { return zone_slot(out, z, i); };
  // People: labour status and claimants. Counted per thread in integers, so the totals do not
  // depend on how the people were split over threads.
  using Counts = PeopleCounts;
  tbb::combinable<std::vector<Counts>> thread_counts(
      [&] { return std::vector<Counts>(zone_total); });
  auto staff = staff_counts();  // each employer's staff, counted in the same pass
  const Pence threshold = scenario_.tax_benefit.claimant_earnings_threshold;
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, persons_.size(), 4096), [&](const auto& range) {
        auto& counts = thread_counts.local();
        // People come in runs of the same zone (persons are stored household by household):
        // each run counted at once (count_people), and added to its zone's counts.
        for_each_run(persons_.zone.data(), range.begin(), range.end(),
                     [&](std::uint16_t zone, std::size_t first, std::size_t end) {
                       const PeopleRows rows{
                           persons_.alive.data() + first, persons_.status.data() + first,
                           persons_.wage.data() + first, persons_.household.data() + first,
                           persons_.months_employed.data() + first};
                       const auto run =
                           count_people(rows, end - first, households_.benefits.data(), threshold);
                       auto& c = counts[zone];
                       c.working_age += run.working_age;
                       c.employed += run.employed;
                       c.unemployed += run.unemployed;
                       c.claimants += run.claimants;
                     });
        count_staff(staff, range.begin(), range.end());
      });
  set_staff(staff, /*check=*/true);
  std::vector<Counts> counts(zone_total + 1);
  thread_counts.combine_each([&](const std::vector<Counts>& part) {
    for (std::size_t z = 0; z < zone_total; ++z)
      for (auto ez : {z, all}) {
        counts[ez].working_age += part[z].working_age;
        counts[ez].employed += part[z].employed;
        counts[ez].unemployed += part[z].unemployed;
        counts[ez].claimants += part[z].claimants;
      }
  });
  for (std::size_t z = 0; z <= zone_total; ++z) {
    const double working_age = static_cast<double>(counts[z].working_age);
    const double employed = static_cast<double>(counts[z].employed);
    const double unemployed = static_cast<double>(counts[z].unemployed);
    const double claimants = static_cast<double>(counts[z].claimants);
    const double wa = std::max(1.0, working_age);
    at(z, ZoneIndicator::working_age_population) = working_age;
    at(z, ZoneIndicator::employment_rate) = employed / wa;
    at(z, ZoneIndicator::inactivity_rate) = (working_age - employed - unemployed) / wa;
    at(z, ZoneIndicator::unemployment_rate) =
        employed + unemployed > 0 ? unemployed / (employed + unemployed) : 0.0;
    at(z, ZoneIndicator::claimant_rate) = claimants / wa;
  }
}

void World::list_incomes(std::size_t first, std::size_t end, std::vector<ListedSpending>& spent) {
  // Households come in runs of the same zone (stored zone by zone, but for those who arrived
  // since the last compaction): each run listed at once (income_list), its spending added to
  // its zone's.
  const auto& hh = households_;
  for_each_run(hh.zone.data(), first, end,
               [&](std::uint16_t zone, std::size_t run_first, std::size_t run_end) {
                 const auto run = income_list(
                     hh.alive.data() + run_first, hh.adults.data() + run_first,
                     hh.children.data() + run_first, hh.net_income.data() + run_first,
                     hh.consumption.data() + run_first, hh.local_spend.data() + run_first,
                     run_end - run_first, static_cast<std::uint32_t>(run_first), zone,
                     incomes_.data() + run_first);
                 spent[zone].consumption += run.consumption;
                 spent[zone].local_spend += run.local_spend;
               });
}

void World::summarize_incomes() {
  const auto zone_total = scenario_.zones.size();
  const auto all = zone_total;  // index of the whole-area entry
  // Households: equivalised income (weighted by people), poverty, inequality, local spend.
  // Every household row goes into one list, in index order, which is sorted once by (income,
  // household index); the summaries of every zone and of the whole area are taken from it (a
  // zone's households, in that order, are the zone's own sorted list). Rows of households that
  // left, or without adults, go in with income minus infinity, so that they sort first and are
  // left out of the summaries: each row has its own place, so the list is filled in parallel
  // (by the households phase, as it credits the rents: list_incomes), and the summaries see
  // the same list as if those rows were never there (how many there are depends on when the
  // tables were last compacted). The summaries depend neither on the order of equal incomes
  // nor on the threads. Spending is summed in integer pence (exact).
  const double poverty_line = to_pounds(scenario_.tax_benefit.national_median_income) *
                              scenario_.tax_benefit.poverty_line_share;
  // The list was filled by the households phase as it credited the rents (list_incomes).
  auto& incomes = incomes_;
  std::vector<Pence> spend(zone_total + 1, 0), local(zone_total + 1, 0);
  for (std::size_t z = 0; z < zone_total; ++z) {
    spend[z] = listed_spending_[z].consumption;
    local[z] = listed_spending_[z].local_spend;
    spend[all] += spend[z];
    local[all] += local[z];
  }
  accounting::sort_ranked(incomes, ranked_buffers_);
  const auto left_out = std::upper_bound(
      incomes.begin(), incomes.end(), kLeftOutIncome,
      [](double value, const accounting::RankedValue& v) { return value < v.value; });
  income_summaries_ = accounting::summarize_groups(
      std::span<const accounting::RankedValue>(left_out, incomes.end()), zone_total, poverty_line);
  local_spend_shares_.assign(zone_total + 1, 0.0);
  for (std::size_t z = 0; z <= zone_total; ++z)
    local_spend_shares_[z] =
        spend[z] > 0 ? static_cast<double>(local[z]) / static_cast<double>(spend[z]) : 0.0;
}

void World::record_incomes(MonthRecord& record) {
  const auto zone_total = scenario_.zones.size();
  auto& out = record.zone_indicators;
  auto at = [&](std::size_t z, ZoneIndicator i) -> double& { return zone_slot(out, z, i); };
  for (std::size_t z = 0; z <= zone_total; ++z) {
    const auto& summary = income_summaries_[z];
    at(z, ZoneIndicator::mean_equivalised_income) = summary.mean;
    at(z, ZoneIndicator::median_equivalised_income) = summary.median;
    at(z, ZoneIndicator::poverty_rate) = summary.share_below;
    at(z, ZoneIndicator::gini) = summary.gini;
    at(z, ZoneIndicator::local_spend_share) = local_spend_shares_[z];
  }
  last_area_median_income_ = income_summaries_[zone_total].median;
}

void World::finish_pending_record() {
  if (!incomes_pending_) return;
  incomes_pending_ = false;
  pending_incomes_.wait();
  record_incomes(pending_record_);
  record_sink_(pending_record_);
}

void World::record_anchors() {
  // LM3 (NEF): R1 = the anchor's spending on payroll and procurement; R2 = the part received by
  // local agents (resident staff, local suppliers); R3 = what those recipients re-spend locally
  // this month, each in proportion to the local share of its own outflows (households: local spend
  // / income; businesses: local outflows / revenue).
  // A household's local share, taken only for the households an anchor paid (the same value
  // whichever anchor asks).
  auto household_ratio = [&](std::size_t h) {
    const double income = static_cast<double>(households_.gross_wages[h] + households_.benefits[h] +
                                              households_.other_income[h]);
    return income > 0 ? std::min(1.0, static_cast<double>(households_.local_spend[h]) / income)
                      : 0.0;
  };
  constexpr int n = accounting::kAnchorIndicators;
  auto& out = record_.anchor_indicators;
  out.assign(anchors_.size() * n, 0.0);
  // The suppliers' part of R3: the anchors' purchases were pooled and split once (run_anchors),
  // so each anchor's part is its share of the pool of each kind (firms, social enterprises)
  // times that kind's sum, taken once, in business order.
  std::array<double, 2> supplier_r3 = {0.0, 0.0};
  std::array<double, 2> pooled = {0.0, 0.0};
  for (const auto& st : anchors_) {
    pooled[0] += static_cast<double>(st.local_procurement);
    pooled[1] += static_cast<double>(st.social_enterprise_procurement);
  }
  for (std::size_t b = 0; b < procured_.size(); ++b) {
    if (procured_[b] == 0 || businesses_.revenue[b] <= 0) continue;
    const double ratio = std::min(1.0, static_cast<double>(businesses_.local_outflow[b]) /
                                           static_cast<double>(businesses_.revenue[b]));
    supplier_r3[businesses_.kind[b] == BusinessKind::firm ? 0 : 1] +=
        static_cast<double>(procured_[b]) * ratio;
  }
  auto share_of_pool = [&](Pence bought, int kind) {
    return pooled[kind] > 0.0 ? static_cast<double>(bought) / pooled[kind] * supplier_r3[kind]
                              : 0.0;
  };
  // Each anchor's R3: its payments to households, then its suppliers' part. The payments'
  // part is summed exactly (each household's share in fixed point, 2^-32 steps, times the
  // wage in pence, in 128-bit integers), so it does not depend on the order of the payments
  // (the order of the persons' rows, which compaction changes).
  constexpr double kRatioOne = 4294967296.0;
  std::vector<double> r3(anchors_.size(), 0.0);
  tbb::parallel_for(std::size_t{0}, anchors_.size(), [&](std::size_t a) {
    const auto& st = anchors_[a];
    Int128 sum = 0;
    for (const auto& [h, wage] : st.paid_to_household)
      sum += Int128{wage} * round_half_away(household_ratio(h) * kRatioOne);
    r3[a] = static_cast<double>(sum) / kRatioOne + share_of_pool(st.local_procurement, 0) +
            share_of_pool(st.social_enterprise_procurement, 1);
  });
  for (std::size_t a = 0; a < anchors_.size(); ++a) {
    const auto& st = anchors_[a];
    const double r1 = static_cast<double>(st.spend - st.other_costs);  // payroll + procurement
    const double r2 = static_cast<double>(st.resident_payroll + st.local_procurement +
                                          st.social_enterprise_procurement);
    auto at = [&](AnchorIndicator i) -> double& {
      return out[a * n + static_cast<std::size_t>(i)];
    };
    at(AnchorIndicator::spend) = to_pounds(st.spend);
    const double procurement = static_cast<double>(st.procurement);
    at(AnchorIndicator::local_procurement_share) =
        procurement > 0
            ? static_cast<double>(st.local_procurement + st.social_enterprise_procurement) /
                  procurement
            : 0.0;
    at(AnchorIndicator::social_enterprise_share) =
        procurement > 0 ? static_cast<double>(st.social_enterprise_procurement) / procurement : 0.0;
    const double staff = st.resident_staff + st.commuter_staff;
    at(AnchorIndicator::local_workforce_share) = staff > 0 ? st.resident_staff / staff : 0.0;
    at(AnchorIndicator::lm3) = r1 > 0 ? (r1 + r2 + r3[a]) / r1 : 0.0;
    at(AnchorIndicator::local_hires) = st.local_hires;
  }
}

}  // namespace cwb::model
