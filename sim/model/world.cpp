// World: construction, the monthly phase order, money bookkeeping and shared helpers.
#include "sim/model/world.hpp"

#include <tbb/blocked_range.h>
#include <tbb/combinable.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>
#include <tbb/parallel_reduce.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>

#include "sim/core/errors.hpp"
#include "sim/model/ids.hpp"
#include "sim/model/programme.hpp"
#include "sim/model/tax_benefit.hpp"
#include "sim/population/builder.hpp"

namespace cwb::model {

using accounting::Sector;

namespace {
// Adds the wall time of its lifetime to one phase's total.
class PhaseTimer {
 public:
  PhaseTimer(PhaseSeconds& totals, Phase phase)
      : total_(totals[static_cast<std::size_t>(phase)]), start_(Clock::now()) {}
  ~PhaseTimer() { total_ += std::chrono::duration<double>(Clock::now() - start_).count(); }
  PhaseTimer(const PhaseTimer&) = delete;
  PhaseTimer& operator=(const PhaseTimer&) = delete;

 private:
  using Clock = std::chrono::steady_clock;
  double& total_;
  Clock::time_point start_;
};

// Runs one phase under its timer.
template <class Work> void timed(PhaseSeconds& totals, Phase phase, Work&& work) {
  const PhaseTimer timer(totals, phase);
  work();
}
}  // namespace

World::World(const scenario::Scenario& scenario, std::uint64_t seed, int replicate, int months)
    : scenario_(scenario), rng_(seed, static_cast<std::uint64_t>(replicate)),
      months_(months > 0 ? months : scenario.months) {
  anchors_.resize(scenario.anchors.size());
  for (const auto& a : scenario.anchors) {
    const auto it = std::find_if(scenario.zones.begin(), scenario.zones.end(),
                                 [&](const scenario::Zone& z) { return z.name == a.zone; });
    anchor_zone_.push_back(
        it == scenario.zones.end() ? 0 : static_cast<std::int32_t>(it - scenario.zones.begin()));
  }
  zone_households_.resize(scenario.zones.size());
  parameter_sets_ = {scenario.firms, scenario.social_enterprises};
  contractor_programme_ = {0, 0};  // the two ordinary parameter sets belong to no programme
  const auto zone_total = scenario.zones.size();
  engagement_.assign(zone_total, 0.0);
  buy_local_shift_.assign(zone_total, 0.0);
  buy_local_to_se_.assign(zone_total, 0.0);
  asset_tenancies_.assign(zone_total, 0.0);
  asset_hours_.assign(zone_total, 0.0);
  se_rent_leakage_.assign(zone_total, 0);
  births_.assign(zone_total, {0.0, 0.0});
  deaths_.assign(zone_total, {0.0, 0.0});
  const PhaseTimer build_timer(phase_seconds_, Phase::build);
  PopulationBuilder::build(*this);  // households in zone order, persons in household order
  rebuild_zone_index();
  programmes_ = make_programmes(*this);
  programme_outputs_.assign(programmes_.size(), {});
  reset_policies();
  opening_stocks_ = stocks();
  last_stocks_ = opening_stocks_;
}

World::~World() {
  // Summaries still running (a run given up part way) read the World's lists: waited for, and
  // their outcome, or error, dropped.
  if (incomes_pending_) {
    try {
      pending_incomes_.wait();
    } catch (...) {  // NOLINT(bugprone-empty-catch): the run has failed already
    }
  }
}

void World::step() {
  // Events drawn ahead stop at the end of the run (set_spell_ends): past it they would be
  // missed.
  if (month_ >= months_)
    throw InternalError("World::step: the run has " + std::to_string(months_) +
                        " months, all stepped");
  auto& t = phase_seconds_;
  timed(t, Phase::policies, [&] {
    begin_month_flows();
    apply_policies();  // 1
  });
  timed(t, Phase::anchors, [&] { run_anchors(); });              // 2
  timed(t, Phase::businesses, [&] { run_businesses(); });        // 3
  timed(t, Phase::labour_market, [&] { run_labour_market(); });  // 4
  // 5: programmes act through apply_policies and the priority flags used in phase 4.
  timed(t, Phase::churn, [&] { run_population_churn(); });  // 6
  timed(t, Phase::households, [&] { run_households(); });   // 7
  timed(t, Phase::record, [&] { record_month(); });         // 8
  timed(t, Phase::accounts, [&] {
    const auto now = stocks();
    accounting::check_stock_flow(last_stocks_, now, sam_, month_,
                                 scenario_.start.plus(month_).iso());
    last_stocks_ = now;
    record_.sam = sam_;
    record_.stocks = now;
  });
  if (compaction_due()) timed(t, Phase::compact, [&] { compact(); });
  if (record_sink_) {
    pending_record_ = record_;  // its income summaries are still being taken
    if (month_ + 1 == months_) timed(t, Phase::record, [&] { finish_pending_record(); });
  }
  ++month_;
}

void World::book(Sector payer, Sector payee, Pence amount) {
  if (amount == 0) return;
  sam_.add(payer, payee, amount);
  // Sectors without agents keep their balance here.
  auto external = [&](Sector s, Pence delta) {
    if (s == Sector::government)
      government_balance_ += delta;
    else if (s == Sector::rest_of_world)
      rest_of_world_balance_ += delta;
    else if (s == Sector::programmes)
      programmes_balance_ += delta;
  };
  external(payer, -amount);
  external(payee, amount);
}

accounting::Stocks World::stocks() const {
  accounting::Stocks s{};
  // Households' savings: an integer sum, in parallel (the rows of those who left hold none).
  s[accounting::index(Sector::households)] = tbb::parallel_reduce(
      tbb::blocked_range<std::size_t>(0, households_.size(), 32768), Pence{0},
      [&](const auto& range, Pence sum) {
        for (std::size_t h = range.begin(); h != range.end(); ++h)
          sum += households_.savings[h];
        return sum;
      },
      std::plus<>());
  for (std::size_t b = 0; b < businesses_.size(); ++b) {
    const auto sector =
        businesses_.kind[b] == BusinessKind::firm ? Sector::firms : Sector::social_enterprises;
    s[accounting::index(sector)] += businesses_.cash[b];
  }
  for (const auto& a : anchors_)
    s[accounting::index(Sector::anchors)] += a.cash;
  s[accounting::index(Sector::programmes)] = programmes_balance_;
  s[accounting::index(Sector::government)] = government_balance_;
  s[accounting::index(Sector::rest_of_world)] = rest_of_world_balance_;
  return s;
}

void World::begin_month_flows() {
  sam_ = accounting::Sam{};
  separations_done_ = false;
  search_moves_done_ = false;
  landlord_draws_ = 0;
  // Households' flows that add up over the month start at zero; benefits, consumption, local
  // spend and net income are set in the households phase (net income stands until then: it is
  // last month's, for the move-outs of the churn phase).
  auto& hh = households_;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, hh.size(), 32768), [&](const auto& range) {
    const auto first = static_cast<std::ptrdiff_t>(range.begin());
    const auto last = static_cast<std::ptrdiff_t>(range.end());
    for (auto* flow : {&hh.gross_wages, &hh.other_income, &hh.taxes})
      std::fill(flow->begin() + first, flow->begin() + last, 0);
  });
  auto& bs = businesses_;
  std::fill(bs.revenue.begin(), bs.revenue.end(), 0);
  std::fill(bs.costs.begin(), bs.costs.end(), 0);
  std::fill(bs.local_outflow.begin(), bs.local_outflow.end(), 0);
  std::fill(programme_outputs_.begin(), programme_outputs_.end(), ProgrammeOutputs{});
  std::fill(asset_tenancies_.begin(), asset_tenancies_.end(), 0.0);
  std::fill(asset_hours_.begin(), asset_hours_.end(), 0.0);
  std::fill(se_rent_leakage_.begin(), se_rent_leakage_.end(), 0);
  std::fill(births_.begin(), births_.end(), std::array<double, 2>{0.0, 0.0});
  std::fill(deaths_.begin(), deaths_.end(), std::array<double, 2>{0.0, 0.0});
  for (auto& a : anchors_) {
    a.local_hires = 0;
    a.spend = a.resident_payroll = a.local_procurement = a.social_enterprise_procurement =
        a.procurement = 0;
    a.paid_to_household.clear();
  }
}

