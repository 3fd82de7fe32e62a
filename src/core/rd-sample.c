/* rd-sample.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sample"

#include "config.h"

#include <string.h>

#include "rd-delay.h"
#include "rd-document.h"
#include "rd-enums.h"
#include "rd-format.h"
#include "rd-lifecycle.h"
#include "rd-plan.h"
#include "rd-pricing.h"
#include "rd-reminders.h"
#include "rd-sample.h"
#include "rd-sample-data.h"
#include "rd-sample-private.h"

/*
 * The sample is a book of accounts in the middle of a renewal season, so
 * that a newcomer sees the method at work: every account whose renewal
 * window (the 120 days before its hard deadline) has opened has had its
 * renewal conversation started and a delay in the log, with what each
 * stakeholder said, the date commitments and the class the classifier
 * gives it.  One account in every block of
 * SHOWCASE_BLOCK shows each part of the method whatever the seed: the
 * three classes of delay, a conditional recovery plan, proposed, accepted
 * and declined bridges, a renewal signed early and a loss waiting to be
 * re-engaged.  Every date is relative to the given day, so a fresh sample
 * opens with only a couple of commitments just missed and nothing long
 * overdue.
 */


#define MAX_PEOPLE 5

typedef struct
{
  char     *uuid;
  RdRole    role;
  gboolean  active;
} Person;

/* The account being written, for the documents that hang off it. */
typedef struct
{
  const char *uuid;
  const char *name;
  const char *owner;
  const char *currency;
  gint64      annual_minor;
  Story       story;
  gboolean    showcase;
  int         days;            /* from today to the hard deadline */
  int         room;            /* days since the renewal window opened */
  GDate       end;             /* contract_end */
  GDate       deadline;        /* effective_end when bridged, else contract_end */
  Person      people[MAX_PEOPLE];
  guint       n_people;
  guint       extensions;      /* accepted bridges */
  gboolean    champion_changed;
} Account;

/* No date for this commitment. */
#define NO_DATE G_MININT

typedef struct
{
  int ago;                         /* communicated this many days before today */
  int dates[RD_N_COMMITMENTS];     /* days from today, or NO_DATE */
  int resolved;                    /* days from today, or NO_DATE while open */
} DelayDates;

#define PLAN_PROGRESS_CRITERIA \
  "Reports open within 3 seconds at the Monday peak for six weeks running, and every urgent " \
  "ticket is answered within an hour. If so, they renew for a year; if not, we part " \
  "professionally."

#define LOSS_COMPETITOR "Orbit Success"
#define LOSS_DETAILS \
  "Chose Orbit Success on a one-year contract at about 30% below our price; their new CFO " \
  "consolidated vendors."
#define LOSS_RETROSPECTIVE \
  "We came late to the tender and relied on one champion. Their one-year contract comes up " \
  "for review next year: re-engage before they renew it."

struct _RdSampleGenerator
{
  GRand  *rand;
  GDate   today;
  guint   index;
  guint   total_weight;
  guint   lead_days;    /* the renewal window: rd_reminder_prefs_init() */
};


static guint
pick (RdSampleGenerator *self,
      guint              n)
{
  return (guint) g_rand_int_range (self->rand, 0, (gint32) MAX (n, 1));
}

static gboolean
chance (RdSampleGenerator *self,
        guint              percent)
{
  return pick (self, 100) < percent;
}

/* UUID v4 layout from the seeded stream: deterministic, still valid ids. */
static char *
make_uuid (RdSampleGenerator *self)
{
  guint8 b[16];

  for (guint i = 0; i < 16; i += 4)
    {
      guint32 r = g_rand_int (self->rand);

      b[i] = r & 0xff;
      b[i + 1] = (r >> 8) & 0xff;
      b[i + 2] = (r >> 16) & 0xff;
      b[i + 3] = (r >> 24) & 0xff;
    }

  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                          b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

static const Market *
pick_market (RdSampleGenerator *self)
{
  guint r = pick (self, self->total_weight);

  for (guint i = 0; i < G_N_ELEMENTS (_rd_sample_markets); i++)
    {
      if (r < _rd_sample_markets[i].weight)
        return &_rd_sample_markets[i];
      r -= _rd_sample_markets[i].weight;
    }

  return &_rd_sample_markets[0];
}

static char *
company_name (Culture     culture,
              const Word *first,
              guint       industry,
              guint       suffix)
{
  const char *second = _rd_sample_company_second[culture][industry];
  const char *tail = _rd_sample_company_suffix[culture][suffix];

  if (culture == CULTURE_JA || culture == CULTURE_ZH)
    return g_strconcat (first->display, second, tail, NULL);

  return g_strdup_printf ("%s %s %s", first->display, second, tail);
}

static char *
ascii_lower (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (out, g_ascii_tolower (*p));
      else if (*p == ' ' || *p == '-')
        g_string_append_c (out, '.');
    }

  return g_string_free (out, FALSE);
}

static void
add_date (JsonObject  *doc,
          const char  *field,
          const GDate *date)
{
  g_autofree char *text = rd_date_to_string (date);

  json_object_set_string_member (doc, field, text);
}

static void
shift_date (GDate *date,
            int    days)
{
  if (days >= 0)
    g_date_add_days (date, (guint) days);
  else
    g_date_subtract_days (date, (guint) -days);
}

