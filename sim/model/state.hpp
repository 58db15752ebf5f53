// Agent tables as structures of arrays: persons, households, businesses, anchors.
#pragma once

#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "sim/core/money.hpp"

namespace cwb::model {

enum class Status : std::uint8_t { employed = 0, unemployed = 1, inactive = 2, training = 3 };

/// Person flags (bits).
enum PersonFlag : std::uint8_t {
  kOverseasQualified = 1,  // a professional qualification not yet recognised here
  kPriority = 2,           // a programme graduate: first in line for anchor vacancies
  kApprentice = 4,         // an apprentice on a capital project
  kPlaced = 8,             // placed into a job by a programme (graduate hired, local hire)
};

/// What became of one person over a run, for additionality (the same id in two runs is the
/// same synthetic person).
struct PersonOutcome {
  std::uint64_t id = 0;
  std::int16_t programme = -1;  // the programme that enrolled or employed them, or -1
  std::uint16_t months_employed = 0;
  std::uint8_t employed_at_end = 0;
  std::uint8_t resident_at_end = 0;
  std::uint8_t placed = 0;  // placed into a job by that programme
};

/// Where an employed person works. Anchors and businesses share one employer index space:
/// [0, anchors) are anchors, anchors + b is business b.
inline constexpr std::int32_t kNoEmployer = -1;
inline constexpr std::int32_t kOutsideJob = -2;
inline constexpr std::int32_t kProgrammeJob =
    -3;  // employed by a programme (e.g. a community researcher)

/// Working-age residents. A person who leaves (moves out, ages out) is marked not alive and
/// dropped at the end of the month; ids are never reused.
struct Persons {
  std::vector<std::uint64_t> id;
  std::vector<std::uint16_t> zone;
  std::vector<std::uint32_t> household;  // index into Households
  std::vector<std::uint8_t> skill;       // 0 none .. 4 L4+
  std::vector<Status> status;
  std::vector<std::int32_t> employer;  // kNoEmployer, kOutsideJob or an employer index
  std::vector<Pence> wage;             // gross monthly wage (0 unless employed)
  std::vector<std::uint16_t> months_in_status;
  std::vector<std::uint8_t> flags;
  std::vector<std::uint8_t> alive;
  std::vector<std::int16_t> programme;         // programme that enrolled or employs them, or -1
  std::vector<std::int16_t> priority_until;    // last month of a graduate's priority
  std::vector<std::uint16_t> months_employed;  // months in work so far (for additionality)
  std::vector<std::int32_t> ageing_out_month;  // month the person leaves working age
  // The employed: the month their job ends (if not before); the inactive: the month they start
  // looking for work again (World::schedule_job_ends, World::schedule_returns_to_search).
  std::vector<std::int32_t> spell_ends_month;

  std::size_t size() const { return id.size(); }
  /// Every column, once: what compaction (and anything else row-wise) walks.
  template <class F> void for_each_column(F&& f) {
    f(id), f(zone), f(household), f(skill), f(status), f(employer), f(wage);
    f(months_in_status), f(flags), f(alive), f(programme), f(priority_until), f(months_employed);
    f(ageing_out_month), f(spell_ends_month);
  }
  /// Rows [size(), n) added, to be set with assign() (the population builder fills many rows
  /// at once, in parallel).
  void resize(std::size_t n) {
    for_each_column([n](auto& column) { column.resize(n); });
  }
  /// Row i as a new person: not in work, no programme.
  void assign(std::size_t i, std::uint64_t person_id, std::uint16_t zone_index,
              std::uint32_t household_index, std::uint8_t skill_level, Status s,
              std::uint8_t flag_bits) {
    id[i] = person_id;
    zone[i] = zone_index;
    household[i] = household_index;
    skill[i] = skill_level;
    status[i] = s;
    employer[i] = kNoEmployer;
    wage[i] = 0;
    months_in_status[i] = 0;
    flags[i] = flag_bits;
    alive[i] = 1;
    programme[i] = -1;
    priority_until[i] = -1;
    months_employed[i] = 0;
    ageing_out_month[i] = kNever;  // World::schedule_ageing_out sets it
    spell_ends_month[i] = kNever;  // World::schedule_job_end sets it
  }
  void push(std::uint64_t person_id, std::uint16_t zone_index, std::uint32_t household_index,
            std::uint8_t skill_level, Status s, std::uint8_t flag_bits) {
    resize(size() + 1);
    assign(size() - 1, person_id, zone_index, household_index, skill_level, s, flag_bits);
  }
  static constexpr std::int32_t kNever = std::numeric_limits<std::int32_t>::max();
};

/// Households: savings are their money stock. Per-month flows are reset each month.
struct Households {
  std::vector<std::uint64_t> id;
  std::vector<std::uint16_t> zone;
  std::vector<std::uint8_t> adults;  // working-age members (derived each month)
  std::vector<std::uint8_t> children;
  std::vector<std::uint8_t> claims;  // would claim benefits when eligible (take-up draw)
  std::vector<Pence> savings;
  std::vector<std::uint8_t> alive;
  // This month's flows.
  std::vector<Pence> gross_wages;
  std::vector<Pence> other_income;  // profits and rent received from local agents
  std::vector<Pence> benefits;
  std::vector<Pence> taxes;
  std::vector<Pence> consumption;
  std::vector<Pence> local_spend;  // rent to local landlords + spend at local businesses
  // Wages - taxes + benefits + other income: this month's from the households phase on, last
  // month's before it (it is not cleared when a month begins).
  std::vector<Pence> net_income;

