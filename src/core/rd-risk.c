/* rd-risk.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-risk"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-document.h"
#include "rd-format.h"
#include "rd-risk.h"

struct _RdRiskConfig
{
  GHashTable *industries;       /* casefolded name → RdLevel */
  GHashTable *industry_names;   /* casefolded name → name as entered */
  GHashTable *countries;        /* upper-case code → RdLevel */
  int         stalled_days;
};

typedef struct
{
  const char *id;
  const char *label;
} FactorLabel;

/* In tie-break order (see rd-risk.h). */
static const FactorLabel factor_labels[] = {
  { RD_RISK_FACTOR_EXPECTED_CHURN, N_("Marked as expected churn") },
  { RD_RISK_FACTOR_DELAYS, N_("Open delays") },
  { RD_RISK_FACTOR_OVERDUE, N_("Renewal date has passed") },
  { RD_RISK_FACTOR_RENEWAL, N_("Renews soon") },
  { RD_RISK_FACTOR_INDUSTRY, N_("Industry hit hard") },
  { RD_RISK_FACTOR_CASH, N_("Weak cash position") },
  { RD_RISK_FACTOR_STAGE, N_("Stage needs attention") },
  { RD_RISK_FACTOR_STALLED, N_("Installation stalled") },
  { RD_RISK_FACTOR_GEOGRAPHY, N_("Region hit hard") },
  { RD_RISK_FACTOR_EXTENSIONS, N_("Extended before") },
};

typedef struct
{
  const char *name;
  RdLevel     level;
} DefaultExposure;

/* Sensible starting points; every team edits them for its own shock. */
static const DefaultExposure default_industries[] = {
  { "Education", RD_LEVEL_MEDIUM },
  { "Energy", RD_LEVEL_MEDIUM },
  { "Finance", RD_LEVEL_MEDIUM },
  { "Healthcare", RD_LEVEL_LOW },
  { "Hospitality", RD_LEVEL_HIGH },
  { "Logistics", RD_LEVEL_MEDIUM },
  { "Manufacturing", RD_LEVEL_MEDIUM },
  { "Media", RD_LEVEL_HIGH },
  { "Retail", RD_LEVEL_HIGH },
  { "Software", RD_LEVEL_LOW },
  { "Travel", RD_LEVEL_HIGH },
};

static const DefaultExposure default_countries[] = {
  { "AT", RD_LEVEL_LOW },
  { "CH", RD_LEVEL_LOW },
  { "DE", RD_LEVEL_LOW },
  { "ES", RD_LEVEL_HIGH },
  { "GR", RD_LEVEL_HIGH },
  { "IT", RD_LEVEL_HIGH },
  { "NL", RD_LEVEL_LOW },
  { "SE", RD_LEVEL_LOW },
  { "SG", RD_LEVEL_LOW },
};

/* The renewal proximity points by days to renewal: the first step whose
 * last day the days left do not pass (the first one is overdue). */
typedef struct
{
  int last_day;
  int points;
} RenewalStep;

static const RenewalStep renewal_steps[] = {
  { -1, 16 },
  { 30, 14 },
  { 90, 10 },
  { 180, 4 },
};

static const int industry_points[] = { 0, 8, 16 };      /* by RdLevel */
static const int geography_points[] = { 0, 6, 12 };
static const int cash_points[] = { 15, 7, 0 };          /* low cash stability = risky */

static RdRiskConfig *
config_new_empty (void)
{
  RdRiskConfig *self = g_new0 (RdRiskConfig, 1);

  self->industries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->industry_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->countries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->stalled_days = RD_RISK_DEFAULT_STALLED_DAYS;

  return self;
}

static char *
industry_key (const char *industry)
{
  g_autofree char *stripped = g_strstrip (g_strdup (industry));

  return g_utf8_casefold (stripped, -1);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The values of @table (strings), sorted, as a new GStrv. */
static char **
sorted_values (GHashTable *table)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (names, g_strdup (value));
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

RdRiskConfig *
rd_risk_config_new_default (void)
{
  RdRiskConfig *self = config_new_empty ();

  for (guint i = 0; i < G_N_ELEMENTS (default_industries); i++)
    rd_risk_config_set_industry (self, default_industries[i].name, default_industries[i].level);
  for (guint i = 0; i < G_N_ELEMENTS (default_countries); i++)
    rd_risk_config_set_country (self, default_countries[i].name, default_countries[i].level);

  return self;
}

static gboolean
read_levels (JsonObject    *root,
             const char    *member,
             RdRiskConfig  *self,
             gboolean       industries,
             GError       **error)
{
  JsonNode *node = json_object_get_member (root, member);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Risk settings: “%s” must be an object"), member);
      return FALSE;
    }

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &value))
    {
      const char *id = NULL;
      int level;

      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        id = json_node_get_string (value);
      level = rd_enum_table_lookup (&rd_level_table, id);
      if (level < 0 || *name == '\0')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Risk settings: “%s” needs low, medium or high"), name);
          return FALSE;
        }
      if (industries)
        rd_risk_config_set_industry (self, name, level);
      else
        rd_risk_config_set_country (self, name, level);
    }

  return TRUE;
}

