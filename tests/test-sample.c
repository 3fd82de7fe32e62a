/* test-sample.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "rd-account.h"
#include "rd-delay.h"
#include "rd-document.h"
#include "rd-format.h"
#include "rd-reminders.h"
#include "rd-sample.h"
#include "rd-store.h"
#include "rd-test-util.h"

/* Days the sample is generated on: an ordinary day, the last day of a
 * year, the end of February and a leap day. */
static const struct
{
  int          day;
  GDateMonth   month;
  int          year;
} days[] = {
  { 22, G_DATE_NOVEMBER, 2026 },
  { 31, G_DATE_DECEMBER, 2026 },
  { 28, G_DATE_FEBRUARY, 2027 },
  { 29, G_DATE_FEBRUARY, 2028 },
};

static void
set_day (GDate *today,
         guint  i)
{
  g_date_clear (today, 1);
  g_date_set_dmy (today, days[i].day, days[i].month, days[i].year);
}

static void
set_today (GDate *today)
{
  set_day (today, 0);
}

static char *
to_json (GPtrArray *docs)
{
  return rd_documents_to_data (docs, NULL);
}

static const char *
str (JsonObject *doc,
     const char *member)
{
  return rd_document_get_string (doc, member);
}

static const char *
uuid_of (JsonObject *doc)
{
  return strchr (str (doc, "_id"), ':') + 1;
}

/* Days from @today to the date in @member of @doc. */
static int
days_to (const GDate *today,
         JsonObject  *doc,
         const char  *member)
{
  const char *date = str (doc, member);

  g_assert_nonnull (date);
  return rd_date_days_between (today, date);
}

static const char *
deadline_of (JsonObject *account)
{
  return str (account, "effective_end") ? str (account, "effective_end") : str (account, "contract_end");
}

static gboolean
is_open_account (JsonObject *account)
{
  return g_str_equal (str (account, "status"), "active") ||
         g_str_equal (str (account, "status"), "expected_churn");
}

/* The sample, indexed: documents by type, and by bare uuid. */
typedef struct
{
  GPtrArray  *docs;
  GHashTable *by_type;   /* type → GPtrArray of JsonObject */
  GHashTable *by_uuid;   /* uuid → JsonObject */
} Sample;

static GPtrArray *
of_type (Sample     *sample,
         const char *type)
{
  GPtrArray *list = g_hash_table_lookup (sample->by_type, type);

  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (sample->by_type, g_strdup (type), list);
    }

  return list;
}

static Sample *
sample_new (guint        n,
            guint32      seed,
            const GDate *today)
{
  Sample *sample = g_new0 (Sample, 1);

  sample->docs = rd_sample_generate (n, seed, today);
  sample->by_type = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_ptr_array_unref);
  sample->by_uuid = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < sample->docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (sample->docs, i);

      g_ptr_array_add (of_type (sample, str (doc, "type")), doc);
      g_assert_true (g_hash_table_insert (sample->by_uuid, (gpointer) uuid_of (doc), doc));
    }

  return sample;
}

static void
sample_free (Sample *sample)
{
  g_ptr_array_unref (sample->docs);
  g_hash_table_unref (sample->by_type);
  g_hash_table_unref (sample->by_uuid);
  g_free (sample);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sample, sample_free)

static JsonObject *
account_of (Sample     *sample,
            JsonObject *doc)
{
  JsonObject *account = g_hash_table_lookup (sample->by_uuid, str (doc, "account_id"));

  g_assert_nonnull (account);
  g_assert_cmpstr (str (account, "type"), ==, "account");
  return account;
}

/* What the store would hand the classifier for @delay: see
 * rd_store_get_delay_context(). */
