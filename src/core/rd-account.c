/* rd-account.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-account"

#include "config.h"

#include "rd-account-private.h"
#include "rd-account-pack.h"
#include "rd-document.h"
#include "rd-fields-private.h"
#include "rd-format.h"
#include "rd-search-text.h"

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

#define STRING(member) \
  { #member, RD_FIELD_SLOT_STRING, G_STRUCT_OFFSET (RdAccount, member), NULL, 0 }
#define NUMBER(member, kind, fallback) \
  { #member, RD_FIELD_SLOT_##kind, G_STRUCT_OFFSET (RdAccount, member), NULL, fallback }
#define ENUM(member, table, fallback) \
  { #member, RD_FIELD_SLOT_ENUM, G_STRUCT_OFFSET (RdAccount, member), &table, fallback }

/* The account's members, in the order documents have them. */
static const RdFieldSlot slots[] = {
  STRING (name),
  STRING (external_id),
  STRING (industry),
  STRING (country),
  STRING (currency),
  NUMBER (annual_value_minor, INT64, 0),
  STRING (contract_start),
  STRING (contract_end),
  STRING (effective_end),
  ENUM (stage, rd_stage_table, RD_STAGE_MATURING),
  ENUM (status, rd_status_table, RD_STATUS_ACTIVE),
  ENUM (cash_stability, rd_level_table, RD_LEVEL_MEDIUM),
  STRING (owner),
  NUMBER (auto_renew, BOOL, FALSE),
  NUMBER (notice_days, INT, 60),
  STRING (notes),
  NUMBER (risk_score, INT, 0),
  ENUM (risk_band, rd_risk_band_table, RD_RISK_BAND_LOW),
  NUMBER (risk_factors, STRV, 0),
  STRING (churn_reason),
  STRING (stage_since),
  STRING (updated_at),
};

#undef STRING
#undef NUMBER
#undef ENUM

/* Packed strings --------------------------------------------------------- */

/* The packed block starts with the pool its common strings come from
 * (NULL when they are in the block too); then the factors' array, then
 * the strings. */
typedef struct
{
  RdStringPool *pool;  /* owned */
} PackedHeader;

static RdStringPool *
packed_pool (RdAccount *self)
{
  return self->packed != NULL ? ((PackedHeader *) (gpointer) self->packed)->pool : NULL;
}

/* Whether @pointer is in the packed block or its pool: not the field's
 * own allocation. */
static gboolean
is_packed (RdAccount     *self,
           gconstpointer  pointer)
{
  const char *p = pointer;
  RdStringPool *pool;

  if (self->packed == NULL || p == NULL)
    return FALSE;
  if (p >= self->packed && p < self->packed + self->packed_size)
    return TRUE;
  pool = packed_pool (self);
  return pool != NULL && rd_string_pool_contains (pool, p);
}

/* Gives *@field its own copy when it points into the packed block. */
static void
own_string (RdAccount  *self,
            char      **field)
{
  if (is_packed (self, *field))
    *field = g_strdup (*field);
}

/* Frees *@field unless the packed block holds it; leaves NULL. */
static void
drop_string (RdAccount  *self,
             char      **field)
{
  if (is_packed (self, *field))
    *field = NULL;
  else
    g_clear_pointer (field, g_free);
}

static void
drop_factors (RdAccount *self)
{
  if (is_packed (self, self->risk_factors))
    self->risk_factors = NULL;
  else
    g_clear_pointer (&self->risk_factors, g_strfreev);
}

/* Where @self keeps its strings: the string slots, the id and the search
 * key; returns how many. */
static guint
list_string_fields (RdAccount  *self,
                    char     ***fields)
{
  guint n = 0;

  fields[n++] = &self->id;
  fields[n++] = &self->search_key;
  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    if (slots[i].kind == RD_FIELD_SLOT_STRING)
      fields[n++] = G_STRUCT_MEMBER_P (self, slots[i].offset);
  return n;
}

#define MAX_STRING_FIELDS (G_N_ELEMENTS (slots) + 2)

/* The fields whose values many accounts share: codes, people, dates,
 * picked reasons and stamps (an import or a sync stamps many accounts
 * alike), not names or free text. */
static gboolean
is_common_field (RdAccount  *self,
                 char      **field)
{
  return field == &self->industry || field == &self->country || field == &self->currency ||
         field == &self->owner || field == &self->contract_start ||
         field == &self->contract_end || field == &self->effective_end ||
         field == &self->churn_reason || field == &self->stage_since ||
         field == &self->updated_at;
}

