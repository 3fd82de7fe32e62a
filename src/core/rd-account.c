/* rd-account.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-account"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-account-private.h"
#include "rd-document.h"
#include "rd-format.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_EXTERNAL_ID,
  PROP_INDUSTRY,
  PROP_COUNTRY,
  PROP_CURRENCY,
  PROP_ANNUAL_VALUE_MINOR,
  PROP_CONTRACT_START,
  PROP_CONTRACT_END,
  PROP_EFFECTIVE_END,
  PROP_STAGE,
  PROP_STATUS,
  PROP_CASH_STABILITY,
  PROP_OWNER,
  PROP_AUTO_RENEW,
  PROP_NOTICE_DAYS,
  PROP_NOTES,
  PROP_RISK_SCORE,
  PROP_RISK_BAND,
  PROP_RISK_FACTORS,
  PROP_CHURN_REASON,
  PROP_STAGE_SINCE,
  PROP_UPDATED_AT,
  PROP_GOALS,
  PROP_OUTCOMES,
  PROP_ROI,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RdAccount, rd_account, G_TYPE_OBJECT)

/* Empty optional strings are stored as NULL ("unset"). */
static gboolean
set_string (RdAccount   *self,
            char       **field,
            const char  *value,
            gboolean     empty_is_null,
            int          prop)
{
  if (empty_is_null && value != NULL && *value == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  if (prop == PROP_NAME || prop == PROP_OWNER || prop == PROP_INDUSTRY)
    g_clear_pointer (&self->search_key, g_free);

  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  return TRUE;
}

/* Goals, outcomes and ROI are not fields of the account spec (rd-document.c):
 * they stay in ->extra under their document names, so versions and sync
 * peers that do not know them keep writing them back unchanged. */
static const char *
get_extra_string (RdAccount  *self,
                  const char *name)
{
  JsonNode *node;

  if (self->extra == NULL)
    return NULL;

  node = json_object_get_member (self->extra, name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static void
set_extra_string (RdAccount  *self,
                  const char *name,
                  const char *value,
                  int         prop)
{
  if (value != NULL && *value == '\0')
    value = NULL;

  if (g_strcmp0 (get_extra_string (self, name), value) == 0)
    return;

  if (value != NULL)
    {
      if (self->extra == NULL)
        self->extra = json_object_new ();
      json_object_set_string_member (self->extra, name, value);
    }
  else
    {
      json_object_remove_member (self->extra, name);
      /* As if loaded from a document without extra members. */
      if (json_object_get_size (self->extra) == 0)
        g_clear_pointer (&self->extra, json_object_unref);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
rd_account_finalize (GObject *object)
{
  RdAccount *self = (RdAccount *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->external_id);
  g_free (self->industry);
  g_free (self->country);
  g_free (self->currency);
  g_free (self->contract_start);
  g_free (self->contract_end);
  g_free (self->effective_end);
  g_free (self->owner);
  g_free (self->notes);
  g_strfreev (self->risk_factors);
  g_free (self->churn_reason);
  g_free (self->stage_since);
  g_free (self->updated_at);
  g_free (self->search_key);
  g_clear_pointer (&self->extra, json_object_unref);

  G_OBJECT_CLASS (rd_account_parent_class)->finalize (object);
}

static void
rd_account_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RdAccount *self = RD_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_EXTERNAL_ID: g_value_set_string (value, self->external_id); break;
    case PROP_INDUSTRY: g_value_set_string (value, self->industry); break;
    case PROP_COUNTRY: g_value_set_string (value, self->country); break;
    case PROP_CURRENCY: g_value_set_string (value, self->currency); break;
    case PROP_ANNUAL_VALUE_MINOR: g_value_set_int64 (value, self->annual_value_minor); break;
    case PROP_CONTRACT_START: g_value_set_string (value, self->contract_start); break;
    case PROP_CONTRACT_END: g_value_set_string (value, self->contract_end); break;
    case PROP_EFFECTIVE_END: g_value_set_string (value, self->effective_end); break;
    case PROP_STAGE: g_value_set_int (value, self->stage); break;
    case PROP_STATUS: g_value_set_int (value, self->status); break;
    case PROP_CASH_STABILITY: g_value_set_int (value, self->cash_stability); break;
    case PROP_OWNER: g_value_set_string (value, self->owner); break;
    case PROP_AUTO_RENEW: g_value_set_boolean (value, self->auto_renew); break;
    case PROP_NOTICE_DAYS: g_value_set_int (value, self->notice_days); break;
    case PROP_NOTES: g_value_set_string (value, self->notes); break;
    case PROP_RISK_SCORE: g_value_set_int (value, self->risk_score); break;
    case PROP_RISK_BAND: g_value_set_int (value, self->risk_band); break;
    case PROP_RISK_FACTORS: g_value_set_boxed (value, self->risk_factors); break;
    case PROP_CHURN_REASON: g_value_set_string (value, self->churn_reason); break;
    case PROP_STAGE_SINCE: g_value_set_string (value, self->stage_since); break;
    case PROP_UPDATED_AT: g_value_set_string (value, self->updated_at); break;
    case PROP_GOALS: g_value_set_string (value, rd_account_get_goals (self)); break;
    case PROP_OUTCOMES: g_value_set_string (value, rd_account_get_outcomes (self)); break;
    case PROP_ROI: g_value_set_string (value, rd_account_get_roi (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_account_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  RdAccount *self = RD_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_NAME: rd_account_set_name (self, g_value_get_string (value)); break;
    case PROP_EXTERNAL_ID: rd_account_set_external_id (self, g_value_get_string (value)); break;
    case PROP_INDUSTRY: rd_account_set_industry (self, g_value_get_string (value)); break;
    case PROP_COUNTRY: rd_account_set_country (self, g_value_get_string (value)); break;
    case PROP_CURRENCY: rd_account_set_currency (self, g_value_get_string (value)); break;
    case PROP_ANNUAL_VALUE_MINOR: rd_account_set_annual_value_minor (self, g_value_get_int64 (value)); break;
    case PROP_CONTRACT_START: rd_account_set_contract_start (self, g_value_get_string (value)); break;
    case PROP_CONTRACT_END: rd_account_set_contract_end (self, g_value_get_string (value)); break;
    case PROP_EFFECTIVE_END: rd_account_set_effective_end (self, g_value_get_string (value)); break;
    case PROP_STAGE: rd_account_set_stage (self, g_value_get_int (value)); break;
    case PROP_STATUS: rd_account_set_status (self, g_value_get_int (value)); break;
    case PROP_CASH_STABILITY: rd_account_set_cash_stability (self, g_value_get_int (value)); break;
    case PROP_OWNER: rd_account_set_owner (self, g_value_get_string (value)); break;
    case PROP_AUTO_RENEW: rd_account_set_auto_renew (self, g_value_get_boolean (value)); break;
    case PROP_NOTICE_DAYS: rd_account_set_notice_days (self, g_value_get_int (value)); break;
    case PROP_NOTES: rd_account_set_notes (self, g_value_get_string (value)); break;
    case PROP_RISK_SCORE: rd_account_set_risk_score (self, g_value_get_int (value)); break;
    case PROP_RISK_BAND: rd_account_set_risk_band (self, g_value_get_int (value)); break;
    case PROP_RISK_FACTORS: rd_account_set_risk_factors (self, g_value_get_boxed (value)); break;
    case PROP_CHURN_REASON: rd_account_set_churn_reason (self, g_value_get_string (value)); break;
    case PROP_STAGE_SINCE: rd_account_set_stage_since (self, g_value_get_string (value)); break;
    case PROP_GOALS: rd_account_set_goals (self, g_value_get_string (value)); break;
    case PROP_OUTCOMES: rd_account_set_outcomes (self, g_value_get_string (value)); break;
    case PROP_ROI: rd_account_set_roi (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_account_class_init (RdAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rd_account_finalize;
  object_class->get_property = rd_account_get_property;
  object_class->set_property = rd_account_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_EXTERNAL_ID] = g_param_spec_string ("external-id", NULL, NULL, NULL, rw);
  properties[PROP_INDUSTRY] = g_param_spec_string ("industry", NULL, NULL, NULL, rw);
  properties[PROP_COUNTRY] = g_param_spec_string ("country", NULL, NULL, NULL, rw);
  properties[PROP_CURRENCY] = g_param_spec_string ("currency", NULL, NULL, NULL, rw);
  properties[PROP_ANNUAL_VALUE_MINOR] =
    g_param_spec_int64 ("annual-value-minor", NULL, NULL, G_MININT64, G_MAXINT64, 0, rw);
  properties[PROP_CONTRACT_START] = g_param_spec_string ("contract-start", NULL, NULL, NULL, rw);
  properties[PROP_CONTRACT_END] = g_param_spec_string ("contract-end", NULL, NULL, NULL, rw);
  properties[PROP_EFFECTIVE_END] = g_param_spec_string ("effective-end", NULL, NULL, NULL, rw);
  properties[PROP_STAGE] =
    g_param_spec_int ("stage", NULL, NULL, 0, RD_STAGE_GROWING, RD_STAGE_MATURING, rw);
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, 0, RD_STATUS_EXPECTED_CHURN, RD_STATUS_ACTIVE, rw);
  properties[PROP_CASH_STABILITY] =
    g_param_spec_int ("cash-stability", NULL, NULL, 0, RD_LEVEL_HIGH, RD_LEVEL_MEDIUM, rw);
  properties[PROP_OWNER] = g_param_spec_string ("owner", NULL, NULL, NULL, rw);
  properties[PROP_AUTO_RENEW] = g_param_spec_boolean ("auto-renew", NULL, NULL, FALSE, rw);
  properties[PROP_NOTICE_DAYS] = g_param_spec_int ("notice-days", NULL, NULL, 0, G_MAXINT, 60, rw);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, NULL, rw);
  properties[PROP_RISK_SCORE] = g_param_spec_int ("risk-score", NULL, NULL, 0, 100, 0, rw);
  properties[PROP_RISK_BAND] =
    g_param_spec_int ("risk-band", NULL, NULL, 0, RD_RISK_BAND_CRITICAL, RD_RISK_BAND_LOW, rw);
  properties[PROP_RISK_FACTORS] = g_param_spec_boxed ("risk-factors", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_CHURN_REASON] = g_param_spec_string ("churn-reason", NULL, NULL, NULL, rw);
  properties[PROP_STAGE_SINCE] = g_param_spec_string ("stage-since", NULL, NULL, NULL, rw);
  properties[PROP_UPDATED_AT] = g_param_spec_string ("updated-at", NULL, NULL, NULL, ro);
  properties[PROP_GOALS] = g_param_spec_string ("goals", NULL, NULL, NULL, rw);
  properties[PROP_OUTCOMES] = g_param_spec_string ("outcomes", NULL, NULL, NULL, rw);
  properties[PROP_ROI] = g_param_spec_string ("roi", NULL, NULL, NULL, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_account_init (RdAccount *self)
{
  self->delay_class = -1;
}

char **
_rd_account_strv_from_array (JsonArray *array)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
        {
          g_strv_builder_add (builder, json_node_get_string (item));
          n++;
        }
    }

  return n > 0 ? g_strv_builder_end (builder) : NULL;
}

typedef void (*SetText) (RdAccount  *self,
                         const char *value);

/* The fields a person types into, and how each is set. */
static const struct
{
  const char *field;
  SetText     set;
} text_fields[] = {
  { "name", rd_account_set_name },
  { "external_id", rd_account_set_external_id },
  { "industry", rd_account_set_industry },
  { "country", rd_account_set_country },
  { "currency", rd_account_set_currency },
  { "contract_start", rd_account_set_contract_start },
  { "contract_end", rd_account_set_contract_end },
  { "owner", rd_account_set_owner },
  { "notes", rd_account_set_notes },
  { "churn_reason", rd_account_set_churn_reason },
};

static gboolean
is_typed_field (const char *field)
{
  if (g_strcmp0 (field, "annual_value_minor") == 0 || g_strcmp0 (field, "notice_days") == 0)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      if (g_strcmp0 (text_fields[i].field, field) == 0)
        return TRUE;
    }

  return FALSE;
}

RdAccount *
_rd_account_new_empty (void)
{
  return g_object_new (RD_TYPE_ACCOUNT, NULL);
}

void
_rd_account_set_updated_at (RdAccount  *self,
                            const char *updated_at)
{
  g_return_if_fail (RD_IS_ACCOUNT (self));

  if (g_strcmp0 (self->updated_at, updated_at) == 0)
    return;

  g_free (self->updated_at);
  self->updated_at = g_strdup (updated_at);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

void
_rd_account_update_search_key (RdAccount *self)
{
  g_autofree char *joined = NULL;

  joined = g_strjoin (" ",
                      self->name ? self->name : "",
                      self->owner ? self->owner : "",
                      self->industry ? self->industry : "",
                      NULL);
  g_free (self->search_key);
  self->search_key = g_utf8_strdown (joined, -1);
}

RdAccount *
rd_account_new (void)
{
  RdAccount *self = g_object_new (RD_TYPE_ACCOUNT, NULL);

  self->id = g_uuid_string_random ();
  self->currency = g_strdup ("EUR");
  self->stage = RD_STAGE_MATURING;
  self->status = RD_STATUS_ACTIVE;
  self->cash_stability = RD_LEVEL_MEDIUM;
  self->notice_days = 60;
  self->risk_band = RD_RISK_BAND_LOW;

  return self;
}

RdAccount *
rd_account_copy (RdAccount *self)
{
  RdAccount *copy;

  g_return_val_if_fail (RD_IS_ACCOUNT (self), NULL);

  copy = g_object_new (RD_TYPE_ACCOUNT, NULL);
  copy->id = g_strdup (self->id);
  copy->name = g_strdup (self->name);
  copy->external_id = g_strdup (self->external_id);
  copy->industry = g_strdup (self->industry);
  copy->country = g_strdup (self->country);
  copy->currency = g_strdup (self->currency);
  copy->annual_value_minor = self->annual_value_minor;
  copy->contract_start = g_strdup (self->contract_start);
  copy->contract_end = g_strdup (self->contract_end);
  copy->effective_end = g_strdup (self->effective_end);
  copy->stage = self->stage;
  copy->status = self->status;
  copy->cash_stability = self->cash_stability;
  copy->owner = g_strdup (self->owner);
  copy->auto_renew = self->auto_renew;
  copy->notice_days = self->notice_days;
  copy->notes = g_strdup (self->notes);
  copy->risk_score = self->risk_score;
  copy->risk_band = self->risk_band;
  copy->risk_factors = g_strdupv (self->risk_factors);
  copy->churn_reason = g_strdup (self->churn_reason);
  copy->stage_since = g_strdup (self->stage_since);
  copy->updated_at = g_strdup (self->updated_at);
  copy->search_key = g_strdup (self->search_key);
  copy->delay_class = self->delay_class;
  copy->extra = rd_document_copy_object (self->extra);

  return copy;
}

static const char *
member_string (JsonObject *doc,
               const char *name)
{
  JsonNode *node = json_object_get_member (doc, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return json_node_get_string (node);
}

static gint64
member_int (JsonObject *doc,
            const char *name,
            gint64      fallback)
{
  JsonNode *node = json_object_get_member (doc, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return fallback;

  return json_node_get_int (node);
}

static int
member_enum (JsonObject        *doc,
             const char        *name,
             const RdEnumTable *table,
             int                fallback)
{
  int value = rd_enum_table_lookup (table, member_string (doc, name));

  return value < 0 ? fallback : value;
}

RdAccount *
rd_account_new_from_document (JsonObject  *doc,
                              GError     **error)
{
  g_autoptr(RdAccount) self = NULL;
  g_autofree char *type = NULL;
  g_autofree char *uuid = NULL;
  JsonNode *node;

  g_return_val_if_fail (doc != NULL, NULL);

  if (!rd_document_validate (doc, error))
    return NULL;

  rd_document_parse_id (json_object_get_string_member (doc, "_id"), &type, &uuid);
  if (g_strcmp0 (type, "account") != 0)
    {
      g_set_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_UNKNOWN_TYPE,
                   _("Document “%s” is not an account"),
                   json_object_get_string_member (doc, "_id"));
      return NULL;
    }

  self = g_object_new (RD_TYPE_ACCOUNT, NULL);
  self->id = g_steal_pointer (&uuid);
  self->name = g_strdup (member_string (doc, "name"));
  self->external_id = g_strdup (member_string (doc, "external_id"));
  self->industry = g_strdup (member_string (doc, "industry"));
  self->country = g_strdup (member_string (doc, "country"));
  self->currency = g_strdup (member_string (doc, "currency"));
  self->annual_value_minor = member_int (doc, "annual_value_minor", 0);
  self->contract_start = g_strdup (member_string (doc, "contract_start"));
  self->contract_end = g_strdup (member_string (doc, "contract_end"));
  self->effective_end = g_strdup (member_string (doc, "effective_end"));
  self->stage = member_enum (doc, "stage", &rd_stage_table, RD_STAGE_MATURING);
  self->status = member_enum (doc, "status", &rd_status_table, RD_STATUS_ACTIVE);
  self->cash_stability = member_enum (doc, "cash_stability", &rd_level_table, RD_LEVEL_MEDIUM);
  self->owner = g_strdup (member_string (doc, "owner"));
  node = json_object_get_member (doc, "auto_renew");
  self->auto_renew = node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_boolean (node);
  self->notice_days = (int) member_int (doc, "notice_days", 60);
  self->notes = g_strdup (member_string (doc, "notes"));
  self->risk_score = (int) member_int (doc, "risk_score", 0);
  self->risk_band = member_enum (doc, "risk_band", &rd_risk_band_table, RD_RISK_BAND_LOW);
  node = json_object_get_member (doc, "risk_factors");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    self->risk_factors = _rd_account_strv_from_array (json_node_get_array (node));
  self->churn_reason = g_strdup (member_string (doc, "churn_reason"));
  self->stage_since = g_strdup (member_string (doc, "stage_since"));
  self->updated_at = g_strdup (member_string (doc, "updated_at"));
  self->extra = rd_document_extract_extra (doc);

  return g_steal_pointer (&self);
}

JsonObject *
rd_account_to_document (RdAccount *self)
{
  JsonObject *doc;
  g_autofree char *doc_id = NULL;

  g_return_val_if_fail (RD_IS_ACCOUNT (self), NULL);

  doc = json_object_new ();
  doc_id = rd_document_make_id ("account", self->id);
  json_object_set_string_member (doc, "_id", doc_id);
  json_object_set_string_member (doc, "type", "account");

#define SET_STR(field) \
  if (self->field != NULL) json_object_set_string_member (doc, #field, self->field)

  SET_STR (name);
  SET_STR (external_id);
  SET_STR (industry);
  SET_STR (country);
  SET_STR (currency);
  json_object_set_int_member (doc, "annual_value_minor", self->annual_value_minor);
  SET_STR (contract_start);
  SET_STR (contract_end);
  SET_STR (effective_end);
  json_object_set_string_member (doc, "stage", rd_enum_table_id (&rd_stage_table, self->stage));
  json_object_set_string_member (doc, "status", rd_enum_table_id (&rd_status_table, self->status));
  json_object_set_string_member (doc, "cash_stability",
                                 rd_enum_table_id (&rd_level_table, self->cash_stability));
  SET_STR (owner);
  json_object_set_boolean_member (doc, "auto_renew", self->auto_renew);
  json_object_set_int_member (doc, "notice_days", self->notice_days);
  SET_STR (notes);
  json_object_set_int_member (doc, "risk_score", self->risk_score);
  json_object_set_string_member (doc, "risk_band",
                                 rd_enum_table_id (&rd_risk_band_table, self->risk_band));
  if (self->risk_factors != NULL)
    {
      JsonArray *factors = json_array_new ();

      for (guint i = 0; self->risk_factors[i] != NULL; i++)
        json_array_add_string_element (factors, self->risk_factors[i]);
      json_object_set_array_member (doc, "risk_factors", factors);
    }
  SET_STR (churn_reason);
  SET_STR (stage_since);
  SET_STR (updated_at);

#undef SET_STR

  rd_document_merge_extra (doc, self->extra);

  return doc;
}

const char *
rd_account_get_id (RdAccount *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT (self), NULL);
  return self->id;
}

#define STRING_ACCESSORS(field, PROP, empty_is_null) \
const char * \
rd_account_get_##field (RdAccount *self) \
{ \
  g_return_val_if_fail (RD_IS_ACCOUNT (self), NULL); \
  return self->field; \
} \
void \
rd_account_set_##field (RdAccount  *self, \
                        const char *value) \
{ \
  g_return_if_fail (RD_IS_ACCOUNT (self)); \
  set_string (self, &self->field, value, empty_is_null, PROP); \
}

STRING_ACCESSORS (name, PROP_NAME, FALSE)
STRING_ACCESSORS (external_id, PROP_EXTERNAL_ID, TRUE)
STRING_ACCESSORS (industry, PROP_INDUSTRY, TRUE)
STRING_ACCESSORS (country, PROP_COUNTRY, TRUE)
STRING_ACCESSORS (currency, PROP_CURRENCY, FALSE)
STRING_ACCESSORS (contract_start, PROP_CONTRACT_START, TRUE)
STRING_ACCESSORS (contract_end, PROP_CONTRACT_END, TRUE)
STRING_ACCESSORS (effective_end, PROP_EFFECTIVE_END, TRUE)
STRING_ACCESSORS (owner, PROP_OWNER, TRUE)
STRING_ACCESSORS (notes, PROP_NOTES, TRUE)
STRING_ACCESSORS (churn_reason, PROP_CHURN_REASON, TRUE)
STRING_ACCESSORS (stage_since, PROP_STAGE_SINCE, TRUE)

#undef STRING_ACCESSORS

#define EXTRA_ACCESSORS(field, PROP) \
const char * \
rd_account_get_##field (RdAccount *self) \
{ \
  g_return_val_if_fail (RD_IS_ACCOUNT (self), NULL); \
  return get_extra_string (self, #field); \
} \
void \
rd_account_set_##field (RdAccount  *self, \
                        const char *value) \
{ \
  g_return_if_fail (RD_IS_ACCOUNT (self)); \
  set_extra_string (self, #field, value, PROP); \
}

EXTRA_ACCESSORS (goals, PROP_GOALS)
EXTRA_ACCESSORS (outcomes, PROP_OUTCOMES)
EXTRA_ACCESSORS (roi, PROP_ROI)

#undef EXTRA_ACCESSORS

#define SCALAR_ACCESSORS(type, field, PROP, fallback) \
type \
rd_account_get_##field (RdAccount *self) \
{ \
  g_return_val_if_fail (RD_IS_ACCOUNT (self), fallback); \
  return self->field; \
} \
void \
rd_account_set_##field (RdAccount *self, \
                        type       value) \
{ \
  g_return_if_fail (RD_IS_ACCOUNT (self)); \
  if (self->field == value) \
    return; \
  self->field = value; \
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]); \
}

SCALAR_ACCESSORS (gint64, annual_value_minor, PROP_ANNUAL_VALUE_MINOR, 0)
SCALAR_ACCESSORS (RdStage, stage, PROP_STAGE, RD_STAGE_MATURING)
SCALAR_ACCESSORS (RdStatus, status, PROP_STATUS, RD_STATUS_ACTIVE)
SCALAR_ACCESSORS (RdLevel, cash_stability, PROP_CASH_STABILITY, RD_LEVEL_MEDIUM)
SCALAR_ACCESSORS (int, notice_days, PROP_NOTICE_DAYS, 0)
SCALAR_ACCESSORS (int, risk_score, PROP_RISK_SCORE, 0)
SCALAR_ACCESSORS (RdRiskBand, risk_band, PROP_RISK_BAND, RD_RISK_BAND_LOW)

#undef SCALAR_ACCESSORS

gboolean
rd_account_get_auto_renew (RdAccount *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT (self), FALSE);
  return self->auto_renew;
}

void
rd_account_set_auto_renew (RdAccount *self,
                           gboolean   auto_renew)
{
  g_return_if_fail (RD_IS_ACCOUNT (self));

  auto_renew = !!auto_renew;
  if (self->auto_renew == auto_renew)
    return;

  self->auto_renew = auto_renew;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_RENEW]);
}