/* Today plus @offset days, as "YYYY-MM-DD". */
static char *
date_from_today (RdSampleGenerator *self,
                 int                offset)
{
  GDate date = self->today;

  shift_date (&date, offset);
  return rd_date_to_string (&date);
}

static void
set_day (RdSampleGenerator *self,
         JsonObject        *doc,
         const char        *field,
         int                offset)
{
  g_autofree char *text = date_from_today (self, offset);

  json_object_set_string_member (doc, field, text);
}

static void
set_text (JsonObject *doc,
          const char *field,
          const char *text)
{
  if (text != NULL)
    json_object_set_string_member (doc, field, text);
}

/* A commitment ahead of today and, when there is room, before the deadline. */
static int
ahead (const Account *account,
       int            offset)
{
  return CLAMP (offset, 1, MAX (1, account->days - 1));
}

static JsonObject *
new_document (RdSampleGenerator  *self,
              const char         *type,
              char              **out_uuid)
{
  g_autofree char *uuid = make_uuid (self);
  g_autofree char *doc_id = rd_document_make_id (type, uuid);
  JsonObject *doc = json_object_new ();

  json_object_set_string_member (doc, "_id", doc_id);
  json_object_set_string_member (doc, "type", type);
  if (out_uuid != NULL)
    *out_uuid = g_steal_pointer (&uuid);

  return doc;
}

static JsonArray *
signals_to_array (guint32 bits)
{
  JsonArray *array = json_array_new ();

  for (guint s = 0; s < rd_signal_table.n_entries; s++)
    {
      if (bits & RD_SIGNAL_BIT (s))
        json_array_add_string_element (array, rd_enum_table_id (&rd_signal_table, (int) s));
    }

  return array;
}

/* Days from today to the contract end a story needs, or any day of the
 * coming year for an account without one. */
static int
story_days (RdSampleGenerator *self,
            Story              story)
{
  switch (story)
    {
    case STORY_BUDGET:
      return 50 + (int) pick (self, 30);
    case STORY_PRIORITY:
      return 70 + (int) pick (self, 40);
    case STORY_EXTENDED:
      return 5 + (int) pick (self, 10);
    case STORY_STAKEHOLDERS:
      return 20 + (int) pick (self, 15);
    case STORY_CHAMPION_CHANGE:
      return 60 + (int) pick (self, 40);
    case STORY_HIDDEN_PROBLEM:
      return 30 + (int) pick (self, 20);
    case STORY_SHOPPING:
      return 45 + (int) pick (self, 30);
    case STORY_RENEWED:
      return 15 + (int) pick (self, 30);
    case STORY_LOST:
      return -10 - (int) pick (self, 15);
    case STORY_NONE:
    case N_STORIES:
    default:
      return 1 + (int) pick (self, 365);
    }
}

/* A story for an account whose window opened @room days ago. */
static Story
pick_story (RdSampleGenerator *self,
            int                room)
{
  static const Story pool[] = {
    STORY_BUDGET, STORY_BUDGET, STORY_BUDGET, STORY_PRIORITY, STORY_PRIORITY, STORY_PRIORITY,
    STORY_STAKEHOLDERS, STORY_STAKEHOLDERS, STORY_CHAMPION_CHANGE, STORY_HIDDEN_PROBLEM,
    STORY_SHOPPING, STORY_RENEWED, STORY_RENEWED,
  };
  Story story = pool[pick (self, G_N_ELEMENTS (pool))];

  /* A plan needs its first 48 hours behind it, a renewal its history. */
  if (story == STORY_HIDDEN_PROBLEM && room < 6)
    return STORY_PRIORITY;
  if (story == STORY_RENEWED && room < 25)
    return STORY_BUDGET;

  return story;
}

/* When the delay was communicated and the dates the customer gave.  Only
 * the showcase's stakeholders and tender stories have just missed one. */
