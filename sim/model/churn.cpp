// Phase 6: population churn: households moving out (more often the better off) and in, and
// people leaving and entering working age.
#include <tbb/blocked_range.h>
#include <tbb/combinable.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

#include "sim/core/month_chances.hpp"
#include "sim/model/household_kernels.hpp"
#include "sim/model/ids.hpp"
#include "sim/model/listed.hpp"
#include "sim/model/tax_benefit.hpp"
#include "sim/model/world.hpp"

namespace cwb::model {

using accounting::Sector;

void World::run_population_churn() {
  // The move-outs read last month's area median: last month's record is completed first (with
  // a record sink), whether or not there is churn.
  finish_pending_record();
  if (!scenario_.switches.churn) return;
  const auto& ch = scenario_.population_churn;
  const auto month = static_cast<std::uint32_t>(month_);
  const auto zone_total = scenario_.zones.size();
  std::vector<std::int32_t> leaving(zone_total, 0);
  auto& hh = households_;
  const std::size_t household_total = hh.size();

  // Moving out: the escalator. The chance rises with last month's equivalised income above
  // the area median (MoveOutRule). Each household's draw is its own: in parallel, its stream's
  // first block drawn a batch at a time (RandomSource::first_blocks), then the decisions.
  std::vector<std::uint8_t> moving(household_total, 0);
  // Word 1 of each block is kept for the landlord the household pays this month (phase 7).
  landlord_draw_.resize(household_total);
  landlord_draws_ = household_total;
  const MoveOutRule rule{ch.move_out_rate, ch.move_out_income_gradient, last_area_median_income_};
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, household_total, 4096), [&](const auto& range) {
        constexpr std::size_t kBatch = 256;
        std::array<RandomStream::Block, kBatch> first;
        for (std::size_t batch = range.begin(); batch < range.end(); batch += kBatch) {
          const std::size_t end = std::min(range.end(), batch + kBatch);
          rng_.first_blocks(
              end - batch, [&](std::size_t i) { return hh.id[batch + i]; }, month,
              Purpose::move_out, first.data());
          move_out_decisions(rule, hh.alive.data() + batch, hh.adults.data() + batch,
                             hh.children.data() + batch, hh.net_income.data() + batch, first.data(),
                             end - batch, moving.data() + batch, landlord_draw_.data() + batch);
        }
      });
  // Ageing out of working age (persons), ageing in (new adults in existing households).
  auto& ps = persons_;
  const std::int32_t anchor_total = anchor_count();
  // Who leaves is decided in parallel (each person's draw is their own) and listed in index
  // order. Someone who moves away keeps a job in the area and commutes in from now on: the
  // employers' resident staff who leave and their new commuters are counted per thread
  // (integers), then the leavers are removed (in parallel, their records appended in list
  // order).
  const auto leavers = list_rows(ps.size(), [&](std::size_t p) {
    return (ps.alive[p] != 0) &
           ((moving[ps.household[p]] != 0) | (ps.ageing_out_month[p] <= month_));
  });
  const auto employer_total = static_cast<std::size_t>(anchor_total) + businesses_.size();
  // Per employer e: [2 e] resident staff who leave, [2 e + 1] of them those who commute in.
  tbb::combinable<std::vector<std::int32_t>> departing(
      [&] { return std::vector<std::int32_t>(2 * employer_total, 0); });
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, leavers.size(), 1024),
                    [&](const auto& range) {
                      auto* mine = departing.local().data();
                      for (std::size_t i = range.begin(); i != range.end(); ++i) {
                        const std::size_t p = leavers[i];
                        const auto e = ps.employer[p];
                        if (e < 0) continue;
                        mine[2 * static_cast<std::size_t>(e)] += 1;
                        mine[2 * static_cast<std::size_t>(e) + 1] += moving[ps.household[p]] != 0;
                      }
                    });
  departing.combine_each([&](const std::vector<std::int32_t>& mine) {
    for (std::size_t e = 0; e < employer_total; ++e) {
      resident_staff(static_cast<std::int32_t>(e)) -= mine[2 * e];
      commuter_staff(static_cast<std::int32_t>(e)) += mine[2 * e + 1];
    }
  });
  remove_persons(leavers);
  // Adults are counted down for the leavers (a count held at its cap of 255 cannot be: then
  // everyone is counted again).
  bool recount = false;
  for (const auto p : leavers) {
    auto& adults = hh.adults[ps.household[p]];
    if (adults == 255) recount = true;
    adults -= adults > 0 && adults < 255;
  }
  if (recount) count_adults();
  // Households that move out leave, and so does a household with no working-age adult left
  // (it is not replaced by a newcomer household: ageing in already replaces the people who
  // aged out). As many households move into each zone as moved out of it.
  const auto leaving_households = list_rows(household_total, [&](std::size_t h) {
    return (hh.alive[h] != 0) & ((moving[h] != 0) | (hh.adults[h] == 0));
  });
  for (const auto h : leaving_households)
    leaving[hh.zone[h]] += moving[h];
  remove_households(leaving_households);
  rebuild_zone_index();

  // Firms whose local owner left pass to another household of the zone (each firm's draw is
  // its own: in parallel).
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, businesses_.size(), 4096), [&](const auto& range) {
        for (std::size_t b = range.begin(); b != range.end(); ++b) {
          const auto owner = businesses_.owner_household[b];
          if (owner < 0 || hh.alive[static_cast<std::size_t>(owner)]) continue;
          auto draw = rng_.stream(businesses_.id[b], month, Purpose::ownership_transfer);
          businesses_.owner_household[b] = random_household_in_zone(businesses_.zone[b], draw);
        }
      });

  // Moving in: as many households as left each zone, drawn from the zone's marginals; the
  // k-th arrival in a zone and month is the same household in every scenario.
  // Residents working inside the area: a newcomer who works here joins the employer of one
  // of them at random, taking the place of a commuter (the mirror of a leaver who keeps the
  // job and commutes in), so each employer's resident share is left unchanged on average.
  // They are counted by employer (resident_staff, exact here: see record_people), so the
  // choice does not depend on the order of the persons' rows. Each zone's people are
  // counted for ageing in below: moving in only appends people, so they are counted after it.
  const std::size_t person_total = ps.size();
  auto people = count_people_by_zone();
  std::vector<std::uint32_t> workers_before(employer_total + 1, 0);  // at employers before e
  for (std::size_t e = 0; e < employer_total; ++e)
    workers_before[e + 1] =
        workers_before[e] +
        static_cast<std::uint32_t>(std::max(0, resident_staff(static_cast<std::int32_t>(e))));
  const std::size_t first_new = hh.size();
  std::vector<Arrival> arrivals;
  for (std::size_t z = 0; z < zone_total; ++z)
    for (std::int32_t k = 0; k < leaving[z]; ++k)
      arrivals.push_back(
          {static_cast<std::uint16_t>(z), ids::kNewcomerTag, static_cast<std::uint64_t>(k)});
  auto newcomers = add_households(arrivals);
  // Ageing in: school leavers join households of their zone, in proportion to its people
  // (the newcomers counted in). They work outside the area if they work.
  for (const auto& person : newcomers)
    people[person.zone] += 1;
  const std::size_t movers = newcomers.size();
  for (std::size_t z = 0; z < zone_total; ++z) {
    const auto& members = zone_households_[z];
    if (members.empty()) continue;
    auto draw = rng_.stream(ids::zone_agent(static_cast<int>(z)), month, Purpose::ageing);
    const auto count = draw.poisson(ch.ageing_in_rate * static_cast<double>(people[z]));
    for (std::int64_t i = 0; i < count; ++i) {
      const auto h = static_cast<std::uint32_t>(members[draw.below(members.size())]);
      const auto id = ids::derived(ids::kAgeingInTag, month_, static_cast<int>(z),
                                   static_cast<std::uint64_t>(i));
      newcomers.push_back({id, static_cast<std::uint16_t>(z), h});
    }
  }
  add_persons(newcomers, movers, workers_before);
  settle_newcomers(first_new, person_total);
}