const char * const *
rd_account_get_risk_factors (RdAccount *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT (self), NULL);
  return (const char * const *) self->risk_factors;
}

void
rd_account_set_risk_factors (RdAccount          *self,
                             const char * const *factors)
{
  g_return_if_fail (RD_IS_ACCOUNT (self));

  if (factors != NULL && factors[0] == NULL)
    factors = NULL;
  if (factors == NULL && self->risk_factors == NULL)
    return;
  if (factors != NULL && self->risk_factors != NULL
      && g_strv_equal (factors, (const char * const *) self->risk_factors))
    return;

  g_strfreev (self->risk_factors);
  self->risk_factors = g_strdupv ((char **) factors);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RISK_FACTORS]);
}

const char *
rd_account_get_updated_at (RdAccount *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT (self), NULL);
  return self->updated_at;
}

const char *
rd_account_get_deadline (RdAccount *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT (self), NULL);
  return self->effective_end != NULL ? self->effective_end : self->contract_end;
}

int
rd_account_get_days_to_renewal (RdAccount   *self,
                                const GDate *today)
{
  const char *deadline;

  g_return_val_if_fail (RD_IS_ACCOUNT (self), G_MININT);
  g_return_val_if_fail (today != NULL, G_MININT);

  deadline = rd_account_get_deadline (self);
  if (deadline == NULL)
    return G_MININT;

  return rd_date_days_between (today, deadline);
}

