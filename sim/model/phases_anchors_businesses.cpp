// Phases 2 and 3: anchors (funding, payroll, procurement) and local businesses (wages, sales,
// inputs, rent, tax, profit, exit and entry). The resident staff of both are paid in one pass
// over the persons, in phase 2 (pay_resident_staff).
#include <tbb/blocked_range.h>
#include <tbb/combinable.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "sim/model/ids.hpp"
#include "sim/model/listed.hpp"
#include "sim/model/picker.hpp"
#include "sim/model/sectors.hpp"
#include "sim/model/world.hpp"

namespace cwb::model {

using accounting::Sector;

void World::pay_resident_staff() {
  // Which businesses close this month is decided first (phase 3 settles their accounts; the
  // decisions read nothing phase 2 changes), so that one pass over the persons pays the
  // resident staff of every employer, anchors and businesses, and lays off the staff of the
  // businesses that close: in parallel over blocks of persons that share no household, each
  // wage going straight into the household. Each anchor's list of payments is kept in person
  // order (it feeds LM3's sums in that order): each block lists its own, and the lists are
  // put end to end in block order. Each thread sums its businesses' wage bills on its own
  // (integer sums, added up afterwards).
  closing_ = decide_closures();
  const bool any_closing = !closing_.empty();
  const std::int32_t anchor_total = anchor_count();
  const auto blocks = household_blocks();
  struct BlockPayroll {
    std::vector<std::vector<std::pair<std::uint32_t, Pence>>> paid;  // per anchor
    std::vector<Pence> total;                                        // per anchor
  };
  std::vector<BlockPayroll> by_block(blocks.size());
  tbb::combinable<std::vector<Pence>> wage_bills(
      [&] { return std::vector<Pence>(businesses_.size(), 0); });
  blocks.for_each([&](std::size_t k, std::size_t first, std::size_t end) {
    auto& mine = by_block[k];
    mine.paid.resize(anchors_.size());
    mine.total.assign(anchors_.size(), 0);
    auto& bills = wage_bills.local();
    for_each_listed(
        first, end, [&](std::size_t p) { return persons_.employer[p] >= 0; },
        [&](std::size_t p) {
          const auto e = persons_.employer[p];
          const Pence wage = persons_.wage[p];
          const auto h = persons_.household[p];
          if (e < anchor_total) {
            const auto a = static_cast<std::size_t>(e);
            credit_wage(h, wage);
            mine.total[a] += wage;
            mine.paid[a].emplace_back(h, wage);
            return;
          }
          const auto b = static_cast<std::size_t>(e - anchor_total);
          if (any_closing && closing_[b] != 0) {
            make_unemployed(p);
            return;
          }
          credit_wage(h, wage);
          bills[b] += wage;
        });
  });
  for (const auto& mine : by_block)
    for (std::size_t a = 0; a < anchors_.size(); ++a) {
      anchors_[a].resident_payroll += mine.total[a];
      anchors_[a].paid_to_household.insert(anchors_[a].paid_to_household.end(),
                                           mine.paid[a].begin(), mine.paid[a].end());
    }
  business_payroll_.assign(businesses_.size(), 0);
  wage_bills.combine_each([&](const std::vector<Pence>& bills) {
    for (std::size_t b = 0; b < bills.size(); ++b)
      business_payroll_[b] += bills[b];
  });
}

void World::run_anchors() {
  // Payroll of resident staff (with the businesses', and the closing businesses' layoffs).
  pay_resident_staff();
  // Procurement goes to local suppliers in proportion to their size: the trading firms and
  // social enterprises (not contractors), each kind listed once in index order with its
  // weights (closed businesses, which would weigh nothing, left out).
  struct Suppliers {
    std::vector<std::uint32_t> business;
    std::vector<std::int64_t> weight;
  };
  std::array<Suppliers, 2> suppliers;  // firms, social enterprises
  for (std::size_t b = 0; b < businesses_.size(); ++b) {
    if (!businesses_.alive[b] || is_contractor(b)) continue;
    auto& list = suppliers[businesses_.kind[b] == BusinessKind::firm ? 0 : 1];
    list.business.push_back(static_cast<std::uint32_t>(b));
    list.weight.push_back(std::max<Pence>(1, businesses_.expected_revenue[b] / kPencePerPound));
  }
  const bool any_firm = !suppliers[0].business.empty();
  const bool any_se = !suppliers[1].business.empty();
  // What the anchors buy from each kind is pooled and split once over that kind's suppliers
  // (every anchor splits over the same list with the same weights, so an anchor's purchases
  // are its share of the pool; LM3 takes them so, see record_anchors).
  std::array<Pence, 2> pooled = {0, 0};  // firms, social enterprises

  for (std::size_t a = 0; a < anchors_.size(); ++a) {
    auto& st = anchors_[a];
    const auto& spec = scenario_.anchors[a];
    st.cash += st.monthly_budget;
    book(Sector::government, Sector::anchors, st.monthly_budget);

    const Pence commuter_payroll =
        st.commuter_staff * employer_wage(static_cast<std::int32_t>(a), kCommuterSkill);
    book(Sector::anchors, Sector::households, st.resident_payroll);
    book(Sector::anchors, Sector::rest_of_world, commuter_payroll);

    st.procurement = share_of(st.monthly_budget, spec.procurement_share);
    const Pence to_firms = any_firm ? share_of(st.procurement, st.local_procurement_share) : 0;
    const Pence to_ses = any_se ? share_of(st.procurement, st.social_enterprise_share) : 0;
    const Pence to_outside = st.procurement - to_firms - to_ses;
    pooled[0] += to_firms;
    pooled[1] += to_ses;
    book(Sector::anchors, Sector::firms, to_firms);
    book(Sector::anchors, Sector::social_enterprises, to_ses);
    book(Sector::anchors, Sector::rest_of_world, to_outside);
    st.local_procurement = to_firms;
    st.social_enterprise_procurement = to_ses;

    // Other running costs (energy, drugs, equipment, capital charges) are bought outside.
    const Pence other = std::max<Pence>(0, st.monthly_budget - st.resident_payroll -
                                               commuter_payroll - st.procurement);
    book(Sector::anchors, Sector::rest_of_world, other);
    st.other_costs = other;
    st.spend = st.resident_payroll + commuter_payroll + st.procurement + other;
    st.cash -= st.spend;
  }
  procured_.assign(businesses_.size(), 0);
  tbb::parallel_for(0, 2, [&](int kind) {
    const auto& list = suppliers[static_cast<std::size_t>(kind)];
    if (pooled[static_cast<std::size_t>(kind)] == 0) return;
    const auto parts = split_proportional(pooled[static_cast<std::size_t>(kind)], list.weight);
    for (std::size_t i = 0; i < parts.size(); ++i)
      procured_[list.business[i]] = parts[i];
  });
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, businesses_.size(), 4096),
                    [&](const auto& range) {
                      for (std::size_t b = range.begin(); b != range.end(); ++b) {
                        businesses_.cash[b] += procured_[b];
                        businesses_.revenue[b] += procured_[b];
                      }
                    });
}

