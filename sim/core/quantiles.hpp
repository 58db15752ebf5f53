// Quantile functions for drawing by inversion: one uniform in, one value out, monotone in the
// uniform. Inversion keeps common random numbers tight: the same uniform with slightly
// different parameters (a policy run and its baseline) gives a slightly different value.
#pragma once

#include <algorithm>
#include <cmath>

namespace cwb {

/// Standard normal quantile Phi^-1(p), Wichura's algorithm AS 241 (Applied Statistics 37,
/// 1988): relative error about 1e-16 for p in (0, 1). p outside (0, 1) is clamped to the nearest
/// double inside it.
inline double normal_quantile(double p) {
  p = std::clamp(p, 0x1.0p-1074, 1.0 - 0x1.0p-53);
  const double q = p - 0.5;
  if (std::fabs(q) <= 0.425) {
    const double r = 0.180625 - q * q;
    return q *
           (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) *
                    r +
                45921.953931549871457) *
                   r +
               13731.693765509461125) *
                  r +
              1971.5909503065514427) *
                 r +
             133.14166789178437745) *
                r +
            3.3871328727963666080) /
           (((((((5226.4952788528545610 * r + 28729.085735721942674) * r + 39307.895800092710610) *
                    r +
                21213.794301586595867) *
                   r +
               5394.1960214247511077) *
                  r +
              687.18700749205790830) *
                 r +
             42.313330701600911252) *
                r +
            1.0);
  }
  double r = std::sqrt(-std::log(q < 0.0 ? p : 1.0 - p));
  double value;
  if (r <= 5.0) {
    r -= 1.6;
    value = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r +
                  2.41780725177450611770e-1) *
                     r +
                 1.27045825245236838258) *
                    r +
                3.64784832476320460504) *
                   r +
               5.76949722146069140550) *
                  r +
              4.63033784615654529590) *
                 r +
             1.42343711074968357734) /
            (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r +
                  1.51986665636164571966e-2) *
                     r +
                 1.48103976427480074590e-1) *
                    r +
                6.89767334985100004550e-1) *
                   r +
               1.67638483018380384940) *
                  r +
              2.05319162663775882187) *
                 r +
             1.0);
  } else {
    r -= 5.0;
    value = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r +
                  1.24266094738807843860e-3) *
                     r +
                 2.65321895265761230930e-2) *
                    r +
                2.96560571828504891230e-1) *
                   r +
               1.78482653991729133580) *
                  r +
              5.46378491116411436990) *
                 r +
             6.65790464350110377720) /
            (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r +
                  1.84631831751005468180e-5) *
                     r +
                 7.86869131145613259100e-4) *
                    r +
                1.48753612908506148525e-2) *
                   r +
               1.36929880922735805310e-1) *
                  r +
              5.99832206555887937690e-1) *
                 r +
             1.0);
  }
  return q < 0.0 ? -value : value;
}

/// Mean above which poisson_quantile uses its normal approximation.
inline constexpr double kPoissonExactUpTo = 50.0;

/// The Poisson(lambda) quantile at u in (0, 1): the smallest k with P(X <= k) >= u. Exact
/// (summing the probabilities) for lambda <= kPoissonExactUpTo; above, the Cornish-Fisher
/// expansion with the skewness term, rounded to the nearest integer and never negative, whose
/// error in the distribution function is below 1e-3 there and shrinks as 1/lambda.
inline double poisson_quantile(double u, double lambda) {
  if (lambda <= 0.0) return 0.0;
  if (lambda > kPoissonExactUpTo) {
    const double z = normal_quantile(u);
    const double x = lambda + std::sqrt(lambda) * z + (z * z - 1.0) / 6.0;
    return std::max(0.0, std::floor(x + 0.5));
  }
  double p = std::exp(-lambda);
  double cumulative = p;
  double k = 0.0;
  // The cap stops the sum where rounding could keep it just below u (u within 1e-15 of 1).
  const double cap = lambda + 40.0 * std::sqrt(lambda) + 40.0;
  while (cumulative < u && k < cap) {
    k += 1.0;
    p *= lambda / k;
    cumulative += p;
  }
  return k;
}

}  // namespace cwb