static void
story_dates (RdSampleGenerator *self,
             const Account     *account,
             DelayDates        *dates)
{
  int *d = dates->dates;
  int room = MAX (account->room, 1);
  int communicated;

  for (guint i = 0; i < RD_N_COMMITMENTS; i++)
    d[i] = NO_DATE;
  dates->resolved = NO_DATE;

  switch (account->story)
    {
    case STORY_BUDGET:
      dates->ago = 1 + (int) pick (self, MIN (21, room));
      d[RD_COMMITMENT_INFO_BY] = ahead (account, 5 + (int) pick (self, 15));
      d[RD_COMMITMENT_RECONNECT_ON] = ahead (account, d[RD_COMMITMENT_INFO_BY] + 1);
      d[RD_COMMITMENT_DECISION_BY] = ahead (account, d[RD_COMMITMENT_INFO_BY] + 7);
      d[RD_COMMITMENT_NEXT_STEP_ON] = ahead (account, 1 + (int) pick (self, 4));
      break;

    case STORY_PRIORITY:
      dates->ago = 1 + (int) pick (self, MIN (14, room));
      d[RD_COMMITMENT_RECONNECT_ON] = ahead (account, 7 + (int) pick (self, 14));
      d[RD_COMMITMENT_DECISION_BY] = ahead (account, d[RD_COMMITMENT_RECONNECT_ON] + 10);
      d[RD_COMMITMENT_NEXT_STEP_ON] = ahead (account, 1 + (int) pick (self, 3));
      break;

    case STORY_EXTENDED:
      {
        int end = g_date_days_between (&self->today, &account->end);

        dates->ago = 10 + (int) pick (self, 21);
        d[RD_COMMITMENT_INFO_BY] = end + 10;
        d[RD_COMMITMENT_RECONNECT_ON] = end + 11;
        d[RD_COMMITMENT_DECISION_BY] = end + 20;
        d[RD_COMMITMENT_NEXT_STEP_ON] = ahead (account, 2 + (int) pick (self, 3));
      }
      break;

    case STORY_STAKEHOLDERS:
      /* Vague and no timeline: no decision date, only ours to reconnect. */
      if (account->showcase)
        {
          dates->ago = 8 + (int) pick (self, MIN (13, MAX (room - 7, 1)));
          d[RD_COMMITMENT_RECONNECT_ON] = -2;
        }
      else
        {
          dates->ago = 1 + (int) pick (self, MIN (20, room));
          d[RD_COMMITMENT_RECONNECT_ON] = ahead (account, 4 + (int) pick (self, 11));
        }
      d[RD_COMMITMENT_NEXT_STEP_ON] = ahead (account, 2 + (int) pick (self, 3));
      break;

    case STORY_CHAMPION_CHANGE:
      dates->ago = 1 + (int) pick (self, MIN (20, room));
      d[RD_COMMITMENT_INFO_BY] = ahead (account, 5 + (int) pick (self, 8));
      d[RD_COMMITMENT_RECONNECT_ON] = ahead (account, d[RD_COMMITMENT_INFO_BY] + 3);
      d[RD_COMMITMENT_NEXT_STEP_ON] = ahead (account, 1 + (int) pick (self, 3));
      break;

    case STORY_HIDDEN_PROBLEM:
      /* The plan starts three days after they spoke up; its 48-hour steps
       * are done and its first check-in is still ahead. */
      dates->ago = 6 + (int) pick (self, MIN (11, MAX (room - 5, 1)));
      d[RD_COMMITMENT_RECONNECT_ON] = 3 - dates->ago + RD_PLAN_DEFAULT_CHECK_IN_DAYS;
      d[RD_COMMITMENT_DECISION_BY] = ahead (account, account->days - 3);
      d[RD_COMMITMENT_NEXT_STEP_ON] = ahead (account, 1 + (int) pick (self, 2));
      break;

    case STORY_SHOPPING:
      if (account->showcase)
        {
          dates->ago = 7 + (int) pick (self, MIN (14, MAX (room - 6, 1)));
          d[RD_COMMITMENT_INFO_BY] = -3;
        }
      else
        {
          dates->ago = 1 + (int) pick (self, MIN (14, room));
          d[RD_COMMITMENT_INFO_BY] = ahead (account, 3 + (int) pick (self, 8));
        }
      d[RD_COMMITMENT_RECONNECT_ON] = ahead (account, 2 + (int) pick (self, 3));
      d[RD_COMMITMENT_DECISION_BY] = ahead (account, account->days - 10);
      d[RD_COMMITMENT_NEXT_STEP_ON] = ahead (account, 1);
      break;

    case STORY_RENEWED:
      dates->ago = 25 + (int) pick (self, MIN (21, MAX (room - 24, 1)));
      communicated = -dates->ago;
      d[RD_COMMITMENT_INFO_BY] = communicated + 5;
      d[RD_COMMITMENT_RECONNECT_ON] = communicated + 7;
      d[RD_COMMITMENT_DECISION_BY] = communicated + 14;
      dates->resolved = communicated + 20;
      break;

    case STORY_LOST:
      /* Closed three days before the contract ended. */
      dates->resolved = account->days - 3;
      dates->ago = 40 - dates->resolved;
      communicated = -dates->ago;
      d[RD_COMMITMENT_INFO_BY] = communicated + 7;
      d[RD_COMMITMENT_DECISION_BY] = communicated + 30;
      break;

    case STORY_NONE:
    case N_STORIES:
    default:
      g_assert_not_reached ();
    }
}

static int
find_speaker (const Account  *account,
              const Said     *said,
              const gboolean *spoken)
{
  for (guint i = 0; i < account->n_people; i++)
    {
      const Person *person = &account->people[i];

      if (!spoken[i] && person->role == said->role && person->active == !said->former)
        return (int) i;
    }

  return -1;
}

/* The delay log entry of the account's story, classified the way the
 * store classifies it (rd_store_get_delay_context()) as of today.
 * Returns its uuid. */