RdRiskConfig *
rd_risk_config_new_from_json (const char  *json,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(RdRiskConfig) self = NULL;
  JsonObject *root;
  JsonNode *node;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Risk settings must be a JSON object"));
      return NULL;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  self = config_new_empty ();

  if (!read_levels (root, "industries", self, TRUE, error) ||
      !read_levels (root, "countries", self, FALSE, error))
    return NULL;

  node = json_object_get_member (root, "stalled_installation_days");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
          || json_node_get_int (node) < 1 || json_node_get_int (node) > 3650)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Risk settings: the stalled installation threshold must be 1 to 3650 days"));
          return NULL;
        }
      self->stalled_days = (int) json_node_get_int (node);
    }

  return g_steal_pointer (&self);
}

char *
rd_risk_config_to_json (const RdRiskConfig *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) industries = NULL;
  g_auto(GStrv) countries = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  industries = rd_risk_config_list_industries (self);
  countries = rd_risk_config_list_countries (self);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "industries");
  json_builder_begin_object (builder);
  for (guint i = 0; industries[i] != NULL; i++)
    {
      json_builder_set_member_name (builder, industries[i]);
      json_builder_add_string_value (builder,
                                     rd_enum_table_id (&rd_level_table,
                                                       rd_risk_config_get_industry (self,
                                                                                    industries[i])));
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "countries");
  json_builder_begin_object (builder);
  for (guint i = 0; countries[i] != NULL; i++)
    {
      json_builder_set_member_name (builder, countries[i]);
      json_builder_add_string_value (builder,
                                     rd_enum_table_id (&rd_level_table,
                                                       rd_risk_config_get_country (self,
                                                                                   countries[i])));
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "stalled_installation_days");
  json_builder_add_int_value (builder, self->stalled_days);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

RdRiskConfig *
rd_risk_config_copy (const RdRiskConfig *self)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  json = rd_risk_config_to_json (self);
  return rd_risk_config_new_from_json (json, NULL);
}

void
rd_risk_config_free (RdRiskConfig *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->industries);
  g_hash_table_unref (self->industry_names);
  g_hash_table_unref (self->countries);
  g_free (self);
}

RdLevel
rd_risk_config_get_industry (const RdRiskConfig *self,
                             const char         *industry)
{
  g_autofree char *key = NULL;
  gpointer value;

  g_return_val_if_fail (self != NULL, RD_LEVEL_MEDIUM);

  if (industry == NULL)
    return RD_LEVEL_MEDIUM;

  key = industry_key (industry);
  if (!g_hash_table_lookup_extended (self->industries, key, NULL, &value))
    return RD_LEVEL_MEDIUM;

  return (RdLevel) GPOINTER_TO_INT (value);
}

void
rd_risk_config_set_industry (RdRiskConfig *self,
                             const char   *industry,
                             RdLevel       level)
{
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (industry != NULL);
  g_return_if_fail (level <= RD_LEVEL_HIGH);

  name = g_strstrip (g_strdup (industry));
  if (*name == '\0')
    return;

  key = industry_key (name);
  g_hash_table_insert (self->industries, g_strdup (key), GINT_TO_POINTER (level));
  g_hash_table_insert (self->industry_names, g_steal_pointer (&key), g_steal_pointer (&name));
}

RdLevel
rd_risk_config_get_country (const RdRiskConfig *self,
                            const char         *country)
{
  g_autofree char *key = NULL;
  gpointer value;

  g_return_val_if_fail (self != NULL, RD_LEVEL_MEDIUM);

  if (country == NULL)
    return RD_LEVEL_MEDIUM;

  key = g_ascii_strup (country, -1);
  if (!g_hash_table_lookup_extended (self->countries, key, NULL, &value))
    return RD_LEVEL_MEDIUM;

  return (RdLevel) GPOINTER_TO_INT (value);
}