static void
context_for (Sample         *sample,
             JsonObject     *delay,
             const GDate    *today,
             RdDelayContext *context)
{
  JsonObject *account = account_of (sample, delay);
  const char *account_id = uuid_of (account);
  GPtrArray *list;

  memset (context, 0, sizeof *context);
  g_strlcpy (context->deadline, deadline_of (account), sizeof context->deadline);
  context->today = *today;

  list = of_type (sample, "delay");
  for (guint i = 0; i < list->len; i++)
    {
      JsonObject *other = g_ptr_array_index (list, i);

      if (other != delay && g_str_equal (str (other, "account_id"), account_id)
          && g_strcmp0 (str (other, "status"), "resolved") != 0)
        context->other_open_delays++;
    }

  list = of_type (sample, "bridge");
  for (guint i = 0; i < list->len; i++)
    {
      JsonObject *bridge = g_ptr_array_index (list, i);

      if (g_str_equal (str (bridge, "account_id"), account_id)
          && g_str_equal (str (bridge, "status"), "accepted"))
        context->extensions++;
    }

  list = of_type (sample, "contact");
  for (guint i = 0; i < list->len; i++)
    {
      JsonObject *contact = g_ptr_array_index (list, i);

      if (g_str_equal (str (contact, "account_id"), account_id)
          && g_str_equal (str (contact, "role"), "champion")
          && !json_object_get_boolean_member (contact, "active"))
        context->champion_changed = TRUE;
    }
}

static void
test_sample_deterministic (void)
{
  g_autoptr(GPtrArray) prefix = NULL;
  g_autofree char *first_day = NULL;

  for (guint d = 0; d < 2; d++)
    {
      GDate today;
      g_autoptr(GPtrArray) a = NULL;
      g_autoptr(GPtrArray) b = NULL;
      g_autoptr(GPtrArray) c = NULL;
      g_autofree char *ja = NULL;
      g_autofree char *jb = NULL;
      g_autofree char *jc = NULL;

      set_day (&today, d);
      a = rd_sample_generate (RD_SAMPLE_DEFAULT_SIZE, RD_SAMPLE_DEFAULT_SEED, &today);
      b = rd_sample_generate (RD_SAMPLE_DEFAULT_SIZE, RD_SAMPLE_DEFAULT_SEED, &today);
      c = rd_sample_generate (RD_SAMPLE_DEFAULT_SIZE, RD_SAMPLE_DEFAULT_SEED + 1, &today);

      /* The same seed and day give the same documents, byte for byte. */
      ja = to_json (a);
      jb = to_json (b);
      jc = to_json (c);
      g_assert_cmpstr (ja, ==, jb);
      g_assert_cmpstr (ja, !=, jc);

      /* Another day moves the dates. */
      if (first_day == NULL)
        first_day = g_steal_pointer (&ja);
      else
        g_assert_cmpstr (first_day, !=, ja);

      /* A smaller sample is a prefix of a larger one with the same seed,
       * but for the exchange rates both end with. */
      g_clear_pointer (&prefix, g_ptr_array_unref);
      prefix = rd_sample_generate (5, RD_SAMPLE_DEFAULT_SEED, &today);
      g_assert_cmpuint (prefix->len, <, a->len);
      for (guint i = 0; i < prefix->len; i++)
        {
          if (g_str_equal (str (g_ptr_array_index (prefix, i), "type"), "exchange_rate"))
            continue;

          g_autoptr(JsonNode) x = json_node_init_object (json_node_alloc (),
                                                         g_ptr_array_index (prefix, i));
          g_autoptr(JsonNode) y = json_node_init_object (json_node_alloc (),
                                                         g_ptr_array_index (a, i));

          g_assert_true (json_node_equal (x, y));
        }
    }
}