static char *
add_delay (RdSampleGenerator *self,
           const Account     *account,
           const DelayDates  *dates,
           GPtrArray         *docs)
{
  const Script *script = &_rd_sample_scripts[account->story];
  g_autofree char *uuid = NULL;
  g_autofree char *deadline = rd_date_to_string (&account->deadline);
  g_autoptr(JsonObject) doc = new_document (self, "delay", &uuid);
  g_autoptr(RdDelay) delay = NULL;
  g_autoptr(RdClassification) result = NULL;
  JsonArray *statements = json_array_new ();
  JsonObject *answers = json_object_new ();
  gboolean spoken[MAX_PEOPLE] = { FALSE, };
  const char *contact_id = NULL;
  RdDelayContext context;

  json_object_set_string_member (doc, "account_id", account->uuid);
  set_day (self, doc, "communicated_on", -dates->ago);
  json_object_set_string_member (doc, "stated_reason", script->stated_reason);
  json_object_set_string_member (doc, "cause", rd_enum_table_id (&rd_cause_table, script->cause));
  json_object_set_array_member (doc, "signals", signals_to_array (script->signals));

  /* Several stakeholders, each in their own words: the classification
   * triangulates.  A role the account does not have stays silent. */
  for (guint i = 0; i < G_N_ELEMENTS (script->said); i++)
    {
      const Said *said = &script->said[i];
      JsonObject *statement;
      int who;

      if (said->said == NULL || (who = find_speaker (account, said, spoken)) < 0)
        continue;

      spoken[who] = TRUE;
      if (contact_id == NULL)
        contact_id = account->people[who].uuid;

      statement = json_object_new ();
      json_object_set_string_member (statement, "contact_id", account->people[who].uuid);
      json_object_set_string_member (statement, "said", said->said);
      json_object_set_array_member (statement, "signals", signals_to_array (said->signals));
      json_array_add_object_element (statements, statement);
    }
  json_object_set_array_member (doc, "statements", statements);
  set_text (doc, "contact_id", contact_id);

  for (guint q = 0; q < RD_N_QUESTIONS; q++)
    set_text (answers, rd_enum_table_id (&rd_question_table, (int) q), script->answers[q]);
  json_object_set_object_member (doc, "diagnostics", answers);

  for (guint c = 0; c < RD_N_COMMITMENTS; c++)
    {
      if (dates->dates[c] == NO_DATE)
        continue;
      set_day (self, doc, rd_enum_table_id (&rd_commitment_table, (int) c), dates->dates[c]);
      /* A customer who wants to renew keeps their word: the dates already
       * behind an administrative story were ticked off as kept that day. */
      if ((script->cause == RD_CAUSE_BUDGET || script->cause == RD_CAUSE_PRIORITY) && dates->dates[c] <= 0)
        set_day (self, doc, rd_commitment_kept_field ((RdCommitment) c), dates->dates[c]);
    }

  set_text (doc, "actions_taken", script->actions_taken);
  set_text (doc, "customer_response", script->customer_response);
  set_text (doc, "next_step", script->next_step);
  set_text (doc, "help_needed", script->help_needed);

  if (dates->resolved != NO_DATE)
    {
      json_object_set_string_member (doc, "status",
                                     rd_enum_table_id (&rd_delay_status_table,
                                                       RD_DELAY_STATUS_RESOLVED));
      set_day (self, doc, "resolved_on", dates->resolved);
      set_text (doc, "outcome", script->outcome);
      set_text (doc, "retrospective", script->retrospective);
    }
  else
    json_object_set_string_member (doc, "status",
                                   rd_enum_table_id (&rd_delay_status_table, RD_DELAY_STATUS_OPEN));

  delay = rd_delay_new_from_document (doc, NULL);
  g_assert (delay != NULL);

  /* One delay per account, so no other open ones. */
  memset (&context, 0, sizeof context);
  g_strlcpy (context.deadline, deadline, sizeof context.deadline);
  context.extensions = account->extensions;
  context.champion_changed = account->champion_changed;
  context.today = self->today;
  result = rd_delay_classify (delay, &context);

  g_ptr_array_add (docs, rd_delay_to_document (delay));

  return g_steal_pointer (&uuid);
}

/* The concerns they listed, in order of priority, and a conditional plan
 * over the three horizons that started @started days from today. */
static void
add_recovery_plan (RdSampleGenerator *self,
                   const Account     *account,
                   const char        *delay_uuid,
                   int                started,
                   GPtrArray         *docs)
{
  char *concern_ids[G_N_ELEMENTS (_rd_sample_concerns)];
  g_autofree char *plan_uuid = NULL;
  JsonObject *plan;

  for (guint i = 0; i < G_N_ELEMENTS (_rd_sample_concerns); i++)
    {
      JsonObject *concern = new_document (self, "concern", &concern_ids[i]);

      json_object_set_string_member (concern, "account_id", account->uuid);
      json_object_set_string_member (concern, "title", _rd_sample_concerns[i].title);
      json_object_set_int_member (concern, "priority", _rd_sample_concerns[i].priority);
      json_object_set_boolean_member (concern, "must_fix", _rd_sample_concerns[i].must_fix);
      json_object_set_boolean_member (concern, "changes_decision", _rd_sample_concerns[i].changes_decision);
      g_ptr_array_add (docs, concern);
    }

  plan = new_document (self, "plan", &plan_uuid);
  json_object_set_string_member (plan, "account_id", account->uuid);
  json_object_set_string_member (plan, "delay_id", delay_uuid);
  set_day (self, plan, "started_on", started);
  json_object_set_int_member (plan, "timeframe_days", RD_PLAN_DEFAULT_TIMEFRAME_DAYS);
  json_object_set_int_member (plan, "check_in_days", RD_PLAN_DEFAULT_CHECK_IN_DAYS);
  json_object_set_string_member (plan, "progress_criteria", PLAN_PROGRESS_CRITERIA);
  json_object_set_string_member (plan, "customer_answer",
                                 rd_enum_table_id (&rd_customer_answer_table, RD_ANSWER_YES));
  json_object_set_string_member (plan, "status",
                                 rd_enum_table_id (&rd_plan_status_table, RD_PLAN_STATUS_ACTIVE));
  g_ptr_array_add (docs, plan);

  for (guint i = 0; i < G_N_ELEMENTS (_rd_sample_plan_steps); i++)
    {
      static const char * const owners_by_kind[] = { NULL, "Support lead", "Engineering" };
      JsonObject *step = new_document (self, "plan_step", NULL);
      RdHorizon horizon = _rd_sample_plan_steps[i].horizon;

      json_object_set_string_member (step, "plan_id", plan_uuid);
      json_object_set_string_member (step, "concern_id", concern_ids[_rd_sample_plan_steps[i].concern]);
      json_object_set_string_member (step, "horizon", rd_enum_table_id (&rd_horizon_table, horizon));
      json_object_set_string_member (step, "title", _rd_sample_plan_steps[i].title);
      json_object_set_string_member (step, "owner",
                                     _rd_sample_plan_steps[i].owner == STEP_OWNER_ACCOUNT
                                     ? account->owner : owners_by_kind[_rd_sample_plan_steps[i].owner]);
      set_day (self, step, "due_on", started + rd_plan_horizon_days (horizon));
      /* The 48 hours are behind them, and were kept. */
      if (horizon == RD_HORIZON_48H)
        set_day (self, step, "done_on", started + 1 + (int) (i % 2));
      g_ptr_array_add (docs, step);
    }

  for (guint i = 0; i < G_N_ELEMENTS (_rd_sample_concerns); i++)
    g_free (concern_ids[i]);
}