bool World::closes_now(std::size_t b) const {
  if (!businesses_.alive[b]) return false;
  const auto& fp = business_params(b);
  auto draw =
      rng_.stream(businesses_.id[b], static_cast<std::uint32_t>(month_), Purpose::firm_closure);
  // Mentoring (social-enterprise support) tolerates longer losses and cuts closures.
  int patience = fp.exit_after_months;
  double closure = fp.closure_rate;
  if (fp.closure_margin_sensitivity > 0.0 && businesses_.expected_revenue[b] > 0) {
    // Thin margins close more often: the margin at expected revenue (wages, inputs, rent
    // after any community-asset discount) against the kind's usual margin.
    const double revenue = static_cast<double>(businesses_.expected_revenue[b]);
    const double usual = 1.0 - fp.wage_share - fp.input_share - fp.rent_share;
    const double staff = businesses_.resident_staff[b] + businesses_.commuter_staff[b];
    const double margin = 1.0 - staff * static_cast<double>(businesses_.unit_wage[b]) / revenue -
                          fp.input_share - fp.rent_share * (1.0 - businesses_.rent_discount[b]);
    closure *= std::exp(-fp.closure_margin_sensitivity * std::clamp(margin - usual, -0.3, 0.3));
  }
  if (businesses_.mentored_until[b] >= month_ && businesses_.mentor[b] >= 0) {
    const auto& support = mentoring_of(static_cast<std::size_t>(businesses_.mentor[b]));
    patience += support.mentoring_extra_months;
    closure *= 1.0 - support.mentoring_closure_reduction;
  }
  return businesses_.months_insolvent[b] >= patience || draw.bernoulli(closure);
}