static void
test_sample_valid (void)
{
  GDate today;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) currencies = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) industries = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) stages = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) owners = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) types = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_accounts = 0;
  guint n_contacts = 0;
  guint champions = 0;
  gboolean have_non_latin = FALSE;
  const char *current_account = NULL;

  set_today (&today);
  docs = rd_sample_generate (200, 99, &today);

  for (guint i = 0; i <= docs->len; i++)
    {
      JsonObject *doc = i < docs->len ? g_ptr_array_index (docs, i) : NULL;
      const char *type = doc ? str (doc, "type") : "account";
      const RdEntitySpec *spec = rd_entity_spec_lookup (type);
      g_autoptr(GError) error = NULL;

      /* Close the previous account's group: 2–5 stakeholders, one active
       * champion (a champion who left stays on file, inactive). */
      if (g_strcmp0 (type, "account") == 0 && current_account != NULL)
        {
          g_assert_cmpuint (n_contacts, >=, 2);
          g_assert_cmpuint (n_contacts, <=, 5);
          g_assert_cmpuint (champions, ==, 1);
        }
      if (doc == NULL)
        break;

      /* Every document passes the validator of the document contract. */
      g_assert_true (rd_document_validate (doc, &error));
      g_assert_no_error (error);
      g_assert_true (g_hash_table_add (ids, (gpointer) uuid_of (doc)));
      g_hash_table_add (types, (gpointer) type);

      /* Every reference points at a document written before it. */
      for (guint f = 0; f < spec->n_fields; f++)
        {
          const char *ref = spec->fields[f].kind == RD_FIELD_REF
                            ? str (doc, spec->fields[f].name) : NULL;

          if (ref != NULL)
            g_assert_true (g_hash_table_contains (ids, ref));
        }

      if (g_str_equal (type, "account"))
        {
          g_autoptr(RdAccount) account = rd_account_new_from_document (doc, &error);
          const char *currency = str (doc, "currency");
          const char *status = str (doc, "status");
          gint64 minor = json_object_get_int_member (doc, "annual_value_minor");
          gint64 scale = 1;
          int days_left;

          g_assert_no_error (error);
          g_assert_nonnull (account);
          for (int d = 0; d < rd_currency_minor_digits (currency); d++)
            scale *= 10;
          g_assert_cmpint (minor % scale, ==, 0);
          /* 5,000 to 500,000 euros' worth, in local units (up to 400 HUF
           * to the euro). */
          g_assert_cmpint (minor / scale, >=, 5000);
          g_assert_cmpint (minor / scale, <=, 500000 * 400);
          if (g_str_equal (currency, "EUR"))
            g_assert_cmpint (minor / scale, <=, 500000);
          if (g_str_equal (currency, "JPY"))
            g_assert_cmpint (minor / scale, >=, 5000 * 150);

          /* Open renewals fall in the coming year; a renewed account's new
           * term lies ahead; a lost one's contract has ended. */
          days_left = rd_account_get_days_to_renewal (account, &today);
          if (g_str_equal (status, "lost"))
            g_assert_cmpint (days_left, <, 0);
          else if (g_str_equal (status, "renewed"))
            {
              g_assert_cmpint (days_to (&today, doc, "contract_start"), >, 0);
              g_assert_cmpint (days_left, >, 365);
            }
          else
            {
              g_assert_cmpint (days_left, >=, 1);
              g_assert_cmpint (days_left, <=, 366);
            }
          g_assert_cmpstr (rd_account_get_contract_start (account), <,
                           rd_account_get_contract_end (account));

          for (const char *p = rd_account_get_name (account); *p; p++)
            have_non_latin |= ((guchar) *p) >= 0xE3;

          g_hash_table_add (currencies, (gpointer) currency);
          g_hash_table_add (industries, (gpointer) str (doc, "industry"));
          g_hash_table_add (stages, (gpointer) str (doc, "stage"));
          g_hash_table_add (owners, (gpointer) str (doc, "owner"));

          current_account = uuid_of (doc);
          n_accounts++;
          n_contacts = 0;
          champions = 0;
        }
      else if (g_str_equal (type, "contact"))
        {
          g_assert_cmpstr (str (doc, "account_id"), ==, current_account);
          g_assert_nonnull (strchr (str (doc, "email"), '@'));
          g_assert_true (g_str_has_prefix (str (doc, "phone"), "+"));
          n_contacts++;
          if (g_str_equal (str (doc, "role"), "champion") && json_object_get_boolean_member (doc, "active"))
            champions++;
        }
    }

  g_assert_cmpuint (n_accounts, ==, 200);
  g_assert_cmpuint (g_hash_table_size (currencies), >=, 8);
  g_assert_cmpuint (g_hash_table_size (industries), ==, 10);
  g_assert_cmpuint (g_hash_table_size (stages), ==, 4);
  g_assert_cmpuint (g_hash_table_size (owners), ==, 6);
  /* Every entity the sample has a use for; events are the user's own. */
  g_assert_cmpuint (g_hash_table_size (types), ==, 11);
  g_assert_true (have_non_latin);
}

