// Programmes: the USE-IT! strands, the anchor levers and capital projects acting on the World.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/model/world.hpp"

namespace cwb::model {

/// A programme acts in phase 1 of every month (docs/odd.md, "Programmes"). Policy setters
/// (pass 1) run before programmes that add to policy levels or act on agents (pass 2).
/// Programmes pay through the `programmes` sector of the SAM. Random draws are keyed by the
/// programme's name (not its position), so a scenario and its baseline share them.
class Programme {
 public:
  Programme(const World& world, std::size_t index);
  virtual ~Programme() = default;
  const std::string& name() const { return entry_.name; }
  virtual int pass() const { return 2; }
  virtual void apply(World& world, int month) = 0;

 protected:
  bool active(int month) const { return month >= start_ && month <= end_; }
  /// A ramp's value this month; a ramp without its own start starts with the programme.
  double ramp_value(const scenario::Ramp& ramp, int month) const;
  /// A whole number from a ramp: the fraction is an exact monthly draw, not rounding.
  std::int64_t ramp_count(World& w, const scenario::Ramp& ramp, int month) const;
  bool targets(std::size_t zone) const { return zones_[zone]; }
  /// The k-th random purpose of this programme (k < 4).
  Purpose purpose(int k) const { return static_cast<Purpose>(purpose_base_ + k); }
  std::uint64_t name_hash() const { return name_hash_; }
  /// Indices of the anchors named in `names` (all anchors when empty).
  std::vector<std::size_t> anchor_indices(const World& w,
                                          const std::vector<std::string>& names) const;

  // Access to the World for programmes (Programme is World's friend; its subclasses are not).
  static Persons& persons(World& w) { return w.persons_; }
  static Households& households(World& w) { return w.households_; }
  static Businesses& businesses(World& w) { return w.businesses_; }
  static std::vector<AnchorState>& anchors(World& w) { return w.anchors_; }
  static std::vector<double>& engagement(World& w) { return w.engagement_; }
  static std::vector<double>& buy_local_shift(World& w) { return w.buy_local_shift_; }
  static std::vector<double>& buy_local_to_se(World& w) { return w.buy_local_to_se_; }
  static std::vector<double>& asset_tenancies(World& w) { return w.asset_tenancies_; }
  static std::vector<double>& asset_hours(World& w) { return w.asset_hours_; }
  static const RandomSource& rng(const World& w) { return w.rng_; }
  static const std::vector<ZoneCalibration>& calibration(const World& w) { return w.calibration_; }
  ProgrammeOutputs& outputs(World& w) const { return w.programme_outputs_[index_]; }
  static std::int32_t anchor_count(const World& w) { return w.anchor_count(); }
  static void hire(World& w, std::size_t p, std::int32_t employer) { w.hire(p, employer); }
  static void make_unemployed(World& w, std::size_t p) { w.make_unemployed(p); }
  static void credit_wage(World& w, std::uint32_t h, Pence wage) { w.credit_wage(h, wage); }
  void pay(World& w, accounting::Sector funder, accounting::Sector payee, Pence amount) const {
    w.programme_pay(index_, funder, payee, amount);
  }
  void delivery(World& w, Pence amount) const {
    w.programme_delivery(index_, amount, entry_.local_delivery_share);
  }
  static std::size_t open_business(World& w, std::uint16_t zone, BusinessKind kind,
                                   std::uint64_t id, bool birth = true, double size_share = 1.0) {
    w.open_business(zone, kind, id, birth, size_share);
    return w.businesses_.size() - 1;
  }
  static void close_business(World& w, std::size_t b);
  static Pence employer_wage(const World& w, std::int32_t e, std::uint8_t skill) {
    return w.employer_wage(e, skill);
  }
  /// Adds a parameter set for a contractor of this programme; returns its index.
  std::uint16_t add_parameter_set(World& w, const scenario::FirmParams& params) const;
  static void move_in(World& w, std::uint16_t zone, std::int32_t count, std::uint64_t tag,
                      std::uint64_t index_base) {
    w.move_in(zone, count, tag, index_base);
  }
  /// Unemployed (or, if `inactive_too`, inactive) residents of a zone (any zone if zone < 0)
  /// in a random order keyed by this programme, person and month.
  std::vector<std::size_t> job_seekers(World& w, int zone, bool inactive_too, int month,
                                       int k) const;

  const scenario::ProgrammeEntry& entry_;
  const std::size_t index_;
  int start_ = 0, end_ = 0;  // month indices, inclusive
  std::vector<bool> zones_;

 private:
  std::uint64_t name_hash_ = 0;
  YearMonth scenario_start_;
  std::uint16_t purpose_base_ = 0;
};

}  // namespace cwb::model