void World::reset_policies() {
  for (std::size_t a = 0; a < anchors_.size(); ++a) {
    const auto& spec = scenario_.anchors[a];
    auto& st = anchors_[a];
    st.local_procurement_share = spec.local_procurement_share;
    st.social_enterprise_share = spec.social_enterprise_share;
    st.local_recruitment_share = spec.local_recruitment_share;
    st.pipeline = false;
  }
  std::fill(buy_local_shift_.begin(), buy_local_shift_.end(), 0.0);
  std::fill(buy_local_to_se_.begin(), buy_local_to_se_.end(), 0.0);
}

void World::apply_policies() {
  reset_policies();
  for (auto& e : engagement_)
    e *= 1.0 - scenario_.engagement.decay_rate;
  // Setters of policy levels first, then programmes that add to them, each in file order.
  for (int pass = 1; pass <= 2; ++pass)
    for (auto& programme : programmes_)
      if (programme->pass() == pass) programme->apply(*this, month_);
  for (auto& st : anchors_)  // both procurement shares are shares of the same spend
    st.social_enterprise_share =
        std::min(st.social_enterprise_share, 1.0 - st.local_procurement_share);
}

void World::programme_pay(std::size_t programme, Sector funder, Sector payee, Pence amount) {
  if (amount <= 0) return;
  book(funder, Sector::programmes, amount);
  book(Sector::programmes, payee, amount);
  programme_outputs_[programme].cost += amount;
}