static void
test_sample_uuids (void)
{
  GDate today;
  g_autoptr(GPtrArray) docs = NULL;
  guint reminders = 0;

  set_today (&today);
  docs = rd_sample_generate (RD_SAMPLE_DEFAULT_SIZE, 1, &today);

  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      const char *uuid = uuid_of (doc);

      g_assert_true (g_uuid_string_is_valid (uuid));
      g_assert_true (strchr ("89ab", uuid[19]) != NULL);

      if (g_str_equal (str (doc, "type"), "reminder"))
        {
          JsonObject *account = NULL;
          g_autofree char *expected = NULL;

          /* The reminder engine's own name-based id, so it is recognised. */
          for (guint j = 0; j < i && account == NULL; j++)
            if (g_str_equal (uuid_of (g_ptr_array_index (docs, j)), str (doc, "account_id")))
              account = g_ptr_array_index (docs, j);
          g_assert_nonnull (account);
          expected = rd_reminder_make_id (str (doc, "kind"), str (doc, "source_id"),
                                          str (account, "contract_end"));
          g_assert_cmpstr (uuid, ==, expected);
          reminders++;
        }
      else
        g_assert_cmpint (uuid[14], ==, '4');   /* version 4 layout */
    }

  g_assert_cmpuint (reminders, >, 0);
}

/* The delays: each computed by the classifier as of the day, every class
 * present, what each stakeholder said, and dates that are mostly ahead. */
