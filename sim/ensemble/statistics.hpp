// Small-sample statistics for comparing scenarios: paired and Welch t intervals, ratios,
// discounting.
#pragma once

#include <span>

namespace cwb::ensemble {

/// Two-sided confidence level of every interval in the effects and value-for-money groups.
inline constexpr double kConfidenceLevel = 0.95;

/// A point estimate with a confidence interval. Bounds are NaN when the interval cannot be
/// estimated (fewer than two replicates, or a ratio whose denominator may be zero).
struct Estimate {
  double mean = 0.0;
  double low = 0.0;
  double high = 0.0;
};

/// The (1 + level) / 2 quantile of Student's t with `df` degrees of freedom (Boost.Math);
/// NaN for df <= 0 or not finite.
double t_critical(double df, double level = kConfidenceLevel);

/// Mean of `values` with the t interval mean +- t(n-1) s / sqrt(n). n = 1 gives NaN bounds;
/// values that are all equal give a zero-width interval.
Estimate mean_interval(std::span<const double> values, double level = kConfidenceLevel);

/// Paired effect: the mean of the per-replicate differences scenario[r] - baseline[r], with
/// the t interval of that mean (n - 1 degrees of freedom). Spans must have the same length.
Estimate paired_effect(std::span<const double> scenario, std::span<const double> baseline,
                       double level = kConfidenceLevel);

/// Unpaired (Welch) interval for the same difference of means, treating the two samples as
/// independent: se = sqrt(s1^2/n1 + s2^2/n2), Welch-Satterthwaite degrees of freedom.
/// Both samples constant gives a zero-width interval; n < 2 in either gives NaN bounds.
Estimate welch_effect(std::span<const double> scenario, std::span<const double> baseline,
                      double level = kConfidenceLevel);

/// Ratio of means mean(numerator) / mean(denominator) over paired per-replicate values, with
/// a delta-method interval: var(R) = (s_N^2 - 2 R s_NC + R^2 s_C^2) / (n mean(C)^2), t(n-1).
/// The ratio is NaN when mean(denominator) <= 0 (nothing spent, or no jobs gained); the
/// bounds are NaN as well when the denominator's own interval reaches zero (Fieller's
/// condition: the ratio is then unbounded within the confidence level).
Estimate ratio_of_means(std::span<const double> numerator, std::span<const double> denominator,
                        double level = kConfidenceLevel);

/// Green Book discount factor for simulated month `month` (0 = the first month of the study,
/// not discounted): (1 + annual_rate)^(-month / 12).
double discount_factor(int month, double annual_rate);

}  // namespace cwb::ensemble