void World::programme_delivery(std::size_t programme, Pence amount, double local_share) {
  if (amount <= 0) return;
  std::vector<std::int64_t> weights(businesses_.size(), 0);
  bool any = false;
  for (std::size_t b = 0; b < businesses_.size(); ++b)
    if (businesses_.alive[b] && businesses_.kind[b] == BusinessKind::social_enterprise) {
      weights[b] = std::max<Pence>(1, businesses_.expected_revenue[b] / kPencePerPound);
      any = true;
    }
  const Pence local = any ? share_of(amount, local_share) : 0;
  if (local > 0) {
    const auto parts = split_proportional(local, weights);
    for (std::size_t b = 0; b < parts.size(); ++b) {
      businesses_.cash[b] += parts[b];
      businesses_.revenue[b] += parts[b];
    }
    programme_pay(programme, Sector::government, Sector::social_enterprises, local);
  }
  programme_pay(programme, Sector::government, Sector::rest_of_world, amount - local);
}

const scenario::FirmParams& World::params_of(BusinessKind kind) const {
  return parameter_sets_[kind == BusinessKind::firm ? 0 : 1];
}

Pence World::employer_wage(std::int32_t employer, std::uint8_t skill) const {
  const double factor = scenario_.labour.skill_wage_factor[skill];
  Pence level;
  if (employer == kOutsideJob) {
    level = scenario_.firms.mean_wage;
  } else if (employer < anchor_count()) {
    level = scenario_.anchors[static_cast<std::size_t>(employer)].mean_wage;
  } else {
    const auto b = static_cast<std::size_t>(employer - anchor_count());
    level = business_params(b).mean_wage;
    // Social enterprises and employers that signed up pay at least the living wage.
    if (businesses_.kind[b] == BusinessKind::social_enterprise || businesses_.living_wage[b])
      return std::max(share_of(level, factor), scenario_.labour.living_wage_monthly);
    return share_of(level, factor);
  }
  if (employer >= 0 && anchors_[static_cast<std::size_t>(employer)].living_wage)
    return std::max(share_of(level, factor), scenario_.labour.living_wage_monthly);
  return share_of(level, factor);
}

double World::resident_hire_share(std::int32_t employer) const {
  if (employer < anchor_count()) {
    const auto& spec = scenario_.anchors[static_cast<std::size_t>(employer)];
    // Vacancies offered to residents first, the rest in open competition where residents win
    // at the anchor's initial resident share (which keeps the baseline stationary).
    const double first = anchors_[static_cast<std::size_t>(employer)].local_recruitment_share;
    return first + (1.0 - first) * spec.resident_staff_share;
  }
  return business_params(static_cast<std::size_t>(employer - anchor_count())).resident_staff_share;
}

std::uint64_t World::employer_key(std::int32_t employer) const {
  if (employer < anchor_count()) return ids::employer_agent(static_cast<std::uint64_t>(employer));
  return ids::employer_agent((1ULL << 40) |
                             businesses_.id[static_cast<std::size_t>(employer - anchor_count())]);
}

void World::count_adults() {
  auto& hh = households_;
  std::fill(hh.adults.begin(), hh.adults.end(), 0);
  for (std::size_t p = 0; p < persons_.size(); ++p)
    if (persons_.alive[p]) {
      auto& a = hh.adults[persons_.household[p]];
      if (a < 255) ++a;
    }
}