std::vector<std::uint8_t> World::decide_closures() const {
  if (!scenario_.switches.entry_exit) return {};
  // Each business's draw and decision are its own: in parallel.
  std::vector<std::uint8_t> closing(businesses_.size(), 0);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, businesses_.size(), 1024),
                    [&](const auto& range) {
                      for (std::size_t b = range.begin(); b != range.end(); ++b)
                        closing[b] = closes_now(b);
                    });
  if (std::none_of(closing.begin(), closing.end(), [](std::uint8_t c) { return c != 0; }))
    return {};
  return closing;
}

void World::settle_business_exit(std::size_t b) {
  auto& bs = businesses_;
  if (!is_contractor(b)) deaths_[bs.zone[b]][static_cast<int>(bs.kind[b])] += 1;
  const Sector sector = sector_of(bs.kind[b]);
  const Pence cash = bs.cash[b];
  if (cash < 0) {
    book(Sector::rest_of_world, sector, -cash);  // creditors outside the area write it off
  } else if (bs.owner_household[b] >= 0) {
    const auto h = static_cast<std::size_t>(bs.owner_household[b]);
    households_.savings[h] += cash;
    households_.other_income[h] += cash;
    book(sector, Sector::households, cash);
  } else {
    book(sector, Sector::rest_of_world, cash);
  }
  bs.cash[b] = 0;
  bs.alive[b] = 0;
  bs.commuter_staff[b] = 0;
  bs.resident_staff[b] = 0;
  bs.expected_revenue[b] = 0;
  bs.external_demand[b] = 0;
  bs.months_insolvent[b] = 0;
}

namespace {
// A business does not buy from itself: draw again once (a second hit is left as drawn, which
// can only happen when it dominates local supply).
std::size_t pick_other(const WeightedPicker& picker, RandomStream& draw, std::size_t self) {
  auto s = static_cast<std::size_t>(picker.pick(draw));
  if (s == self) s = static_cast<std::size_t>(picker.pick(draw));
  return s;
}
}  // namespace

