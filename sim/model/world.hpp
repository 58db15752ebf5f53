// The simulated economy of one run (one scenario, one replicate) and its monthly step.
#pragma once

#include <tbb/combinable.h>
#include <tbb/task_group.h>

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "sim/accounting/indicators.hpp"
#include "sim/accounting/sam.hpp"
#include "sim/core/rng.hpp"
#include "sim/model/household_blocks.hpp"
#include "sim/model/household_kernels.hpp"
#include "sim/model/phases.hpp"
#include "sim/model/row_order.hpp"
#include "sim/model/state.hpp"
#include "sim/model/tax_benefit.hpp"
#include "sim/scenario/scenario.hpp"

namespace cwb::model {

class World;
class Programme;
/// One programme object per scenario entry (sim/model/programmes.cpp).
std::vector<std::unique_ptr<Programme>> make_programmes(World& world);

class Programme;

/// Commuters are paid as residents of this skill level (L3): in-commuters are on average better
/// qualified than the area's residents.
inline constexpr std::uint8_t kCommuterSkill = 3;

/// Per-zone quantities derived once from the zone data so that the observed rates are the
/// model's steady state (see docs/odd.md, "Initialisation").
struct ZoneCalibration {
  double p_employed = 0.0;                   // employment rate
  double p_unemployed = 0.0;                 // unemployed share of working age
  double outside_job_finding_rate = 0.0;     // unemployed -> outside job, monthly
  double unemployed_to_inactive_rate = 0.0;  // monthly
  double mean_adults = 1.0;                  // working-age adults per household
  std::array<double, scenario::kSkillLevels> skill_cumulative{};
  std::int32_t initial_firms = 0;
  std::int32_t initial_social_enterprises = 0;
  double initial_revenue_per_firm = 0.0;  // pence per month
  double initial_revenue_per_social_enterprise = 0.0;
  std::array<double, 2> external_demand_share{};  // of revenue, by business kind, at the start
};

/// What a month leaves behind: indicators per zone (last entry: the whole area), anchor
/// indicators, the SAM and the closing stocks.
/// A programme's outputs in one month.
struct ProgrammeOutputs {
  double participants = 0;  // taking part now (trainees, researchers, tenants, ...)
  double completions = 0;   // finished this month (graduates, apprentices, homes, ...)
  double placements = 0;    // placed this month (graduates into jobs, local hires, ...)
  Pence cost = 0;           // spent this month, pence
};

struct MonthRecord {
  std::vector<double> zone_indicators;       // (zones + 1) x kZoneIndicators
  std::vector<double> anchor_indicators;     // anchors x kAnchorIndicators
  std::vector<ProgrammeOutputs> programmes;  // per programme of the scenario, in file order
  accounting::Sam sam;
  accounting::Stocks stocks{};
};

class World {
 public:
  /// Builds the synthetic population and the businesses from (seed, replicate, area data), for
  /// a run of `months` months (0: the scenario's months). Events drawn ahead (job ends, returns
  /// to job search) are looked for only up to the end of the run; step() refuses to go past it.
  World(const scenario::Scenario& scenario, std::uint64_t seed, int replicate, int months = 0);
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  /// One month, in the documented phase order; checks the stock-flow identity.
  void step();
  /// Hands each month's record, once complete and in month order, to `sink` instead of leaving
  /// it in record(). The record's income summaries (the sort of every household's income, about
  /// a fifth of a month's work) then run while the next month's first phases do, which read
  /// nothing they write; the next month waits for them before its churn (which reads the area
  /// median) and hands the record over then; the last month's waits at the end of step(). The
  /// records, and every result, are the same either way. Set before the first step; record()
  /// is not kept up to date.
  void set_record_sink(std::function<void(const MonthRecord&)> sink) {
    record_sink_ = std::move(sink);
  }