static void
add_bridge (RdSampleGenerator   *self,
            const Account       *account,
            const RdBridgeQuote *quote,
            RdBridgeStatus       status,
            int                  proposed,
            int                  decided,
            GPtrArray           *docs)
{
  JsonObject *bridge = new_document (self, "bridge", NULL);
  const char *status_id = rd_enum_table_id (&rd_bridge_status_table, status);

  json_object_set_string_member (bridge, "account_id", account->uuid);
  json_object_set_string_member (bridge, "kind", rd_enum_table_id (&rd_bridge_kind_table, quote->kind));
  json_object_set_string_member (bridge, "status", status_id);
  json_object_set_int_member (bridge, "price_minor", quote->price_minor);
  json_object_set_string_member (bridge, "starts_on", quote->starts_on);
  json_object_set_string_member (bridge, "ends_on", quote->ends_on);
  set_day (self, bridge, "proposed_on", proposed);
  if (status != RD_BRIDGE_STATUS_PROPOSED)
    {
      g_autofree char *member = g_strdup_printf ("%s_on", status_id);

      set_day (self, bridge, member, decided);
    }
  g_ptr_array_add (docs, bridge);
}

/* Bridges priced from the contract as it stands before any is accepted. */
static void
quote_bridges (const Account *account,
               const GDate   *deadline,
               RdBridgeQuote  quotes[6])
{
  g_autofree char *iso = rd_date_to_string (deadline);
  RdPricingParams params;

  rd_pricing_params_init_defaults (&params);
  rd_pricing_quote_all (account->annual_minor, account->currency, iso, &params, quotes);
}

static void
add_loss (RdSampleGenerator *self,
          const Account     *account,
          int                closed,
          GPtrArray         *docs)
{
  JsonObject *loss = new_document (self, "loss", NULL);

  json_object_set_string_member (loss, "account_id", account->uuid);
  json_object_set_string_member (loss, "reason",
                                 rd_enum_table_id (&rd_loss_reason_table, RD_LOSS_COMPETITOR));
  json_object_set_string_member (loss, "competitor", LOSS_COMPETITOR);
  json_object_set_string_member (loss, "details", LOSS_DETAILS);
  json_object_set_string_member (loss, "retrospective", LOSS_RETROSPECTIVE);
  set_day (self, loss, "closed_on", closed);
  set_day (self, loss, "reengage_on", closed + RD_LIFECYCLE_DEFAULT_REENGAGE_DAYS);
  g_ptr_array_add (docs, loss);
}

/* The renewal conversation began the day the window opened, so its
 * reminder, the one rd_reminders_derive() makes, is done, not overdue. */
static void
add_renewal_started (RdSampleGenerator *self,
                     const Account     *account,
                     GPtrArray         *docs)
{
  int opened = account->days - (int) self->lead_days;
  g_autofree char *end = NULL;
  g_autofree char *day = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *doc_id = NULL;
  g_autofree char *due_at = NULL;
  g_autofree char *done_at = NULL;
  g_autofree char *title = NULL;
  JsonObject *reminder;

  if (opened >= 0)
    return;

  end = rd_date_to_string (&account->end);
  day = date_from_today (self, opened);
  uuid = rd_reminder_make_id ("renewal_start", account->uuid, end);
  doc_id = rd_document_make_id ("reminder", uuid);
  due_at = g_strdup_printf ("%sT09:00:00Z", day);
  done_at = g_strdup_printf ("%sT10:00:00Z", day);
  title = g_strdup_printf ("Start the renewal conversation with %s", account->name);

  reminder = json_object_new ();
  json_object_set_string_member (reminder, "_id", doc_id);
  json_object_set_string_member (reminder, "type", "reminder");
  json_object_set_string_member (reminder, "account_id", account->uuid);
  json_object_set_string_member (reminder, "kind",
                                 rd_enum_table_id (&rd_reminder_kind_table, RD_REMINDER_RENEWAL_START));
  json_object_set_string_member (reminder, "source_id", account->uuid);
  json_object_set_string_member (reminder, "due_at", due_at);
  json_object_set_string_member (reminder, "title", title);
  json_object_set_string_member (reminder, "done_at", done_at);
  g_ptr_array_add (docs, reminder);
}