void World::rebuild_zone_index() {
  // The households kept in zone order hold each zone's in one run; those added since are
  // dealt to their zones first. Then every zone's list is made on its own, in parallel.
  const auto& hh = households_;
  const std::size_t zones = zone_households_.size();
  const auto* zone = hh.zone.data();
  std::vector<std::vector<std::int32_t>> added(zones);
  for (std::size_t h = households_in_order_; h < hh.size(); ++h)
    if (hh.alive[h]) added[hh.zone[h]].push_back(static_cast<std::int32_t>(h));
  tbb::parallel_for(std::size_t{0}, zones, [&](std::size_t z) {
    const auto* first = std::lower_bound(zone, zone + households_in_order_, z);
    const auto* end = std::upper_bound(first, zone + households_in_order_, z);
    auto& list = zone_households_[z];
    list.resize(static_cast<std::size_t>(end - first) + added[z].size());
    std::size_t n = 0;
    for (auto h = static_cast<std::size_t>(first - zone); h != static_cast<std::size_t>(end - zone);
         ++h) {
      list[n] = static_cast<std::int32_t>(h);
      n += hh.alive[h] != 0;
    }
    std::copy(added[z].begin(), added[z].end(), list.begin() + static_cast<std::ptrdiff_t>(n));
    list.resize(n + added[z].size());
  });
}

std::vector<std::int64_t> World::count_people_by_zone() const {
  // Per thread in integers (the sums do not depend on the split); persons come in runs of the
  // same zone, counted in a register along a run.
  const std::size_t zones = scenario_.zones.size();
  const auto& ps = persons_;
  tbb::combinable<std::vector<std::int64_t>> thread_counts(
      [&] { return std::vector<std::int64_t>(zones, 0); });
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, ps.size(), 16384), [&](const auto& range) {
    auto& counts = thread_counts.local();
    std::size_t zone = ps.zone[range.begin()];
    std::int64_t run = 0;
    for (std::size_t p = range.begin(); p != range.end(); ++p) {
      if (ps.zone[p] != zone) {
        counts[zone] += run;
        run = 0;
        zone = ps.zone[p];
      }
      run += ps.alive[p] != 0;
    }
    counts[zone] += run;
  });
  std::vector<std::int64_t> people(zones, 0);
  thread_counts.combine_each([&](const std::vector<std::int64_t>& counts) {
    for (std::size_t z = 0; z < zones; ++z)
      people[z] += counts[z];
  });
  return people;
}

Pence World::expected_net_income(Pence gross, Pence taxes, int adults, int children,
                                 bool claims) const {
  // What the monthly phase will compute from actual flows; used to start savings at their
  // steady state.
  Pence benefits = 0;
  if (scenario_.switches.benefits && claims)
    benefits = benefit_award(adults, children, gross - taxes, scenario_.tax_benefit);
  return gross - taxes + benefits;
}

std::vector<Pence> World::expected_net_incomes(std::size_t first_household,
                                               std::size_t first_person) const {
  const auto& sw = scenario_.switches;
  const std::size_t n = households_.size() - first_household;
  std::vector<Pence> gross(n, 0), taxes(n, 0);
  for (std::size_t p = first_person; p < persons_.size(); ++p) {
    if (!persons_.alive[p] || persons_.household[p] < first_household) continue;
    const std::size_t k = persons_.household[p] - first_household;
    gross[k] += persons_.wage[p];
    if (sw.taxes) taxes[k] += income_tax_and_ni(persons_.wage[p], scenario_.tax_benefit);
  }
  std::vector<Pence> net(n);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 4096), [&](const auto& range) {
    for (std::size_t k = range.begin(); k != range.end(); ++k) {
      const std::size_t h = first_household + k;
      net[k] = expected_net_income(gross[k], taxes[k], households_.adults[h],
                                   households_.children[h], households_.claims[h] != 0);
    }
  });
  return net;
}

void World::start_savings_at_steady_state(std::size_t first_household, std::size_t first_person) {
  start_savings_at_steady_state(first_household,
                                expected_net_incomes(first_household, first_person));
}

void World::start_savings_at_steady_state(std::size_t first_household,
                                          std::span<const Pence> net_incomes) {
  for (std::size_t k = 0; k < net_incomes.size(); ++k)
    households_.savings[first_household + k] =
        steady_state_savings(net_incomes[k], scenario_.households);
}

PersonOutcome World::outcome_of(std::size_t p, bool resident) const {
  return {persons_.id[p],
          persons_.programme[p],
          persons_.months_employed[p],
          static_cast<std::uint8_t>(persons_.status[p] == Status::employed),
          static_cast<std::uint8_t>(resident),
          static_cast<std::uint8_t>((persons_.flags[p] & kPlaced) != 0)};
}

