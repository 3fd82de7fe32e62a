/* rd-delay.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-delay"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-contact.h"
#include "rd-delay.h"
#include "rd-document.h"
#include "rd-format.h"

/* Free-text fields, by their document names. */
enum
{
  TEXT_STATED_REASON,
  TEXT_ACTIONS_TAKEN,
  TEXT_CUSTOMER_RESPONSE,
  TEXT_NEXT_STEP,
  TEXT_HELP_NEEDED,
  TEXT_OUTCOME,
  TEXT_RETROSPECTIVE,
  TEXT_OVERRIDE_NOTE,
  N_TEXTS
};

static const char * const text_fields[N_TEXTS] = {
  "stated_reason",
  "actions_taken",
  "customer_response",
  "next_step",
  "help_needed",
  "outcome",
  "retrospective",
  "override_note",
};

struct _RdDelay
{
  GObject        parent_instance;

  char          *id;
  char          *account_id;
  char          *contact_id;
  char          *communicated_on;
  char          *texts[N_TEXTS];
  int            cause;
  guint32        signals;
  GPtrArray     *statements;
  char          *answers[RD_N_QUESTIONS];
  char          *commitments[RD_N_COMMITMENTS];
  char          *kept[RD_N_COMMITMENTS];
  RdDelayStatus  status;
  char          *resolved_on;
  RdClass        classification;
  int            score;
  int            override;
  char          *updated_at;

  /* Fields of the document this version does not know: kept, written back. */
  JsonObject    *extra;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_ACCOUNT_ID,
  PROP_COMMUNICATED_ON,
  PROP_CAUSE,
  PROP_SIGNALS,
  PROP_CLASSIFICATION,
  PROP_SCORE,
  PROP_OVERRIDE,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RdDelay, rd_delay, G_TYPE_OBJECT)

static const RdEnumEntry question_entries[] = {
  { "pending", N_("What specific process or decision is pending?") },
  { "involved", N_("Who still needs to be involved?") },
  { "missing", N_("What information is missing?") },
  { "concern", N_("What concern would the extra time resolve?") },
  { "revisit", N_("When exactly can we revisit?") },
  { "help", N_("Can we help them align: join a meeting, prepare material, talk to someone, adjust terms?") },
  { "alternatives", N_("Are they evaluating other options?") },
};
const RdEnumTable rd_question_table = { "question", question_entries, G_N_ELEMENTS (question_entries) };

static const RdEnumEntry commitment_entries[] = {
  { "info_by", N_("Information by") },
  { "reconnect_on", N_("Reconnect on") },
  { "decision_by", N_("Decision by") },
  { "next_step_on", N_("Next step on") },
};
const RdEnumTable rd_commitment_table = { "commitment", commitment_entries, G_N_ELEMENTS (commitment_entries) };

/* When each commitment was ticked off as kept, by RdCommitment. */
static const char * const kept_fields[RD_N_COMMITMENTS] = {
  "info_kept_on",
  "reconnect_kept_on",
  "decision_kept_on",
  "next_step_kept_on",
};

/* Document fields handled here; everything else goes to ->extra. */
static const char * const known_fields[] = {
  "_id", "type", "account_id", "contact_id", "communicated_on", "stated_reason", "cause",
  "signals", "classification", "classification_override", "override_note", "score",
  "info_by", "reconnect_on", "decision_by", "actions_taken", "customer_response",
  "next_step", "next_step_on", "help_needed", "status", "resolved_on", "outcome",
  "retrospective", "statements", "diagnostics", "updated_at",
  "info_kept_on", "reconnect_kept_on", "decision_kept_on", "next_step_kept_on",
  NULL
};

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static guint32
signals_from_json (JsonNode  *node,
                   GError   **error)
{
  JsonArray *array;
  guint32 bits = 0;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return 0;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_INVALID,
                   _("“signals” must be a list of signal ids"));
      return 0;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *id = json_array_get_string_element (array, i);
      int signal = rd_enum_table_lookup (&rd_signal_table, id);

      if (signal < 0)
        {
          g_set_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_INVALID,
                       _("“%s” is not a known signal"), id ? id : "");
          return 0;
        }
      bits |= RD_SIGNAL_BIT (signal);
    }

  return bits;
}

static JsonNode *
signals_to_json (guint32 bits)
{
  JsonArray *array = json_array_new ();

  for (guint s = 0; s < rd_signal_table.n_entries; s++)
    if (bits & RD_SIGNAL_BIT (s))
      json_array_add_string_element (array, rd_enum_table_id (&rd_signal_table, s));

  return json_node_init_array (json_node_alloc (), array);
}

