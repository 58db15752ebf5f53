// Synthetic population from zone marginals: households, persons, jobs, businesses, anchors.
//
// Deterministic in (seed, replicate, area data): every draw is keyed by the id of the agent it
// concerns. The initial state is built to be the model's steady state for the observed rates
// (docs/odd.md, "Initialisation").
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>

#include "sim/core/errors.hpp"
#include "sim/model/ids.hpp"
#include "sim/model/tax_benefit.hpp"
#include "sim/model/world.hpp"
#include "sim/population/builder.hpp"

namespace cwb::model {

using accounting::Sector;

namespace {
std::int64_t scaled(std::int64_t count, double scale) {
  return static_cast<std::int64_t>(std::llround(static_cast<double>(count) * scale));
}
}  // namespace

void PopulationBuilder::build(World& w) {
  const auto& sc = w.scenario_;
  const double scale = sc.population_scale;
  const auto zone_count = sc.zones.size();
  w.calibration_.resize(zone_count);

  // 1. Households and persons, zone by zone. Ids are numbered zone by zone and every draw is
  // keyed by the id it concerns, so each zone's agents depend on nothing but the zone: the
  // zones are made in parallel, each into its own rows. A zone's persons are stored in
  // household order (the layout World keeps, see World::compact), each household's in the
  // order they were drawn.
  struct ZoneRows {
    std::int64_t working_age = 0, households = 0;
    std::size_t first_household = 0, first_person = 0;
    std::vector<std::uint32_t> in_area_workers;  // rows, in the order the persons were drawn
  };
  std::vector<ZoneRows> rows(zone_count);
  std::size_t household_total = 0, person_total = 0;
  for (std::size_t z = 0; z < zone_count; ++z) {
    const auto& zone = sc.zones[z];
    auto& cal = w.calibration_[z];
    const std::int64_t working_age = std::max<std::int64_t>(1, scaled(zone.working_age, scale));
    const std::int64_t household_count =
        std::clamp<std::int64_t>(scaled(zone.households, scale), 1, working_age);
    cal.p_employed = zone.employment_rate;
    cal.p_unemployed =
        zone.employment_rate * zone.unemployment_rate / (1.0 - zone.unemployment_rate);
    const double p_inactive = 1.0 - cal.p_employed - cal.p_unemployed;
    if (p_inactive < 0.0)
      throw InputError("zone '" + zone.name + "': employment_rate and unemployment_rate imply " +
                       "more than 100% of the working age are economically active");
    // Steady state of the outside-job and inactivity flows at the observed rates.
    const auto& lab = sc.labour;
    if (cal.p_unemployed > 0.0) {
      cal.outside_job_finding_rate = std::min(1.0, lab.outside_job_loss_rate * cal.p_employed *
                                                       zone.outside_work_share / cal.p_unemployed);
      cal.unemployed_to_inactive_rate =
          std::min(1.0, lab.inactive_to_unemployed_rate * p_inactive / cal.p_unemployed);
    }
    cal.mean_adults = static_cast<double>(working_age) / static_cast<double>(household_count);
    double running = 0.0;
    for (int s = 0; s < scenario::kSkillLevels; ++s) {
      running += zone.skill_shares[s];
      cal.skill_cumulative[s] = running;
    }
    rows[z] = {working_age, household_count, household_total, person_total, {}};
    household_total += static_cast<std::size_t>(household_count);
    person_total += static_cast<std::size_t>(working_age);
  }
  // Room for the newcomers who join between two compactions (up to an eighth of the rows,
  // World::compaction_due) and some growth, so that the tables are not moved to grow. The
  // columns are allocated and zeroed in parallel: on a virtual machine the first touch of
  // fresh memory costs more than the zeroing itself (the host backs each page then), about
  // half the build's time at 1M persons when done on one thread.
  std::vector<std::function<void()>> columns;
  auto make_room = [&](auto& table, std::size_t count) {
    table.for_each_column([&](auto& column) {
      columns.emplace_back([&column, count] {
        column.reserve(count + count / 4 + 64);
        column.resize(count);
      });
    });
  };
  make_room(w.households_, household_total);
  make_room(w.persons_, person_total);
  tbb::parallel_for(std::size_t{0}, columns.size(), [&](std::size_t i) { columns[i](); });
  tbb::parallel_for(std::size_t{0}, zone_count, [&](std::size_t z) {
    const auto& zone = sc.zones[z];
    const auto& cal = w.calibration_[z];
    const auto zi = static_cast<std::uint16_t>(z);
    auto& mine = rows[z];
    for (std::int64_t h = 0; h < mine.households; ++h) {
      const std::size_t row = mine.first_household + static_cast<std::size_t>(h);
      const std::uint64_t id = row;  // households are numbered in zone order from 0
      auto draw = w.rng_.stream(id, 0, Purpose::population_zone_household);
      const auto children = static_cast<std::uint8_t>(
          std::min<std::int64_t>(8, draw.poisson(zone.children_per_household)));
      const bool claims = draw.bernoulli(sc.tax_benefit.claim_take_up);
      w.households_.assign(row, id, zi, children, claims ? 1 : 0);
    }
    // The zone's persons as drawn (person k has id first_person + k), then placed in household
    // order: a counting sort on the household, stable in k.
    struct Drawn {
      std::uint32_t household;  // within the zone
      std::uint8_t skill;
      Status status;
      bool outside, overseas;
    };
    const auto people = static_cast<std::size_t>(mine.working_age);
    std::vector<Drawn> drawn(people);
    std::vector<std::uint32_t> place(static_cast<std::size_t>(mine.households) + 1, 0);
    for (std::size_t k = 0; k < people; ++k) {
      auto draw = w.rng_.stream(mine.first_person + k, 0, Purpose::population_person_traits);
      // Draw order is fixed: household, skill, status, location of work, overseas flag.
      const auto household =
          k < static_cast<std::size_t>(mine.households)
              ? static_cast<std::uint32_t>(k)
              : static_cast<std::uint32_t>(draw.below(static_cast<std::uint64_t>(mine.households)));
      const auto skill = static_cast<std::uint8_t>(draw.pick_cumulative(cal.skill_cumulative));
      const double u = draw.uniform();
      const bool outside = draw.bernoulli(zone.outside_work_share);
      const bool overseas = draw.bernoulli(zone.overseas_qualified_share);
      Status status = Status::inactive;
      if (u < cal.p_employed)
        status = Status::employed;
      else if (u < cal.p_employed + cal.p_unemployed)
        status = Status::unemployed;
      drawn[k] = {household, skill, status, outside, overseas};
      ++place[household + 1];
    }
    for (std::size_t h = 1; h < place.size(); ++h)
      place[h] += place[h - 1];
    std::vector<std::uint32_t> inactive, outside;
    for (std::size_t k = 0; k < people; ++k) {
      const auto& d = drawn[k];
      const std::size_t p = mine.first_person + place[d.household]++;
      w.persons_.assign(p, mine.first_person + k, zi,
                        static_cast<std::uint32_t>(mine.first_household + d.household), d.skill,
                        d.status, d.overseas ? kOverseasQualified : 0);
      w.schedule_ageing_out(p, 0);
      if (d.status == Status::inactive) inactive.push_back(static_cast<std::uint32_t>(p));
      if (d.status != Status::employed) continue;
      if (d.outside) {
        w.persons_.employer[p] = kOutsideJob;
        w.persons_.wage[p] = w.employer_wage(kOutsideJob, d.skill);
        outside.push_back(static_cast<std::uint32_t>(p));
      } else {
        mine.in_area_workers.push_back(static_cast<std::uint32_t>(p));
      }
    }
    w.schedule_returns_to_search(inactive, 0);
    w.schedule_job_ends(outside);
  });
  // Persons employed inside the area, to place, in the order they were drawn.
  std::vector<std::uint32_t> in_area_workers;
  for (const auto& mine : rows)
    in_area_workers.insert(in_area_workers.end(), mine.in_area_workers.begin(),
                           mine.in_area_workers.end());
  w.households_in_order_ = w.households_.size();
  w.persons_in_order_ = w.persons_.size();

  // 2. Anchors: resident staff come from the in-area workers, the rest commute in.
  const std::int32_t anchor_count = w.anchor_count();
  std::vector<std::int32_t> slots;  // one employer index per resident job to fill
  for (std::int32_t a = 0; a < anchor_count; ++a) {
    const auto& spec = sc.anchors[a];
    auto& st = w.anchors_[a];
    st.staff_target = static_cast<std::int32_t>(scaled(spec.staff, scale));
    const auto residents =
        static_cast<std::int32_t>(std::llround(spec.resident_staff_share * st.staff_target));
    st.commuter_staff = st.staff_target - residents;
    st.monthly_budget =
        static_cast<Pence>(std::llround(static_cast<double>(spec.annual_budget) * scale / 12.0));
    st.cash = st.monthly_budget;  // one month of working capital
    slots.insert(slots.end(), static_cast<std::size_t>(residents), a);
  }
  const auto anchor_slots = static_cast<std::int64_t>(slots.size());
  const auto workers = static_cast<std::int64_t>(in_area_workers.size());
  if (workers < anchor_slots)
    throw InputError("the zone data give " + std::to_string(workers) +
                     " residents working inside the area, fewer than the anchors' " +
                     std::to_string(anchor_slots) +
                     " resident staff (staff x resident_staff_share)");

  // Owners of businesses are drawn from the zone's households: index them first (a scan per
  // draw would make the build quadratic in the population).
  w.rebuild_zone_index();

  // 3. Businesses: counts from the zone data; sizes lognormal, scaled so that the businesses'
  // resident jobs are exactly the remaining in-area workers.
  std::vector<std::int64_t> resident_weight;
  for (std::size_t z = 0; z < zone_count; ++z) {
    const auto& zone = sc.zones[z];
    for (int k = 0; k < 2; ++k) {
      const auto kind = k == 0 ? BusinessKind::firm : BusinessKind::social_enterprise;
      const auto& fp = w.params_of(kind);
      const std::int64_t count = scaled(k == 0 ? zone.firms : zone.social_enterprises, scale);
      for (std::int64_t i = 0; i < count; ++i) {
        const std::uint64_t id = w.next_business_id_++;
        auto draw = w.rng_.stream(id, 0, Purpose::population_firms);
        const double size = std::exp(fp.size_dispersion * draw.normal() -
                                     0.5 * fp.size_dispersion * fp.size_dispersion);
        std::int32_t owner = -1;
        if (kind == BusinessKind::firm && draw.bernoulli(fp.local_owner_share))
          owner = w.random_household_in_zone(static_cast<std::uint16_t>(z), draw);
        w.businesses_.push(id, kind, static_cast<std::uint16_t>(z), owner, 0);
        resident_weight.push_back(std::llround(size * fp.resident_staff_share * 1e6));
      }
    }
  }
  const std::int64_t business_slots = workers - anchor_slots;
  if (business_slots > 0 && w.businesses_.size() == 0)
    throw InputError("the zone data list no firms or social enterprises, but " +
                     std::to_string(business_slots) + " residents work in local businesses");
  const auto per_business = split_proportional(business_slots, resident_weight);
  for (std::size_t b = 0; b < per_business.size(); ++b) {
    const double q = w.params_of(w.businesses_.kind[b]).resident_staff_share;
    const auto residents = per_business[b];
    auto commuters = static_cast<std::int32_t>(
        std::llround(static_cast<double>(residents) * (1.0 - q) / std::max(q, 1e-9)));
    if (residents + commuters == 0) commuters = 1;
    w.businesses_.commuter_staff[b] = commuters;
    slots.insert(slots.end(), static_cast<std::size_t>(residents),
                 anchor_count + static_cast<std::int32_t>(b));
  }

  // 4. Place in-area workers into the resident job slots, in a seeded random order.
  auto shuffle = w.rng_.stream(ids::kZoneTag, 0, Purpose::population_firms);
  for (std::size_t i = slots.size(); i > 1; --i)
    std::swap(slots[i - 1], slots[shuffle.below(i)]);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, in_area_workers.size(), 1024),
                    [&](const auto& range) {
                      for (std::size_t i = range.begin(); i != range.end(); ++i) {
                        const auto p = in_area_workers[i];
                        w.persons_.employer[p] = slots[i];
                        w.persons_.wage[p] = w.employer_wage(slots[i], w.persons_.skill[p]);
                      }
                    });
  w.schedule_job_ends(in_area_workers);

  // 5. Business accounts at their steady state: revenue covers the wage bill at the wage share.
  std::vector<Pence> wage_bill(w.businesses_.size(), 0);
  std::vector<std::int32_t> residents(w.businesses_.size(), 0);
  for (std::size_t p = 0; p < w.persons_.size(); ++p) {
    const auto e = w.persons_.employer[p];
    if (e >= anchor_count) {
      wage_bill[static_cast<std::size_t>(e - anchor_count)] += w.persons_.wage[p];
      residents[static_cast<std::size_t>(e - anchor_count)] += 1;
    }
  }
  for (std::size_t b = 0; b < w.businesses_.size(); ++b) {
    auto& bs = w.businesses_;
    const auto& fp = w.params_of(bs.kind[b]);
    const std::int32_t employer = anchor_count + static_cast<std::int32_t>(b);
    bs.resident_staff[b] = residents[b];
    wage_bill[b] += bs.commuter_staff[b] * w.employer_wage(employer, kCommuterSkill);
    const std::int32_t staff = residents[b] + bs.commuter_staff[b];
    bs.unit_wage[b] = wage_bill[b] / std::max(1, staff);
    bs.expected_revenue[b] =
        static_cast<Pence>(std::llround(static_cast<double>(wage_bill[b]) / fp.wage_share));
    bs.last_revenue[b] = bs.expected_revenue[b];
    bs.last_costs[b] = wage_bill[b] + share_of(bs.expected_revenue[b], fp.input_share) +
                       share_of(bs.expected_revenue[b], fp.rent_share);
    bs.cash[b] = share_of(bs.expected_revenue[b], fp.cash_months);
    auto& cal = w.calibration_[bs.zone[b]];
    if (bs.kind[b] == BusinessKind::firm) {
      cal.initial_firms += 1;
      cal.initial_revenue_per_firm += static_cast<double>(bs.expected_revenue[b]);
    } else {
      cal.initial_social_enterprises += 1;
      cal.initial_revenue_per_social_enterprise += static_cast<double>(bs.expected_revenue[b]);
    }
  }
  // 6. Households' savings at the steady state of their consumption rule.
  w.count_adults();
  const auto net_incomes = w.expected_net_incomes(0, 0);  // also for 7, and the median
  w.start_savings_at_steady_state(0, net_incomes);

  w.initial_area_median_income(net_incomes);

  // 7. Sales to the rest of the world: what local demand does not supply.
  if (sc.switches.external_demand) calibrate_external_demand(w, net_incomes);
  for (std::size_t b = 0; b < w.businesses_.size(); ++b) {
    auto& cal = w.calibration_[w.businesses_.zone[b]];
    const int k = static_cast<int>(w.businesses_.kind[b]);
    cal.external_demand_share[k] += static_cast<double>(w.businesses_.external_demand[b]);
  }
  for (auto& cal : w.calibration_) {
    if (cal.initial_revenue_per_firm > 0)
      cal.external_demand_share[0] /= cal.initial_revenue_per_firm;
    if (cal.initial_revenue_per_social_enterprise > 0)
      cal.external_demand_share[1] /= cal.initial_revenue_per_social_enterprise;
    if (cal.initial_firms > 0) cal.initial_revenue_per_firm /= cal.initial_firms;
    if (cal.initial_social_enterprises > 0)
      cal.initial_revenue_per_social_enterprise /= cal.initial_social_enterprises;
  }
}