std::vector<World::NewPerson> World::add_households(std::span<const Arrival> arrivals) {
  // Each household's draws are its own (keyed by its id): drawn in parallel into its row, the
  // rows appended in the order of the list. Returns its members, in that order.
  struct Drawn {
    std::uint64_t id;
    std::uint8_t children, claims;
    std::int64_t adults;
  };
  std::vector<Drawn> drawn(arrivals.size());
  tbb::parallel_for(std::size_t{0}, arrivals.size(), [&](std::size_t i) {
    const auto& a = arrivals[i];
    const auto& z = scenario_.zones[a.zone];
    const auto& cal = calibration_[a.zone];
    const auto id = ids::newcomer_household(a.tag, month_, a.zone, a.arrival);
    auto draw = rng_.stream(id, static_cast<std::uint32_t>(month_), Purpose::move_in);
    const auto children = static_cast<std::uint8_t>(
        std::min<std::int64_t>(8, draw.poisson(z.children_per_household)));
    const bool claims = draw.bernoulli(scenario_.tax_benefit.claim_take_up);
    const auto adults =
        1 + std::min<std::int64_t>(5, draw.poisson(std::max(0.0, cal.mean_adults - 1.0)));
    drawn[i] = {id, children, static_cast<std::uint8_t>(claims ? 1 : 0), adults};
  });
  const std::size_t first = households_.size();
  households_.resize(first + arrivals.size());
  std::vector<NewPerson> members;
  for (std::size_t i = 0; i < arrivals.size(); ++i) {
    const auto& a = arrivals[i];
    const auto h = first + i;
    households_.assign(h, drawn[i].id, a.zone, drawn[i].children, drawn[i].claims);
    for (std::int64_t m = 0; m < drawn[i].adults; ++m)
      members.push_back(
          {ids::newcomer_person(a.tag, month_, a.zone, a.arrival, static_cast<int>(m)), a.zone,
           static_cast<std::uint32_t>(h)});
  }
  return members;
}

