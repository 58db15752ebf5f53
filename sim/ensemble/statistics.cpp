// Student t intervals (paired, Welch, delta-method ratio) and Green Book discounting.
#include "sim/ensemble/statistics.hpp"

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace cwb::ensemble {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Moments {
  double n = 0, mean = 0, variance = 0;  // variance with n - 1 in the denominator
};

// Equal values are detected first so that their mean is exact and their variance exactly 0
// (summing then dividing would leave rounding noise and a spurious non-zero width).
Moments moments(std::span<const double> x) {
  Moments m;
  m.n = static_cast<double>(x.size());
  if (x.empty()) return m;
  if (std::all_of(x.begin(), x.end(), [&](double v) { return v == x.front(); })) {
    m.mean = x.front();
    return m;
  }
  double sum = 0;
  for (double v : x)
    sum += v;
  m.mean = sum / m.n;
  double squares = 0;
  for (double v : x)
    squares += (v - m.mean) * (v - m.mean);
  m.variance = x.size() > 1 ? squares / (m.n - 1) : 0.0;
  return m;
}

Estimate interval(double mean, double se, double df, double level) {
  if (!(df > 0) || !std::isfinite(mean)) return {mean, kNaN, kNaN};
  if (se == 0.0) return {mean, mean, mean};
  const double half = t_critical(df, level) * se;
  return {mean, mean - half, mean + half};
}

}  // namespace

double t_critical(double df, double level) {
  if (!(df > 0) || !std::isfinite(df)) return kNaN;
  const boost::math::students_t distribution(df);
  return boost::math::quantile(distribution, 0.5 + level / 2.0);
}

Estimate mean_interval(std::span<const double> values, double level) {
  if (values.empty()) return {kNaN, kNaN, kNaN};
  const Moments m = moments(values);
  return interval(m.mean, std::sqrt(m.variance / m.n), m.n - 1, level);
}

Estimate paired_effect(std::span<const double> scenario, std::span<const double> baseline,
                       double level) {
  const std::size_t n = std::min(scenario.size(), baseline.size());
  std::vector<double> differences(n);
  for (std::size_t r = 0; r < n; ++r)
    differences[r] = scenario[r] - baseline[r];
  return mean_interval(differences, level);
}

Estimate welch_effect(std::span<const double> scenario, std::span<const double> baseline,
                      double level) {
  if (scenario.empty() || baseline.empty()) return {kNaN, kNaN, kNaN};
  const Moments a = moments(scenario), b = moments(baseline);
  // The same point estimate as the paired effect (mean of differences = difference of means),
  // computed the paired way so that both intervals are centred on the same number.
  const double mean = paired_effect(scenario, baseline, level).mean;
  if (a.n < 2 || b.n < 2) return {mean, kNaN, kNaN};
  const double va = a.variance / a.n, vb = b.variance / b.n;
  const double se = std::sqrt(va + vb);
  if (se == 0.0) return {mean, mean, mean};
  const double df = (va + vb) * (va + vb) / (va * va / (a.n - 1) + vb * vb / (b.n - 1));
  return interval(mean, se, df, level);
}

Estimate ratio_of_means(std::span<const double> numerator, std::span<const double> denominator,
                        double level) {
  const std::size_t n = std::min(numerator.size(), denominator.size());
  if (n == 0) return {kNaN, kNaN, kNaN};
  const Moments num = moments(numerator.first(n)), den = moments(denominator.first(n));
  if (!(den.mean > 0)) return {kNaN, kNaN, kNaN};
  const double ratio = num.mean / den.mean;
  if (n < 2) return {ratio, kNaN, kNaN};
  const Estimate den_interval = mean_interval(denominator.first(n), level);
  if (!(den_interval.low > 0)) return {ratio, kNaN, kNaN};
  double covariance = 0;
  for (std::size_t r = 0; r < n; ++r)
    covariance += (numerator[r] - num.mean) * (denominator[r] - den.mean);
  covariance /= static_cast<double>(n - 1);
  const double variance =
      std::max(0.0, num.variance - 2 * ratio * covariance + ratio * ratio * den.variance) /
      (static_cast<double>(n) * den.mean * den.mean);
  return interval(ratio, std::sqrt(variance), static_cast<double>(n - 1), level);
}

double discount_factor(int month, double annual_rate) {
  return std::pow(1.0 + annual_rate, -static_cast<double>(month) / 12.0);
}

}  // namespace cwb::ensemble
