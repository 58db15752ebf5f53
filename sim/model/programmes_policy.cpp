// Policy levers: anchor procurement and recruitment, a buy-local campaign, a living-wage
// commitment.
#include <algorithm>
#include <set>

#include "sim/model/programme_types.hpp"

namespace cwb::model {
namespace {

using accounting::Sector;

class AnchorProcurementProgramme final : public Programme {
 public:
  AnchorProcurementProgramme(World& w, std::size_t i, const scenario::AnchorProcurement& s)
      : Programme(w, i), s_(s), anchor_(anchor_indices(w, {s.anchor}).front()) {}
  int pass() const override { return 1; }
  void apply(World& w, int month) override {
    if (!active(month)) return;
    auto& st = anchors(w)[anchor_];
    if (s_.sets_local) st.local_procurement_share = ramp_value(s_.local_procurement_share, month);
    if (s_.sets_social_enterprise)
      st.social_enterprise_share = ramp_value(s_.social_enterprise_share, month);
  }

 private:
  const scenario::AnchorProcurement& s_;
  std::size_t anchor_;
};

class AnchorRecruitmentProgramme final : public Programme {
 public:
  AnchorRecruitmentProgramme(World& w, std::size_t i, const scenario::AnchorRecruitment& s)
      : Programme(w, i), s_(s), anchor_(anchor_indices(w, {s.anchor}).front()) {}
  int pass() const override { return 1; }
  void apply(World& w, int month) override {
    if (!active(month)) return;
    anchors(w)[anchor_].local_recruitment_share = ramp_value(s_.local_recruitment_share, month);
  }

 private:
  const scenario::AnchorRecruitment& s_;
  std::size_t anchor_;
};

class BuyLocalProgramme final : public Programme {
 public:
  BuyLocalProgramme(World& w, std::size_t i, const scenario::BuyLocal& s)
      : Programme(w, i), s_(s) {}
  void apply(World& w, int month) override {
    if (!active(month)) return;
    const double shift = ramp_value(s_.shift, month);
    auto& shifts = buy_local_shift(w);
    auto& to_se = buy_local_to_se(w);
    for (std::size_t z = 0; z < shifts.size(); ++z) {
      if (!targets(z)) continue;
      // Two campaigns in one zone combine as independent shares of what is still outside.
      const double before = shifts[z];
      shifts[z] = 1.0 - (1.0 - before) * (1.0 - shift);
      to_se[z] =
          shifts[z] > 0
              ? (before * to_se[z] + (shifts[z] - before) * s_.to_social_enterprises) / shifts[z]
              : 0.0;
    }
    for (std::size_t h = 0; h < households(w).size(); ++h)
      if (households(w).alive[h] && targets(households(w).zone[h])) outputs(w).participants += 1;
    delivery(w, s_.campaign_cost);
  }

 private:
  const scenario::BuyLocal& s_;
};

class LivingWageProgramme final : public Programme {
 public:
  LivingWageProgramme(World& w, std::size_t i, const scenario::LivingWage& s)
      : Programme(w, i), s_(s), anchors_(anchor_indices(w, s.anchors)) {
    if (s.anchors.empty()) anchors_.clear();  // no anchors named: firms only
  }
  void apply(World& w, int month) override {
    if (!active(month)) {
      if (month > end_) release(w);
      return;
    }
    if (!started_) start(w, month);
    for (auto a : anchors_)
      anchors(w)[a].living_wage = true;
    // Committed employers' staff (residents) are the programme's participants.
    auto& ps = persons(w);
    const auto& bs = businesses(w);
    const std::int32_t anchor_total = anchor_count(w);
    for (std::size_t p = 0; p < ps.size(); ++p) {
      const auto e = ps.employer[p];
      if (e < 0 || !ps.alive[p]) continue;
      const bool committed = e < anchor_total
                                 ? anchors(w)[static_cast<std::size_t>(e)].living_wage
                                 : bs.living_wage[static_cast<std::size_t>(e - anchor_total)] != 0;
      if (committed) outputs(w).participants += 1;
    }
  }

