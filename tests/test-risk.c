/* test-risk.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "rd-format.h"
#include "rd-risk.h"

/* A calm account: every factor at its lowest. */
static void
calm_input (RdRiskInput *input)
{
  memset (input, 0, sizeof *input);
  input->industry = "Software";
  input->country = "DE";
  input->cash_stability = RD_LEVEL_HIGH;
  input->stage = RD_STAGE_MATURING;
  input->status = RD_STATUS_ACTIVE;
  input->days_to_renewal = 365;
  input->days_in_stage = 10;
  input->worst_delay_class = -1;
}

static int
score_of (const RdRiskInput *input)
{
  RdRiskResult result;

  rd_risk_rate (NULL, input, &result);
  return result.score;
}

static void
test_calm_is_zero (void)
{
  RdRiskInput input;
  RdRiskResult result;

  calm_input (&input);
  rd_risk_rate (NULL, &input, &result);
  g_assert_cmpint (result.score, ==, 0);
  g_assert_cmpint (result.band, ==, RD_RISK_BAND_LOW);
  g_assert_cmpuint (result.n_factors, ==, 0);
}

typedef struct
{
  const char *name;
  void      (*worse) (RdRiskInput *input);
  const char *factor;
} Direction;

static void worse_industry (RdRiskInput *i) { i->industry = "Hospitality"; }
static void worse_geography (RdRiskInput *i) { i->country = "ES"; }
static void worse_cash (RdRiskInput *i) { i->cash_stability = RD_LEVEL_LOW; }
static void worse_stage (RdRiskInput *i) { i->stage = RD_STAGE_DEFENDING; }
static void worse_renewal (RdRiskInput *i) { i->days_to_renewal = 20; }
static void worse_overdue (RdRiskInput *i) { i->days_to_renewal = -3; }
static void worse_delays (RdRiskInput *i) { i->open_delays = 1; i->worst_delay_class = RD_CLASS_RISK; }
static void worse_extensions (RdRiskInput *i) { i->extensions = 2; }
static void worse_churn (RdRiskInput *i) { i->status = RD_STATUS_EXPECTED_CHURN; }
static void
worse_stalled (RdRiskInput *i)
{
  i->stage = RD_STAGE_INSTALLING;
  i->days_in_stage = 200;
}

static const Direction directions[] = {
  { "industry", worse_industry, RD_RISK_FACTOR_INDUSTRY },
  { "geography", worse_geography, RD_RISK_FACTOR_GEOGRAPHY },
  { "cash", worse_cash, RD_RISK_FACTOR_CASH },
  { "stage", worse_stage, RD_RISK_FACTOR_STAGE },
  { "renewal", worse_renewal, RD_RISK_FACTOR_RENEWAL },
  { "overdue", worse_overdue, RD_RISK_FACTOR_OVERDUE },
  { "delays", worse_delays, RD_RISK_FACTOR_DELAYS },
  { "extensions", worse_extensions, RD_RISK_FACTOR_EXTENSIONS },
  { "churn", worse_churn, RD_RISK_FACTOR_EXPECTED_CHURN },
  { "stalled", worse_stalled, RD_RISK_FACTOR_STALLED },
};

/* Each factor, made worse alone, raises the score and names itself first. */
static void
test_each_factor_direction (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (directions); i++)
    {
      RdRiskInput input;
      RdRiskResult result;

      calm_input (&input);
      directions[i].worse (&input);
      rd_risk_rate (NULL, &input, &result);
      g_test_message ("%s: %d", directions[i].name, result.score);
      g_assert_cmpint (result.score, >, 0);
      g_assert_cmpuint (result.n_factors, >=, 1);
      g_assert_cmpstr (result.factors[0], ==, directions[i].factor);
      g_assert_nonnull (rd_risk_factor_label (result.factors[0]));
    }
}