void World::add_persons(std::span<const NewPerson> newcomers, std::size_t may_work_locally,
                        std::span<const std::uint32_t> workers_before) {
  // Each person's draws are their own: drawn in parallel into their rows, appended in the
  // order of the list. Only the places taken at local employers are shared (a newcomer takes
  // a commuter's place while there is one): they are settled afterwards, in the list's order;
  // then wages and job ends, in parallel again.
  const std::size_t first = persons_.size();
  const std::size_t n = newcomers.size();
  persons_.resize(first + n);
  std::vector<std::int32_t> colleague_employer(n, kOutsideJob);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 256), [&](const auto& range) {
    for (std::size_t i = range.begin(); i != range.end(); ++i) {
      const auto& person = newcomers[i];
      const auto& z = scenario_.zones[person.zone];
      const auto& cal = calibration_[person.zone];
      auto draw =
          rng_.stream(person.id, static_cast<std::uint32_t>(month_), Purpose::newcomer_traits);
      const auto skill = static_cast<std::uint8_t>(draw.pick_cumulative(cal.skill_cumulative));
      const double u = draw.uniform();
      const bool overseas = draw.bernoulli(z.overseas_qualified_share);
      const bool outside = draw.bernoulli(z.outside_work_share);
      const std::uint64_t colleague = draw.bits();
      Status status = Status::inactive;
      if (u < cal.p_employed)
        status = Status::employed;
      else if (u < cal.p_employed + cal.p_unemployed)
        status = Status::unemployed;
      const std::size_t p = first + i;
      persons_.assign(p, person.id, person.zone, person.household, skill, status,
                      overseas ? kOverseasQualified : 0);
      schedule_ageing_out(p, month_ + 1);
      // In work inside the area: a commuter's place at a random local worker's employer.
      // Those who join existing households (school leavers) and everyone else work outside.
      // The k-th local worker in employer order (k uniform): an employer chosen in proportion
      // to its resident staff, whatever the order of the persons' rows.
      if (status == Status::employed && !outside && i < may_work_locally &&
          !workers_before.empty() && workers_before.back() > 0) {
        const auto k = static_cast<std::uint32_t>(colleague % workers_before.back());
        const auto after = std::upper_bound(workers_before.begin(), workers_before.end(), k);
        colleague_employer[i] = static_cast<std::int32_t>(after - workers_before.begin() - 1);
      }
    }
  });
  std::vector<std::uint32_t> employed, inactive;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t p = first + i;
    if (persons_.status[p] == Status::inactive) inactive.push_back(static_cast<std::uint32_t>(p));
    if (persons_.status[p] != Status::employed) continue;
    const auto e = colleague_employer[i];
    std::int32_t employer = kOutsideJob;
    if (e >= 0) {
      auto& commuters = commuter_staff(e);
      if (commuters > 0) {
        commuters -= 1;
        resident_staff(e) += 1;
        employer = e;
      }
    }
    persons_.employer[p] = employer;
    employed.push_back(static_cast<std::uint32_t>(p));
  }
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, employed.size(), 256),
                    [&](const auto& range) {
                      for (std::size_t i = range.begin(); i != range.end(); ++i) {
                        const auto p = employed[i];
                        persons_.wage[p] = employer_wage(persons_.employer[p], persons_.skill[p]);
                      }
                    });
  schedule_job_ends(employed);
  schedule_returns_to_search(inactive, first_search_month());
}

