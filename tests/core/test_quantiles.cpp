// Quantile functions used for drawing by inversion: known values, and Poisson draws with the
// right mean and variance on both sides of the switch to the normal approximation.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/core/quantiles.hpp"

namespace cwb {
namespace {

TEST(Quantiles, NormalQuantileKnownValues) {
  EXPECT_EQ(normal_quantile(0.5), 0.0);
  EXPECT_NEAR(normal_quantile(0.975), 1.9599639845400536, 1e-14);
  EXPECT_NEAR(normal_quantile(0.025), -1.9599639845400536, 1e-14);
  EXPECT_NEAR(normal_quantile(0.8413447460685429), 1.0, 1e-13);
  EXPECT_NEAR(normal_quantile(1e-10), -6.361340902404056, 1e-12);  // AS 241's middle tail
  EXPECT_NEAR(normal_quantile(1e-300), -37.0470962993612, 1e-10);  // and its far tail
  // Monotone across the region boundaries (|q| = 0.425, r = 5).
  double last = normal_quantile(1e-15);
  for (double p = 1e-15; p < 1.0; p = p < 0.01 ? p * 1.5 : p + 0.001) {
    const double z = normal_quantile(p);
    EXPECT_GE(z, last) << p;
    last = z;
  }
}

// Mean and variance of poisson_quantile(u, lambda) over a fine midpoint grid of u: the
// distribution's own moments, up to the grid's resolution.
void expect_poisson_moments(double lambda) {
  constexpr int kPoints = 400000;
  double sum = 0.0, sum_sq = 0.0;
  for (int i = 0; i < kPoints; ++i) {
    const double k = poisson_quantile((i + 0.5) / kPoints, lambda);
    EXPECT_EQ(k, std::floor(k));
    sum += k;
    sum_sq += k * k;
  }
  const double mean = sum / kPoints;
  const double variance = sum_sq / kPoints - mean * mean;
  EXPECT_NEAR(mean, lambda, 2e-3 * lambda + 1e-3) << lambda;
  EXPECT_NEAR(variance, lambda, 1e-2 * lambda + 1e-3) << lambda;
}

TEST(Quantiles, PoissonQuantileHasPoissonMoments) {
  for (double lambda : {0.3, 2.0, 12.5, 49.9, 50.1, 120.0, 2500.0, 1e6})
    expect_poisson_moments(lambda);
}

TEST(Quantiles, PoissonQuantileExactValuesAndMonotone) {
  // lambda = 2: P(0) = 0.1353, P(<=1) = 0.4060, P(<=2) = 0.6767.
  EXPECT_EQ(poisson_quantile(0.1, 2.0), 0.0);
  EXPECT_EQ(poisson_quantile(0.2, 2.0), 1.0);
  EXPECT_EQ(poisson_quantile(0.5, 2.0), 2.0);
  EXPECT_EQ(poisson_quantile(0.5, 0.0), 0.0);
  // In u for a fixed mean, and in the mean for a fixed u (what keeps common random numbers
  // close when a policy moves a business's expected takings a little).
  for (double lambda : {5.0, 80.0}) {
    double last = 0.0;
    for (double u = 0.001; u < 1.0; u += 0.001) {
      EXPECT_GE(poisson_quantile(u, lambda), last);
      last = poisson_quantile(u, lambda);
    }
  }
  for (double u : {0.05, 0.5, 0.95}) {
    double last = 0.0;
    for (double lambda = 0.5; lambda < 200.0; lambda += 0.5) {
      EXPECT_GE(poisson_quantile(u, lambda), last) << u << " " << lambda;
      last = poisson_quantile(u, lambda);
    }
  }
}

}  // namespace
}  // namespace cwb