/* Monotone steps within one factor. */
static void
test_graded_factors (void)
{
  RdRiskInput input;
  int a, b, c;

  calm_input (&input);
  input.days_to_renewal = 170;
  a = score_of (&input);
  input.days_to_renewal = 80;
  b = score_of (&input);
  input.days_to_renewal = 10;
  c = score_of (&input);
  g_assert_cmpint (a, <, b);
  g_assert_cmpint (b, <, c);
  input.days_to_renewal = RD_RISK_UNKNOWN_DAYS;
  g_assert_cmpint (score_of (&input), ==, 0);

  calm_input (&input);
  input.cash_stability = RD_LEVEL_MEDIUM;
  a = score_of (&input);
  input.cash_stability = RD_LEVEL_LOW;
  b = score_of (&input);
  g_assert_cmpint (0, <, a);
  g_assert_cmpint (a, <, b);

  calm_input (&input);
  input.open_delays = 1;
  input.worst_delay_class = RD_CLASS_ADMINISTRATIVE;
  a = score_of (&input);
  input.worst_delay_class = RD_CLASS_DECISION;
  b = score_of (&input);
  input.worst_delay_class = RD_CLASS_RISK;
  c = score_of (&input);
  g_assert_cmpint (a, <, b);
  g_assert_cmpint (b, <, c);
  input.open_delays = 3;
  g_assert_cmpint (score_of (&input), >, c);

  /* Installing is stalled only past the threshold. */
  calm_input (&input);
  input.stage = RD_STAGE_INSTALLING;
  input.days_in_stage = RD_RISK_DEFAULT_STALLED_DAYS;
  a = score_of (&input);
  input.days_in_stage = RD_RISK_DEFAULT_STALLED_DAYS + 1;
  b = score_of (&input);
  g_assert_cmpint (a, <, b);
}