/* The story's documents, in the order of the document contract. */
static void
add_story (RdSampleGenerator *self,
           const Account     *account,
           const DelayDates  *planned,
           GPtrArray         *docs)
{
  g_autofree char *delay_uuid = NULL;
  RdBridgeQuote quotes[6];
  DelayDates dates = *planned;
  int kind = -1;

  delay_uuid = add_delay (self, account, &dates, docs);

  if (account->story == STORY_HIDDEN_PROBLEM)
    add_recovery_plan (self, account, delay_uuid, 3 - dates.ago, docs);

  if (account->story == STORY_EXTENDED)
    {
      int proposed = 2 - dates.ago;
      int decided = 5 - dates.ago;

      quote_bridges (account, &account->end, quotes);
      add_bridge (self, account, &quotes[RD_BRIDGE_EXTENSION_30], RD_BRIDGE_STATUS_ACCEPTED,
                  proposed, decided, docs);
      add_bridge (self, account, &quotes[RD_BRIDGE_MONTH_TO_MONTH], RD_BRIDGE_STATUS_DECLINED,
                  proposed, decided, docs);
    }
  else if (dates.resolved == NO_DATE)
    {
      /* An open delay that may run past the deadline gets a bridge on
       * the table: month to month while a plan proves itself, a quarter
       * for approvers who need a budget cycle, else 30 days. */
      if (account->story == STORY_HIDDEN_PROBLEM
          && 3 - dates.ago + RD_PLAN_DEFAULT_TIMEFRAME_DAYS > account->days)
        kind = RD_BRIDGE_MONTH_TO_MONTH;
      else if (account->story == STORY_STAKEHOLDERS && account->days <= 35)
        kind = RD_BRIDGE_EXTENSION_QUARTER;
      else if (account->days <= 21)
        kind = RD_BRIDGE_EXTENSION_30;

      if (kind >= 0)
        {
          quote_bridges (account, &account->deadline, quotes);
          add_bridge (self, account, &quotes[kind], RD_BRIDGE_STATUS_PROPOSED,
                      -MIN (dates.ago - 1, 2), 0, docs);
        }
    }

  if (account->story == STORY_LOST)
    add_loss (self, account, dates.resolved, docs);
}

/* Worth 5,000 to 500,000 euros, most contracts at the small end, in
 * round amounts of the local currency; in minor units. */
static gint64
pick_annual_value (RdSampleGenerator *self,
                   const Market      *market)
{
  guint r = pick (self, 1000);
  gint64 major = 5000 + (gint64) r * r * r * 495 / 1000000;
  gint64 minor;
  int digits;

  major = major / 500 * 500;
  if (major < 5000)
    major = 5000;
  major *= market->scale;
  digits = rd_currency_minor_digits (market->currency);
  minor = major;
  for (int i = 0; i < digits; i++)
    minor *= 10;

  return minor;
}

/* What the account document says of the contract besides its dates. */
typedef struct
{
  RdStage  stage;
  RdStatus status;
  GDate    start;    /* contract_start */
} Terms;

/* The stage and status, and a story for an account inside the renewal
 * window; the days to the contract's end and the term in years. */
static int
pick_stage_and_story (RdSampleGenerator *self,
                      Account           *account,
                      guint             *out_years,
                      Terms             *terms)
{
  int days = story_days (self, account->story);
  guint r;

  *out_years = chance (self, 70) ? 1 : 2 + pick (self, 2);
  r = pick (self, 100);
  terms->stage = r < 15 ? RD_STAGE_INSTALLING : r < 35 ? RD_STAGE_DEFENDING :
                 r < 75 ? RD_STAGE_MATURING : RD_STAGE_GROWING;
  terms->status = pick (self, 100) < 92 ? RD_STATUS_ACTIVE : RD_STATUS_EXPECTED_CHURN;

  /* Inside the renewal window the work has begun: a story for each. */
  if (account->story == STORY_NONE && days < (int) self->lead_days)
    account->story = terms->status == RD_STATUS_EXPECTED_CHURN
                     ? STORY_SHOPPING : pick_story (self, (int) self->lead_days - days);
  else if (account->showcase)
    terms->status = RD_STATUS_ACTIVE;

  switch (account->story)
    {
    case STORY_HIDDEN_PROBLEM:
    case STORY_SHOPPING:
    case STORY_LOST:
      terms->stage = RD_STAGE_DEFENDING;
      break;
    case STORY_CHAMPION_CHANGE:
      terms->stage = RD_STAGE_MATURING;
      break;
    case STORY_RENEWED:
      terms->stage = RD_STAGE_GROWING;
      terms->status = RD_STATUS_RENEWED;
      break;
    case STORY_NONE:
    case STORY_BUDGET:
    case STORY_PRIORITY:
    case STORY_EXTENDED:
    case STORY_STAKEHOLDERS:
    case N_STORIES:
    default:
      break;
    }
  if (account->story == STORY_LOST)
    terms->status = RD_STATUS_LOST;

  return days;
}

/* The contract's end @days from today, the hard deadline (later after an
 * accepted extension) and the start of a term @years long. */
