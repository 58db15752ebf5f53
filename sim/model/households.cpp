// Phase 7: households: wages from outside jobs, taxes, benefits, consumption and where the
// money is spent (rent, local independents, social enterprises, chains, outside the area).
#include <tbb/blocked_range.h>
#include <tbb/combinable.h>
#include <tbb/parallel_for.h>

#include <algorithm>

#include "sim/model/household_kernels.hpp"
#include "sim/model/listed.hpp"
#include "sim/model/shop_choice.hpp"
#include "sim/model/tax_benefit.hpp"
#include "sim/model/world.hpp"

namespace cwb::model {

using accounting::Sector;

namespace {
enum Category { kIndependent = 0, kSocialEnterprise = 1, kChain = 2, kCategories = 3 };
static_assert(kCategories == kShopCategories);
}  // namespace

void World::run_households() {
  const auto& hp = scenario_.households;
  const auto& tb = scenario_.tax_benefit;
  const auto& sw = scenario_.switches;
  const auto month = static_cast<std::uint32_t>(month_);
  auto& hh = households_;
  auto& ps = persons_;
  accounting::Sam flows;
  const Pence benefits_on = sw.benefits ? 1 : 0;

  // Wages from jobs outside the area (local wages were paid, and their tax reckoned, when the
  // employers paid them), in parallel over blocks of persons that share no household.
  const auto blocks = household_blocks();
  std::vector<Pence> outside_wages(blocks.size(), 0);
  blocks.for_each([&](std::size_t k, std::size_t first, std::size_t end) {
    Pence total = 0;
    for_each_listed(
        first, end,
        [&](std::size_t p) { return (ps.alive[p] != 0) & (ps.employer[p] == kOutsideJob); },
        [&](std::size_t p) {
          credit_wage(ps.household[p], ps.wage[p]);
          total += ps.wage[p];
        });
    outside_wages[k] = total;
  });
  for (const Pence total : outside_wages)
    flows.add(Sector::rest_of_world, Sector::households, total);

  // Where local spending can go: businesses weighted by size, those in the household's own
  // zone same_zone_weight (>= 1) times more, written as a mixture of an area-wide weight (size)
  // and a zone weight ((same_zone_weight - 1) x size). Drawn one household at a time, that is
  // two alias tables per category instead of one per category and zone, which stay in cache.
  const bool per_household = hp.purchase_draws == "per_household";
  const auto zone_total = scenario_.zones.size();
  std::array<ShopChoice, kCategories> shops = {
      ShopChoice(zone_total, hp.same_zone_weight, per_household),
      ShopChoice(zone_total, hp.same_zone_weight, per_household),
      ShopChoice(zone_total, hp.same_zone_weight, per_household)};
  for (std::size_t b = 0; b < businesses_.size(); ++b) {
    if (!businesses_.alive[b] || is_contractor(b)) continue;
    const int category = businesses_.kind[b] == BusinessKind::social_enterprise ? kSocialEnterprise
                         : businesses_.owner_household[b] >= 0                  ? kIndependent
                                                                                : kChain;
    shops[category].add(static_cast<std::int32_t>(b), businesses_.zone[b],
                        static_cast<double>(businesses_.expected_revenue[b]));
  }
  for (auto& choice : shops)
    choice.build();
  const std::array<bool, kCategories> has_shops = {!shops[0].empty(), !shops[1].empty(),
                                                   !shops[2].empty()};
  const std::array<double, kCategories> category_share = {
      hp.share_local_independent, hp.share_social_enterprise, hp.share_chain};

  // Households are independent here: each writes only its own row, and what it pays others
  // goes into per-thread buffers of integer pence, summed afterwards. Integer sums do not
  // depend on how the households were split over threads, so neither do the results.
  // Per business draws: what each zone's households spend in each category.
  struct Buffers {
    accounting::Sam flows;
    std::vector<Pence> business_income;
    ZoneSpending spending;  // per cell zone x kCategories + category
  };
  tbb::combinable<Buffers> buffers([&] {
    return Buffers{{},
                   std::vector<Pence>(per_household ? businesses_.size() : 0, 0),
                   ZoneSpending(zone_total * kCategories)};
  });
  // Rent: part to landlords living in the area, the rest to landlords outside.
  auto local_rent_of = [&](Pence spend) {
    return share_of(share_of(spend, hp.share_rent), hp.local_landlord_share);
  };
  landlord_.resize(hh.size());
  rent_due_.resize(hh.size());
  rent_in_.resize(hh.size(), 0);
  // What a household spends in each category (0 where the area has no business of it). A
  // buy-local campaign moves part of the outside share to local businesses.
  auto category_shares = [&](std::size_t zone) {
    const double shift = buy_local_shift_[zone] * hp.share_outside;
    const double to_se = buy_local_to_se_[zone];
    const std::array<double, kCategories> shares = {category_share[0] + shift * (1.0 - to_se),
                                                    category_share[1] + shift * to_se,
                                                    category_share[2]};
    std::array<double, kCategories> kept;
    for (int c = 0; c < kCategories; ++c)
      kept[c] = has_shops[c] ? shares[c] : 0.0;  // share_of(spend, 0.0) is 0 pence
    return kept;
  };
  auto category_amounts = [&](std::size_t h, Pence spend) {
    const auto shares = category_shares(hh.zone[h]);
    std::array<Pence, kCategories> amounts;
    for (int c = 0; c < kCategories; ++c)
      amounts[c] = share_of(spend, shares[c]);
    return amounts;
  };
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, hh.size(), 2048), [&](const auto& range) {
    auto& buf = buffers.local();
    auto& flows_here = buf.flows;
    auto& business_income = buf.business_income;
    // The range's flows, in local sums (booked once at the end: fewer memory round trips).
    Pence taxes = 0, benefits = 0, local_rents = 0, to_firms = 0, to_social = 0, to_outside = 0;
    // In two passes over the range: incomes and consumption, then where the money goes. Each
    // pass is short enough for the processor to work on several households at once (their
    // arithmetic is a chain of dependent steps, whose latency is what it costs).
    {
      const std::size_t first = range.begin();
      const IncomeRows rows{
          hh.alive.data() + first,        hh.claims.data() + first,      hh.adults.data() + first,
          hh.children.data() + first,     hh.gross_wages.data() + first, hh.taxes.data() + first,
          hh.other_income.data() + first, hh.savings.data() + first,     hh.benefits.data() + first,
          hh.net_income.data() + first,   hh.consumption.data() + first};
      const auto totals = household_incomes(rows, range.size(), benefits_on, tb, hp);
      taxes += totals.taxes;
      benefits += totals.benefits;
    }
    // The landlord, a household of the same zone (drawn again once if it is the payer), is
    // paid below, zone by zone. The draws are words 1 and 2 of the first block of the
    // household's move-out stream, whose word 0 decided its move (landlord_draw_ keeps word 1
    // from there; households that arrived after the move-outs have theirs computed here).
    // The first draws are looked up in a loop of their own: each is a load from a random place
    // in the zone's list, and with little else in the loop many are in flight at once.
    auto landlord_word = [&](std::size_t h, std::size_t k) {
      return rng_.stream(hh.id[h], month, Purpose::move_out).block_word(k);
    };
    {
      std::size_t zone = hh.zone[range.begin()];
      const std::int32_t* members = zone_households_[zone].data();
      std::uint64_t size = zone_households_[zone].size();
      const std::size_t drawn_end = std::min(range.end(), std::max(range.begin(), landlord_draws_));
      for (std::size_t h = range.begin(); h != drawn_end; ++h) {
        if (hh.zone[h] != zone) {
          zone = hh.zone[h];
          members = zone_households_[zone].data();
          size = zone_households_[zone].size();
        }
        landlord_[h] = size > 0 ? members[RandomStream::below_of(landlord_draw_[h], size)] : -1;
      }
      for (std::size_t h = drawn_end; h != range.end(); ++h) {
        const auto& list = zone_households_[hh.zone[h]];
        landlord_[h] = !hh.alive[h] || list.empty()
                           ? -1
                           : list[RandomStream::below_of(landlord_word(h, 1), list.size())];
      }
    }
    for (std::size_t h = range.begin(); h != range.end(); ++h) {
      if (!hh.alive[h]) continue;
      const Pence spend = hh.consumption[h];
      Pence local = 0;
      const Pence local_rent = local_rent_of(spend);
      std::int32_t landlord = -1;
      const auto& members = zone_households_[hh.zone[h]];
      if (local_rent > 0 && !members.empty()) {
        landlord = landlord_[h];
        if (landlord == static_cast<std::int32_t>(h))
          landlord = members[RandomStream::below_of(landlord_word(h, 2), members.size())];
        local_rents += local_rent;
        local += local_rent;
      }
      landlord_[h] = landlord;
      rent_due_[h] = landlord >= 0 ? local_rent : 0;
      if (per_household) {
        // Drawn per household: in three passes, the draws, then the table lookups, then the
        // payments. The lookups and the payments land on random businesses (a cache miss each
        // at city scale); issued together, independent of one another, the misses overlap
        // instead of queueing.
        auto draw = rng_.stream(hh.id[h], month, Purpose::household_spending);
        constexpr int kPicks = kCategories * kPartsPerCategory;
        std::array<double, kPicks> u;
        std::array<int, kPicks> category;
        std::array<std::size_t, kPicks> shop;
        std::array<Pence, kPicks> part;
        int picks = 0;
        const auto amounts = category_amounts(h, spend);
        for (int c = 0; c < kCategories; ++c) {
          const Pence amount = amounts[c];
          if (amount == 0) continue;
          (c == kSocialEnterprise ? to_social : to_firms) += amount;
          local += amount;
          for (int k = 0; k < kPartsPerCategory; ++k) {
            u[picks] = draw.uniform();
            category[picks] = c;
            part[picks] = amount / kPartsPerCategory + (k < amount % kPartsPerCategory ? 1 : 0);
            ++picks;
          }
        }
        for (int i = 0; i < picks; ++i)
          shop[i] = shops[category[i]].pick(hh.zone[h], u[i]);
        for (int i = 0; i < picks; ++i)
          business_income[shop[i]] += part[i];
        to_outside += spend - local;
      }
      hh.local_spend[h] = local;
    }
    // Drawn per business: each zone's spending in each category is added up (a third pass),
    // run by run of households of one zone (the shares are the zone's; households are
    // stored zone by zone, but for those who arrived since the last compaction).
    if (!per_household)
      for_each_run(hh.zone.data(), range.begin(), range.end(),
                   [&](std::uint16_t zone, std::size_t first, std::size_t end) {
                     const auto run = category_spending(
                         hh.alive.data() + first, hh.consumption.data() + first,
                         hh.local_spend.data() + first, end - first, category_shares(zone));
                     for (int c = 0; c < kCategories; ++c) {
                       (c == kSocialEnterprise ? to_social : to_firms) += run.spent[c];
                       buf.spending.spent[zone * kCategories + c] += run.spent[c];
                       buf.spending.squared[zone * kCategories + c] += run.squared[c];
                     }
                     to_outside += run.outside;
                   });
    flows_here.add(Sector::households, Sector::government, taxes);
    flows_here.add(Sector::government, Sector::households, benefits);
    flows_here.add(Sector::households, Sector::households, local_rents);
    flows_here.add(Sector::households, Sector::firms, to_firms);
    flows_here.add(Sector::households, Sector::social_enterprises, to_social);
    flows_here.add(Sector::households, Sector::rest_of_world, to_outside);
  });
  // The threads' buffers are added up and paid out in parallel over businesses and households
  // (each row summed over the buffers in the same order: integer sums, identical anyway).
  std::vector<const Buffers*> parts;
  std::vector<ZoneSpending> spending(kCategories, ZoneSpending(zone_total));
  buffers.combine_each([&](const Buffers& buf) {
    flows += buf.flows;
    parts.push_back(&buf);
    for (int c = 0; c < kCategories; ++c)
      for (std::size_t z = 0; z < zone_total; ++z) {
        spending[c].spent[z] += buf.spending.spent[z * kCategories + c];
        spending[c].squared[z] += buf.spending.squared[z * kCategories + c];
      }
  });
  // Per business draws: each business's takings in one draw of its own (its id and the
  // month), inverted from one uniform, so that a policy run and its baseline give the same
  // business nearly the same luck.
  // The categories' draws are their own (a business is in one category): side by side.
  std::vector<Pence> takings;
  if (!per_household) {
    takings.assign(businesses_.size(), 0);
    tbb::parallel_for(0, static_cast<int>(kCategories), [&](int c) {
      const auto members = shops[c].members();
      const auto drawn = shops[c].draw_takings(spending[c], [&](std::size_t i) {
        const auto b = static_cast<std::size_t>(members[i]);
        return rng_.stream(businesses_.id[b], month, Purpose::shop_takings).uniform();
      });
      for (std::size_t i = 0; i < members.size(); ++i)
        takings[static_cast<std::size_t>(members[i])] = drawn[i];
    });
  }
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, businesses_.size(), 4096),
                    [&](const auto& range) {
                      for (std::size_t b = range.begin(); b != range.end(); ++b) {
                        Pence income = per_household ? 0 : takings[b];
                        if (per_household)
                          for (const auto* buf : parts)
                            income += buf->business_income[b];
                        businesses_.cash[b] += income;
                        businesses_.revenue[b] += income;
                      }
                    });
  // Rents, zone by zone: a household's landlord lives in its zone, so the zones touch
  // different households and can be paid in parallel, each in the order of its tenants
  // (integer additions: the order does not change the sums). With households stored zone by
  // zone, a zone's landlords are close together in memory.
  // Each landlord's rents are added up first (one addition per tenant), then credited to
  // savings, other income and net income in one pass over the households.
  tbb::parallel_for(std::size_t{0}, zone_total, [&](std::size_t z) {
    for (const auto tenant : zone_households_[z]) {
      const auto h = static_cast<std::size_t>(tenant);
      const auto landlord = landlord_[h];
      if (landlord >= 0) rent_in_[static_cast<std::size_t>(landlord)] += rent_due_[h];
    }
  });
  // The households' incomes are final once the rents are in: each block of households, while
  // its rows are at hand, also goes into the record's income list (list_incomes).
  incomes_.resize(hh.size());
  tbb::combinable<std::vector<ListedSpending>> listed_spending(
      [&] { return std::vector<ListedSpending>(zone_total); });
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, hh.size(), 16384), [&](const auto& range) {
    for (std::size_t h = range.begin(); h != range.end(); ++h) {
      const Pence rent = rent_in_[h];
      hh.savings[h] += rent;
      hh.other_income[h] += rent;
      hh.net_income[h] += rent;
      rent_in_[h] = 0;
    }
    list_incomes(range.begin(), range.end(), listed_spending.local());
  });
  // What the listed households spent, per zone: integer sums, the same whatever the split.
  listed_spending_.assign(zone_total, ListedSpending{});
  listed_spending.combine_each([&](const std::vector<ListedSpending>& part) {
    for (std::size_t z = 0; z < zone_total; ++z) {
      listed_spending_[z].consumption += part[z].consumption;
      listed_spending_[z].local_spend += part[z].local_spend;
    }
  });
  for (int i = 0; i < accounting::kSectors; ++i)
    for (int j = 0; j < accounting::kSectors; ++j)
      book(static_cast<Sector>(i), static_cast<Sector>(j), flows.flow[i][j]);
}

}  // namespace cwb::model