std::vector<PersonOutcome> World::person_outcomes() const {
  std::vector<PersonOutcome> out;
  out.reserve(departed_.size() + persons_.size());
  out.insert(out.end(), departed_.begin(), departed_.end());
  for (std::size_t p = 0; p < persons_.size(); ++p)
    if (persons_.alive[p]) out.push_back(outcome_of(p, true));
  // Ids are unique: any sort gives the same order.
  tbb::parallel_sort(out.begin(), out.end(),
                     [](const PersonOutcome& a, const PersonOutcome& b) { return a.id < b.id; });
  return out;
}

std::vector<PersonOutcome> World::take_person_outcomes() {
  std::vector<PersonOutcome> out;
  out.reserve(departed_.size() + persons_.size());
  while (!departed_.empty()) {  // the list's blocks are freed as they are emptied
    out.push_back(departed_.front());
    departed_.pop_front();
  }
  for (std::size_t p = 0; p < persons_.size(); ++p)
    if (persons_.alive[p]) out.push_back(outcome_of(p, true));
  tbb::parallel_sort(out.begin(), out.end(),
                     [](const PersonOutcome& a, const PersonOutcome& b) { return a.id < b.id; });
  return out;
}

void World::make_unemployed(std::size_t p) {
  persons_.status[p] = Status::unemployed;
  persons_.employer[p] = kNoEmployer;
  persons_.wage[p] = 0;
  persons_.months_in_status[p] = 0;
}

void World::hire(std::size_t p, std::int32_t employer) {
  take_job(p, employer);
  schedule_job_end(p);
}

void World::take_job(std::size_t p, std::int32_t employer, HireTally* tally) {
  auto placed = [&](std::size_t programme) {
    if (tally)
      tally->placements[programme] += 1;
    else
      programme_outputs_[programme].placements += 1;
  };
  // A graduate still in the pipeline counts as a placement of the programme that trained them.
  if ((persons_.flags[p] & kPriority) && persons_.programme[p] >= 0) {
    placed(static_cast<std::size_t>(persons_.programme[p]));
    persons_.flags[p] = static_cast<std::uint8_t>(persons_.flags[p] | kPlaced);
  }
  persons_.status[p] = Status::employed;
  persons_.employer[p] = employer;
  persons_.wage[p] = employer_wage(employer, persons_.skill[p]);
  persons_.months_in_status[p] = 0;
  persons_.flags[p] = static_cast<std::uint8_t>(persons_.flags[p] & ~kPriority);
  if (employer >= 0 && employer < anchor_count()) {
    if (tally)
      tally->local_hires[static_cast<std::size_t>(employer)] += 1;
    else
      anchors_[static_cast<std::size_t>(employer)].local_hires += 1;
  }
  if (employer >= anchor_count()) {
    const auto set = businesses_.params[static_cast<std::size_t>(employer - anchor_count())];
    if (set >= 2) {
      const auto programme = contractor_programme_[set];
      placed(programme);
      // Credit stays with a programme that enrolled them earlier (e.g. a skills graduate).
      if (persons_.programme[p] < 0) persons_.programme[p] = static_cast<std::int16_t>(programme);
      persons_.flags[p] = static_cast<std::uint8_t>(persons_.flags[p] | kPlaced);
    }
  }
}

void World::take_jobs(std::span<const std::uint32_t> persons,
                      std::span<const std::int32_t> employers) {
  tbb::combinable<HireTally> tallies([&] {
    return HireTally{std::vector<std::int32_t>(programme_outputs_.size(), 0),
                     std::vector<std::int32_t>(anchors_.size(), 0)};
  });
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, persons.size(), 512),
                    [&](const auto& range) {
                      auto& tally = tallies.local();
                      for (std::size_t i = range.begin(); i != range.end(); ++i)
                        take_job(persons[i], employers[i], &tally);
                    });
  tallies.combine_each([&](const HireTally& tally) {
    for (std::size_t k = 0; k < tally.placements.size(); ++k)
      programme_outputs_[k].placements += tally.placements[k];
    for (std::size_t a = 0; a < tally.local_hires.size(); ++a)
      anchors_[a].local_hires += tally.local_hires[a];
  });
}