void World::run_businesses() {
  // The businesses that close were decided, and their staff laid off, in phase 2's pass over
  // the persons (pay_resident_staff), which also paid the others' resident staff: their
  // accounts are settled now, in business order.
  for (std::size_t b = 0; b < closing_.size(); ++b)
    if (closing_[b] != 0) settle_business_exit(b);
  auto& bs = businesses_;
  const std::int32_t anchor_total = anchor_count();
  const auto& tb = scenario_.tax_benefit;
  const auto month = static_cast<std::uint32_t>(month_);
  const auto& resident_wages = business_payroll_;

  // Local suppliers for inputs and social enterprises' reinvestment, by size.
  WeightedPicker suppliers;
  for (std::size_t b = 0; b < bs.size(); ++b)
    if (bs.alive[b] && !is_contractor(b))
      suppliers.add(static_cast<std::int32_t>(b), static_cast<double>(bs.expected_revenue[b]));
  suppliers.build();

  // Each business's month is its own (its own stream, its own accounts); what it pays other
  // agents goes into per-thread integer buffers (suppliers' takings, the SAM, rent leakage)
  // or a per-thread list (its owner's payout), added up after the loop: integer sums, the same
  // whatever the split. Suppliers are paid after every business has reckoned its cash, as
  // before, so no business sees another's payment this month.
  struct Buffers {
    std::vector<Pence> incoming;  // per business, from other businesses
    accounting::Sam flows;
    std::vector<Pence> se_rent_leakage;                    // per zone
    std::vector<std::pair<std::uint32_t, Pence>> payouts;  // to owner households
  };
  const auto zone_total = scenario_.zones.size();
  tbb::combinable<Buffers> buffers([&] {
    return Buffers{std::vector<Pence>(bs.size(), 0), {}, std::vector<Pence>(zone_total, 0), {}};
  });
  constexpr int kSupplierPicks = 2;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, bs.size(), 512), [&](const auto& range) {
    auto& buf = buffers.local();
    auto& incoming = buf.incoming;
    auto& flows = buf.flows;
    for (std::size_t b = range.begin(); b != range.end(); ++b) {
      if (!bs.alive[b]) continue;
      const auto& fp = business_params(b);
      const Sector self = sector_of(bs.kind[b]);
      const auto employer = anchor_total + static_cast<std::int32_t>(b);
      auto draw = rng_.stream(bs.id[b], month, Purpose::supplier_choice);

      // Sales to the rest of the world.
      bs.cash[b] += bs.external_demand[b];
      bs.revenue[b] += bs.external_demand[b];
      flows.add(Sector::rest_of_world, self, bs.external_demand[b]);

      // Wages: residents (paid above), commuters.
      const Pence commuter_wages = bs.commuter_staff[b] * employer_wage(employer, kCommuterSkill);
      flows.add(self, Sector::households, resident_wages[b]);
      flows.add(self, Sector::rest_of_world, commuter_wages);

      // Inputs: a local share from local suppliers, the rest from outside.
      const Pence inputs = share_of(bs.expected_revenue[b], fp.input_share);
      Pence local_inputs = suppliers.empty() ? 0 : share_of(inputs, fp.local_input_share);
      const auto parts =
          std::array<Pence, kSupplierPicks>{local_inputs / 2, local_inputs - local_inputs / 2};
      for (const Pence part : parts) {
        if (part == 0) continue;
        const auto s = pick_other(suppliers, draw, b);
        incoming[s] += part;
        flows.add(self, sector_of(bs.kind[s]), part);
      }
      flows.add(self, Sector::rest_of_world, inputs - local_inputs);

      // Rent to landlords outside the area; tenants of community assets pay less or none.
      const Pence rent =
          share_of(share_of(bs.expected_revenue[b], fp.rent_share), 1.0 - bs.rent_discount[b]);
      flows.add(self, Sector::rest_of_world, rent);
      if (bs.kind[b] == BusinessKind::social_enterprise) buf.se_rent_leakage[bs.zone[b]] += rent;

      const Pence costs = resident_wages[b] + commuter_wages + inputs + rent;
      bs.cash[b] -= costs;
      bs.costs[b] = costs;
      bs.local_outflow[b] = resident_wages[b] + local_inputs;

      // Corporation tax on last month's profit.
      const Pence profit = bs.last_revenue[b] - bs.last_costs[b];
      if (scenario_.switches.taxes && profit > 0) {
        const Pence tax = share_of(profit, tb.corporation_tax_rate);
        bs.cash[b] -= tax;
        flows.add(self, Sector::government, tax);
      }

      // Cash above the buffer is distributed: firms pay their owners, social enterprises
      // reinvest it in the area (spent with local businesses).
      const Pence buffer = share_of(bs.expected_revenue[b], fp.cash_months);
      const Pence excess = bs.cash[b] - buffer;
      if (excess > 0) {
        const Pence paid = share_of(excess, fp.payout_share);
        if (paid > 0) {
          bs.cash[b] -= paid;
          if (bs.kind[b] == BusinessKind::social_enterprise && !suppliers.empty()) {
            const auto s = pick_other(suppliers, draw, b);
            incoming[s] += paid;
            flows.add(self, sector_of(bs.kind[s]), paid);
            bs.local_outflow[b] += paid;
          } else if (bs.owner_household[b] >= 0) {
            buf.payouts.emplace_back(static_cast<std::uint32_t>(bs.owner_household[b]), paid);
            flows.add(self, Sector::households, paid);
            bs.local_outflow[b] += paid;
          } else {
            flows.add(self, Sector::rest_of_world, paid);
          }
        }
      }
    }
  });
  std::vector<const Buffers*> all;
  accounting::Sam flows;
  buffers.combine_each([&](const Buffers& buf) {
    all.push_back(&buf);
    flows += buf.flows;
    for (std::size_t z = 0; z < zone_total; ++z)
      se_rent_leakage_[z] += buf.se_rent_leakage[z];
    for (const auto& [h, paid] : buf.payouts) {
      households_.savings[h] += paid;
      households_.other_income[h] += paid;
    }
  });
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, bs.size(), 4096), [&](const auto& range) {
    for (std::size_t b = range.begin(); b != range.end(); ++b) {
      Pence incoming = 0;
      for (const auto* buf : all)
        incoming += buf->incoming[b];
      bs.cash[b] += incoming;
      bs.revenue[b] += incoming;
    }
  });
  for (int i = 0; i < accounting::kSectors; ++i)
    for (int j = 0; j < accounting::kSectors; ++j)
      book(static_cast<Sector>(i), static_cast<Sector>(j), flows.flow[i][j]);

  open_businesses();
}