static int
member_enum (JsonObject         *doc,
             const char         *name,
             const RdEnumTable  *table,
             int                 fallback,
             GError            **error)
{
  const char *id = rd_document_get_string (doc, name);
  int value;

  if (id == NULL || *id == '\0')
    return fallback;

  value = rd_enum_table_lookup (table, id);
  if (value < 0)
    g_set_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_INVALID,
                 _("“%s” is not a valid value for “%s”"), id, name);
  return value;
}

static void
add_string (JsonObject *doc,
            const char *name,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (doc, name, value);
}

static void
rd_delay_finalize (GObject *object)
{
  RdDelay *self = (RdDelay *)object;

  g_free (self->id);
  g_free (self->account_id);
  g_free (self->contact_id);
  g_free (self->communicated_on);
  for (guint i = 0; i < N_TEXTS; i++)
    g_free (self->texts[i]);
  for (guint i = 0; i < RD_N_QUESTIONS; i++)
    g_free (self->answers[i]);
  for (guint i = 0; i < RD_N_COMMITMENTS; i++)
    {
      g_free (self->commitments[i]);
      g_free (self->kept[i]);
    }
  g_free (self->resolved_on);
  g_free (self->updated_at);
  g_clear_pointer (&self->statements, g_ptr_array_unref);
  g_clear_pointer (&self->extra, json_object_unref);

  G_OBJECT_CLASS (rd_delay_parent_class)->finalize (object);
}

static void
rd_delay_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  RdDelay *self = RD_DELAY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_ACCOUNT_ID:
      g_value_set_string (value, self->account_id);
      break;
    case PROP_COMMUNICATED_ON:
      g_value_set_string (value, self->communicated_on);
      break;
    case PROP_CAUSE:
      g_value_set_int (value, self->cause);
      break;
    case PROP_SIGNALS:
      g_value_set_uint (value, self->signals);
      break;
    case PROP_CLASSIFICATION:
      g_value_set_int (value, self->classification);
      break;
    case PROP_SCORE:
      g_value_set_int (value, self->score);
      break;
    case PROP_OVERRIDE:
      g_value_set_int (value, self->override);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_delay_class_init (RdDelayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_delay_finalize;
  object_class->get_property = rd_delay_get_property;

#define RO_FLAGS (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, RO_FLAGS);
  properties[PROP_ACCOUNT_ID] = g_param_spec_string ("account-id", NULL, NULL, NULL, RO_FLAGS);
  properties[PROP_COMMUNICATED_ON] = g_param_spec_string ("communicated-on", NULL, NULL, NULL, RO_FLAGS);
  properties[PROP_CAUSE] = g_param_spec_int ("cause", NULL, NULL, -1, RD_CAUSE_SHOPPING, -1, RO_FLAGS);
  properties[PROP_SIGNALS] = g_param_spec_uint ("signals", NULL, NULL, 0, G_MAXUINT32, 0, RO_FLAGS);
  properties[PROP_CLASSIFICATION] = g_param_spec_int ("classification", NULL, NULL,
                                                      RD_CLASS_ADMINISTRATIVE, RD_CLASS_RISK,
                                                      RD_CLASS_DECISION, RO_FLAGS);
  properties[PROP_SCORE] = g_param_spec_int ("score", NULL, NULL, 0, 100, 0, RO_FLAGS);
  properties[PROP_OVERRIDE] = g_param_spec_int ("override", NULL, NULL, -1, RD_CLASS_RISK, -1, RO_FLAGS);
  properties[PROP_STATUS] = g_param_spec_int ("status", NULL, NULL, RD_DELAY_STATUS_OPEN,
                                              RD_DELAY_STATUS_RESOLVED, RD_DELAY_STATUS_OPEN, RO_FLAGS);
#undef RO_FLAGS

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_delay_init (RdDelay *self)
{
  self->cause = -1;
  self->override = -1;
  self->classification = RD_CLASS_DECISION;
  self->status = RD_DELAY_STATUS_OPEN;
  self->statements = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_statement_free);
  self->extra = json_object_new ();
}

RdStatement *
rd_statement_new (const char *contact_id,
                  const char *said,
                  guint32     signals)
{
  RdStatement *statement = g_new0 (RdStatement, 1);

  statement->contact_id = g_strdup (contact_id);
  statement->said = g_strdup (said);
  statement->signals = signals;

  return statement;
}

