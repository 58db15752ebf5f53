// Phase 4: the labour market: separations, layoffs, vacancies, skill-based matching with
// priority rules, commuters, jobs outside the area, and inactive <-> unemployed flows.
#include <tbb/blocked_range.h>
#include <tbb/combinable.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

#include "sim/core/errors.hpp"
#include "sim/model/listed.hpp"
#include "sim/model/world.hpp"

namespace cwb::model {

namespace {
struct Candidate {
  std::uint64_t key;
  std::uint32_t person;
  // A programme graduate, also in the priority queue: may have been hired from there (the
  // others are in one queue only, and leave it only when it hires them).
  std::uint32_t priority;
  friend bool operator<(const Candidate& a, const Candidate& b) {
    return a.key != b.key ? a.key < b.key : a.person < b.person;
  }
};

// Sorts candidates by (key, person), a total order, so the result does not depend on the
// order they were found in. The keys are uniform random 64-bit numbers: dealt by their top
// bits into about as many buckets as candidates (a counting sort), the rest is an insertion
// pass within the few that share a bucket.
void sort_candidates(std::vector<Candidate>& pool) {
  const std::size_t n = pool.size();
  if (n < 256) {
    std::sort(pool.begin(), pool.end());
    return;
  }
  const int bits = std::clamp(static_cast<int>(std::bit_width(n)), 8, 20);
  const int shift = 64 - bits;
  std::vector<std::uint32_t> start((std::size_t{1} << bits) + 1, 0);
  for (const auto& c : pool)
    ++start[(c.key >> shift) + 1];
  for (std::size_t b = 1; b < start.size(); ++b)
    start[b] += start[b - 1];
  std::vector<Candidate> dealt(n);
  for (const auto& c : pool)
    dealt[start[c.key >> shift]++] = c;
  for (std::size_t i = 1; i < n; ++i) {
    const Candidate c = dealt[i];
    std::size_t j = i;
    for (; j > 0 && c < dealt[j - 1]; --j)
      dealt[j] = dealt[j - 1];
    dealt[j] = c;
  }
  pool.swap(dealt);
}
}  // namespace

World::StaffCounts World::staff_counts() const {
  const std::size_t employer_total = static_cast<std::size_t>(anchor_count()) + businesses_.size();
  return StaffCounts([employer_total] { return std::vector<std::int32_t>(employer_total, 0); });
}

void World::count_staff(StaffCounts& counts, std::size_t first, std::size_t end) const {
  auto& staff = counts.local();
  const auto& ps = persons_;
  for_each_listed(
      first, end, [&](std::size_t p) { return (ps.employer[p] >= 0) & (ps.alive[p] != 0); },
      [&](std::size_t p) { staff[static_cast<std::size_t>(ps.employer[p])] += 1; });
}

void World::set_staff(StaffCounts& counts, bool check) {
  const auto anchor_total = static_cast<std::size_t>(anchor_count());
  const std::size_t employer_total = anchor_total + businesses_.size();
  std::vector<const std::vector<std::int32_t>*> all;
  counts.combine_each([&](const std::vector<std::int32_t>& staff) { all.push_back(&staff); });
  auto counted = [&](std::size_t e) {
    std::int32_t total = 0;
    for (const auto* staff : all)
      total += (*staff)[e];
    return total;
  };
  // The first employer whose kept count is wrong (when checked; its count is left as it was,
  // for the message), or employer_total.
  const std::size_t wrong = tbb::parallel_reduce(
      tbb::blocked_range<std::size_t>(0, employer_total, 8192), employer_total,
      [&](const auto& range, std::size_t first_wrong) {
        for (std::size_t e = range.begin(); e != range.end(); ++e) {
          const std::int32_t total = counted(e);
          auto& staff = resident_staff(static_cast<std::int32_t>(e));
          if (check && staff != total)
            first_wrong = std::min(first_wrong, e);
          else
            staff = total;
        }
        return first_wrong;
      },
      [](std::size_t a, std::size_t b) { return std::min(a, b); });
  if (wrong < employer_total)
    throw InternalError("month " + std::to_string(month_) + ": employer " + std::to_string(wrong) +
                        " has " + std::to_string(resident_staff(static_cast<std::int32_t>(wrong))) +
                        " resident staff by the counts kept through the month, but " +
                        std::to_string(counted(wrong)) + " by a count of the persons");
}

std::int32_t World::staff_target(std::int32_t employer) const {
  if (employer < anchor_count()) return anchors_[static_cast<std::size_t>(employer)].staff_target;
  const auto b = static_cast<std::size_t>(employer - anchor_count());
  if (!businesses_.alive[b]) return 0;
  const auto& fp = business_params(b);
  const double wage_budget = fp.wage_share * static_cast<double>(businesses_.expected_revenue[b]);
  return static_cast<std::int32_t>(std::llround(
      wage_budget / static_cast<double>(std::max<Pence>(1, businesses_.unit_wage[b]))));
}

void World::run_labour_market() {
  const auto& lab = scenario_.labour;
  const bool turnover = scenario_.switches.turnover;
  const auto month = static_cast<std::uint32_t>(month_);
  const std::int32_t anchor_total = anchor_count();
  auto& ps = persons_;

  // 1. Separations: residents leave in-area jobs (anchors at their own turnover rate) and lose
  // jobs outside the area; commuters leave too.
  // A job's end month was drawn when it started (schedule_job_end): the jobs that end now are
  // found, without branches, and their holders made unemployed, each touching only that
  // person: in parallel, same result.
  // The staff left are counted in the same pass (the commuters' separations below change
  // only commuter counts).
  auto staff_left = staff_counts();
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, ps.size(), 4096), [&](const auto& range) {
    for (std::size_t p = range.begin(); p != range.end(); ++p)
      ps.months_in_status[p] += ps.months_in_status[p] < 65535;
    if (turnover)
      for_each_listed(
          range.begin(), range.end(),
          [&](std::size_t p) {
            // Programme contracts end with the programme.
            return (ps.status[p] == Status::employed) & (ps.employer[p] != kProgrammeJob) &
                   (ps.spell_ends_month[p] <= month_);
          },
          [&](std::size_t p) { make_unemployed(p); });
    count_staff(staff_left, range.begin(), range.end());
  });
  separations_done_ = true;
  const std::int32_t employer_total = anchor_total + static_cast<std::int32_t>(businesses_.size());
  if (turnover) {
    // Each employer's draws and count are its own: in parallel, same result.
    tbb::parallel_for(
        tbb::blocked_range<std::int32_t>(0, employer_total, 256), [&](const auto& range) {
          for (std::int32_t e = range.begin(); e != range.end(); ++e) {
            auto& commuters = commuter_staff(e);
            if (commuters == 0) continue;
            const double rate = e < anchor_total
                                    ? scenario_.anchors[static_cast<std::size_t>(e)].turnover_rate
                                    : lab.separation_rate;
            // How many leave: one binomial draw (not a Bernoulli trial per commuter).
            auto draw = rng_.stream(employer_key(e), month, Purpose::separation);
            commuters -= static_cast<std::int32_t>(draw.binomial(commuters, rate));
          }
        });
  }
  set_staff(staff_left);

  // 2. Layoffs where demand has fallen below the staff a business has (each business on its
  // own: in parallel).
  std::vector<double> layoff_probability(businesses_.size(), 0.0);
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, businesses_.size(), 1024), [&](const auto& range) {
        for (std::size_t b = range.begin(); b != range.end(); ++b) {
          if (!businesses_.alive[b]) continue;
          const std::int32_t staff = businesses_.resident_staff[b] + businesses_.commuter_staff[b];
          const std::int32_t excess =
              staff - staff_target(anchor_total + static_cast<std::int32_t>(b));
          if (excess <= 0 || staff == 0) continue;
          const double share = static_cast<double>(excess) / staff;
          businesses_.commuter_staff[b] -=
              static_cast<std::int32_t>(std::llround(share * businesses_.commuter_staff[b]));
          layoff_probability[b] = share;
        }
      });
  const bool any_layoffs = std::any_of(layoff_probability.begin(), layoff_probability.end(),
                                       [](double share) { return share > 0.0; });
  // The chance is looked up for everyone, by employer (0 for anchors, jobs outside,
  // programmes and none): empty when nobody is at risk.
  std::vector<double> risk;
  if (any_layoffs) {
    risk.assign(static_cast<std::size_t>(kEmployerOffset + anchor_total), 0.0);
    risk.insert(risk.end(), layoff_probability.begin(), layoff_probability.end());
  }

  // 3. Matching: vacancies in a fixed order (anchors, then businesses by index), the layoffs
  // made in the same pass over the persons that lists the job seekers.
  auto& seekers = search_lists_;
  place_job_seekers(seekers, risk);

  // 4. Jobs outside the area and moves between inactivity and unemployment.
  if (!turnover) return;
  // Each person's draws and moves between inactivity and unemployment touch only that person:
  // in parallel. Taking a job outside can credit a programme with a placement (a counter
  // shared by everyone), so those hires are only marked here and made afterwards, in index
  // order as before.
  // The unemployed and the inactive were listed, per block, before the matching (both before
  // either group moves): of the unemployed, those the matching did not hire. Those who find a
  // job outside are listed too (each block's in person order).
  tbb::parallel_for(std::size_t{0}, seekers.size(), [&](std::size_t k) {
    auto& listed = seekers[k];
    std::size_t nu = 0;
    for (std::size_t i = 0; i < listed.unemployed.size(); ++i) {
      listed.unemployed[nu] = listed.unemployed[i];
      listed.draws[nu] = listed.draws[i];
      nu += ps.status[listed.unemployed[i]] == Status::unemployed;
    }
    const auto& unemployed = listed.unemployed;
    const auto& inactive = listed.inactive;
    const std::size_t ni = inactive.size();
    listed.finds.resize(nu);
    listed.withdrawn.clear();
    std::size_t found = 0;
    for (std::size_t i = 0; i < nu; ++i) {
      const std::size_t p = unemployed[i];
      const auto& cal = calibration_[ps.zone[p]];
      // Two independent draws (words 1 and 2 of the person's job_search block, whose word 0
      // placed them in the queues); finding a job wins, so withdrawal happens at (1 - f) r, a
      // fraction f (about 2% a month) below its calibrated rate r.
      const bool finds =
          RandomStream::uniform_of(listed.draws[i][0]) < cal.outside_job_finding_rate;
      const bool withdraws =
          RandomStream::uniform_of(listed.draws[i][1]) < cal.unemployed_to_inactive_rate;
      listed.finds[found] = static_cast<std::uint32_t>(p);  // hired below, in person order
      found += finds;
      if (!finds && withdraws) {
        ps.status[p] = Status::inactive;
        ps.months_in_status[p] = 0;
        listed.withdrawn.push_back(static_cast<std::uint32_t>(p));
      }
    }
    schedule_returns_to_search(listed.withdrawn, month_ + 1);
    // The inactive whose spell ends now (drawn when it began) look for work again.
    for (std::size_t i = 0; i < ni; ++i) {
      const std::size_t p = inactive[i];
      ps.status[p] = Status::unemployed;
      ps.months_in_status[p] = 0;
    }
    listed.finds.resize(found);
  });
  search_moves_done_ = true;
  std::vector<std::uint32_t> hired;
  for (const auto& listed : seekers)
    hired.insert(hired.end(), listed.finds.begin(), listed.finds.end());
  take_jobs(hired, std::vector<std::int32_t>(hired.size(), kOutsideJob));
  schedule_job_ends(hired);
}