static void
test_band_edges (void)
{
  static const struct { int score; RdRiskBand band; } edges[] = {
    { 0, RD_RISK_BAND_LOW },
    { 24, RD_RISK_BAND_LOW },
    { 25, RD_RISK_BAND_MEDIUM },
    { 49, RD_RISK_BAND_MEDIUM },
    { 50, RD_RISK_BAND_HIGH },
    { 74, RD_RISK_BAND_HIGH },
    { 75, RD_RISK_BAND_CRITICAL },
    { 100, RD_RISK_BAND_CRITICAL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    g_assert_cmpint (rd_risk_band_for_score (edges[i].score), ==, edges[i].band);
}

/* Everything at its worst is clamped to 100, critical, three factors. */
static void
test_clamp_and_top_three (void)
{
  RdRiskInput input;
  RdRiskResult result;

  calm_input (&input);
  for (guint i = 0; i < G_N_ELEMENTS (directions); i++)
    if (directions[i].worse != worse_overdue && directions[i].worse != worse_stage)
      directions[i].worse (&input);
  rd_risk_rate (NULL, &input, &result);

  g_assert_cmpint (result.score, ==, 100);
  g_assert_cmpint (result.band, ==, RD_RISK_BAND_CRITICAL);
  g_assert_cmpuint (result.n_factors, ==, 3);
  /* largest first: churn 25, delays 20, industry 16 */
  g_assert_cmpstr (result.factors[0], ==, RD_RISK_FACTOR_EXPECTED_CHURN);
  g_assert_cmpstr (result.factors[1], ==, RD_RISK_FACTOR_DELAYS);
  g_assert_cmpstr (result.factors[2], ==, RD_RISK_FACTOR_INDUSTRY);
  g_assert_cmpint (result.points[0], >=, result.points[1]);
  g_assert_cmpint (result.points[1], >=, result.points[2]);
}

/* Equal contributions keep the documented order: cash before stage. */
static void
test_ties_are_stable (void)
{
  RdRiskInput input;
  RdRiskResult result;

  calm_input (&input);
  input.cash_stability = RD_LEVEL_LOW;   /* 15 */
  input.stage = RD_STAGE_DEFENDING;      /* 15 */
  rd_risk_rate (NULL, &input, &result);
  g_assert_cmpuint (result.n_factors, ==, 2);
  g_assert_cmpstr (result.factors[0], ==, RD_RISK_FACTOR_CASH);
  g_assert_cmpstr (result.factors[1], ==, RD_RISK_FACTOR_STAGE);
  g_assert_cmpint (result.score, ==, 30);
  g_assert_cmpint (result.band, ==, RD_RISK_BAND_MEDIUM);
}

static void
test_defaults_and_json (void)
{
  g_autoptr(RdRiskConfig) config = rd_risk_config_new_default ();
  g_autoptr(RdRiskConfig) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_auto(GStrv) industries = NULL;
  RdRiskInput input;
  RdRiskResult result;

  g_assert_cmpint (rd_risk_config_get_industry (config, "Hospitality"), ==, RD_LEVEL_HIGH);
  g_assert_cmpint (rd_risk_config_get_industry (config, "  hospitality "), ==, RD_LEVEL_HIGH);
  g_assert_cmpint (rd_risk_config_get_industry (config, "Software"), ==, RD_LEVEL_LOW);
  g_assert_cmpint (rd_risk_config_get_industry (config, "Mining"), ==, RD_LEVEL_MEDIUM);
  g_assert_cmpint (rd_risk_config_get_industry (config, NULL), ==, RD_LEVEL_MEDIUM);
  g_assert_cmpint (rd_risk_config_get_country (config, "de"), ==, RD_LEVEL_LOW);
  g_assert_cmpint (rd_risk_config_get_country (config, "FR"), ==, RD_LEVEL_MEDIUM);
  g_assert_cmpint (rd_risk_config_get_stalled_days (config), ==, 90);

  /* Edited, written, read back. */
  rd_risk_config_set_industry (config, "Bergbau", RD_LEVEL_HIGH);
  rd_risk_config_set_country (config, "fr", RD_LEVEL_HIGH);
  rd_risk_config_set_stalled_days (config, 30);
  json = rd_risk_config_to_json (config);
  back = rd_risk_config_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_risk_config_get_industry (back, "bergbau"), ==, RD_LEVEL_HIGH);
  g_assert_cmpint (rd_risk_config_get_country (back, "FR"), ==, RD_LEVEL_HIGH);
  g_assert_cmpint (rd_risk_config_get_stalled_days (back), ==, 30);
  industries = rd_risk_config_list_industries (back);
  g_assert_true (g_strv_contains ((const char * const *) industries, "Bergbau"));

  /* The config changes the rating. */
  memset (&input, 0, sizeof input);
  input.industry = "Bergbau";
  input.country = "FR";
  input.cash_stability = RD_LEVEL_HIGH;
  input.stage = RD_STAGE_INSTALLING;
  input.days_in_stage = 45;
  input.days_to_renewal = RD_RISK_UNKNOWN_DAYS;
  input.worst_delay_class = -1;
  rd_risk_rate (back, &input, &result);
  g_assert_cmpint (result.score, ==, 16 + 12 + 8 + 12);
  g_assert_cmpstr (result.factors[0], ==, RD_RISK_FACTOR_INDUSTRY);

  g_clear_pointer (&back, rd_risk_config_free);
  back = rd_risk_config_new_from_json ("{\"industries\": {\"Retail\": \"very\"}}", &error);
  g_assert_null (back);
  g_assert_nonnull (error);
  g_clear_error (&error);
  back = rd_risk_config_new_from_json ("{\"stalled_installation_days\": -4}", &error);
  g_assert_null (back);
  g_assert_nonnull (error);
}

static void
test_from_document (void)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *doc;
  RdRiskInput input;
  GDate today;

  node = json_from_string ("{\"industry\": \"Retail\", \"country\": \"JP\", \"cash_stability\": \"low\","
                           " \"stage\": \"installing\", \"status\": \"expected_churn\","
                           " \"contract_start\": \"2026-01-01\", \"contract_end\": \"2026-12-31\","
                           " \"effective_end\": \"2027-01-31\"}", NULL);
  doc = json_node_get_object (node);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 12, 2026);
  rd_risk_input_from_document (&input, doc, &today);

  g_assert_cmpstr (input.industry, ==, "Retail");
  g_assert_cmpint (input.cash_stability, ==, RD_LEVEL_LOW);
  g_assert_cmpint (input.stage, ==, RD_STAGE_INSTALLING);
  g_assert_cmpint (input.status, ==, RD_STATUS_EXPECTED_CHURN);
  g_assert_cmpint (input.days_to_renewal, ==, 61);   /* effective end wins */
  g_assert_cmpint (input.days_in_stage, ==, 334);    /* since contract start */

  json_object_set_string_member (doc, "stage_since", "2026-11-01");
  rd_risk_input_from_document (&input, doc, &today);
  g_assert_cmpint (input.days_in_stage, ==, 30);

  g_assert_nonnull (rd_risk_stage_goal (RD_STAGE_DEFENDING));
}

/* The renewal proximity band edges, counted from several days. */
static const char * const renewal_todays[] = {
  "2026-01-01",
  "2026-02-28",
  "2026-12-31",
  "2028-02-29",   /* a leap day */
  "2028-03-01",
};