  int month() const { return month_; }
  /// The months of the run (step() runs months 0 to months() - 1).
  int months() const { return months_; }
  const MonthRecord& record() const { return record_; }
  /// Money stocks by sector now (closing balance of the last month stepped).
  accounting::Stocks stocks() const;
  /// Stocks before the first month (the endowments the population starts with).
  const accounting::Stocks& opening_stocks() const { return opening_stocks_; }
  /// Puts the tables back in order (compaction) once 1/`every` of a table's rows have left or
  /// been added since the last time; 0: never. A memory-layout setting only: no result depends
  /// on it (cli.test_determinism checks it). Default kDefaultCompaction.
  void set_compaction(int every) { compaction_every_ = every; }
  static constexpr int kDefaultCompaction = 8;
  /// Wall seconds spent so far in each phase (a clock read per phase and month: negligible).
  const PhaseSeconds& phase_seconds() const { return phase_seconds_; }

  const scenario::Scenario& scenario() const { return scenario_; }
  const Persons& persons() const { return persons_; }
  const Households& households() const { return households_; }
  const Businesses& businesses() const { return businesses_; }
  const std::vector<AnchorState>& anchors() const { return anchors_; }
  const std::vector<ZoneCalibration>& calibration() const { return calibration_; }
  /// Every person who lived in the area during the run (residents now and those who left),
  /// sorted by id: months employed, employed and resident at the end, programme, placed.
  std::vector<PersonOutcome> person_outcomes() const;
  /// The same, taking the outcomes of those who left from the World (which keeps none), so
  /// that they are not held twice: for the end of a run.
  std::vector<PersonOutcome> take_person_outcomes();

 private:
  friend class PopulationBuilder;
  friend class Programme;

  // Phases of a month (docs/odd.md, "Process overview and scheduling").
  void apply_policies();
  void run_anchors();
  void run_businesses();
  void run_labour_market();
  void run_population_churn();
  void run_households();
  void record_month();
  /// The month's labour indicators by zone (people: status, claimants).
  void record_people();
  /// The month's income summaries by zone (households: income, poverty, inequality, local
  /// spend) into income_summaries_ and local_spend_shares_, from the income list (sorted in
  /// place, through ranked_buffers_) and listed_spending_; touches no other state, so it may
  /// run beside the next month's first phases (set_record_sink).
  void summarize_incomes();
  /// Writes the income summaries into a month's record (indicators), and keeps the area
  /// median for next month's move-outs.
  void record_incomes(MonthRecord& record);
  /// With a record sink: waits for the income summaries of the month before (if still
  /// pending), completes its record and hands it to the sink.
  void finish_pending_record();
  /// The rows [first, end) of the record's income list (incomes_, sized already), from the
  /// households' final incomes of the month; what those listed spent added to spent[zone].
  void list_incomes(std::size_t first, std::size_t end, std::vector<ListedSpending>& spent);
  void record_anchors();
  void close_business_month();

