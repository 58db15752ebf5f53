"""Every group, dimension and variable name the analysis reads, in one place.

Why: the results file is written by several people's code (the core indicators now, the
`effects` and `programmes` groups as they land). Keeping the names here means aligning with a
renamed variable is a one-line change, and the rest of the package never spells a name.
Names follow sim/ensemble/document.cpp and the issue texts (issue 3 item 8, issue 4 item 3).
"""
from __future__ import annotations

# Groups -------------------------------------------------------------------------------------
INDICATORS = "indicators"
ANCHORS = "anchors"
ACCOUNTS = "accounts"
SCENARIOS = "scenarios"
EFFECTS = "effects"                  # paired effects and cumulative totals (docs/comparison.md)
PROGRAMMES = "programmes"            # programme outputs per month
VALUE_FOR_MONEY = "value_for_money"  # SROI, cost per job, present values
ADDITIONALITY = "additionality"      # gross, deadweight, displacement, leakage, net per programme
ADDITIONALITY_GROUPS = (ADDITIONALITY, EFFECTS)  # where additionality may be written
VALUE_GROUPS = (VALUE_FOR_MONEY, EFFECTS)        # where value for money may be written
KNOWN_GROUPS = (INDICATORS, ANCHORS, ACCOUNTS, SCENARIOS, EFFECTS, PROGRAMMES,
                ADDITIONALITY, VALUE_FOR_MONEY)

# Dimensions ---------------------------------------------------------------------------------
SCENARIO = "scenario"
REPLICATE = "replicate"
MONTH = "month"
ZONE = "zone"
ZONE_ALL = "all"              # the whole study area
ANCHOR = "anchor"
INDICATOR = "indicator"       # effects: labelled indicator axis
PROGRAMME = "programme"
PAYER = "payer"
PAYEE = "payee"
SECTOR = "sector"

# indicators group ---------------------------------------------------------------------------
EMPLOYMENT_RATE = "employment_rate"
UNEMPLOYMENT_RATE = "unemployment_rate"
INACTIVITY_RATE = "inactivity_rate"
CLAIMANT_RATE = "claimant_rate"
MEDIAN_INCOME = "median_equivalised_income"
MEAN_INCOME = "mean_equivalised_income"
POVERTY_RATE = "poverty_rate"
GINI = "gini"
LOCAL_SPEND_SHARE = "local_spend_share"
FIRMS = "firms"
SOCIAL_ENTERPRISES = "social_enterprises"
SE_JOBS = "social_enterprise_jobs"
WORKING_AGE = "working_age_population"
FIRM_JOBS = "firm_jobs"
ENGAGEMENT = "engagement"     # issue 3: added with community research
# Derived by this package (not in the file): employed residents = rate x working-age people.
EMPLOYED_RESIDENTS = "employed_residents"
# Derived: the effect on the employment rate x the baseline run's working-age population, per
# replicate and month (cwbsim's headline measure; the file has it at the horizon only).
EMPLOYED_AT_BASE_POP = "employed_residents_at_baseline_population"

# anchors group ------------------------------------------------------------------------------
ANCHOR_SPEND = "spend"
LOCAL_PROCUREMENT_SHARE = "local_procurement_share"
ANCHOR_SE_SHARE = "social_enterprise_share"
LOCAL_WORKFORCE_SHARE = "local_workforce_share"
LM3 = "lm3"
LOCAL_HIRES = "local_hires"   # issue 3: added with anchor recruitment
ANCHOR_LONG_NAME = "anchor_long_name"
ANCHOR_KIND = "anchor_kind"

# accounts group -----------------------------------------------------------------------------
SAM = "sam"
STOCKS = "stocks"
REST_OF_WORLD = "rest_of_world"
GOVERNMENT = "government"

# scenarios group ----------------------------------------------------------------------------
TITLE = "title"
SOURCE_FILE = "source_file"
RESOLVED_YAML = "resolved_yaml"

# effects group (issue 4 item 3) ---------------------------------------------------------------
EFFECT_MEAN = "effect_mean"
EFFECT_CI_LOW = "effect_ci_low"
EFFECT_CI_HIGH = "effect_ci_high"
UNPAIRED_CI_LOW = "unpaired_ci_low"
UNPAIRED_CI_HIGH = "unpaired_ci_high"
ANCHOR_EFFECT_PREFIX = "anchor_"   # anchor_effect_mean, anchor_effect_ci_low, ...
ANCHOR_INDICATOR = "anchor_indicator"  # the anchor effects' indicator axis
INDICATOR_UNITS = "indicator_units"    # CF units of each indicator (and of its effects)
# Totals and appraisals are stored over (scenario, statistic) with these statistic labels.
STATISTIC = "statistic"
STAT_MEAN, STAT_CI_LOW, STAT_CI_HIGH = "mean", "ci_low", "ci_high"
# Cumulative effects over the horizon (effects group, over scenario x statistic).
CUMULATIVE_KEYS = ("employed_residents_gain_at_horizon", "employment_person_months_gain",
                   "local_income_gain_pv", "local_income_gain")
EMPLOYED_GAIN = "employed_residents_gain_at_horizon"        # raw count, last month
HEADLINE_GAIN = "employment_gain_at_baseline_population"    # the plain sentence's measure
# Suffixes that pair an estimate with its interval: NAME_mean (or NAME), NAME_ci_low, NAME_ci_high.
MEAN_SUFFIX = "_mean"
CI_LOW_SUFFIX = "_ci_low"
CI_HIGH_SUFFIX = "_ci_high"

# Additionality: the waterfall's steps, in order, matched as whole words (between underscores)
# of the variable names, so `gross_at_horizon`, `gross_outcome_mean` and
# `additionality_gross_mean` all work and `deadweight_share_at_horizon` or
# `nonparticipant_losses_at_horizon` are never taken for a step.
ADDITIONALITY_STEPS = ("gross", "deadweight", "displacement", "leakage", "net")
ADDITIONALITY_EXCLUDE = ("share", "nonparticipant", "participants")  # words that disqualify
ADDITIONALITY_MEASURES = ("at_horizon", "person_months")  # preferred first
PROGRAMME_ALL = "all"          # additionality: every participant of the scenario
PARTICIPANTS_VAR = "participants"
# Value for money (issue 4 item 5): matched as substrings, shown in this order when present.
VALUE_KEYS = ("sroi", "cost_per_net_additional_job", "social_value", "fiscal", "net_local_income",
              "programme_cost", "net_additional_jobs", "cost")
SROI = "sroi"
COST_PER_JOB = "cost_per_net_additional_job"
PROGRAMME_COSTS = "programme_costs"
PROGRAMME_COSTS_PV = "programme_costs_pv"
SOCIAL_VALUE_PV = "social_value_pv"
NET_ADDITIONAL_JOBS = "net_additional_jobs"
PROGRAMME_TYPE = "programme_type"

# programmes group (issue 3 item 8) ----------------------------------------------------------
PARTICIPANTS = "participants"
COMPLETIONS = "completions"
PLACEMENTS = "placements"
PROGRAMME_COST = "cost"       # pence
PROGRAMME_OUTPUTS = (PARTICIPANTS, COMPLETIONS, PLACEMENTS)

# Root attributes (provenance) -------------------------------------------------------------
PROVENANCE_ATTRS = ("cwbsim_version", "git_commit", "format_version", "seed", "replicates",
                    "months", "start", "baseline", "threads", "command_line", "created")
BASELINE_ATTR = "baseline"