static const struct
{
  int         days;       /* from today to the contract end */
  int         points;
  const char *factor;     /* NULL: no renewal factor */
} renewal_edges[] = {
  { -400, 16, RD_RISK_FACTOR_OVERDUE },
  { -1, 16, RD_RISK_FACTOR_OVERDUE },
  { 0, 14, RD_RISK_FACTOR_RENEWAL },
  { 1, 14, RD_RISK_FACTOR_RENEWAL },
  { 30, 14, RD_RISK_FACTOR_RENEWAL },
  { 31, 10, RD_RISK_FACTOR_RENEWAL },
  { 90, 10, RD_RISK_FACTOR_RENEWAL },
  { 91, 4, RD_RISK_FACTOR_RENEWAL },
  { 180, 4, RD_RISK_FACTOR_RENEWAL },
  { 181, 0, NULL },
  { 365, 0, NULL },
};

/* A calm account whose contract ends @days after @today. */
static JsonObject *
calm_document (const GDate *today,
               int          days,
               const char  *status)
{
  JsonObject *doc = json_object_new ();
  g_autofree char *end = NULL;
  GDate date = *today;

  if (days >= 0)
    g_date_add_days (&date, (guint) days);
  else
    g_date_subtract_days (&date, (guint) -days);
  end = rd_date_to_string (&date);

  json_object_set_string_member (doc, "industry", "Software");
  json_object_set_string_member (doc, "country", "DE");
  json_object_set_string_member (doc, "cash_stability", "high");
  json_object_set_string_member (doc, "stage", "maturing");
  json_object_set_string_member (doc, "status", status);
  json_object_set_string_member (doc, "contract_end", end);

  return doc;
}

static void
test_renewal_edges_as_of (void)
{
  for (guint t = 0; t < G_N_ELEMENTS (renewal_todays); t++)
    {
      GDate today;

      g_assert_true (rd_date_parse (renewal_todays[t], &today));

      for (guint i = 0; i < G_N_ELEMENTS (renewal_edges); i++)
        {
          g_autoptr(JsonObject) doc = calm_document (&today, renewal_edges[i].days, "active");
          RdRiskInput input;
          RdRiskResult result;

          g_test_message ("%s, %d days", renewal_todays[t], renewal_edges[i].days);
          rd_risk_input_from_document (&input, doc, &today);
          g_assert_cmpint (input.days_to_renewal, ==, renewal_edges[i].days);
          g_assert_cmpint (rd_risk_renewal_points (input.days_to_renewal), ==, renewal_edges[i].points);

          rd_risk_rate (NULL, &input, &result);
          g_assert_cmpint (result.score, ==, renewal_edges[i].points);
          if (renewal_edges[i].factor != NULL)
            {
              g_assert_cmpuint (result.n_factors, ==, 1);
              g_assert_cmpstr (result.factors[0], ==, renewal_edges[i].factor);
              g_assert_cmpint (result.points[0], ==, renewal_edges[i].points);
            }
          else
            g_assert_cmpuint (result.n_factors, ==, 0);
        }
    }

  g_assert_cmpint (rd_risk_renewal_points (RD_RISK_UNKNOWN_DAYS), ==, 0);
}

/* The same document rated on two days gives each day's answer: nothing is
 * remembered between calls. */
static void
test_rating_follows_today (void)
{
  g_autoptr(JsonNode) node = json_from_string ("{\"industry\": \"Software\", \"country\": \"DE\","
                                               " \"cash_stability\": \"high\", \"stage\": \"maturing\","
                                               " \"contract_end\": \"2026-06-30\","
                                               " \"effective_end\": \"2026-08-31\"}", NULL);
  static const struct { const char *today; int score; } days[] = {
    { "2026-01-01", 0 },      /* 242 days to the effective end, which wins */
    { "2026-03-04", 4 },      /* 180 days */
    { "2026-06-02", 10 },     /* 90 days */
    { "2026-08-01", 14 },     /* 30 days */
    { "2026-08-31", 14 },     /* the day itself */
    { "2026-09-01", 16 },     /* overdue */
    { "2026-03-03", 0 },      /* 181 days, after a later day was rated */
  };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      RdRiskInput input;
      RdRiskResult result;
      GDate today;

      g_assert_true (rd_date_parse (days[i].today, &today));
      rd_risk_input_from_document (&input, json_node_get_object (node), &today);
      rd_risk_rate (NULL, &input, &result);
      g_test_message ("%s: %d days, %d", days[i].today, input.days_to_renewal, result.score);
      g_assert_cmpint (result.score, ==, days[i].score);
    }
}