void PopulationBuilder::calibrate_external_demand(World& w, std::span<const Pence> net_incomes) {
  // In the steady state of the consumption rule a household spends its net income, so the
  // local demand each business can expect follows from the initial incomes, the anchors'
  // procurement and the businesses' own input purchases, allocated exactly as the monthly
  // phases allocate them (by size, nearer zones weighted up).
  const auto& sc = w.scenario_;
  const auto& hp = sc.households;
  const auto& sw = sc.switches;
  auto& bs = w.businesses_;
  const std::size_t n = bs.size();
  const std::size_t zones = sc.zones.size();
  std::vector<double> local(n, 0.0), from_households(n, 0.0);

  // Household net income by zone: wages, taxes, benefits, and the profits of local owners.
  std::vector<double> income(zones, 0.0);
  for (std::size_t h = 0; h < w.households_.size(); ++h)
    income[w.households_.zone[h]] += static_cast<double>(net_incomes[h]);
  std::vector<double> profit(n, 0.0);
  double reinvested = 0.0, inputs = 0.0, total_size = 0.0;
  for (std::size_t b = 0; b < n; ++b) {
    const auto& fp = w.params_of(bs.kind[b]);
    const double revenue = static_cast<double>(bs.expected_revenue[b]);
    const double margin = std::max(0.0, 1.0 - fp.wage_share - fp.input_share - fp.rent_share);
    profit[b] = revenue * margin * (sw.taxes ? 1.0 - sc.tax_benefit.corporation_tax_rate : 1.0);
    if (fp.payout_share > 0 && bs.kind[b] == BusinessKind::social_enterprise)
      reinvested += profit[b];
    else if (fp.payout_share > 0 && bs.owner_household[b] >= 0)
      income[w.households_.zone[static_cast<std::size_t>(bs.owner_household[b])]] += profit[b];
    inputs += revenue * fp.input_share * fp.local_input_share;
    total_size += revenue;
  }
  // Local landlords live in the zone: C = Y + k C, k = rent share x local landlord share.
  const double k = hp.share_rent * hp.local_landlord_share;
  const std::array<double, 3> shares = {hp.share_local_independent, hp.share_social_enterprise,
                                        hp.share_chain};
  for (std::size_t z = 0; z < zones; ++z) {
    const double consumption = income[z] / (1.0 - k);
    std::array<double, 3> weight_sum{};
    auto category = [&](std::size_t b) {
      return bs.kind[b] == BusinessKind::social_enterprise ? 1 : bs.owner_household[b] >= 0 ? 0 : 2;
    };
    auto weight = [&](std::size_t b) {
      return static_cast<double>(bs.expected_revenue[b]) *
             (bs.zone[b] == z ? hp.same_zone_weight : 1.0);
    };
    for (std::size_t b = 0; b < n; ++b)
      weight_sum[category(b)] += weight(b);
    for (std::size_t b = 0; b < n; ++b) {
      const int c = category(b);
      if (weight_sum[c] > 0)
        from_households[b] += consumption * shares[c] * weight(b) / weight_sum[c];
    }
  }
  // Other businesses' inputs and social enterprises' reinvestment, by size across the area.
  for (std::size_t b = 0; b < n; ++b)
    if (total_size > 0)
      local[b] += (inputs + reinvested) * static_cast<double>(bs.expected_revenue[b]) / total_size;
  // Anchors' procurement, split as in phase 2.
  for (std::size_t a = 0; a < w.anchors_.size(); ++a) {
    const auto& spec = sc.anchors[a];
    const double procurement =
        static_cast<double>(w.anchors_[a].monthly_budget) * spec.procurement_share;
    std::array<double, 2> kind_size{};
    for (std::size_t b = 0; b < n; ++b)
      kind_size[static_cast<int>(bs.kind[b])] += static_cast<double>(bs.expected_revenue[b]);
    for (std::size_t b = 0; b < n; ++b) {
      const int kind = static_cast<int>(bs.kind[b]);
      const double share = kind == 0 ? spec.local_procurement_share : spec.social_enterprise_share;
      if (kind_size[kind] > 0)
        local[b] +=
            procurement * share * static_cast<double>(bs.expected_revenue[b]) / kind_size[kind];
    }
  }
  for (std::size_t b = 0; b < n; ++b) {
    local[b] += from_households[b];
    bs.external_demand[b] =
        std::max<Pence>(0, bs.expected_revenue[b] - static_cast<Pence>(std::llround(local[b])));
    // Household spending arrives after the month's distribution, so in the steady state a
    // business carries last month's takings from households on top of its buffer.
    // With a payout share ps, the steady state also carries (1 - ps) / ps months of profit.
    const double ps = w.params_of(bs.kind[b]).payout_share;
    const double carried = ps > 0 ? (1.0 - ps) / ps * profit[b] : 0.0;
    bs.cash[b] += static_cast<Pence>(std::llround(from_households[b] + carried));
  }
}

}  // namespace cwb::model