static void
check_delays (Sample      *sample,
              const GDate *today)
{
  GPtrArray *delays = of_type (sample, "delay");
  guint n_class[3] = { 0, };
  guint missed = 0;
  guint ahead = 0;

  for (guint i = 0; i < delays->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (delays, i);
      JsonObject *account = account_of (sample, doc);
      g_autoptr(GError) error = NULL;
      g_autoptr(RdDelay) delay = rd_delay_new_from_document (doc, &error);
      g_autoptr(RdClassification) result = NULL;
      RdDelayContext context;
      GPtrArray *statements;
      guint32 signals;
      RdCause cause;

      g_assert_no_error (error);
      context_for (sample, doc, today, &context);
      result = rd_delay_classify (delay, &context);
      g_assert_cmpstr (str (doc, "classification"), ==, rd_enum_table_id (&rd_class_table, result->klass));
      g_assert_cmpint (json_object_get_int_member (doc, "score"), ==, result->score);
      n_class[result->klass]++;

      /* Triangulated: at least two stakeholders of this account spoke. */
      statements = rd_delay_get_statements (delay);
      g_assert_cmpuint (statements->len, >=, 2);
      for (guint s = 0; s < statements->len; s++)
        {
          RdStatement *statement = g_ptr_array_index (statements, s);
          JsonObject *contact = g_hash_table_lookup (sample->by_uuid, statement->contact_id);

          g_assert_nonnull (contact);
          g_assert_cmpstr (str (contact, "type"), ==, "contact");
          g_assert_cmpstr (str (contact, "account_id"), ==, uuid_of (account));
          g_assert_cmpuint (strlen (statement->said), >, 10);
          g_assert_cmpuint (statement->signals, !=, 0);
        }
      g_assert_nonnull (rd_delay_get_contact_id (delay));
      g_assert_nonnull (rd_delay_get_text (delay, "stated_reason"));
      g_assert_cmpint (days_to (today, doc, "communicated_on"), <, 0);

      cause = rd_delay_get_cause (delay);
      signals = rd_delay_get_all_signals (delay);
      switch (result->klass)
        {
        case RD_CLASS_ADMINISTRATIVE:
          g_assert_true (cause == RD_CAUSE_BUDGET || cause == RD_CAUSE_PRIORITY);
          g_assert_cmpuint (signals & 0x1f, !=, 0);
          g_assert_cmpuint (rd_delay_count_missed (delay, today), ==, 0);
          break;
        case RD_CLASS_DECISION:
          g_assert_true (cause == RD_CAUSE_STAKEHOLDERS || cause == RD_CAUSE_CHAMPION_CHANGE);
          g_assert_cmpuint (signals & (RD_SIGNAL_BIT (RD_SIGNAL_VAGUE) |
                                       RD_SIGNAL_BIT (RD_SIGNAL_NO_TIMELINE)), !=, 0);
          g_assert_null (rd_delay_get_commitment (delay, RD_COMMITMENT_DECISION_BY));
          break;
        case RD_CLASS_RISK:
        default:
          g_assert_true (cause == RD_CAUSE_SHOPPING || cause == RD_CAUSE_HIDDEN_PROBLEM);
          break;
        }

      if (rd_delay_get_status (delay) == RD_DELAY_STATUS_RESOLVED)
        {
          g_assert_cmpint (days_to (today, doc, "resolved_on"), <, 0);
          g_assert_nonnull (rd_delay_get_text (delay, "outcome"));
          g_assert_nonnull (rd_delay_get_text (delay, "retrospective"));
          continue;
        }

      /* Open: "later" is turned into dates, with a next step. */
      g_assert_true (is_open_account (account));
      g_assert_nonnull (rd_delay_get_text (delay, "next_step"));
      for (guint c = 0; c < RD_N_COMMITMENTS; c++)
        {
          const char *date = rd_delay_get_commitment (delay, c);
          int d = date ? rd_date_days_between (today, date) : 0;

          if (date == NULL)
            continue;
          if (d < 0)
            {
              /* Just missed, so the display shows one; never long overdue. */
              g_assert_cmpint (d, >=, -7);
              missed++;
            }
          else
            ahead++;
        }
      g_assert_cmpuint (rd_delay_count_missed (delay, today), <=, 1);
    }

  g_assert_cmpuint (n_class[RD_CLASS_ADMINISTRATIVE], >=, 1);
  g_assert_cmpuint (n_class[RD_CLASS_DECISION], >=, 1);
  g_assert_cmpuint (n_class[RD_CLASS_RISK], >=, 1);
  g_assert_cmpuint (missed, >=, 1);
  g_assert_cmpuint (missed, <=, 2);
  g_assert_cmpuint (ahead, >, 10 * missed);
}