void World::place_job_seekers(std::vector<SearchLists>& seekers,
                              std::span<const double> layoff_risk) {
  const auto month = static_cast<std::uint32_t>(month_);
  const std::int32_t anchor_total = anchor_count();
  auto& ps = persons_;
  // Job seekers by skill, each pool in a random order drawn per person (common random numbers:
  // the same person has the same place in the queue in every scenario).
  // Candidates are found in parallel into per-thread pools and gathered in whatever order the
  // threads finished: the sort below is by a total order (ties between 64-bit keys, next to
  // impossible, go to the lower index), so the queues do not depend on it.
  struct Pools {
    std::array<std::vector<Candidate>, scenario::kSkillLevels> by_skill;
    std::vector<Candidate> priority;
  };
  // The same pass lists, per block of persons, the unemployed and the inactive whose spell
  // ends this month, for the moves between inactivity and job search after the matching
  // (which only hires the unemployed, and changes nothing else they read).
  // Before a block is listed, its layoffs (step 2) are made: each person's draw and change touch
  // only that person, and those at risk are listed without branches, then drawn for. The
  // staff are counted down for those laid off (the only change since they were counted).
  std::vector<std::uint8_t> at_risk(layoff_risk.size());
  for (std::size_t i = 0; i < layoff_risk.size(); ++i)
    at_risk[i] = layoff_risk[i] > 0.0;
  tbb::combinable<Pools> found;
  tbb::combinable<std::vector<std::int32_t>> laid_off(
      [&] { return std::vector<std::int32_t>(businesses_.size(), 0); });
  const std::size_t blocks = (ps.size() + kSearchBlock - 1) / kSearchBlock;
  seekers.resize(blocks);  // the lists keep their memory from one month to the next
  tbb::parallel_for(std::size_t{0}, blocks, [&](std::size_t k) {
    auto& mine = found.local();
    auto& listed = seekers[k];
    const std::size_t first = k * kSearchBlock, last = std::min(ps.size(), first + kSearchBlock);
    const std::size_t count = last - first;
    if (!layoff_risk.empty()) {
      auto& mine_laid_off = laid_off.local();
      // Who is at risk is looked up in a byte per employer (a table eight times smaller than
      // the chances, which stays in the nearest cache) and listed; their draws' blocks are
      // computed together (first_blocks), then each is decided.
      std::array<std::uint8_t, kSearchBlock> is_at_risk;
      for (std::size_t i = 0; i < count; ++i)
        is_at_risk[i] = at_risk[static_cast<std::size_t>(ps.employer[first + i] + kEmployerOffset)];
      std::array<std::uint32_t, kSearchBlock + kListSlack> rows;
      const std::size_t n =
          list_kept(is_at_risk.data(), count, static_cast<std::uint32_t>(first), rows.data());
      constexpr std::size_t kBatch = 256;
      std::array<RandomStream::Block, kBatch> draws;
      for (std::size_t batch = 0; batch < n; batch += kBatch) {
        const std::size_t size = std::min(kBatch, n - batch);
        rng_.first_blocks(
            size, [&](std::size_t i) { return ps.id[rows[batch + i]]; }, month, Purpose::layoff,
            draws.data());
        for (std::size_t i = 0; i < size; ++i) {
          const std::size_t p = rows[batch + i];
          const auto employer = ps.employer[p];
          const double risk = layoff_risk[static_cast<std::size_t>(employer + kEmployerOffset)];
          if (!rng_.stream(ps.id[p], month, Purpose::layoff, draws[i]).bernoulli(risk)) continue;
          mine_laid_off[static_cast<std::size_t>(employer - anchor_total)] += 1;
          make_unemployed(p);
        }
      }
    }
    // The two lists from flags (list_kept, as for_each_listed).
    std::array<std::uint8_t, kSearchBlock> is_unemployed, searches_again;
    for (std::size_t i = 0; i < count; ++i) {
      const std::size_t p = first + i;
      const bool alive = ps.alive[p] != 0;
      is_unemployed[i] = alive & (ps.status[p] == Status::unemployed);
      searches_again[i] =
          alive & (ps.status[p] == Status::inactive) & (ps.spell_ends_month[p] <= month_);
    }
    listed.unemployed.resize(count + kListSlack);
    listed.inactive.resize(count + kListSlack);
    const auto start = static_cast<std::uint32_t>(first);
    const std::size_t n = list_kept(is_unemployed.data(), count, start, listed.unemployed.data());
    listed.unemployed.resize(n);
    listed.inactive.resize(list_kept(searches_again.data(), count, start, listed.inactive.data()));
    listed.draws.resize(n);
    constexpr std::size_t kBatch = 256;
    std::array<RandomStream::Block, kBatch> keys;
    for (std::size_t batch = 0; batch < n; batch += kBatch) {
      const std::size_t size = std::min(kBatch, n - batch);
      rng_.first_blocks(
          size, [&](std::size_t i) { return ps.id[listed.unemployed[batch + i]]; }, month,
          Purpose::job_search, keys.data());
      for (std::size_t i = 0; i < size; ++i) {
        const auto p = listed.unemployed[batch + i];
        const std::uint32_t priority = (ps.flags[p] & kPriority) != 0 ? 1 : 0;
        const Candidate c{keys[i][0], p, priority};  // the stream's first draw
        listed.draws[batch + i] = {keys[i][1], keys[i][2]};
        if (priority) mine.priority.push_back(c);
        mine.by_skill[ps.skill[p]].push_back(c);
      }
    }
  });
  laid_off.combine_each([&](const std::vector<std::int32_t>& mine) {
    for (std::size_t b = 0; b < mine.size(); ++b)
      businesses_.resident_staff[b] -= mine[b];
  });
  std::array<std::vector<Candidate>, scenario::kSkillLevels> pools;
  std::vector<Candidate> priority;
  found.combine_each([&](const Pools& mine) {
    for (int level = 0; level < scenario::kSkillLevels; ++level)
      pools[level].insert(pools[level].end(), mine.by_skill[level].begin(),
                          mine.by_skill[level].end());
    priority.insert(priority.end(), mine.priority.begin(), mine.priority.end());
  });
  tbb::parallel_for(std::size_t{0}, pools.size() + 1, [&](std::size_t k) {
    sort_candidates(k < pools.size() ? pools[k] : priority);
  });
  std::array<std::size_t, scenario::kSkillLevels> next{};
  std::size_t next_priority = 0;

  // A graduate hired (from either queue) is marked employed at once, so that the other queue
  // passes over them; everyone else's hire is made after the queues are served.
  auto unavailable = [&](const Candidate& c) {
    return c.priority != 0 && ps.status[c.person] != Status::unemployed;
  };
  auto take = [&](int min_skill) -> const Candidate* {
    for (int level = min_skill; level < scenario::kSkillLevels; ++level) {
      auto& pool = pools[level];
      while (next[level] < pool.size() && unavailable(pool[next[level]]))
        ++next[level];
      if (next[level] < pool.size()) return &pool[next[level]++];
    }
    return nullptr;
  };

  // Vacancies are filled one employer after another (they draw from shared queues). The
  // employers with vacancies are found first, and each one's draws (its own stream: for each
  // vacancy, whether it goes to a resident and the skill it asks for) made, in parallel; the
  // hires themselves (each changes its own person), and their job ends, after the loop, in
  // parallel.
  const std::int32_t employer_total = anchor_total + static_cast<std::int32_t>(businesses_.size());
  const auto hiring = list_rows(static_cast<std::size_t>(employer_total), [&](std::size_t row) {
    const auto e = static_cast<std::int32_t>(row);
    if (e >= anchor_total && !businesses_.alive[static_cast<std::size_t>(e - anchor_total)])
      return false;
    return staff_target(e) > staff_of(e);
  });
  std::vector<std::size_t> first_vacancy(hiring.size() + 1, 0);
  for (std::size_t i = 0; i < hiring.size(); ++i) {
    const auto e = static_cast<std::int32_t>(hiring[i]);
    first_vacancy[i + 1] =
        first_vacancy[i] + static_cast<std::size_t>(staff_target(e) - staff_of(e));
  }
  struct Vacancy {
    std::int32_t requirement;
    bool to_resident;
  };
  std::vector<Vacancy> vacancies(first_vacancy.back());
  tbb::parallel_for(std::size_t{0}, hiring.size(), [&](std::size_t i) {
    const auto e = static_cast<std::int32_t>(hiring[i]);
    const std::int32_t zone = e < anchor_total
                                  ? anchor_zone_[static_cast<std::size_t>(e)]
                                  : businesses_.zone[static_cast<std::size_t>(e - anchor_total)];
    const double resident_share = resident_hire_share(e);
    auto draw = rng_.stream(employer_key(e), month, Purpose::matching_order);
    const auto& skills = calibration_[static_cast<std::size_t>(zone)].skill_cumulative;
    for (std::size_t v = first_vacancy[i]; v != first_vacancy[i + 1]; ++v) {
      const bool to_resident = draw.bernoulli(resident_share);
      // A job asks for a skill level drawn from the local mix, one level below (jobs take
      // people slightly under their formal level), at least none.
      const int requirement = std::max(0, static_cast<int>(draw.pick_cumulative(skills)) - 1);
      vacancies[v] = {requirement, to_resident};
    }
  });
  std::vector<std::uint32_t> hires;
  std::vector<std::int32_t> hired_by;
  for (std::size_t i = 0; i < hiring.size(); ++i) {
    const auto e = static_cast<std::int32_t>(hiring[i]);
    const bool is_anchor = e < anchor_total;
    const bool pipeline = is_anchor && anchors_[static_cast<std::size_t>(e)].pipeline;
    std::int32_t residents_hired = 0, commuters_hired = 0;
    for (std::size_t v = first_vacancy[i]; v != first_vacancy[i + 1]; ++v) {
      const Candidate* chosen = nullptr;
      // The pipeline: an anchor working with a skills programme offers each vacancy to its
      // graduates first, before advertising it to everyone.
      if (pipeline) {
        while (next_priority < priority.size() && unavailable(priority[next_priority]))
          ++next_priority;
        if (next_priority < priority.size()) chosen = &priority[next_priority++];
      }
      if (!chosen && vacancies[v].to_resident) chosen = take(vacancies[v].requirement);
      if (chosen) {
        if (chosen->priority) ps.status[chosen->person] = Status::employed;
        hires.push_back(chosen->person);
        hired_by.push_back(e);
        ++residents_hired;
      } else {
        ++commuters_hired;  // nobody local: the job goes to someone from outside (a leak)
      }
    }
    commuter_staff(e) += commuters_hired;
    resident_staff(e) += residents_hired;
  }
  take_jobs(hires, hired_by);
  schedule_job_ends(hires);
}

}  // namespace cwb::model