/* Copies @text to *@next and moves *@next past it; returns the copy. */
static char *
pack_string (char       **next,
             const char  *text)
{
  char *copy = *next;
  gsize size = strlen (text) + 1;

  memcpy (copy, text, size);
  *next += size;
  return copy;
}

/* Frees the block; the fields that pointed into it are NULL after. */
static void
forget_packed (RdAccount *self)
{
  char **fields[MAX_STRING_FIELDS];
  guint n = list_string_fields (self, fields);
  RdStringPool *pool = packed_pool (self);

  if (self->packed == NULL)
    return;

  for (guint i = 0; i < n; i++)
    if (is_packed (self, *fields[i]))
      *fields[i] = NULL;
  if (is_packed (self, self->risk_factors))
    self->risk_factors = NULL;
  g_clear_pointer (&pool, rd_string_pool_unref);
  g_clear_pointer (&self->packed, g_free);
  self->packed_size = 0;
}

void
_rd_account_pack_strings (RdAccount *self)
{
  _rd_account_pack_strings_pooled (self, NULL);
}

/* Where the packed block keeps @text: the pool's copy for a common
 * string, else a copy at *@next. */
static char *
place_string (char          **next,
              RdStringPool   *pool,
              gboolean        common,
              const char     *text)
{
  if (pool != NULL && common)
    return (char *) rd_string_pool_intern (pool, text);
  return pack_string (next, text);
}

void
_rd_account_pack_strings_pooled (RdAccount    *self,
                                 RdStringPool *pool)
{
  PackedHeader *header;
  char **fields[MAX_STRING_FIELDS];
  guint n = list_string_fields (self, fields);
  guint n_factors = self->risk_factors != NULL ? g_strv_length (self->risk_factors) : 0;
  gsize size = sizeof (PackedHeader);
  char *next;

  g_return_if_fail (RD_IS_ACCOUNT (self));
  g_return_if_fail (self->packed == NULL);

  /* The factors' array comes first, where g_malloc () aligns pointers,
   * unless the pool has it. */
  if (self->risk_factors != NULL && pool == NULL)
    size += (n_factors + 1) * sizeof (char *);
  for (guint i = 0; i < n_factors && pool == NULL; i++)
    size += strlen (self->risk_factors[i]) + 1;
  for (guint i = 0; i < n; i++)
    if (*fields[i] != NULL && (pool == NULL || !is_common_field (self, fields[i])))
      size += strlen (*fields[i]) + 1;

  self->packed = next = g_malloc (size);
  self->packed_size = size;
  header = (PackedHeader *) (gpointer) next;
  header->pool = pool != NULL ? rd_string_pool_ref (pool) : NULL;
  next += sizeof (PackedHeader);

  if (self->risk_factors != NULL && pool != NULL)
    {
      const char * const *factors =
        rd_string_pool_intern_strv (pool, (const char * const *) self->risk_factors);

      g_strfreev (self->risk_factors);
      self->risk_factors = (char **) factors;
    }
  else if (self->risk_factors != NULL)
    {
      char **factors = (char **) (gpointer) next;

      next += (n_factors + 1) * sizeof (char *);
      for (guint i = 0; i < n_factors; i++)
        factors[i] = pack_string (&next, self->risk_factors[i]);
      factors[n_factors] = NULL;
      g_strfreev (self->risk_factors);
      self->risk_factors = factors;
    }
  for (guint i = 0; i < n; i++)
    {
      char *copy;

      if (*fields[i] == NULL)
        continue;
      copy = place_string (&next, pool, is_common_field (self, fields[i]), *fields[i]);
      g_free (*fields[i]);
      *fields[i] = copy;
    }
}

/* Empty optional strings are stored as NULL ("unset"). */
static gboolean
set_string (RdAccount   *self,
            char       **field,
            const char  *value,
            gboolean     empty_is_null,
            int          prop)
{
  own_string (self, field);
  if (!_rd_field_replace_string (field, value, empty_is_null))
    return FALSE;

  if (prop == PROP_NAME || prop == PROP_OWNER || prop == PROP_INDUSTRY)
    drop_string (self, &self->search_key);

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

  forget_packed (self);
  g_free (self->id);
  _rd_field_slots_clear (self, slots, G_N_ELEMENTS (slots));
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
  self->reporting_minor = -1;
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

  own_string (self, &self->updated_at);
  if (_rd_field_replace_string (&self->updated_at, updated_at, FALSE))
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
  drop_string (self, &self->search_key);
  /* Folded here, on the worker that reads the book, not by the portfolio
   * as the book comes in (~100 ms of the main thread at 100,000). */
  self->search_key = rd_search_text_fold (joined, -1);
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
  _rd_field_slots_copy (copy, self, slots, G_N_ELEMENTS (slots));
  copy->search_key = g_strdup (self->search_key);
  copy->delay_class = self->delay_class;
  copy->reporting_minor = self->reporting_minor;
  copy->extra = rd_document_copy_object (self->extra);

  return copy;
}