void
rd_statement_free (RdStatement *statement)
{
  if (statement == NULL)
    return;

  g_free (statement->contact_id);
  g_free (statement->said);
  g_free (statement);
}

RdDelay *
rd_delay_new (const char *account_id)
{
  RdDelay *self;
  GDate today;

  g_return_val_if_fail (account_id != NULL, NULL);

  self = g_object_new (RD_TYPE_DELAY, NULL);
  self->id = g_uuid_string_random ();
  self->account_id = g_strdup (account_id);
  rd_date_today (&today);
  self->communicated_on = rd_date_to_string (&today);

  return self;
}

RdDelay *
rd_delay_copy (RdDelay *self)
{
  g_autoptr(JsonObject) doc = NULL;

  g_return_val_if_fail (RD_IS_DELAY (self), NULL);

  doc = rd_delay_to_document (self);
  return rd_delay_new_from_document (doc, NULL);
}

RdDelay *
rd_delay_new_from_document (JsonObject  *doc,
                            GError     **error)
{
  g_autoptr(RdDelay) self = NULL;
  g_autofree char *type = NULL;
  g_autofree char *uuid = NULL;
  const char *doc_id;
  JsonNode *node;
  GError *local_error = NULL;

  g_return_val_if_fail (doc != NULL, NULL);

  doc_id = rd_document_get_string (doc, "_id");
  if (!rd_document_parse_id (doc_id, &type, &uuid) || !g_str_equal (type, "delay"))
    {
      g_set_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_INVALID,
                   _("“%s” is not the id of a delay"), doc_id ? doc_id : "");
      return NULL;
    }

  self = g_object_new (RD_TYPE_DELAY, NULL);
  self->id = g_steal_pointer (&uuid);
  set_string (&self->account_id, rd_document_get_string (doc, "account_id"));
  set_string (&self->contact_id, rd_document_get_string (doc, "contact_id"));
  set_string (&self->communicated_on, rd_document_get_string (doc, "communicated_on"));
  set_string (&self->resolved_on, rd_document_get_string (doc, "resolved_on"));
  set_string (&self->updated_at, rd_document_get_string (doc, "updated_at"));

  for (guint i = 0; i < N_TEXTS; i++)
    set_string (&self->texts[i], rd_document_get_string (doc, text_fields[i]));
  for (guint i = 0; i < RD_N_COMMITMENTS; i++)
    {
      set_string (&self->commitments[i], rd_document_get_string (doc, commitment_entries[i].id));
      set_string (&self->kept[i], rd_document_get_string (doc, kept_fields[i]));
    }

  self->cause = member_enum (doc, "cause", &rd_cause_table, -1, &local_error);
  if (local_error == NULL)
    self->classification = member_enum (doc, "classification", &rd_class_table,
                                        RD_CLASS_DECISION, &local_error);
  if (local_error == NULL)
    self->override = member_enum (doc, "classification_override", &rd_class_table, -1, &local_error);
  if (local_error == NULL)
    self->status = member_enum (doc, "status", &rd_delay_status_table,
                                RD_DELAY_STATUS_OPEN, &local_error);
  if (local_error == NULL)
    self->signals = signals_from_json (json_object_get_member (doc, "signals"), &local_error);
  if (local_error != NULL)
    {
      g_propagate_prefixed_error (error, local_error, "%s: ", doc_id);
      return NULL;
    }

  if (json_object_has_member (doc, "score"))
    self->score = CLAMP (json_object_get_int_member (doc, "score"), 0, 100);

  node = json_object_get_member (doc, "statements");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *item = json_array_get_object_element (array, i);
          guint32 bits;

          if (item == NULL)
            continue;
          bits = signals_from_json (json_object_get_member (item, "signals"), &local_error);
          if (local_error != NULL)
            {
              g_propagate_prefixed_error (error, local_error, "%s: ", doc_id);
              return NULL;
            }
          g_ptr_array_add (self->statements,
                           rd_statement_new (rd_document_get_string (item, "contact_id"),
                                             rd_document_get_string (item, "said"), bits));
        }
    }

  node = json_object_get_member (doc, "diagnostics");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *answers = json_node_get_object (node);

      for (guint i = 0; i < RD_N_QUESTIONS; i++)
        set_string (&self->answers[i], rd_document_get_string (answers, question_entries[i].id));
    }

  /* Keep whatever a newer version wrote. */
  {
    JsonObjectIter iter;
    const char *name;

    json_object_iter_init (&iter, doc);
    while (json_object_iter_next (&iter, &name, &node))
      {
        if (!g_strv_contains ((const char * const *) known_fields, name) &&
            !g_str_equal (name, "_rev") && !g_str_equal (name, "_deleted"))
          json_object_set_member (self->extra, name, json_node_copy (node));
      }
  }

  return g_steal_pointer (&self);
}