/* Lost and renewed accounts: nothing left to renew. */
static void
test_status_scope (void)
{
  static const struct
  {
    RdStatus    status;
    RdRiskScope scope;
    int         score;     /* for the account below */
  } statuses[] = {
    /* industry 16 + geography 12 + cash 15 + defending 15 + overdue 16
     * + risk delay 20 + 2 extensions 10 */
    { RD_STATUS_ACTIVE, RD_RISK_SCOPE_FULL, 100 },
    { RD_STATUS_EXPECTED_CHURN, RD_RISK_SCOPE_FULL, 100 },
    { RD_STATUS_RENEWED, RD_RISK_SCOPE_ACCOUNT, 16 + 12 + 15 + 15 },
    { RD_STATUS_LOST, RD_RISK_SCOPE_EXPOSURE, 16 + 12 + 15 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      RdRiskInput input;
      RdRiskResult result;

      g_assert_cmpint (rd_risk_scope_for_status (statuses[i].status), ==, statuses[i].scope);

      calm_input (&input);
      input.industry = "Hospitality";
      input.country = "ES";
      input.cash_stability = RD_LEVEL_LOW;
      input.stage = RD_STAGE_DEFENDING;
      input.days_to_renewal = -20;
      input.open_delays = 1;
      input.worst_delay_class = RD_CLASS_RISK;
      input.extensions = 2;
      input.status = statuses[i].status;
      rd_risk_rate (NULL, &input, &result);

      g_test_message ("%s: %d", rd_enum_table_id (&rd_status_table, statuses[i].status), result.score);
      g_assert_cmpint (result.score, ==, statuses[i].score);
      for (guint f = 0; f < result.n_factors; f++)
        {
          if (statuses[i].scope != RD_RISK_SCOPE_FULL)
            {
              g_assert_cmpstr (result.factors[f], !=, RD_RISK_FACTOR_OVERDUE);
              g_assert_cmpstr (result.factors[f], !=, RD_RISK_FACTOR_DELAYS);
              g_assert_cmpstr (result.factors[f], !=, RD_RISK_FACTOR_EXTENSIONS);
            }
          if (statuses[i].scope == RD_RISK_SCOPE_EXPOSURE)
            g_assert_cmpstr (result.factors[f], !=, RD_RISK_FACTOR_STAGE);
        }
    }

  /* A lost account with its contract ending tomorrow: no proximity points. */
  {
    g_autoptr(JsonObject) doc = NULL;
    RdRiskInput input;
    RdRiskResult result;
    GDate today;

    g_assert_true (rd_date_parse ("2026-05-05", &today));
    doc = calm_document (&today, 1, "lost");
    rd_risk_input_from_document (&input, doc, &today);
    rd_risk_rate (NULL, &input, &result);
    g_assert_cmpint (input.days_to_renewal, ==, 1);
    g_assert_cmpint (result.score, ==, 0);
    g_assert_cmpuint (result.n_factors, ==, 0);
  }
}

static void
test_describe (void)
{
  const char * const ids[] = { "renewal_soon", "cash", "no_such_factor", NULL };
  g_autofree char *text = rd_risk_factors_describe (ids);

  g_assert_cmpstr (text, ==, "Renews soon · Weak cash position");
  g_assert_null (rd_risk_factors_describe (NULL));
}

static gboolean
results_equal (const RdRiskResult *a,
               const RdRiskResult *b)
{
  if (a->score != b->score || a->band != b->band || a->n_factors != b->n_factors)
    return FALSE;
  for (guint i = 0; i < a->n_factors; i++)
    if (!g_str_equal (a->factors[i], b->factors[i]) || a->points[i] != b->points[i])
      return FALSE;
  return TRUE;
}

/* The rating does not change, the days moving one a day, before
 * rd_risk_days_to_change() says it may; it does change on that day at the
 * renewal steps and when the installation stalls. */
static void
test_days_to_change (void)
{
  static const RdStatus statuses[] = {
    RD_STATUS_ACTIVE, RD_STATUS_EXPECTED_CHURN, RD_STATUS_RENEWED, RD_STATUS_LOST,
  };
  static const RdStage stages[] = { RD_STAGE_INSTALLING, RD_STAGE_GROWING };
  static const int renewals[] = { RD_RISK_UNKNOWN_DAYS, -40, 0, 1, 30, 31, 45, 90, 91, 180, 181, 400 };
  static const int in_stage[] = { RD_RISK_UNKNOWN_DAYS, -5, 0, 60, 90, 91, 200 };
  g_autoptr(RdRiskConfig) config = rd_risk_config_new_default ();
  guint n_changed_on_day = 0;

  for (guint stalled = 0; stalled < 2; stalled++)
    {
      rd_risk_config_set_stalled_days (config, stalled ? 30 : RD_RISK_DEFAULT_STALLED_DAYS);
      for (guint st = 0; st < G_N_ELEMENTS (statuses); st++)
        for (guint sg = 0; sg < G_N_ELEMENTS (stages); sg++)
          for (guint r = 0; r < G_N_ELEMENTS (renewals); r++)
            for (guint i = 0; i < G_N_ELEMENTS (in_stage); i++)
              {
                RdRiskInput input;
                RdRiskResult first;
                int days;

                calm_input (&input);
                input.status = statuses[st];
                input.stage = stages[sg];
                input.days_to_renewal = renewals[r];
                input.days_in_stage = in_stage[i];
                input.open_delays = 1;
                input.worst_delay_class = RD_CLASS_DECISION;
                rd_risk_rate (config, &input, &first);
                days = rd_risk_days_to_change (config, &input);
                g_assert_cmpint (days, >=, 1);

                for (int k = 1; k <= 500; k++)
                  {
                    RdRiskInput later = input;
                    RdRiskResult result;

                    if (later.days_to_renewal != RD_RISK_UNKNOWN_DAYS)
                      later.days_to_renewal -= k;
                    if (later.days_in_stage != RD_RISK_UNKNOWN_DAYS)
                      later.days_in_stage += k;
                    rd_risk_rate (config, &later, &result);
                    if (k >= days)
                      {
                        n_changed_on_day += !results_equal (&first, &result);
                        break;
                      }
                    g_test_message ("status %u, stage %u, renewal %d, in stage %d, %d days later",
                                    statuses[st], stages[sg], renewals[r], in_stage[i], k);
                    g_assert_true (results_equal (&first, &result));
                  }
              }
    }
  g_assert_cmpuint (n_changed_on_day, >, 0);

  /* The steps themselves. */
  {
    RdRiskInput input;

    calm_input (&input);
    input.days_to_renewal = 31;
    g_assert_cmpint (rd_risk_days_to_change (NULL, &input), ==, 1);
    input.days_to_renewal = 0;
    g_assert_cmpint (rd_risk_days_to_change (NULL, &input), ==, 1);
    input.days_to_renewal = -1;
    g_assert_cmpint (rd_risk_days_to_change (NULL, &input), ==, G_MAXINT);
    input.stage = RD_STAGE_INSTALLING;
    input.days_in_stage = 80;
    g_assert_cmpint (rd_risk_days_to_change (NULL, &input), ==, RD_RISK_DEFAULT_STALLED_DAYS + 1 - 80);
    input.status = RD_STATUS_LOST;
    g_assert_cmpint (rd_risk_days_to_change (NULL, &input), ==, G_MAXINT);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/risk/calm-is-zero", test_calm_is_zero);
  g_test_add_func ("/risk/factor/direction", test_each_factor_direction);
  g_test_add_func ("/risk/factor/graded", test_graded_factors);
  g_test_add_func ("/risk/band/edges", test_band_edges);
  g_test_add_func ("/risk/top-three/clamped", test_clamp_and_top_three);
  g_test_add_func ("/risk/top-three/ties", test_ties_are_stable);
  g_test_add_func ("/risk/config/defaults-and-json", test_defaults_and_json);
  g_test_add_func ("/risk/input/from-document", test_from_document);
  g_test_add_func ("/risk/renewal/edges-as-of", test_renewal_edges_as_of);
  g_test_add_func ("/risk/renewal/follows-today", test_rating_follows_today);
  g_test_add_func ("/risk/status/scope", test_status_scope);
  g_test_add_func ("/risk/describe", test_describe);
  g_test_add_func ("/risk/next-change/days", test_days_to_change);

  return g_test_run ();
}