RdAccount *
rd_account_new_from_document (JsonObject  *doc,
                              GError     **error)
{
  g_autoptr(RdAccount) self = NULL;
  char *uuid;

  g_return_val_if_fail (doc != NULL, NULL);

  uuid = _rd_field_slots_read_uuid (doc, "account", error);
  if (uuid == NULL)
    return NULL;

  self = g_object_new (RD_TYPE_ACCOUNT, NULL);
  self->id = uuid;
  _rd_field_slots_read (self, doc, slots, G_N_ELEMENTS (slots));
  self->extra = rd_document_extract_extra (doc);

  return g_steal_pointer (&self);
}

JsonObject *
rd_account_to_document (RdAccount *self)
{
  JsonObject *doc;

  g_return_val_if_fail (RD_IS_ACCOUNT (self), NULL);

  doc = _rd_field_slots_new_document ("account", self->id);
  _rd_field_slots_write (self, doc, slots, G_N_ELEMENTS (slots));

  rd_document_merge_extra (doc, self->extra);

  return doc;
}

const char *
rd_account_get_id (RdAccount *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT (self), NULL);
  return self->id;
}

/* A getter returning @get and a setter running @set, both over `self`
 * (and `value`), checking the instance first. */
#define ACCESSORS(Type, field, fallback, get, set) \
Type \
rd_account_get_##field (RdAccount *self) \
{ \
  g_return_val_if_fail (RD_IS_ACCOUNT (self), fallback); \
  return get; \
} \
void \
rd_account_set_##field (RdAccount *self, \
                        Type       value) \
{ \
  g_return_if_fail (RD_IS_ACCOUNT (self)); \
  set; \
}

#define STRING_ACCESSORS(field, PROP, empty_is_null) \
  ACCESSORS (const char *, field, NULL, self->field, \
             set_string (self, &self->field, value, empty_is_null, PROP))
#define EXTRA_ACCESSORS(field, PROP) \
  ACCESSORS (const char *, field, NULL, get_extra_string (self, #field), \
             set_extra_string (self, #field, value, PROP))
#define SCALAR_ACCESSORS(Type, field, PROP, fallback) \
  ACCESSORS (Type, field, fallback, self->field, \
             if (self->field != value) \
               { \
                 self->field = value; \
                 g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]); \
               })

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
EXTRA_ACCESSORS (goals, PROP_GOALS)
EXTRA_ACCESSORS (outcomes, PROP_OUTCOMES)
EXTRA_ACCESSORS (roi, PROP_ROI)
SCALAR_ACCESSORS (gint64, annual_value_minor, PROP_ANNUAL_VALUE_MINOR, 0)
SCALAR_ACCESSORS (RdStage, stage, PROP_STAGE, RD_STAGE_MATURING)
SCALAR_ACCESSORS (RdStatus, status, PROP_STATUS, RD_STATUS_ACTIVE)
SCALAR_ACCESSORS (RdLevel, cash_stability, PROP_CASH_STABILITY, RD_LEVEL_MEDIUM)
SCALAR_ACCESSORS (int, notice_days, PROP_NOTICE_DAYS, 0)
SCALAR_ACCESSORS (int, risk_score, PROP_RISK_SCORE, 0)
SCALAR_ACCESSORS (RdRiskBand, risk_band, PROP_RISK_BAND, RD_RISK_BAND_LOW)

#undef STRING_ACCESSORS
#undef EXTRA_ACCESSORS
#undef SCALAR_ACCESSORS
#undef ACCESSORS

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

  drop_factors (self);
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

gint64
rd_account_get_reporting_value_minor (RdAccount *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT (self), -1);

  return self->reporting_minor;
}

void
rd_account_set_reporting_value_minor (RdAccount *self,
                                      gint64     value_minor)
{
  g_return_if_fail (RD_IS_ACCOUNT (self));

  self->reporting_minor = value_minor < 0 ? -1 : value_minor;
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

guint
rd_account_get_fold_dismissed (RdAccount *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT (self), 0);

  if (self->extra == NULL)
    return 0;

  return (guint) CLAMP (json_object_get_int_member_with_default (self->extra, "fold_dismissed", 0),
                        0, G_MAXUINT);
}