JsonObject *
rd_delay_to_document (RdDelay *self)
{
  JsonObject *doc;
  JsonObject *answers;
  JsonArray *statements;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  g_autofree char *doc_id = NULL;

  g_return_val_if_fail (RD_IS_DELAY (self), NULL);

  doc_id = rd_document_make_id ("delay", self->id);
  doc = json_object_new ();
  json_object_set_string_member (doc, "_id", doc_id);
  json_object_set_string_member (doc, "type", "delay");
  add_string (doc, "account_id", self->account_id);
  add_string (doc, "contact_id", self->contact_id);
  add_string (doc, "communicated_on", self->communicated_on);
  add_string (doc, "cause", rd_enum_table_id (&rd_cause_table, self->cause));
  json_object_set_member (doc, "signals", signals_to_json (self->signals));
  add_string (doc, "classification", rd_enum_table_id (&rd_class_table, self->classification));
  add_string (doc, "classification_override", rd_enum_table_id (&rd_class_table, self->override));
  json_object_set_int_member (doc, "score", self->score);
  for (guint i = 0; i < RD_N_COMMITMENTS; i++)
    {
      add_string (doc, commitment_entries[i].id, self->commitments[i]);
      add_string (doc, kept_fields[i], self->kept[i]);
    }
  for (guint i = 0; i < N_TEXTS; i++)
    add_string (doc, text_fields[i], self->texts[i]);
  add_string (doc, "status", rd_enum_table_id (&rd_delay_status_table, self->status));
  add_string (doc, "resolved_on", self->resolved_on);
  add_string (doc, "updated_at", self->updated_at);

  statements = json_array_new ();
  for (guint i = 0; i < self->statements->len; i++)
    {
      RdStatement *statement = g_ptr_array_index (self->statements, i);
      JsonObject *item = json_object_new ();

      add_string (item, "contact_id", statement->contact_id);
      add_string (item, "said", statement->said);
      json_object_set_member (item, "signals", signals_to_json (statement->signals));
      json_array_add_object_element (statements, item);
    }
  json_object_set_array_member (doc, "statements", statements);

  answers = json_object_new ();
  for (guint i = 0; i < RD_N_QUESTIONS; i++)
    add_string (answers, question_entries[i].id, self->answers[i]);
  json_object_set_object_member (doc, "diagnostics", answers);

  json_object_iter_init (&iter, self->extra);
  while (json_object_iter_next (&iter, &name, &node))
    json_object_set_member (doc, name, json_node_copy (node));

  return doc;
}