 private:
  void start(World& w, int month) {
    started_ = true;
    for (auto a : anchors_)
      anchors(w)[a].living_wage = true;
    auto& bs = businesses(w);
    for (std::size_t b = 0; b < bs.size(); ++b) {
      if (!bs.alive[b] || bs.kind[b] != BusinessKind::firm || bs.params[b] >= 2)
        continue;  // not contractors
      if (rng(w)
              .stream(bs.id[b], static_cast<std::uint32_t>(month), purpose(0))
              .bernoulli(s_.firm_share)) {
        bs.living_wage[b] = 1;
        committed_by_me_.insert(bs.id[b]);
      }
    }
    // Pay rises for the staff already there; a business's wage per worker rises with them,
    // so the same wage budget employs fewer people (the trade-off the model shows).
    auto& ps = persons(w);
    const std::int32_t anchor_total = anchor_count(w);
    std::vector<Pence> bill(bs.size(), 0);
    std::vector<std::int32_t> heads(bs.size(), 0);
    for (std::size_t p = 0; p < ps.size(); ++p) {
      const auto e = ps.employer[p];
      if (e < 0 || !ps.alive[p]) continue;
      const bool committed = e < anchor_total
                                 ? anchors(w)[static_cast<std::size_t>(e)].living_wage
                                 : bs.living_wage[static_cast<std::size_t>(e - anchor_total)] != 0;
      if (!committed) continue;
      const Pence raised = employer_wage(w, e, ps.skill[p]);
      if (raised > ps.wage[p]) {
        ps.wage[p] = raised;
        outputs(w).completions += 1;  // pay rises this month
      }
      if (e >= anchor_total) {
        bill[static_cast<std::size_t>(e - anchor_total)] += ps.wage[p];
        heads[static_cast<std::size_t>(e - anchor_total)] += 1;
      }
    }
    for (std::size_t b = 0; b < bs.size(); ++b) {
      if (!bs.living_wage[b]) continue;
      const auto employer = anchor_total + static_cast<std::int32_t>(b);
      bill[b] += bs.commuter_staff[b] * employer_wage(w, employer, kCommuterSkill);
      heads[b] += bs.commuter_staff[b];
      if (heads[b] > 0) bs.unit_wage[b] = std::max(bs.unit_wage[b], bill[b] / heads[b]);
    }
  }
  // The commitment lapses: new hires are paid as before (pay already raised stays).
  void release(World& w) {
    if (!started_) return;
    started_ = false;
    for (auto a : anchors_)
      anchors(w)[a].living_wage = false;
    auto& bs = businesses(w);
    for (std::size_t b = 0; b < bs.size(); ++b)
      if (committed_by_me_.count(bs.id[b])) bs.living_wage[b] = 0;
  }

  const scenario::LivingWage& s_;
  std::vector<std::size_t> anchors_;
  std::set<std::uint64_t> committed_by_me_;
  bool started_ = false;
};

}  // namespace

std::unique_ptr<Programme> make_programme(World& w, std::size_t i,
                                          const scenario::AnchorProcurement& s) {
  return std::make_unique<AnchorProcurementProgramme>(w, i, s);
}
std::unique_ptr<Programme> make_programme(World& w, std::size_t i,
                                          const scenario::AnchorRecruitment& s) {
  return std::make_unique<AnchorRecruitmentProgramme>(w, i, s);
}
std::unique_ptr<Programme> make_programme(World& w, std::size_t i, const scenario::BuyLocal& s) {
  return std::make_unique<BuyLocalProgramme>(w, i, s);
}
std::unique_ptr<Programme> make_programme(World& w, std::size_t i, const scenario::LivingWage& s) {
  return std::make_unique<LivingWageProgramme>(w, i, s);
}

}  // namespace cwb::model
