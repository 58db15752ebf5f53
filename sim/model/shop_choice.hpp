// Where households' spending in one category goes: the businesses of that category weighted by
// size, those in the household's own zone same_zone_weight times more. Either each household
// draws its shops (alias tables), or each business's takings are drawn at once with the same
// mean and variance (docs/odd.md, "Households"). Tested against each other in
// tests/model/test_shop_choice.cpp.
#pragma once

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/core/money.hpp"
#include "sim/core/quantiles.hpp"
#include "sim/model/picker.hpp"

namespace cwb::model {

/// A household spreads each category over this many near-equal parts, each at a business.
inline constexpr int kPartsPerCategory = 3;

/// Sum of the squares of the kPartsPerCategory near-equal parts `amount` (>= 0) is split into.
inline UInt128 sum_of_squared_parts(Pence amount) {
  static_assert(kPartsPerCategory == 3, "the closed form below is for three parts");
  if (amount < (Pence{1} << 32)) {
    // Below GBP 42 million, in 64 bits: with a = 3q + r, the parts' squares sum to
    // r (q + 1)^2 + (3 - r) q^2 = (a^2 - r^2) / 3 + r, which is (a^2 + 2) / 3 rounded down
    // for r = 0, 1 or 2 (a^2 + 2 stays below 2^64).
    const auto a = static_cast<std::uint64_t>(amount);
    return (a * a + 2) / 3;
  }
  const auto q = static_cast<UInt128>(amount / kPartsPerCategory);
  const auto r = static_cast<UInt128>(amount % kPartsPerCategory);
  return r * (q + 1) * (q + 1) + (kPartsPerCategory - r) * q * q;
}

/// What the households of each zone spent in one category this month: the total, and the sum
/// of the squares of the parts it was split into. (The households phase keeps one, per thread,
/// over cells of zone and category, and splits it by category afterwards.)
struct ZoneSpending {
  std::vector<Pence> spent;
  std::vector<UInt128> squared;
  explicit ZoneSpending(std::size_t zones) : spent(zones, 0), squared(zones, 0) {}
  void add(std::size_t zone, Pence amount) {
    spent[zone] += amount;
    squared[zone] += sum_of_squared_parts(amount);
  }
};

/// The businesses of one category. A household of zone z draws business b with weight
/// size_b x (same_zone_weight if b is in zone z else 1), as a mixture: with probability
/// p_z (area_share_) from the whole area (weight size), else from zone z alone (weight
/// (same_zone_weight - 1) x size).
class ShopChoice {
 public:
  /// alias_tables: build the tables households draw from (only needed for pick()).
  ShopChoice(std::size_t zones, double same_zone_weight, bool alias_tables)
      : extra_(same_zone_weight - 1.0), alias_tables_(alias_tables), zone_total_(zones, 0.0),
        zone_(alias_tables ? zones : 0) {}

  /// Businesses in index order; size <= 0 is never drawn.
  void add(std::int32_t business, std::uint16_t zone, double size) {
    if (size <= 0.0) return;
    members_.push_back(business);
    member_zone_.push_back(zone);
    member_size_.push_back(size);
    area_total_ += size;
    zone_total_[zone] += extra_ * size;
    if (!alias_tables_) return;
    area_.add(business, size);
    zone_[zone].add(business, extra_ * size);
  }
  /// Call after the last add.
  void build() {
    const std::size_t n = zone_total_.size();
    area_share_.assign(n, 1.0);
    zone_scale_.assign(n, 0.0);
    area_scale_.assign(n, 1.0);
    for (std::size_t z = 0; z < n; ++z) {
      if (zone_total_[z] <= 0.0) continue;
      const double p = area_total_ / (area_total_ + zone_total_[z]);
      area_share_[z] = p;
      area_scale_[z] = 1.0 / p;
      zone_scale_[z] = 1.0 / (1.0 - p);
    }
    if (!alias_tables_) return;
    area_.build();
    for (auto& table : zone_)
      table.build();
  }

  bool empty() const { return members_.empty(); }
  std::span<const std::int32_t> members() const { return members_; }

  /// One household part of zone z: one uniform u chooses the table and, rescaled to [0, 1),
  /// the business within it. Written with indexing rather than branches: which table a draw
  /// lands in is a coin toss the branch predictor cannot learn, and mispredictions cost more
  /// than the rest of the pick.
  std::size_t pick(std::size_t z, double u) const {
    const double p = area_share_[z];
    const bool in_area = u < p;
    const WeightedPicker* tables[2] = {&zone_[z], &area_};
    const double offsets[2] = {p, 0.0};
    const double scales[2] = {zone_scale_[z], area_scale_[z]};
    return static_cast<std::size_t>(
        tables[in_area]->pick((u - offsets[in_area]) * scales[in_area]));
  }