static void
notify (RdDelay *self,
        guint    prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

const char *
rd_delay_get_id (RdDelay *self)
{
  g_return_val_if_fail (RD_IS_DELAY (self), NULL);
  return self->id;
}

const char *
rd_delay_get_account_id (RdDelay *self)
{
  g_return_val_if_fail (RD_IS_DELAY (self), NULL);
  return self->account_id;
}

const char *
rd_delay_get_contact_id (RdDelay *self)
{
  g_return_val_if_fail (RD_IS_DELAY (self), NULL);
  return self->contact_id;
}

void
rd_delay_set_contact_id (RdDelay    *self,
                         const char *contact_id)
{
  g_return_if_fail (RD_IS_DELAY (self));
  set_string (&self->contact_id, contact_id);
}

const char *
rd_delay_get_communicated_on (RdDelay *self)
{
  g_return_val_if_fail (RD_IS_DELAY (self), NULL);
  return self->communicated_on;
}

void
rd_delay_set_communicated_on (RdDelay    *self,
                              const char *date)
{
  g_return_if_fail (RD_IS_DELAY (self));
  if (set_string (&self->communicated_on, date))
    notify (self, PROP_COMMUNICATED_ON);
}

const char *
rd_delay_get_stated_reason (RdDelay *self)
{
  g_return_val_if_fail (RD_IS_DELAY (self), NULL);
  return self->texts[TEXT_STATED_REASON];
}

void
rd_delay_set_stated_reason (RdDelay    *self,
                            const char *text)
{
  g_return_if_fail (RD_IS_DELAY (self));
  set_string (&self->texts[TEXT_STATED_REASON], text);
}

int
rd_delay_get_cause (RdDelay *self)
{
  g_return_val_if_fail (RD_IS_DELAY (self), -1);
  return self->cause;
}

void
rd_delay_set_cause (RdDelay *self,
                    int      cause)
{
  g_return_if_fail (RD_IS_DELAY (self));
  g_return_if_fail (cause >= -1 && cause <= RD_CAUSE_SHOPPING);

  if (self->cause == cause)
    return;
  self->cause = cause;
  notify (self, PROP_CAUSE);
}

guint32
rd_delay_get_signals (RdDelay *self)
{
  g_return_val_if_fail (RD_IS_DELAY (self), 0);
  return self->signals;
}

void
rd_delay_set_signals (RdDelay *self,
                      guint32  signals)
{
  g_return_if_fail (RD_IS_DELAY (self));

  signals &= (1u << rd_signal_table.n_entries) - 1;
  if (self->signals == signals)
    return;
  self->signals = signals;
  notify (self, PROP_SIGNALS);
}

void
rd_delay_set_signal (RdDelay  *self,
                     RdSignal  signal,
                     gboolean  present)
{
  g_return_if_fail (RD_IS_DELAY (self));
  g_return_if_fail (signal < rd_signal_table.n_entries);

  if (present)
    rd_delay_set_signals (self, self->signals | RD_SIGNAL_BIT (signal));
  else
    rd_delay_set_signals (self, self->signals & ~RD_SIGNAL_BIT (signal));
}

guint32
rd_delay_get_own_signals (RdDelay *self)
{
  guint32 bits;

  g_return_val_if_fail (RD_IS_DELAY (self), 0);

  bits = self->signals;

  if (rd_classify_answer_is_yes (self->answers[RD_QUESTION_ALTERNATIVES]))
    bits |= RD_SIGNAL_BIT (RD_SIGNAL_EVALUATING_ALTERNATIVES);

  return bits;
}

guint32
rd_delay_get_all_signals (RdDelay *self)
{
  guint32 bits;

  g_return_val_if_fail (RD_IS_DELAY (self), 0);

  bits = rd_delay_get_own_signals (self);
  for (guint i = 0; i < self->statements->len; i++)
    bits |= ((RdStatement *) g_ptr_array_index (self->statements, i))->signals;

  return bits;
}

GPtrArray *
rd_delay_get_statements (RdDelay *self)
{
  g_return_val_if_fail (RD_IS_DELAY (self), NULL);
  return self->statements;
}

void
rd_delay_add_statement (RdDelay     *self,
                        RdStatement *statement)
{
  g_return_if_fail (RD_IS_DELAY (self));
  g_return_if_fail (statement != NULL);

  g_ptr_array_add (self->statements, statement);
  notify (self, PROP_SIGNALS);
}

void
rd_delay_remove_statement (RdDelay *self,
                           guint    index)
{
  g_return_if_fail (RD_IS_DELAY (self));
  g_return_if_fail (index < self->statements->len);

  g_ptr_array_remove_index (self->statements, index);
  notify (self, PROP_SIGNALS);
}

const char *
rd_delay_get_answer (RdDelay    *self,
                     RdQuestion  question)
{
  g_return_val_if_fail (RD_IS_DELAY (self), NULL);
  g_return_val_if_fail (question < RD_N_QUESTIONS, NULL);
  return self->answers[question];
}

void
rd_delay_set_answer (RdDelay    *self,
                     RdQuestion  question,
                     const char *answer)
{
  g_return_if_fail (RD_IS_DELAY (self));
  g_return_if_fail (question < RD_N_QUESTIONS);
  set_string (&self->answers[question], answer);
}

const char *
rd_delay_get_commitment (RdDelay      *self,
                         RdCommitment  commitment)
{
  g_return_val_if_fail (RD_IS_DELAY (self), NULL);
  g_return_val_if_fail (commitment < RD_N_COMMITMENTS, NULL);
  return self->commitments[commitment];
}

void
rd_delay_set_commitment (RdDelay      *self,
                         RdCommitment  commitment,
                         const char   *date)
{
  g_return_if_fail (RD_IS_DELAY (self));
  g_return_if_fail (commitment < RD_N_COMMITMENTS);
  set_string (&self->commitments[commitment], date);
}

const char *
rd_delay_get_commitment_kept (RdDelay      *self,
                              RdCommitment  commitment)
{
  g_return_val_if_fail (RD_IS_DELAY (self), NULL);
  g_return_val_if_fail (commitment < RD_N_COMMITMENTS, NULL);
  return self->kept[commitment];
}

void
rd_delay_set_commitment_kept (RdDelay      *self,
                              RdCommitment  commitment,
                              const char   *date)
{
  g_return_if_fail (RD_IS_DELAY (self));
  g_return_if_fail (commitment < RD_N_COMMITMENTS);
  set_string (&self->kept[commitment], date);
}

const char *
rd_commitment_kept_field (RdCommitment commitment)
{
  g_return_val_if_fail (commitment < RD_N_COMMITMENTS, NULL);
  return kept_fields[commitment];
}

static int
text_index (const char *field)
{
  for (guint i = 0; i < N_TEXTS; i++)
    if (g_strcmp0 (text_fields[i], field) == 0)
      return (int) i;
  return -1;
}

const char *
rd_delay_get_text (RdDelay    *self,
                   const char *field)
{
  int i;

  g_return_val_if_fail (RD_IS_DELAY (self), NULL);
  i = text_index (field);
  g_return_val_if_fail (i >= 0, NULL);
  return self->texts[i];
}

void
rd_delay_set_text (RdDelay    *self,
                   const char *field,
                   const char *text)
{
  int i;

  g_return_if_fail (RD_IS_DELAY (self));
  i = text_index (field);
  g_return_if_fail (i >= 0);
  set_string (&self->texts[i], text);
}

RdDelayStatus
rd_delay_get_status (RdDelay *self)
{
  g_return_val_if_fail (RD_IS_DELAY (self), RD_DELAY_STATUS_OPEN);
  return self->status;
}

const char *
rd_delay_get_resolved_on (RdDelay *self)
{
  g_return_val_if_fail (RD_IS_DELAY (self), NULL);
  return self->resolved_on;
}

void
rd_delay_resolve (RdDelay    *self,
                  const char *date,
                  const char *outcome,
                  const char *retrospective)
{
  g_return_if_fail (RD_IS_DELAY (self));
  g_return_if_fail (date != NULL);

  set_string (&self->resolved_on, date);
  set_string (&self->texts[TEXT_OUTCOME], outcome);
  set_string (&self->texts[TEXT_RETROSPECTIVE], retrospective);
  if (self->status != RD_DELAY_STATUS_RESOLVED)
    {
      self->status = RD_DELAY_STATUS_RESOLVED;
      notify (self, PROP_STATUS);
    }
}

void
rd_delay_reopen (RdDelay *self)
{
  g_return_if_fail (RD_IS_DELAY (self));

  set_string (&self->resolved_on, NULL);
  if (self->status != RD_DELAY_STATUS_OPEN)
    {
      self->status = RD_DELAY_STATUS_OPEN;
      notify (self, PROP_STATUS);
    }
}

RdClass
rd_delay_get_classification (RdDelay *self)
{
  g_return_val_if_fail (RD_IS_DELAY (self), RD_CLASS_DECISION);
  return self->classification;
}

int
rd_delay_get_score (RdDelay *self)
{
  g_return_val_if_fail (RD_IS_DELAY (self), 0);
  return self->score;
}

int
rd_delay_get_override (RdDelay *self)
{
  g_return_val_if_fail (RD_IS_DELAY (self), -1);
  return self->override;
}

void
rd_delay_set_override (RdDelay    *self,
                       int         klass,
                       const char *note)
{
  g_return_if_fail (RD_IS_DELAY (self));
  g_return_if_fail (klass >= -1 && klass <= RD_CLASS_RISK);

  set_string (&self->texts[TEXT_OVERRIDE_NOTE], klass < 0 ? NULL : note);
  if (self->override == klass)
    return;
  self->override = klass;
  notify (self, PROP_OVERRIDE);
}

RdClass
rd_delay_get_effective_class (RdDelay *self)
{
  g_return_val_if_fail (RD_IS_DELAY (self), RD_CLASS_DECISION);
  return self->override >= 0 ? (RdClass) self->override : self->classification;
}

RdClassification *
rd_delay_classify (RdDelay              *self,
                   const RdDelayContext *context)
{
  RdClassification *result;

  g_return_val_if_fail (RD_IS_DELAY (self), NULL);
  g_return_val_if_fail (context != NULL, NULL);

  result = rd_delay_classify_in_context (self, context, NULL);

  if (self->classification != result->klass)
    {
      self->classification = result->klass;
      notify (self, PROP_CLASSIFICATION);
    }
  if (self->score != result->score)
    {
      self->score = result->score;
      notify (self, PROP_SCORE);
    }

  return result;
}