  std::size_t size() const { return id.size(); }
  /// Every column, once: what compaction (and anything else row-wise) walks.
  template <class F> void for_each_column(F&& f) {
    f(id), f(zone), f(adults), f(children), f(claims), f(savings), f(alive);
    f(gross_wages), f(other_income), f(benefits), f(taxes), f(consumption), f(local_spend);
    f(net_income);
  }
  /// Rows [size(), n) added, to be set with assign().
  void resize(std::size_t n) {
    for_each_column([n](auto& column) { column.resize(n); });
  }
  /// Row i as a new household: no adults counted yet, no money, no flows.
  void assign(std::size_t i, std::uint64_t household_id, std::uint16_t zone_index,
              std::uint8_t child_count, std::uint8_t would_claim) {
    id[i] = household_id;
    zone[i] = zone_index;
    adults[i] = 0;
    children[i] = child_count;
    claims[i] = would_claim;
    savings[i] = 0;
    alive[i] = 1;
    for (auto* v :
         {&gross_wages, &other_income, &benefits, &taxes, &consumption, &local_spend, &net_income})
      (*v)[i] = 0;
  }
  void push(std::uint64_t household_id, std::uint16_t zone_index, std::uint8_t child_count,
            std::uint8_t would_claim) {
    resize(size() + 1);
    assign(size() - 1, household_id, zone_index, child_count, would_claim);
  }
};

enum class BusinessKind : std::uint8_t { firm = 0, social_enterprise = 1 };

/// Local firms and social enterprises. Dead businesses stay in the table (indices are stable
/// employer references) with zero cash.
struct Businesses {
  std::vector<std::uint64_t> id;
  std::vector<BusinessKind> kind;
  std::vector<std::uint16_t> zone;
  std::vector<std::int32_t> owner_household;  // -1: externally owned (profits leave the area)
  std::vector<Pence> cash;
  std::vector<Pence> expected_revenue;       // smoothed monthly revenue
  std::vector<Pence> external_demand;        // monthly sales to the rest of the world
  std::vector<Pence> unit_wage;              // average monthly wage per worker
  std::vector<std::int32_t> resident_staff;  // recounted each month
  std::vector<std::int32_t> commuter_staff;
  std::vector<std::int32_t> months_insolvent;
  std::vector<std::uint8_t> alive;
  std::vector<std::uint16_t> params;         // index into World's parameter sets (0 firms,
                                             // 1 social enterprises, 2+ contractors)
  std::vector<double> rent_discount;         // share of rent saved (community asset tenancy)
  std::vector<std::int32_t> mentored_until;  // last month of programme mentoring, or -1
  std::vector<std::int16_t> mentor;          // programme mentoring it, or -1
  std::vector<std::uint8_t> living_wage;     // committed to pay at least the living wage
  // This month's flows.
  std::vector<Pence> revenue;
  std::vector<Pence> costs;          // wages + inputs + rent
  std::vector<Pence> local_outflow;  // paid to local agents (resident wages, local inputs, ...)
  // Last month's, for profit and tax.
  std::vector<Pence> last_revenue;
  std::vector<Pence> last_costs;

  std::size_t size() const { return id.size(); }
  void push(std::uint64_t business_id, BusinessKind k, std::uint16_t zone_index, std::int32_t owner,
            Pence unit_wage_pence) {
    id.push_back(business_id);
    kind.push_back(k);
    zone.push_back(zone_index);
    owner_household.push_back(owner);
    unit_wage.push_back(unit_wage_pence);
    for (auto* v : {&cash, &expected_revenue, &external_demand, &revenue, &costs, &local_outflow,
                    &last_revenue, &last_costs})
      v->push_back(0);
    resident_staff.push_back(0);
    commuter_staff.push_back(0);
    months_insolvent.push_back(0);
    alive.push_back(1);
    params.push_back(static_cast<std::uint16_t>(k));
    rent_discount.push_back(0.0);
    mentored_until.push_back(-1);
    mentor.push_back(-1);
    living_wage.push_back(0);
  }
};

/// Anchor institutions (few): one struct each is enough.
struct AnchorState {
  Pence cash = 0;
  std::int32_t staff_target = 0;
  std::int32_t resident_staff = 0;  // recounted each month
  std::int32_t commuter_staff = 0;
  Pence monthly_budget = 0;
  // Policy now (phase 1 sets them from the scenario and the programmes).
  double local_procurement_share = 0.0;
  double social_enterprise_share = 0.0;
  double local_recruitment_share = 0.0;
  bool living_wage = false;
  bool pipeline = false;         // programme graduates are first in line for its vacancies
  std::int32_t local_hires = 0;  // residents hired this month
  // This month's flows, for the anchor indicators and LM3.
  Pence spend = 0;
  Pence other_costs = 0;  // running costs bought outside (not payroll, not procurement)
  Pence resident_payroll = 0;
  Pence local_procurement = 0;  // with local firms
  Pence social_enterprise_procurement = 0;
  Pence procurement = 0;
  std::vector<std::pair<std::uint32_t, Pence>> paid_to_household;  // resident wages this month
};

}  // namespace cwb::model