/* A conditional recovery plan on a risk account, across the horizons. */
static void
check_plans (Sample      *sample,
             const GDate *today)
{
  GPtrArray *plans = of_type (sample, "plan");
  GPtrArray *steps = of_type (sample, "plan_step");
  guint active = 0;

  g_assert_cmpuint (plans->len, >=, 1);

  for (guint i = 0; i < plans->len; i++)
    {
      JsonObject *plan = g_ptr_array_index (plans, i);
      JsonObject *delay = g_hash_table_lookup (sample->by_uuid, str (plan, "delay_id"));
      guint per_horizon[3] = { 0, };
      guint must_fix = 0;

      g_assert_nonnull (delay);
      g_assert_cmpstr (str (delay, "classification"), ==, "risk");
      g_assert_cmpstr (str (delay, "account_id"), ==, str (plan, "account_id"));
      g_assert_cmpstr (str (plan, "customer_answer"), ==, "yes");
      g_assert_nonnull (str (plan, "progress_criteria"));
      g_assert_cmpint (json_object_get_int_member (plan, "timeframe_days"), >, 0);
      g_assert_cmpint (json_object_get_int_member (plan, "check_in_days"), >, 0);
      g_assert_cmpint (days_to (today, plan, "started_on"), <, 0);
      /* The first check-in is still ahead. */
      g_assert_cmpint (days_to (today, plan, "started_on")
                       + json_object_get_int_member (plan, "check_in_days"), >, 0);
      if (g_str_equal (str (plan, "status"), "active"))
        active++;

      for (guint s = 0; s < steps->len; s++)
        {
          JsonObject *step = g_ptr_array_index (steps, s);
          JsonObject *concern;
          int horizon;

          if (!g_str_equal (str (step, "plan_id"), uuid_of (plan)))
            continue;

          horizon = rd_enum_table_lookup (&rd_horizon_table, str (step, "horizon"));
          g_assert_cmpint (horizon, >=, 0);
          per_horizon[horizon]++;

          concern = g_hash_table_lookup (sample->by_uuid, str (step, "concern_id"));
          g_assert_nonnull (concern);
          g_assert_cmpstr (str (concern, "account_id"), ==, str (plan, "account_id"));
          if (json_object_get_boolean_member (concern, "must_fix"))
            must_fix++;

          /* The 48 hours are behind them and kept; the rest lies ahead. */
          if (horizon == RD_HORIZON_48H)
            g_assert_cmpint (days_to (today, step, "done_on"), <, 0);
          else
            {
              g_assert_null (str (step, "done_on"));
              g_assert_cmpint (days_to (today, step, "due_on"), >, 0);
            }
        }

      g_assert_cmpuint (per_horizon[RD_HORIZON_48H], >=, 1);
      g_assert_cmpuint (per_horizon[RD_HORIZON_30D], >=, 1);
      g_assert_cmpuint (per_horizon[RD_HORIZON_90D], >=, 1);
      g_assert_cmpuint (must_fix, >=, 1);
    }

  g_assert_cmpuint (active, >=, 1);
  g_assert_cmpuint (of_type (sample, "concern")->len, >=, 2);
}

/* Bridges proposed, accepted and declined; an accepted one moves the end. */
static void
check_bridges (Sample      *sample,
               const GDate *today)
{
  GPtrArray *bridges = of_type (sample, "bridge");
  guint n_status[3] = { 0, };

  for (guint i = 0; i < bridges->len; i++)
    {
      JsonObject *bridge = g_ptr_array_index (bridges, i);
      JsonObject *account = account_of (sample, bridge);
      int status = rd_enum_table_lookup (&rd_bridge_status_table, str (bridge, "status"));
      GDate start;

      g_assert_cmpint (status, >=, 0);
      n_status[status]++;
      g_assert_cmpint (json_object_get_int_member (bridge, "price_minor"), >, 0);
      g_assert_cmpint (days_to (today, bridge, "proposed_on"), <=, 0);

      /* It starts the day after the contract it bridges. */
      g_assert_true (rd_date_parse (str (account, "contract_end"), &start));
      g_date_add_days (&start, 1);
      g_assert_cmpint (days_to (&start, bridge, "starts_on"), ==, 0);

      if (status == RD_BRIDGE_STATUS_ACCEPTED)
        {
          g_assert_cmpint (days_to (today, bridge, "accepted_on"), <, 0);
          g_assert_cmpstr (str (account, "effective_end"), ==, str (bridge, "ends_on"));
          g_assert_cmpstr (str (account, "effective_end"), >, str (account, "contract_end"));
        }
      else if (status == RD_BRIDGE_STATUS_DECLINED)
        g_assert_cmpint (days_to (today, bridge, "declined_on"), <, 0);
    }

  g_assert_cmpuint (n_status[RD_BRIDGE_STATUS_PROPOSED], >=, 1);
  g_assert_cmpuint (n_status[RD_BRIDGE_STATUS_ACCEPTED], >=, 1);
  g_assert_cmpuint (n_status[RD_BRIDGE_STATUS_DECLINED], >=, 1);
}