void
rd_risk_config_set_country (RdRiskConfig *self,
                            const char   *country,
                            RdLevel       level)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (country != NULL);
  g_return_if_fail (level <= RD_LEVEL_HIGH);

  if (*country == '\0')
    return;

  g_hash_table_insert (self->countries, g_ascii_strup (country, -1), GINT_TO_POINTER (level));
}

int
rd_risk_config_get_stalled_days (const RdRiskConfig *self)
{
  g_return_val_if_fail (self != NULL, RD_RISK_DEFAULT_STALLED_DAYS);

  return self->stalled_days;
}

void
rd_risk_config_set_stalled_days (RdRiskConfig *self,
                                 int           days)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (days > 0);

  self->stalled_days = days;
}

char **
rd_risk_config_list_industries (const RdRiskConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return sorted_values (self->industry_names);
}

char **
rd_risk_config_list_countries (const RdRiskConfig *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (self != NULL, NULL);

  g_hash_table_iter_init (&iter, self->countries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, g_strdup (key));
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/* Rating */

typedef struct
{
  const char *id;
  int         points;
  guint       rank;   /* position in factor_labels: the tie-break */
} Contribution;

static guint
factor_rank (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (factor_labels); i++)
    {
      if (g_str_equal (factor_labels[i].id, id))
        return i;
    }

  g_assert_not_reached ();
  return 0;
}

static int
compare_contributions (gconstpointer a,
                       gconstpointer b)
{
  const Contribution *ca = a;
  const Contribution *cb = b;

  if (ca->points != cb->points)
    return ca->points > cb->points ? -1 : 1;

  return ca->rank < cb->rank ? -1 : (ca->rank > cb->rank);
}

static void
add (Contribution *list,
     guint        *n,
     const char   *id,
     int           points)
{
  if (points <= 0)
    return;

  list[*n].id = id;
  list[*n].points = points;
  list[*n].rank = factor_rank (id);
  (*n)++;
}

/* Whether @input's installation is stalled, and the days until it will be
 * (0 when it is; G_MAXINT when it cannot be by the day alone). */
static int
days_to_stalled (const RdRiskConfig *config,
                 const RdRiskInput  *input)
{
  if (input->stage != RD_STAGE_INSTALLING || input->days_in_stage == RD_RISK_UNKNOWN_DAYS)
    return G_MAXINT;

  return MAX (config->stalled_days + 1 - input->days_in_stage, 0);
}

static gboolean
is_stalled (const RdRiskConfig *config,
            const RdRiskInput  *input)
{
  return days_to_stalled (config, input) == 0;
}

/* Where the account stands with us: its stage and a stalled installation. */
static void
add_account_factors (const RdRiskConfig *config,
                     const RdRiskInput  *input,
                     Contribution       *list,
                     guint              *n)
{
  int points;

  switch (input->stage)
    {
    case RD_STAGE_INSTALLING:
      points = 8;
      break;
    case RD_STAGE_DEFENDING:
      points = 15;
      break;
    case RD_STAGE_GROWING:
      points = 3;
      break;
    case RD_STAGE_MATURING:
    default:
      points = 0;
      break;
    }
  add (list, n, RD_RISK_FACTOR_STAGE, points);

  if (is_stalled (config, input))
    add (list, n, RD_RISK_FACTOR_STALLED, 12);
}

/* The renewal still ahead: how near it is, its delays and extensions, and
 * a forecast churn. */
static void
add_renewal_factors (const RdRiskInput *input,
                     Contribution      *list,
                     guint             *n)
{
  int points;

  if (input->days_to_renewal != RD_RISK_UNKNOWN_DAYS)
    add (list, n, input->days_to_renewal < 0 ? RD_RISK_FACTOR_OVERDUE : RD_RISK_FACTOR_RENEWAL,
         rd_risk_renewal_points (input->days_to_renewal));

  if (input->open_delays > 0)
    {
      switch (input->worst_delay_class)
        {
        case RD_CLASS_RISK:
          points = 20;
          break;
        case RD_CLASS_DECISION:
          points = 12;
          break;
        case RD_CLASS_ADMINISTRATIVE:
        default:
          points = 4;
          break;
        }
      points += MIN (3 * (input->open_delays - 1), 6);
      add (list, n, RD_RISK_FACTOR_DELAYS, points);
    }

  add (list, n, RD_RISK_FACTOR_EXTENSIONS, MIN (5 * MAX (input->extensions, 0), 10));

  if (input->status == RD_STATUS_EXPECTED_CHURN)
    add (list, n, RD_RISK_FACTOR_EXPECTED_CHURN, 25);
}