static void
place_contract (RdSampleGenerator *self,
                Account           *account,
                int                days,
                guint              years,
                Terms             *terms)
{
  account->end = self->today;
  shift_date (&account->end, days);
  account->deadline = account->end;
  if (account->story == STORY_EXTENDED)
    {
      RdBridgeQuote quotes[6];

      /* The accepted 30-day extension moves the hard deadline. */
      quote_bridges (account, &account->end, quotes);
      rd_date_parse (quotes[RD_BRIDGE_EXTENSION_30].ends_on, &account->deadline);
      account->extensions = 1;
    }
  account->days = g_date_days_between (&self->today, &account->deadline);
  account->room = (int) self->lead_days - account->days;

  if (account->story == STORY_RENEWED)
    {
      /* Signed before the end: the new term follows the old one. */
      terms->start = account->end;
      g_date_add_days (&terms->start, 1);
      g_date_add_years (&account->end, 1);
      account->deadline = account->end;
      account->days = g_date_days_between (&self->today, &account->deadline);
    }
  else
    {
      terms->start = account->end;
      g_date_subtract_years (&terms->start, years);
      g_date_add_days (&terms->start, 1);
    }
}

static JsonObject *
new_account_document (RdSampleGenerator *self,
                      const Market      *market,
                      guint              industry,
                      Account           *account,
                      const Terms       *terms,
                      const DelayDates  *dates)
{
  g_autofree char *account_id = rd_document_make_id ("account", account->uuid);
  g_autofree char *external_id = g_strdup_printf ("CRM-%06u", self->index);
  JsonObject *doc = json_object_new ();

  json_object_set_string_member (doc, "_id", account_id);
  json_object_set_string_member (doc, "type", "account");
  json_object_set_string_member (doc, "name", account->name);
  json_object_set_string_member (doc, "external_id", external_id);
  json_object_set_string_member (doc, "industry", _rd_sample_industries[industry]);
  json_object_set_string_member (doc, "country", market->country);
  json_object_set_string_member (doc, "currency", market->currency);
  json_object_set_int_member (doc, "annual_value_minor", account->annual_minor);
  add_date (doc, "contract_start", &terms->start);
  add_date (doc, "contract_end", &account->end);
  if (account->story == STORY_EXTENDED)
    add_date (doc, "effective_end", &account->deadline);
  json_object_set_string_member (doc, "stage", rd_enum_table_id (&rd_stage_table, terms->stage));
  json_object_set_string_member (doc, "status", rd_enum_table_id (&rd_status_table, terms->status));
  json_object_set_string_member (doc, "cash_stability",
                                 rd_enum_table_id (&rd_level_table, (int) pick (self, 3)));
  account->owner = _rd_sample_owners[pick (self, G_N_ELEMENTS (_rd_sample_owners))];
  json_object_set_string_member (doc, "owner", account->owner);
  json_object_set_boolean_member (doc, "auto_renew", chance (self, 30));
  json_object_set_int_member (doc, "notice_days", 30 * (1 + pick (self, 3)));
  if (account->story != STORY_NONE)
    json_object_set_string_member (doc, "notes", _rd_sample_scripts[account->story].note);
  else if (chance (self, 60))
    json_object_set_string_member (doc, "notes",
                                   _rd_sample_notes[pick (self, G_N_ELEMENTS (_rd_sample_notes))]);
  if (terms->status == RD_STATUS_EXPECTED_CHURN)
    {
      guint reason = pick (self, G_N_ELEMENTS (_rd_sample_churn_reasons));

      json_object_set_string_member (doc, "churn_reason", _rd_sample_churn_reasons[reason]);
    }
  if (account->story == STORY_RENEWED)
    {
      json_object_set_string_member (doc, "renewal_choice",
                                     rd_enum_table_id (&rd_renewal_choice_table,
                                                       RD_CHOICE_RENEW_EXPANSION));
      set_day (self, doc, "renewal_choice_on", dates->resolved);
    }

  return doc;
}

/* Contact @c: the champion first, then the economic buyer (always in a
 * story), a second champion when the first left, then anyone. */
static RdRole
pick_role (RdSampleGenerator *self,
           const Account     *account,
           guint              c)
{
  static const RdRole others[] = {
    RD_ROLE_USER, RD_ROLE_USER, RD_ROLE_PROCUREMENT, RD_ROLE_LEGAL,
    RD_ROLE_EXECUTIVE, RD_ROLE_OTHER,
  };

  if (c == 0)
    return RD_ROLE_CHAMPION;
  else if (c == 1 && (account->story != STORY_NONE || chance (self, 75)))
    return RD_ROLE_ECONOMIC_BUYER;
  else if (c == 2 && account->story == STORY_CHAMPION_CHANGE)
    return RD_ROLE_CHAMPION;

  return others[pick (self, G_N_ELEMENTS (others))];
}