/* A lost account waiting to be re-engaged, and one renewed early. */
static void
check_outcomes (Sample      *sample,
                const GDate *today)
{
  GPtrArray *accounts = of_type (sample, "account");
  GPtrArray *losses = of_type (sample, "loss");
  guint renewed = 0;
  guint lost = 0;

  g_assert_cmpuint (losses->len, >=, 1);
  for (guint i = 0; i < losses->len; i++)
    {
      JsonObject *loss = g_ptr_array_index (losses, i);
      JsonObject *account = account_of (sample, loss);

      g_assert_cmpstr (str (account, "status"), ==, "lost");
      g_assert_cmpint (rd_enum_table_lookup (&rd_loss_reason_table, str (loss, "reason")), >=, 0);
      if (g_str_equal (str (loss, "reason"), "competitor"))
        g_assert_nonnull (str (loss, "competitor"));
      g_assert_nonnull (str (loss, "details"));
      g_assert_nonnull (str (loss, "retrospective"));
      g_assert_cmpint (days_to (today, loss, "closed_on"), <, 0);
      g_assert_cmpint (days_to (today, loss, "reengage_on"), >, 0);
      g_assert_null (str (loss, "reopened_on"));
    }

  for (guint i = 0; i < accounts->len; i++)
    {
      JsonObject *account = g_ptr_array_index (accounts, i);

      if (g_str_equal (str (account, "status"), "lost"))
        lost++;
      if (!g_str_equal (str (account, "status"), "renewed"))
        continue;
      renewed++;
      g_assert_cmpint (days_to (today, account, "contract_start"), >, 0);
      g_assert_cmpint (days_to (today, account, "contract_end"), >, 0);
      g_assert_nonnull (str (account, "renewal_choice"));
      g_assert_cmpint (days_to (today, account, "renewal_choice_on"), <, 0);
    }

  g_assert_cmpuint (lost, ==, losses->len);
  g_assert_cmpuint (renewed, >=, 1);
}

/* Renewal conversations start 120 days before the hard deadline: every
 * open account inside that window has work dated inside it. */
static void
check_window (Sample      *sample,
              const GDate *today)
{
  GPtrArray *accounts = of_type (sample, "account");
  GPtrArray *delays = of_type (sample, "delay");
  RdReminderPrefs prefs;
  guint inside = 0;

  rd_reminder_prefs_init (&prefs);

  for (guint i = 0; i < accounts->len; i++)
    {
      JsonObject *account = g_ptr_array_index (accounts, i);
      int opened = rd_date_days_between (today, deadline_of (account)) - (int) prefs.renewal_lead_days;
      gboolean begun = FALSE;

      if (!is_open_account (account) || opened >= 0)
        continue;
      inside++;

      for (guint d = 0; d < delays->len; d++)
        {
          JsonObject *delay = g_ptr_array_index (delays, d);
          int communicated = days_to (today, delay, "communicated_on");

          if (g_str_equal (str (delay, "account_id"), uuid_of (account)))
            begun |= communicated >= opened && communicated < 0;
        }
      g_assert_true (begun);
    }

  g_assert_cmpuint (inside, >=, 5);
}

/* Opened on that day, the sample has a handful of reminders due at most,
 * none long overdue. */
