// Income statistics, the tax-benefit rules and the stock-flow check on hand-computed inputs.
#include <gtest/gtest.h>

#include "sim/accounting/indicators.hpp"
#include "sim/accounting/sam.hpp"
#include "sim/core/errors.hpp"
#include "sim/model/tax_benefit.hpp"

namespace cwb {
namespace {

using accounting::WeightedValue;

TEST(Statistics, WeightedMedianAndPovertyShare) {
  std::vector<WeightedValue> v = {{10, 1}, {20, 1}, {30, 3}};
  EXPECT_DOUBLE_EQ(accounting::weighted_median(v), 30);  // 3 of 5 people have 30
  EXPECT_DOUBLE_EQ(accounting::weighted_share_below(v, 25), 0.4);
  EXPECT_DOUBLE_EQ(accounting::weighted_mean(v), (10 + 20 + 90) / 5.0);
}

TEST(Statistics, GiniOfEqualAndConcentratedIncomes) {
  std::vector<WeightedValue> equal = {{5, 1}, {5, 2}, {5, 1}};
  EXPECT_NEAR(accounting::weighted_gini(equal), 0.0, 1e-12);
  // Two people, one has everything: G = 1 - 1/n = 0.5 for n = 2.
  std::vector<WeightedValue> one_has_all = {{0, 1}, {100, 1}};
  EXPECT_NEAR(accounting::weighted_gini(one_has_all), 0.5, 1e-12);
  // Weights are people: {1, 1, 1, 3} equals three people with 1 and one with 3.
  std::vector<WeightedValue> weighted = {{1, 3}, {3, 1}};
  std::vector<WeightedValue> expanded = {{1, 1}, {1, 1}, {1, 1}, {3, 1}};
  EXPECT_NEAR(accounting::weighted_gini(weighted), accounting::weighted_gini(expanded), 1e-12);
  // Mean absolute difference over all pairs 2 x 3 x 2 / 16 = 0.75; G = 0.75 / (2 x 1.5) = 0.25.
  EXPECT_NEAR(accounting::weighted_gini(expanded), 0.25, 1e-12);
}

TEST(TaxBenefit, IncomeTaxAndNationalInsurance) {
  scenario::TaxBenefitParams tb;  // 2017/18: PA 11,500, basic 20%; NI 8,164 at 12%
  // GBP 2,000 a month: tax 20% x (2000 - 958.33), NI 12% x (2000 - 680.33).
  const Pence expected =
      share_of(200000 - 1150000 / 12, 0.2) + share_of(200000 - 816400 / 12, 0.12);
  EXPECT_EQ(model::income_tax_and_ni(200000, tb), expected);
  EXPECT_EQ(model::income_tax_and_ni(50000, tb), 0);  // below both thresholds
}

TEST(TaxBenefit, BenefitTapersAwayWithEarnings) {
  scenario::TaxBenefitParams tb;
  const Pence maximum = 2 * tb.standard_allowance + tb.child_element + tb.housing_element_cap;
  EXPECT_EQ(model::benefit_award(2, 1, 0, tb), maximum);
  EXPECT_EQ(model::benefit_award(2, 1, tb.work_allowance, tb), maximum);
  EXPECT_EQ(model::benefit_award(2, 1, tb.work_allowance + 10000, tb),
            maximum - 6300);  // 63% taper
  EXPECT_EQ(model::benefit_award(2, 1, 100000000, tb), 0);
}

TEST(Households, PropensityFallsWithIncomeAndSavingsAreSteady) {
  scenario::HouseholdParams hp;
  EXPECT_GT(model::marginal_propensity(50000, hp), model::marginal_propensity(500000, hp));
  EXPECT_NEAR(model::marginal_propensity(hp.mpc_halfway_income, hp),
              (hp.mpc_low_income + hp.mpc_high_income) / 2, 1e-12);
  // At the steady state, a household spends exactly its income (savings do not move).
  const Pence income = 180000;
  const Pence savings = model::steady_state_savings(income, hp);
  EXPECT_NEAR(static_cast<double>(model::consumption(savings, income, hp)),
              static_cast<double>(income), 2.0);
}

TEST(Accounts, StockFlowCheckNamesMonthAndSector) {
  accounting::Sam sam;
  sam.add(accounting::Sector::government, accounting::Sector::anchors, 100);
  accounting::Stocks before{}, after{};
  after[accounting::index(accounting::Sector::anchors)] = 100;
  after[accounting::index(accounting::Sector::government)] = -100;
  EXPECT_NO_THROW(accounting::check_stock_flow(before, after, sam, 3, "2017-04"));
  after[accounting::index(accounting::Sector::anchors)] = 99;
  try {
    accounting::check_stock_flow(before, after, sam, 3, "2017-04");
    FAIL() << "a missing penny must stop the run";
  } catch (const AccountingError& e) {
    EXPECT_NE(std::string(e.what()).find("month 3 (2017-04)"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("sector anchors"), std::string::npos);
  }
}

}  // namespace
}  // namespace cwb