  // Helpers shared by phases.
  void begin_month_flows();
  void settle_business_exit(std::size_t b);
  /// Decides which businesses close this month: per business, 1 for those that close (empty
  /// if none does). Their staff are laid off in pay_resident_staff, their accounts settled in
  /// run_businesses.
  std::vector<std::uint8_t> decide_closures() const;
  /// Phase 2's pass over the persons: decides the closures (closing_), pays the resident
  /// staff of the anchors (each one's resident_payroll and list of payments) and of the
  /// businesses (business_payroll_), and lays off the staff of those that close.
  void pay_resident_staff();
  /// Whether business b closes this month (its own draw; a closed one does not).
  bool closes_now(std::size_t b) const;
  void open_businesses();
  /// A new business; `birth` = false for a capital project's contractor (not a local business).
  /// `size_share` scales the newcomer's size (revenue, outside sales, start-up capital).
  void open_business(std::uint16_t zone, BusinessKind kind, std::uint64_t id, bool birth = true,
                     double size_share = 1.0);
  /// The unemployed and the inactive whose spell of inactivity ends this month, in a block of
  /// kSearchBlock persons (labour market, steps 3 and 4).
  static constexpr std::size_t kSearchBlock = 4096;
  struct SearchLists {
    std::vector<std::uint32_t> unemployed, inactive;
    // Per unemployed person: words 1 and 2 of their job_search block (word 0 is their place in
    // the queues), the draws of step 4 (finding a job outside, withdrawing).
    std::vector<std::array<std::uint64_t, 2>> draws;
    std::vector<std::uint32_t> finds;      // of the unemployed, those who find a job outside
    std::vector<std::uint32_t> withdrawn;  // of the unemployed, those who withdraw
  };
  /// Fills the vacancies from the unemployed (step 3), listing per block those of step 4.
  /// Makes the layoffs of step 2 first, in the same pass: layoff_risk holds each employer
  /// code's chance (index employer + kEmployerOffset; empty when nobody is at risk).
  void place_job_seekers(std::vector<SearchLists>& seekers, std::span<const double> layoff_risk);
  /// Employer codes run from kProgrammeJob up: code + kEmployerOffset indexes from 0.
  static constexpr std::int32_t kEmployerOffset = -kProgrammeJob;
  /// Resident staff per employer index, counted per thread over blocks of persons (integer
  /// sums: the same whatever the split): count_staff for each block, then set_staff.
  using StaffCounts = tbb::combinable<std::vector<std::int32_t>>;
  StaffCounts staff_counts() const;
  void count_staff(StaffCounts& counts, std::size_t first, std::size_t end) const;
  /// Sets each employer's resident staff to the counts. With `check`, the staff kept up to date
  /// through the month must equal them: if not, InternalError (a bug: some step moved people in
  /// or out of jobs without counting them).
  void set_staff(StaffCounts& counts, bool check = false);
  std::int32_t staff_target(std::int32_t employer) const;
  /// Resident and commuting staff of an employer (anchors first, then businesses).
  std::int32_t& resident_staff(std::int32_t employer) {
    if (employer < anchor_count())
      return anchors_[static_cast<std::size_t>(employer)].resident_staff;
    return businesses_.resident_staff[static_cast<std::size_t>(employer - anchor_count())];
  }
  std::int32_t& commuter_staff(std::int32_t employer) {
    if (employer < anchor_count())
      return anchors_[static_cast<std::size_t>(employer)].commuter_staff;
    return businesses_.commuter_staff[static_cast<std::size_t>(employer - anchor_count())];
  }
  /// Staff of an employer now (residents and commuters).
  std::int32_t staff_of(std::int32_t employer) const {
    if (employer < anchor_count()) {
      const auto& a = anchors_[static_cast<std::size_t>(employer)];
      return a.resident_staff + a.commuter_staff;
    }
    const auto b = static_cast<std::size_t>(employer - anchor_count());
    return businesses_.resident_staff[b] + businesses_.commuter_staff[b];
  }
  /// A wage reaches household h: its savings and gross wages, and the tax due on it. Inline:
  /// it is called for every wage paid.
  void credit_wage(std::uint32_t h, Pence wage) {
    households_.savings[h] += wage;
    households_.gross_wages[h] += wage;
    households_.taxes[h] += tax_on_wage(wage);
  }
  /// The persons in blocks that share no household (wages are paid in parallel over them).
  HouseholdBlocks household_blocks() const { return {persons_.household, persons_in_order_}; }
  /// The tax and employee NI due on one person's wage (0 with taxes switched off). Inline: it
  /// is taken for every wage paid.
  Pence tax_on_wage(Pence wage) const {
    return scenario_.switches.taxes ? income_tax_and_ni(wage, scenario_.tax_benefit) : 0;
  }
  void make_unemployed(std::size_t person);
  void hire(std::size_t person, std::int32_t employer);
  /// What hires add to shared counts, kept apart while hires are made in parallel.
  struct HireTally {
    std::vector<std::int32_t> placements;   // per programme
    std::vector<std::int32_t> local_hires;  // per anchor
  };
  /// hire() without scheduling the job's end: for loops that hire many, which then schedule
  /// the ends together (schedule_job_ends), in parallel. With a tally, the programmes'
  /// placements and the anchors' local hires are counted there instead.
  void take_job(std::size_t person, std::int32_t employer, HireTally* tally = nullptr);
  /// take_job(persons[i], employers[i]) for every i, in parallel (each changes only its
  /// person; the shared counts are tallied per thread and added afterwards, in integers).
  void take_jobs(std::span<const std::uint32_t> persons, std::span<const std::int32_t> employers);
  /// schedule_job_end for each of `persons` (each person's draws are their own: scanned
  /// together, in parallel).
  void schedule_job_ends(std::span<const std::uint32_t> persons);
  /// The households of `rows` leave the area, with their savings.
  void remove_households(std::span<const std::uint32_t> rows);
  /// The persons of `rows` leave the area (their records kept, in that order).
  void remove_persons(std::span<const std::uint32_t> rows);
  /// Draws the month person p leaves working age, counting from first_month (the first month
  /// churn looks at them).
  void schedule_ageing_out(std::size_t p, int first_month);
  /// Finds the month person p's job (the employer just given to them) ends, by the separation
  /// rate of that kind of employer and the person's monthly uniforms for it: the first month
  /// with a chance is this one if this month's separations are still to come, else the next.
  /// Programme jobs end with the programme.
  void schedule_job_end(std::size_t p);
  /// Finds the month each inactive person of `persons` starts looking for work again, from
  /// first_month on (the first month whose transitions can move them).
  void schedule_returns_to_search(std::span<const std::uint32_t> persons, int first_month);
  /// The first month whose moves between inactivity and job search are still to come.
  int first_search_month() const { return search_moves_done_ ? month_ + 1 : month_; }
  /// The first month whose separations are still to come (a job's end is drawn from it).
  int first_separation_month() const { return separations_done_ ? month_ + 1 : month_; }
  /// What ends a spell: its purpose (whose uniforms decide) and monthly chance.
  struct SpellChance {
    Purpose purpose = Purpose::separation;
    double rate = 0.0;
  };
  /// The chance that person p's job (the employer just given to them) ends in a month: the
  /// separation rate of that kind of employer; none for programme jobs (they end with the
  /// programme).
  SpellChance job_end_chance(std::size_t p) const;
  /// Each person p of `persons` gets, as spell_ends_month, the first month from first_month on
  /// in which the event of chance_of(p) happens: one 32-bit uniform per month and purpose,
  /// sixteen months to a Philox block (first_months_with_chance, sim/core/month_chances.hpp);
  /// Persons::kNever if it does not happen before the end of the run.
  template <class ChanceOf>
  void set_spell_ends(std::span<const std::uint32_t> persons, int first_month, ChanceOf chance_of);
  PersonOutcome outcome_of(std::size_t p, bool resident) const;
  /// A household moving in: the `arrival`-th of its zone and month for this tag (its id, and
  /// so its draws, follow: the same household in every scenario).
  struct Arrival {
    std::uint16_t zone;
    std::uint64_t tag, arrival;
  };
  /// A person joining: new (their id), in a zone and a household.
  struct NewPerson {
    std::uint64_t id;
    std::uint16_t zone;
    std::uint32_t household;
  };
  /// Appends the households of `arrivals` (their traits drawn from the zone's marginals) and
  /// returns their members, to be added with add_persons.
  std::vector<NewPerson> add_households(std::span<const Arrival> arrivals);
  /// Appends persons with traits drawn from their zone's marginals. Those in work among the
  /// first `may_work_locally` may take a commuter's place at the employer of a random one of
  /// the residents working in the area (`workers_before[e]`: those at employers before e, the
  /// last entry all of them); the others work outside the area.
  void add_persons(std::span<const NewPerson> newcomers, std::size_t may_work_locally,
                   std::span<const std::uint32_t> workers_before);
  Pence total_savings(std::size_t first_household) const;
  /// Sets households' net income to `net_incomes` (expected_net_incomes(0, 0): what their wages
  /// imply) and the area median from it, so that month 0 already sees the escalator.
  void initial_area_median_income(std::span<const Pence> net_incomes);
  /// Drops the rows of agents who left and puts households back in zone order and persons in
  /// household order, once enough rows have left or been added since the last time
  /// (docs/performance.md, "Data layout").
  void compact();
  /// Whether compact() has work worth doing now.
  bool compaction_due() const;
  std::int32_t anchor_count() const { return static_cast<std::int32_t>(anchors_.size()); }
  Pence employer_wage(std::int32_t employer, std::uint8_t skill) const;
  const scenario::FirmParams& params_of(BusinessKind kind) const;
  const scenario::FirmParams& business_params(std::size_t b) const {
    return parameter_sets_[businesses_.params[b]];
  }
  /// A capital project's contractor: not a shop, not a supplier, not counted among firms.
  bool is_contractor(std::size_t b) const { return businesses_.params[b] >= 2; }
  const scenario::SocialEnterpriseSupport& mentoring_of(std::size_t programme) const {
    return std::get<scenario::SocialEnterpriseSupport>(scenario_.programmes[programme].settings);
  }
  /// Phase 1: policies back to the scenario's own values, engagement decays, then the
  /// programmes act (policy setters first, then the rest).
  void reset_policies();
  /// Programme spending: funded by `funder`, paid from the programmes sector to `payee`.
  void programme_pay(std::size_t programme, accounting::Sector funder, accounting::Sector payee,
                     Pence amount);
  /// Programme running costs: the local share with local social enterprises (by size), the
  /// rest outside the area.
  void programme_delivery(std::size_t programme, Pence amount, double local_share);
  /// New households moving into a zone (churn or new homes), savings from outside the area.
  void move_in(std::uint16_t zone, std::int32_t count, std::uint64_t tag, std::uint64_t index_base);
  /// Newcomers: households from `first_household` on, people from `first_person` on (in new
  /// or existing households; nobody has left since adults were last counted): adults counted,
  /// new households' savings at their steady state brought from outside the area, new
  /// households added to the zone index.
  void settle_newcomers(std::size_t first_household, std::size_t first_person);
  double resident_hire_share(std::int32_t employer) const;
  Pence expected_net_income(Pence gross, Pence taxes, int adults, int children, bool claims) const;
  /// expected_net_income of households [first_household, end) from their living members' wages
  /// (all among the people from `first_person` on), in that order: computed once for the
  /// build's three uses (savings, the area median, external demand).
  std::vector<Pence> expected_net_incomes(std::size_t first_household,
                                          std::size_t first_person) const;
  /// Savings of households [first_household, end) at their consumption rule's steady state
  /// (their members are all among the people from `first_person` on).
  void start_savings_at_steady_state(std::size_t first_household, std::size_t first_person = 0);
  /// The same from their expected net incomes (expected_net_incomes), in order.
  void start_savings_at_steady_state(std::size_t first_household,
                                     std::span<const Pence> net_incomes);
  void count_adults();
  /// Lists each zone's living households in index order (zone_households_).
  void rebuild_zone_index();
  /// Each zone's living persons.
  std::vector<std::int64_t> count_people_by_zone() const;
  std::int32_t random_household_in_zone(std::uint16_t zone, RandomStream& draw) const {
    const auto& list = zone_households_[zone];
    if (list.empty()) return -1;
    return list[draw.below(list.size())];
  }
  void book(accounting::Sector payer, accounting::Sector payee, Pence amount);
  std::uint64_t employer_key(std::int32_t employer) const;