static void
check_reminders (Sample      *sample,
                 const GDate *today)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new (utc, g_date_get_year (today), g_date_get_month (today),
                                              g_date_get_day (today), 12, 0, 0);
  g_autoptr(GDateTime) week_ago = g_date_time_add_days (now, -7);
  g_autofree char *now_text = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *week_ago_text = g_date_time_format (week_ago, "%Y-%m-%dT%H:%M:%SZ");
  g_autoptr(RdReminderChanges) changes = NULL;
  RdReminderSources sources = {
    of_type (sample, "account"), of_type (sample, "delay"), of_type (sample, "plan"),
    of_type (sample, "plan_step"), of_type (sample, "bridge"), of_type (sample, "loss"),
    of_type (sample, "reminder"),
  };
  RdReminderPrefs prefs;
  guint due = 0;

  rd_reminder_prefs_init (&prefs);
  changes = rd_reminders_derive (&prefs, &sources, utc, now);

  /* The sample's reminders are the ones the engine recognises. */
  g_assert_cmpuint (changes->retire->len, ==, 0);

  for (guint i = 0; i < changes->put->len; i++)
    {
      JsonObject *reminder = g_ptr_array_index (changes->put, i);
      const char *due_at = str (reminder, "due_at");

      g_assert_false (g_hash_table_contains (sample->by_uuid, uuid_of (reminder)));
      if (strcmp (due_at, now_text) > 0)
        continue;
      g_test_message ("due: %s %s", due_at, str (reminder, "title"));
      g_assert_cmpstr (due_at, >=, week_ago_text);
      due++;
    }

  g_assert_cmpuint (due, <=, 5);
}

static void
test_sample_method (void)
{
  for (guint d = 0; d < G_N_ELEMENTS (days); d++)
    {
      const guint32 seeds[] = { RD_SAMPLE_DEFAULT_SEED, 7, 99 };

      for (guint s = 0; s < G_N_ELEMENTS (seeds); s++)
        {
          GDate today;
          g_autoptr(Sample) sample = NULL;

          set_day (&today, d);
          g_test_message ("seed %u on %d-%02d-%02d", seeds[s], days[d].year, days[d].month,
                          days[d].day);
          sample = sample_new (RD_SAMPLE_DEFAULT_SIZE, seeds[s], &today);

          check_delays (sample, &today);
          check_plans (sample, &today);
          check_bridges (sample, &today);
          check_outcomes (sample, &today);
          check_window (sample, &today);
          check_reminders (sample, &today);
        }
    }
}

/* The store writes every document the sample makes, whatever its type. */
static void
test_sample_fill_store (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = rd_test_make_tmp_db (&dir);
  g_autoptr(RdStore) store = rd_test_open_store (path);
  g_autoptr(GPtrArray) exported = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  GDate before, after;

  /* rd_store_fill_sample() generates for the real today. */
  rd_date_today (&before);
  g_assert_true (rd_store_fill_sample (store, RD_SAMPLE_DEFAULT_SIZE, RD_SAMPLE_DEFAULT_SEED, &error));
  g_assert_no_error (error);
  rd_date_today (&after);
  if (g_date_compare (&before, &after) != 0)
    {
      g_test_skip ("the day changed while filling");
      g_clear_object (&store);
      rd_test_remove_tree (dir);
      return;
    }

  docs = rd_sample_generate (RD_SAMPLE_DEFAULT_SIZE, RD_SAMPLE_DEFAULT_SEED, &before);
  for (guint i = 0; i < docs->len; i++)
    {
      const char *type = str (g_ptr_array_index (docs, i), "type");

      g_hash_table_insert (counts, (gpointer) type,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, type)) + 1));
    }

  exported = rd_store_export_documents (store, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < exported->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (exported, i);
      const char *type = str (doc, "type");
      guint left = GPOINTER_TO_UINT (g_hash_table_lookup (counts, type));

      /* The store keeps its own history of what it writes. */
      if (g_str_equal (type, "event"))
        continue;
      g_assert_cmpuint (left, >, 0);
      g_hash_table_insert (counts, (gpointer) type, GUINT_TO_POINTER (left - 1));
    }

  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, counts);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        g_test_message ("%s: %u not written", (const char *) key, GPOINTER_TO_UINT (value));
        g_assert_cmpuint (GPOINTER_TO_UINT (value), ==, 0);
      }
  }

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/sample/deterministic", test_sample_deterministic);
  g_test_add_func ("/core/sample/valid", test_sample_valid);
  g_test_add_func ("/core/sample/uuids", test_sample_uuids);
  g_test_add_func ("/core/sample/method", test_sample_method);
  g_test_add_func ("/core/sample/fill-store", test_sample_fill_store);

  return g_test_run ();
}