const char *
rd_account_get_search_key (RdAccount *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT (self), NULL);

  if (self->search_key == NULL)
    _rd_account_update_search_key (self);

  return self->search_key;
}

int
rd_account_get_delay_class (RdAccount *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT (self), -1);

  return self->delay_class;
}

gboolean
rd_account_set_field_text (RdAccount   *self,
                           const char  *field,
                           const char  *text,
                           GError     **error)
{
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *at_fault = NULL;

  g_return_val_if_fail (RD_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (is_typed_field (field), FALSE);

  if (!rd_document_parse_field ("account", field, text, self->currency, &value, error))
    return FALSE;

  /* The rules between fields, with the new value in place. */
  doc = rd_account_to_document (self);
  if (value != NULL)
    json_object_set_member (doc, field, json_node_copy (value));
  else
    json_object_remove_member (doc, field);
  if (!rd_document_check_entity ("account", doc, &at_fault, error))
    return FALSE;

  if (g_str_equal (field, "annual_value_minor"))
    rd_account_set_annual_value_minor (self, value != NULL ? json_node_get_int (value) : 0);
  else if (g_str_equal (field, "notice_days"))
    rd_account_set_notice_days (self, value != NULL ? (int) json_node_get_int (value) : 0);
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
        {
          if (g_str_equal (text_fields[i].field, field))
            text_fields[i].set (self, value != NULL ? json_node_get_string (value) : NULL);
        }
    }

  return TRUE;
}