RdRiskBand
rd_risk_band_for_score (int score)
{
  if (score >= RD_RISK_BAND_CRITICAL_MIN)
    return RD_RISK_BAND_CRITICAL;
  if (score >= RD_RISK_BAND_HIGH_MIN)
    return RD_RISK_BAND_HIGH;
  if (score >= RD_RISK_BAND_MEDIUM_MIN)
    return RD_RISK_BAND_MEDIUM;
  return RD_RISK_BAND_LOW;
}

RdRiskScope
rd_risk_scope_for_status (RdStatus status)
{
  switch (status)
    {
    case RD_STATUS_RENEWED:
      return RD_RISK_SCOPE_ACCOUNT;
    case RD_STATUS_LOST:
      return RD_RISK_SCOPE_EXPOSURE;
    case RD_STATUS_ACTIVE:
    case RD_STATUS_EXPECTED_CHURN:
    default:
      return RD_RISK_SCOPE_FULL;
    }
}

int
rd_risk_renewal_points (int days_to_renewal)
{
  if (days_to_renewal == RD_RISK_UNKNOWN_DAYS)
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (renewal_steps); i++)
    if (days_to_renewal <= renewal_steps[i].last_day)
      return renewal_steps[i].points;

  return 0;
}

int
rd_risk_days_to_change (const RdRiskConfig *config,
                        const RdRiskInput  *input)
{
  g_autoptr(RdRiskConfig) defaults = NULL;
  RdRiskScope scope;
  int days = G_MAXINT;

  g_return_val_if_fail (input != NULL, 1);

  if (config == NULL)
    config = defaults = rd_risk_config_new_default ();
  scope = rd_risk_scope_for_status (input->status);

  /* The only factors that read the day: the renewal's proximity (each
   * step starts when the days left reach its last day) and the stalled
   * installation; as rd_risk_rate() applies them. */
  if (scope == RD_RISK_SCOPE_FULL && input->days_to_renewal != RD_RISK_UNKNOWN_DAYS)
    for (guint i = 0; i < G_N_ELEMENTS (renewal_steps); i++)
      if (input->days_to_renewal > renewal_steps[i].last_day)
        days = MIN (days, input->days_to_renewal - renewal_steps[i].last_day);

  if (scope != RD_RISK_SCOPE_EXPOSURE && !is_stalled (config, input))
    days = MIN (days, days_to_stalled (config, input));

  return days;
}

void
rd_risk_rate (const RdRiskConfig *config,
              const RdRiskInput  *input,
              RdRiskResult       *out)
{
  g_autoptr(RdRiskConfig) defaults = NULL;
  Contribution list[G_N_ELEMENTS (factor_labels)];
  RdRiskScope scope;
  guint n = 0;
  int total = 0;

  g_return_if_fail (input != NULL);
  g_return_if_fail (out != NULL);

  if (config == NULL)
    config = defaults = rd_risk_config_new_default ();

  memset (out, 0, sizeof *out);
  scope = rd_risk_scope_for_status (input->status);

  add (list, &n, RD_RISK_FACTOR_INDUSTRY,
       industry_points[rd_risk_config_get_industry (config, input->industry)]);
  add (list, &n, RD_RISK_FACTOR_GEOGRAPHY,
       geography_points[rd_risk_config_get_country (config, input->country)]);
  add (list, &n, RD_RISK_FACTOR_CASH, cash_points[CLAMP (input->cash_stability, 0, 2)]);

  if (scope != RD_RISK_SCOPE_EXPOSURE)
    add_account_factors (config, input, list, &n);
  if (scope == RD_RISK_SCOPE_FULL)
    add_renewal_factors (input, list, &n);

  for (guint i = 0; i < n; i++)
    total += list[i].points;

  qsort (list, n, sizeof list[0], compare_contributions);

  out->score = CLAMP (total, 0, 100);
  out->band = rd_risk_band_for_score (out->score);
  out->n_factors = MIN (n, RD_RISK_MAX_FACTORS);
  for (guint i = 0; i < out->n_factors; i++)
    {
      out->factors[i] = list[i].id;
      out->points[i] = list[i].points;
    }
}