void World::open_businesses() {
  if (!scenario_.switches.entry_exit) return;
  const auto month = static_cast<std::uint32_t>(month_);
  const auto zone_total = scenario_.zones.size();
  // Each zone's trading businesses and their expected revenue, by kind: integer sums per
  // thread (exact), in parallel.
  struct Trading {
    std::array<Pence, 2> revenue{};
    std::array<std::int64_t, 2> count{};
  };
  tbb::combinable<std::vector<Trading>> trading([&] { return std::vector<Trading>(zone_total); });
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, businesses_.size(), 4096),
                    [&](const auto& range) {
                      auto& mine = trading.local();
                      for (std::size_t b = range.begin(); b != range.end(); ++b)
                        if (businesses_.alive[b] && !is_contractor(b)) {
                          const int k = static_cast<int>(businesses_.kind[b]);
                          mine[businesses_.zone[b]].revenue[k] += businesses_.expected_revenue[b];
                          mine[businesses_.zone[b]].count[k] += 1;
                        }
                    });
  std::vector<std::array<double, 2>> revenue(zone_total, {0.0, 0.0}), alive(zone_total, {0.0, 0.0});
  {
    std::vector<Trading> total(zone_total);
    trading.combine_each([&](const std::vector<Trading>& mine) {
      for (std::size_t z = 0; z < zone_total; ++z)
        for (int k = 0; k < 2; ++k) {
          total[z].revenue[k] += mine[z].revenue[k];
          total[z].count[k] += mine[z].count[k];
        }
    });
    for (std::size_t z = 0; z < zone_total; ++z)
      for (int k = 0; k < 2; ++k) {
        revenue[z][k] = static_cast<double>(total[z].revenue[k]);
        alive[z][k] = static_cast<double>(total[z].count[k]);
      }
  }
  for (std::size_t z = 0; z < zone_total; ++z) {
    const auto& cal = calibration_[z];
    auto draw = rng_.stream(ids::zone_agent(static_cast<int>(z)), month, Purpose::firm_entry);
    for (int k = 0; k < 2; ++k) {
      const auto kind = k == 0 ? BusinessKind::firm : BusinessKind::social_enterprise;
      const double per_business =
          k == 0 ? cal.initial_revenue_per_firm : cal.initial_revenue_per_social_enterprise;
      if (per_business <= 0.0) continue;
      // Births: entry_rate x the zone's initial number of such businesses, scaled by how much
      // revenue each trading business now earns relative to the start (a crowded market
      // attracts fewer entrants). Closures are proportional to the current number, so the
      // count reverts to its initial level when demand is unchanged.
      const int initial = k == 0 ? cal.initial_firms : cal.initial_social_enterprises;
      const double per_business_now = alive[z][k] > 0 ? revenue[z][k] / alive[z][k] : per_business;
      // Engaged communities start more social enterprises.
      const double engaged =
          k == 1 ? 1.0 + scenario_.engagement.social_enterprise_formation_gain * engagement_[z]
                 : 1.0;
      const double lambda = params_of(kind).entry_rate * initial * engaged *
                            std::clamp(per_business_now / per_business, 0.0, 3.0);
      const auto births = draw.poisson(lambda);
      for (std::int64_t i = 0; i < births; ++i)
        open_business(
            static_cast<std::uint16_t>(z), kind,
            ids::derived(ids::kBusinessBirthTag, month_, static_cast<int>(z),
                         static_cast<std::uint64_t>(k) << 20 | static_cast<std::uint64_t>(i)));
    }
  }
}

void World::open_business(std::uint16_t zone, BusinessKind kind, std::uint64_t id, bool birth,
                          double size_share) {
  if (birth) births_[zone][static_cast<int>(kind)] += 1;
  const auto& fp = params_of(kind);
  const auto& cal = calibration_[zone];
  auto draw = rng_.stream(id, static_cast<std::uint32_t>(month_), Purpose::firm_traits);
  std::int32_t owner = -1;
  if (kind == BusinessKind::firm && draw.bernoulli(fp.local_owner_share))
    owner = random_household_in_zone(zone, draw);
  const auto b = businesses_.size();
  businesses_.push(id, kind, zone, owner, 0);
  businesses_.unit_wage[b] = employer_wage(anchor_count() + static_cast<std::int32_t>(b), 2);
  // A newcomer starts at the zone's initial mean size for its kind (so births replace
  // closures like for like), with start-up capital from outside the area (lenders, investors).
  const double per_business = kind == BusinessKind::firm
                                  ? cal.initial_revenue_per_firm
                                  : cal.initial_revenue_per_social_enterprise;
  businesses_.expected_revenue[b] = static_cast<Pence>(std::llround(per_business * size_share));
  businesses_.last_revenue[b] = 0;
  if (scenario_.switches.external_demand)
    businesses_.external_demand[b] = share_of(businesses_.expected_revenue[b],
                                              cal.external_demand_share[static_cast<int>(kind)]);
  const Pence capital = share_of(businesses_.expected_revenue[b], fp.cash_months);
  businesses_.cash[b] = capital;
  book(Sector::rest_of_world, sector_of(kind), capital);
}

}  // namespace cwb::model