  struct Moments {
    double mean = 0.0, variance = 0.0;
    double spread = 0.0;  // sum_z Q_z pi_zb: the variance without the (1 - pi_zb) factors
  };
  /// Mean and variance of member i's takings when every part is drawn independently: a part
  /// from zone z lands on b with probability pi_zb = p_z a_b + (1 - p_z) o_b [b in z]
  /// (a_b = size / area total, o_b = (same_zone_weight - 1) size / zone total), so the mean is
  /// sum_z T_z pi_zb and the variance sum_z Q_z pi_zb (1 - pi_zb), T_z the zone's spending and
  /// Q_z the sum of its parts' squares.
  Moments moments(std::size_t i, const ZoneSpending& s) const {
    const Sums sums = sums_of(s);
    return moments(i, s, sums);
  }

  /// Takings of every member (in members() order), drawn at once, then scaled to add up exactly
  /// to what was spent. Member i draws a Poisson count of parts of size s / mean, inverted from
  /// uniform(i), s = sum_z Q_z pi_zb: mean and variance s, as if each part arrived as a Poisson
  /// process. Independent Poisson counts conditioned on their sum are multinomial, and the
  /// scaling plays the part of the conditioning: it takes each variance from s down to about
  /// s (1 - pi), that of moments(i).
  template <class Uniform>
  std::vector<Pence> draw_takings(const ZoneSpending& s, Uniform&& uniform) const {
    const Sums sums = sums_of(s);
    std::vector<Pence> takings(members_.size(), 0);
    if (members_.empty() || sums.total == 0) return takings;
    std::vector<std::int64_t> weights(members_.size(), 0);
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, members_.size(), 1024), [&](const auto& range) {
          for (std::size_t i = range.begin(); i != range.end(); ++i) {
            const Moments m = moments(i, s, sums);
            double x = m.mean;
            if (m.mean > 0.0 && m.spread > 0.0)
              x = m.spread / m.mean * poisson_quantile(uniform(i), m.mean * m.mean / m.spread);
            weights[i] = std::llround(std::max(0.0, x));
          }
        });
    // Only when a few pence were spent in all can every draw round to nothing: then by size.
    if (std::all_of(weights.begin(), weights.end(), [](std::int64_t w) { return w == 0; }))
      for (std::size_t i = 0; i < members_.size(); ++i)
        weights[i] = std::max<std::int64_t>(1, std::llround(member_size_[i]));
    return split_proportional(sums.total, weights);
  }

 private:
  struct Sums {
    Pence total = 0;
    double spent_area = 0.0, squared_area = 0.0, squared_area2 = 0.0;
  };
  Sums sums_of(const ZoneSpending& s) const {
    Sums sums;
    for (std::size_t z = 0; z < zone_total_.size(); ++z) {
      const double p = area_share_[z];
      const auto q = static_cast<double>(s.squared[z]);
      sums.total += s.spent[z];
      sums.spent_area += static_cast<double>(s.spent[z]) * p;
      sums.squared_area += q * p;
      sums.squared_area2 += q * p * p;
    }
    return sums;
  }
  Moments moments(std::size_t i, const ZoneSpending& s, const Sums& sums) const {
    const std::size_t z = member_zone_[i];
    const double size = member_size_[i];
    const double a = size / area_total_;
    const double o = zone_total_[z] > 0.0 ? extra_ * size / zone_total_[z] : 0.0;
    const double p = area_share_[z];
    const auto t = static_cast<double>(s.spent[z]);
    const auto q = static_cast<double>(s.squared[z]);
    const double own = p * a + (1.0 - p) * o;  // pi_zb in the business's own zone
    Moments m;
    m.mean = a * sums.spent_area + t * (1.0 - p) * o;
    m.spread = a * sums.squared_area + q * (1.0 - p) * o;
    m.variance = m.spread - (a * a * sums.squared_area2 + q * (own * own - p * a * p * a));
    return m;
  }

  double extra_;
  bool alias_tables_;
  std::vector<std::int32_t> members_;
  std::vector<std::uint16_t> member_zone_;
  std::vector<double> member_size_;
  double area_total_ = 0.0;
  std::vector<double> zone_total_;
  std::vector<double> area_share_, area_scale_, zone_scale_;
  WeightedPicker area_;
  std::vector<WeightedPicker> zone_;
};

}  // namespace cwb::model