void
rd_account_set_fold_dismissed (RdAccount *self,
                               guint      signs)
{
  g_return_if_fail (RD_IS_ACCOUNT (self));

  if (self->extra == NULL)
    self->extra = json_object_new ();
  json_object_set_int_member (self->extra, "fold_dismissed", signs);
}

char **
rd_account_dup_levers_offered (RdAccount *self)
{
  JsonNode *node;

  g_return_val_if_fail (RD_IS_ACCOUNT (self), NULL);

  node = self->extra != NULL ? json_object_get_member (self->extra, "levers_offered") : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return _rd_strv_from_json_array (json_node_get_array (node));
}

void
rd_account_set_levers_offered (RdAccount          *self,
                               const char * const *levers)
{
  JsonArray *array = json_array_new ();

  g_return_if_fail (RD_IS_ACCOUNT (self));

  for (guint i = 0; levers != NULL && levers[i] != NULL; i++)
    json_array_add_string_element (array, levers[i]);
  if (self->extra == NULL)
    self->extra = json_object_new ();
  json_object_set_array_member (self->extra, "levers_offered", array);
}

gboolean
rd_account_get_reference_ok (RdAccount *self)
{
  JsonNode *node;

  g_return_val_if_fail (RD_IS_ACCOUNT (self), FALSE);

  node = self->extra != NULL ? json_object_get_member (self->extra, "reference_ok") : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;

  return json_node_get_boolean (node);
}

void
rd_account_set_reference_ok (RdAccount *self,
                             gboolean   reference_ok)
{
  g_return_if_fail (RD_IS_ACCOUNT (self));

  if (self->extra == NULL)
    self->extra = json_object_new ();
  json_object_set_boolean_member (self->extra, "reference_ok", !!reference_ok);
}

/* A whole number kept in ->extra; -1 when absent or not a number. */
static gint64
get_extra_count (RdAccount  *self,
                 const char *name)
{
  JsonNode *node = self->extra != NULL ? json_object_get_member (self->extra, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return -1;

  return MAX (-1, json_node_get_int (node));
}

static void
set_extra_count (RdAccount  *self,
                 const char *name,
                 gint64      value)
{
  if (value >= 0)
    {
      if (self->extra == NULL)
        self->extra = json_object_new ();
      json_object_set_int_member (self->extra, name, value);
    }
  else if (self->extra != NULL)
    json_object_remove_member (self->extra, name);
}

gint64
rd_account_get_roi_cost_minor (RdAccount *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT (self), -1);
  return get_extra_count (self, "roi_cost_minor");
}

void
rd_account_set_roi_cost_minor (RdAccount *self,
                               gint64     minor)
{
  g_return_if_fail (RD_IS_ACCOUNT (self));
  set_extra_count (self, "roi_cost_minor", minor);
}

gint64
rd_account_get_roi_benefit_minor (RdAccount *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT (self), -1);
  return get_extra_count (self, "roi_benefit_minor");
}

void
rd_account_set_roi_benefit_minor (RdAccount *self,
                                  gint64     minor)
{
  g_return_if_fail (RD_IS_ACCOUNT (self));
  set_extra_count (self, "roi_benefit_minor", minor);
}

int
rd_account_get_roi_payback_months (RdAccount *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT (self), -1);
  return (int) CLAMP (get_extra_count (self, "roi_payback_months"), -1, G_MAXINT);
}

void
rd_account_set_roi_payback_months (RdAccount *self,
                                   int        months)
{
  g_return_if_fail (RD_IS_ACCOUNT (self));
  set_extra_count (self, "roi_payback_months", months);
}

int
rd_account_get_reonboarding_weeks (RdAccount *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT (self), -1);
  return (int) CLAMP (get_extra_count (self, "reonboarding_weeks"), -1, G_MAXINT);
}

void
rd_account_set_reonboarding_weeks (RdAccount *self,
                                   int        weeks)
{
  g_return_if_fail (RD_IS_ACCOUNT (self));
  set_extra_count (self, "reonboarding_weeks", weeks);
}

const char *
rd_account_get_price_change_on (RdAccount *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT (self), NULL);
  return get_extra_string (self, "price_change_on");
}

void
rd_account_set_price_change_on (RdAccount  *self,
                                const char *date)
{
  g_return_if_fail (RD_IS_ACCOUNT (self));

  if (date == NULL || *date == '\0')
    {
      if (self->extra != NULL)
        json_object_remove_member (self->extra, "price_change_on");
      return;
    }
  if (self->extra == NULL)
    self->extra = json_object_new ();
  json_object_set_string_member (self->extra, "price_change_on", date);
}