static const char * const input_field_names[RD_RISK_N_FIELDS] = {
  [RD_RISK_FIELD_INDUSTRY] = "industry",
  [RD_RISK_FIELD_COUNTRY] = "country",
  [RD_RISK_FIELD_CASH_STABILITY] = "cash_stability",
  [RD_RISK_FIELD_STAGE] = "stage",
  [RD_RISK_FIELD_STATUS] = "status",
  [RD_RISK_FIELD_EFFECTIVE_END] = "effective_end",
  [RD_RISK_FIELD_CONTRACT_END] = "contract_end",
  [RD_RISK_FIELD_STAGE_SINCE] = "stage_since",
  [RD_RISK_FIELD_CONTRACT_START] = "contract_start",
};

const char *
rd_risk_field_name (RdRiskField field)
{
  g_return_val_if_fail (field < RD_RISK_N_FIELDS, NULL);

  return input_field_names[field];
}

void
rd_risk_input_from_fields (RdRiskInput        *input,
                           const char * const *values,
                           const GDate        *today)
{
  const char *deadline;
  const char *since;
  int v;

  g_return_if_fail (input != NULL);
  g_return_if_fail (values != NULL);
  g_return_if_fail (today != NULL && g_date_valid (today));

  memset (input, 0, sizeof *input);
  input->worst_delay_class = -1;

  input->industry = values[RD_RISK_FIELD_INDUSTRY];
  input->country = values[RD_RISK_FIELD_COUNTRY];

  v = rd_enum_table_lookup (&rd_level_table, values[RD_RISK_FIELD_CASH_STABILITY]);
  input->cash_stability = v < 0 ? RD_LEVEL_MEDIUM : (RdLevel) v;
  v = rd_enum_table_lookup (&rd_stage_table, values[RD_RISK_FIELD_STAGE]);
  input->stage = v < 0 ? RD_STAGE_MATURING : (RdStage) v;
  v = rd_enum_table_lookup (&rd_status_table, values[RD_RISK_FIELD_STATUS]);
  input->status = v < 0 ? RD_STATUS_ACTIVE : (RdStatus) v;

  /* The hard deadline: after accepted bridges, else the contract's. */
  deadline = values[RD_RISK_FIELD_EFFECTIVE_END];
  if (deadline == NULL || *deadline == '\0')
    deadline = values[RD_RISK_FIELD_CONTRACT_END];
  input->days_to_renewal = deadline ? rd_date_days_between (today, deadline) : RD_RISK_UNKNOWN_DAYS;

  /* How long it has been installing: since the stage began, else since the
   * contract started. */
  since = values[RD_RISK_FIELD_STAGE_SINCE];
  if (since == NULL || *since == '\0')
    since = values[RD_RISK_FIELD_CONTRACT_START];
  v = since ? rd_date_days_between (today, since) : G_MININT;
  input->days_in_stage = v == G_MININT ? RD_RISK_UNKNOWN_DAYS : -v;
}

void
rd_risk_input_from_document (RdRiskInput *input,
                             JsonObject  *doc,
                             const GDate *today)
{
  const char *values[RD_RISK_N_FIELDS];

  g_return_if_fail (input != NULL);
  g_return_if_fail (doc != NULL);
  g_return_if_fail (today != NULL && g_date_valid (today));

  for (guint i = 0; i < RD_RISK_N_FIELDS; i++)
    values[i] = rd_document_get_string (doc, input_field_names[i]);
  rd_risk_input_from_fields (input, values, today);
}

const char *
rd_risk_factor_label (const char *factor_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (factor_labels); i++)
    {
      if (g_strcmp0 (factor_labels[i].id, factor_id) == 0)
        return g_dgettext (GETTEXT_PACKAGE, factor_labels[i].label);
    }

  return NULL;
}

char *
rd_risk_factors_describe (const char * const *factor_ids)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (factor_ids == NULL)
    return NULL;

  for (guint i = 0; factor_ids[i] != NULL; i++)
    {
      const char *label = rd_risk_factor_label (factor_ids[i]);

      if (label == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, label);
    }

  if (text->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&text), FALSE);
}

const char *
rd_risk_stage_goal (RdStage stage)
{
  switch (stage)
    {
    case RD_STAGE_INSTALLING:
      return _("Close the installation gaps fast");
    case RD_STAGE_DEFENDING:
      return _("Act on a proactive strategy, or honestly mark it as expected churn");
    case RD_STAGE_MATURING:
      return _("Deepen use: pick the content, channel and cadence; expect slower answers");
    case RD_STAGE_GROWING:
      return _("Re-qualify the expansion for this quarter, push it out, or drop it");
    default:
      return NULL;
    }
}