static void
add_contact (RdSampleGenerator *self,
             const Market      *market,
             Account           *account,
             guint              c,
             const char        *domain,
             GPtrArray         *docs)
{
  JsonObject *contact = json_object_new ();
  g_autofree char *contact_uuid = make_uuid (self);
  g_autofree char *contact_id = rd_document_make_id ("contact", contact_uuid);
  const char *given = _rd_sample_given_names[market->culture][pick (self, 8)];
  const char *family = _rd_sample_family_names[market->culture][pick (self, 8)];
  g_autofree char *full = NULL;
  g_autofree char *local = NULL;
  g_autofree char *email = NULL;
  g_autofree char *phone = NULL;
  gboolean active;
  RdRole role;

  /* Family name first where that is the custom. */
  if (market->culture == CULTURE_HU || market->culture == CULTURE_JA
      || market->culture == CULTURE_ZH)
    full = g_strdup_printf ("%s %s", family, given);
  else
    full = g_strdup_printf ("%s %s", given, family);

  role = pick_role (self, account, c);

  if (c == 0)
    active = account->story != STORY_CHAMPION_CHANGE;
  else if (role == RD_ROLE_CHAMPION || (c == 1 && account->story != STORY_NONE))
    active = TRUE;
  else
    active = chance (self, 90);

  local = ascii_lower (full);
  email = g_strdup_printf ("%s@%s", local, domain);
  phone = g_strdup_printf ("%s %u %03u %04u", market->phone_prefix, 10 + pick (self, 89),
                           pick (self, 1000), pick (self, 10000));

  json_object_set_string_member (contact, "_id", contact_id);
  json_object_set_string_member (contact, "type", "contact");
  json_object_set_string_member (contact, "account_id", account->uuid);
  json_object_set_string_member (contact, "name", full);
  json_object_set_string_member (contact, "role", rd_enum_table_id (&rd_role_table, role));
  json_object_set_string_member (contact, "email", email);
  json_object_set_string_member (contact, "phone", phone);
  json_object_set_boolean_member (contact, "active", active);
  g_ptr_array_add (docs, contact);

  account->people[c].uuid = g_steal_pointer (&contact_uuid);
  account->people[c].role = role;
  account->people[c].active = active;
  account->n_people++;
}

/* A story needs the champion and the economic buyer to speak; when the
 * champion changed, the one who left stays on file, inactive. */
static void
add_contacts (RdSampleGenerator *self,
              const Market      *market,
              Account           *account,
              const char        *domain,
              GPtrArray         *docs)
{
  guint n_contacts = 2 + pick (self, 4);

  if (account->story == STORY_CHAMPION_CHANGE)
    {
      n_contacts = MAX (n_contacts, 3);
      account->champion_changed = TRUE;
    }

  for (guint c = 0; c < n_contacts; c++)
    add_contact (self, market, account, c, domain, docs);
}

RdSampleGenerator *
_rd_sample_generator_new (guint32      seed,
                          const GDate *today)
{
  RdSampleGenerator *self;
  RdReminderPrefs prefs;

  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  self = g_new0 (RdSampleGenerator, 1);
  self->rand = g_rand_new_with_seed (seed);
  self->today = *today;
  for (guint i = 0; i < G_N_ELEMENTS (_rd_sample_markets); i++)
    self->total_weight += _rd_sample_markets[i].weight;

  rd_reminder_prefs_init (&prefs);
  self->lead_days = prefs.renewal_lead_days;

  return self;
}

void
_rd_sample_generator_free (RdSampleGenerator *self)
{
  if (self == NULL)
    return;

  g_rand_free (self->rand);
  g_free (self);
}

void
_rd_sample_generator_next (RdSampleGenerator *self,
                           GPtrArray         *docs)
{
  const Market *market = pick_market (self);
  const Word *first = &_rd_sample_company_first[market->culture][pick (self, 10)];
  guint industry = pick (self, N_INDUSTRIES);
  guint suffix = pick (self, 3);
  g_autofree char *account_uuid = make_uuid (self);
  g_autofree char *name = company_name (market->culture, first, industry, suffix);
  g_autofree char *slug = ascii_lower (_rd_sample_company_second[CULTURE_EN][industry]);
  g_autofree char *domain = g_strdup_printf ("%s-%s.%s", first->ascii, slug, market->tld);
  Account account = { 0, };
  DelayDates dates = { 0, };
  Terms terms;
  guint years;
  int days;

  self->index++;
  account.uuid = account_uuid;
  account.name = name;
  account.currency = market->currency;
  account.story = _rd_sample_showcase[(self->index - 1) % SHOWCASE_BLOCK];
  account.showcase = account.story != STORY_NONE;

  /* The order of the steps is the order of the random draws: the same
   * seed and day give the same portfolio. */
  account.annual_minor = pick_annual_value (self, market);
  days = pick_stage_and_story (self, &account, &years, &terms);
  place_contract (self, &account, days, years, &terms);
  if (account.story != STORY_NONE)
    story_dates (self, &account, &dates);

  g_ptr_array_add (docs, new_account_document (self, market, industry, &account, &terms, &dates));
  add_contacts (self, market, &account, domain, docs);

  if (account.story != STORY_NONE)
    add_story (self, &account, &dates, docs);

  if (terms.status == RD_STATUS_ACTIVE || terms.status == RD_STATUS_EXPECTED_CHURN)
    add_renewal_started (self, &account, docs);

  for (guint c = 0; c < account.n_people; c++)
    g_free (account.people[c].uuid);
}

GPtrArray *
rd_sample_generate (guint        n_accounts,
                    guint32      seed,
                    const GDate *today)
{
  g_autoptr(RdSampleGenerator) generator = NULL;
  GPtrArray *docs;

  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  generator = _rd_sample_generator_new (seed, today);
  docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = 0; i < n_accounts; i++)
    _rd_sample_generator_next (generator, docs);

  return docs;
}