  const scenario::Scenario& scenario_;
  RandomSource rng_;
  int month_ = 0;   // index of the month being stepped (0-based); after step(): months done
  int months_ = 0;  // months of the run
  bool separations_done_ = false;   // this month's separations have been drawn
  bool search_moves_done_ = false;  // this month's moves between inactivity and search made
  Persons persons_;
  Households households_;
  Businesses businesses_;
  std::vector<AnchorState> anchors_;
  std::vector<ZoneCalibration> calibration_;
  std::vector<std::unique_ptr<Programme>> programmes_;
  std::vector<scenario::FirmParams>
      parameter_sets_;                   // 0 firms, 1 social enterprises, 2+ contractors
  std::vector<double> engagement_;       // per zone, 0..1
  std::vector<double> buy_local_shift_;  // per zone: share of outside spending moved local
  std::vector<double> buy_local_to_se_;  // per zone: part of the shift going to social enterprises
  std::vector<double> asset_tenancies_;  // per zone, this month
  std::vector<double> asset_hours_;      // per zone, this month
  std::vector<Pence> se_rent_leakage_;   // per zone, this month: social enterprises' rent outside
  std::vector<std::array<double, 2>> births_, deaths_;  // per zone and business kind, this month
  std::vector<ProgrammeOutputs> programme_outputs_;     // this month
  std::deque<PersonOutcome> departed_;  // people who left, as they left (no reallocations)
  std::vector<std::size_t> contractor_programme_;  // parameter set -> capital project programme
  Pence government_balance_ = 0;  // net money the government has put in (negative) or taken
  Pence rest_of_world_balance_ = 0;
  Pence programmes_balance_ = 0;
  accounting::Stocks opening_stocks_{};
  accounting::Stocks last_stocks_{};
  accounting::Sam sam_;
  MonthRecord record_;
  std::uint64_t next_business_id_ = 0;
  std::vector<std::vector<std::int32_t>> zone_households_;  // alive households per zone
  // Layout (docs/performance.md): households are stored zone by zone and persons household by
  // household, except for the rows added since the last compaction (after these counts) and
  // the rows of agents who left since (counted here, dropped at the next compaction).
  std::size_t households_in_order_ = 0, persons_in_order_ = 0;
  std::size_t households_left_ = 0, persons_left_ = 0;
  int compaction_every_ = kDefaultCompaction;     // set_compaction
  RowOrderScratch row_scratch_;                   // compaction's buffers, kept from one to the next
  std::vector<accounting::RankedValue> incomes_;  // the record's income list, kept likewise
  std::vector<ListedSpending> listed_spending_;   // what its households spent, per zone
  accounting::RankedBuffers ranked_buffers_;      // and its sort's buffers
  // The income summaries of the month (zones, then the whole area) and its spending per zone.
  std::vector<accounting::IncomeSummary> income_summaries_;
  std::vector<double> local_spend_shares_;
  // With a record sink (set_record_sink): the last month's record, waiting for its income
  // summaries, which are taken by pending_incomes_.
  std::function<void(const MonthRecord&)> record_sink_;
  MonthRecord pending_record_;
  tbb::task_group pending_incomes_;
  bool incomes_pending_ = false;
  std::vector<SearchLists> search_lists_;  // the labour market's lists, kept for their memory
  std::vector<std::int32_t> landlord_;     // this month: the household each one pays rent to, or -1
  std::vector<Pence> rent_due_;  // this month: the rent each household pays a landlord here
  std::vector<Pence> rent_in_;   // rent received, while it is added up (zero otherwise)
  std::vector<Pence> procured_;  // this month: the anchors' procurement each business received
  // This month, from phase 2's pass over the persons (pay_resident_staff): the businesses that
  // close (1; empty if none does), and each business's resident staff's wages.
  std::vector<std::uint8_t> closing_;
  std::vector<Pence> business_payroll_;
  // This month: word 1 of the first block of each household's move-out stream, for the first
  // landlord_draws_ households (those there when the move-outs were drawn).
  std::vector<std::uint64_t> landlord_draw_;
  std::size_t landlord_draws_ = 0;
  double last_area_median_income_ = 0.0;   // GBP a year, from the last record
  std::vector<std::int32_t> anchor_zone_;  // zone index of each anchor
  PhaseSeconds phase_seconds_{};
};

}  // namespace cwb::model