void World::settle_newcomers(std::size_t first_household, std::size_t first_person) {
  // Only the people from first_person on are new (to new households or, ageing in, to old
  // ones), and only the households from first_household on: adults are counted up for theirs
  // (every other count stands), and the new households join the ends of their zones' lists
  // (which stay in index order).
  auto& hh = households_;
  for (std::size_t p = first_person; p < persons_.size(); ++p)
    if (persons_.alive[p]) {
      auto& a = hh.adults[persons_.household[p]];
      if (a < 255) ++a;
    }
  // Newcomers bring savings at the steady state of their income, from outside the area.
  const Pence before = total_savings(first_household);
  start_savings_at_steady_state(first_household, first_person);
  book(Sector::rest_of_world, Sector::households, total_savings(first_household) - before);
  for (std::size_t h = first_household; h < hh.size(); ++h)
    if (hh.alive[h]) zone_households_[hh.zone[h]].push_back(static_cast<std::int32_t>(h));
}

void World::move_in(std::uint16_t zone, std::int32_t count, std::uint64_t tag,
                    std::uint64_t index_base) {
  if (count <= 0) return;
  const std::size_t first_new = households_.size();
  const std::size_t first_person = persons_.size();
  std::vector<Arrival> arrivals;
  for (std::int32_t k = 0; k < count; ++k)
    arrivals.push_back({zone, tag, index_base + static_cast<std::uint64_t>(k)});
  const auto members = add_households(arrivals);
  add_persons(members, 0, {});  // they work outside the area if they work
  settle_newcomers(first_new, first_person);
}

namespace {
// The first month from first_month on in which an event with the same chance r every month
// happens: geometric, so drawn once from one uniform u in (0, 1) instead of a draw per month
// (the same distribution).
std::int32_t first_event_month(double u, double r, int first_month) {
  if (r <= 0.0) return Persons::kNever;
  const double later = r >= 1.0 ? 0.0 : std::floor(std::log(u) / std::log1p(-r));
  return static_cast<std::int32_t>(
      std::min<double>(static_cast<double>(first_month) + later, Persons::kNever));
}
}  // namespace

void World::schedule_ageing_out(std::size_t p, int first_month) {
  // Drawn from the person's own stream for their first month: common random numbers hold
  // because the month depends on nothing but the person.
  const double r = scenario_.population_churn.ageing_out_rate;
  auto draw = rng_.stream(persons_.id[p], static_cast<std::uint32_t>(first_month), Purpose::ageing);
  persons_.ageing_out_month[p] = first_event_month(draw.uniform(), r, first_month);
}