void World::remove_persons(std::span<const std::uint32_t> rows) {
  // Each record and row is its own: in parallel, the records in the order of `rows`.
  const std::size_t before = departed_.size();
  departed_.resize(before + rows.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, rows.size(), 1024), [&](const auto& range) {
    for (std::size_t i = range.begin(); i != range.end(); ++i) {
      const std::size_t p = rows[i];
      departed_[before + i] = outcome_of(p, false);
      // The row stays until the next compaction, inert: not alive, no job, no job to lose.
      persons_.alive[p] = 0;
      persons_.employer[p] = kNoEmployer;
      persons_.wage[p] = 0;
      persons_.spell_ends_month[p] = Persons::kNever;
    }
  });
  persons_left_ += rows.size();
}

void World::remove_households(std::span<const std::uint32_t> rows) {
  // Each row is its own: in parallel. Their money leaves with them, booked once (an integer
  // sum, the same whatever the split).
  auto& hh = households_;
  const Pence savings = tbb::parallel_reduce(
      tbb::blocked_range<std::size_t>(0, rows.size(), 1024), Pence{0},
      [&](const auto& range, Pence sum) {
        for (std::size_t i = range.begin(); i != range.end(); ++i) {
          const std::size_t h = rows[i];
          sum += hh.savings[h];
          hh.savings[h] = 0;
          hh.alive[h] = 0;
          // Its flows are those of a household that is gone: nothing spent here (the anchors'
          // LM3 reads the local share of the households they paid this month).
          hh.benefits[h] = hh.consumption[h] = hh.local_spend[h] = 0;
          hh.net_income[h] = 0;
        }
        return sum;
      },
      std::plus<>());
  book(Sector::households, Sector::rest_of_world, savings);
  households_left_ += rows.size();
}

namespace {
/// Applies `order` to every column of `table`, one column per parallel iteration.
template <class Table>
void reorder_table(Table& table, const RowOrder& order, RowOrderScratch& scratch,
                   std::size_t ordered_end) {
  std::vector<std::function<void()>> columns;
  table.for_each_column([&](auto& column) {
    columns.emplace_back([&order, &column, &scratch, ordered_end] {
      apply_row_order(order, column, scratch.local(), ordered_end);
    });
  });
  tbb::parallel_for(std::size_t{0}, columns.size(), [&](std::size_t c) { columns[c](); });
}
}  // namespace

bool World::compaction_due() const {
  // Rows of agents who left stay (inert: not alive, no employer) and newcomers are appended;
  // once either kind makes up an eighth of a table (by default), the rows are put back in
  // order. Every phase skips the rows that are not alive, and the newcomers' rows are few and
  // close together, so waiting costs little; compacting every month would move every row
  // every month.
  if (compaction_every_ <= 0) return false;
  const auto every = static_cast<std::size_t>(compaction_every_);
  const auto due = [every](std::size_t rows, std::size_t in_order, std::size_t left) {
    return every * (rows - in_order + left) > rows;
  };
  return due(households_.size(), households_in_order_, households_left_) ||
         due(persons_.size(), persons_in_order_, persons_left_);
}

void World::compact() {
  // Households by zone (the rows already in order first, then the newcomers, each zone's in
  // the order they came), persons by household (likewise): each zone's households, and each
  // household's members, keep their relative order.
  const auto zones = scenario_.zones.size();
  const auto households = order_rows(
      households_.alive, households_in_order_, [&](std::size_t h) { return households_.zone[h]; },
      [&](std::size_t h) { return households_.zone[h]; }, zones);
  const auto& new_household = households.new_index;
  const auto persons = order_rows(
      persons_.alive, persons_in_order_,
      [&](std::size_t p) {
        return static_cast<std::uint32_t>(new_household[persons_.household[p]]);
      },
      [&](std::size_t p) { return persons_.zone[p]; }, zones);
  tbb::parallel_invoke(
      [&] { reorder_table(households_, households, row_scratch_, households_in_order_); },
      [&] { reorder_table(persons_, persons, row_scratch_, persons_in_order_); });
  auto& household = persons_.household;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, household.size(), 16384),
                    [&](const auto& range) {
                      for (std::size_t p = range.begin(); p != range.end(); ++p)
                        household[p] = static_cast<std::uint32_t>(new_household[household[p]]);
                    });
  for (auto& owner : businesses_.owner_household)
    if (owner >= 0) owner = new_household[static_cast<std::size_t>(owner)];
  households_in_order_ = households_.size();
  persons_in_order_ = persons_.size();
  households_left_ = persons_left_ = 0;
  rebuild_zone_index();
}

}  // namespace cwb::model