template <class ChanceOf>
void World::set_spell_ends(std::span<const std::uint32_t> persons, int first_month,
                           ChanceOf chance_of) {
  // Months after the run's last are never reached: the scans stop there (the first month with
  // a chance before it is the same however far a scan could go). Each person's month is their
  // own: in parallel, batch by batch, the persons of a batch with the same purpose scanned
  // together (first_months_with_chance).
  constexpr std::size_t kBatch = 256;
  const std::size_t batches = (persons.size() + kBatch - 1) / kBatch;
  tbb::parallel_for(std::size_t{0}, batches, [&](std::size_t batch) {
    const std::size_t begin = batch * kBatch, n = std::min(kBatch, persons.size() - begin);
    std::array<SpellChance, kBatch> chances;
    for (std::size_t i = 0; i < n; ++i)
      chances[i] = chance_of(persons[begin + i]);
    std::array<std::uint64_t, kBatch> ids;
    std::array<double, kBatch> rates;
    std::array<std::int32_t, kBatch> ends;
    std::array<std::uint32_t, kBatch> rows;
    std::array<bool, kBatch> done{};
    for (std::size_t from = 0; from < n; ++from) {
      if (done[from]) continue;
      const Purpose purpose = chances[from].purpose;  // the next purpose not yet scanned
      std::size_t count = 0;
      for (std::size_t i = from; i < n; ++i) {
        if (done[i] || chances[i].purpose != purpose) continue;
        done[i] = true;
        rows[count] = persons[begin + i];
        ids[count] = persons_.id[rows[count]];
        rates[count] = chances[i].rate;
        ++count;
      }
      first_months_with_chance(rng_.key(), purpose, ids.data(), rates.data(), count, first_month,
                               months_, Persons::kNever, ends.data());
      for (std::size_t k = 0; k < count; ++k)
        persons_.spell_ends_month[rows[k]] = ends[k];
    }
  });
}

void World::schedule_job_ends(std::span<const std::uint32_t> persons) {
  set_spell_ends(persons, first_separation_month(),
                 [&](std::size_t p) { return job_end_chance(p); });
}

void World::schedule_returns_to_search(std::span<const std::uint32_t> persons, int first_month) {
  const SpellChance chance{Purpose::inactive_to_unemployed,
                           scenario_.labour.inactive_to_unemployed_rate};
  set_spell_ends(persons, first_month, [&](std::size_t) { return chance; });
}

World::SpellChance World::job_end_chance(std::size_t p) const {
  // Each person has, for each kind of employer, one uniform per month, u(month), the same in
  // every scenario; a job of that kind ends in the first month m (from the first one with a
  // chance) where u(m) < the kind's monthly rate: what a draw every month would decide, with
  // the same common random numbers (the same person in work in the same month in two scenarios
  // has the same luck, however their jobs began). The months are scanned when the job starts,
  // sixteen to a Philox block (one stream per person, purpose and sixteen months:
  // sim/core/month_chances.hpp), instead of one stream per person and month for everyone in
  // work.
  const auto e = persons_.employer[p];
  const auto& lab = scenario_.labour;
  if (e == kOutsideJob) return {Purpose::outside_job_loss, lab.outside_job_loss_rate};
  if (e >= 0 && e < anchor_count())
    return {Purpose::separation, scenario_.anchors[static_cast<std::size_t>(e)].turnover_rate};
  if (e < 0) return {Purpose::separation, 0.0};  // a programme job, or none: no chance
  return {Purpose::separation, lab.separation_rate};
}

void World::schedule_job_end(std::size_t p) {
  const auto chance = job_end_chance(p);
  persons_.spell_ends_month[p] =
      first_month_with_chance(rng_.key(), persons_.id[p], chance.purpose, chance.rate,
                              first_separation_month(), months_, Persons::kNever);
}

void World::initial_area_median_income(std::span<const Pence> net_incomes) {
  std::vector<accounting::RankedValue> incomes(households_.size());
  for (std::size_t h = 0; h < households_.size(); ++h) {
    households_.net_income[h] = net_incomes[h];
    incomes[h] = {equivalised_annual_income(households_.adults[h], households_.children[h],
                                            households_.net_income[h]),
                  static_cast<std::uint32_t>(h),
                  static_cast<std::uint16_t>(households_.adults[h] + households_.children[h]),
                  households_.zone[h]};
  }
  // The lower weighted median (as accounting::weighted_median), from the record's sort.
  accounting::sort_ranked(incomes, ranked_buffers_);
  std::uint64_t total = 0;
  for (const auto& v : incomes)
    total += v.weight;
  std::uint64_t running = 0;
  last_area_median_income_ = incomes.empty() ? 0.0 : incomes.back().value;
  for (const auto& v : incomes) {
    running += v.weight;
    if (2 * running >= total) {
      last_area_median_income_ = v.value;
      break;
    }
  }
}

Pence World::total_savings(std::size_t first_household) const {
  Pence total = 0;
  for (std::size_t h = first_household; h < households_.size(); ++h)
    total += households_.savings[h];
  return total;
}

}  // namespace cwb::model
