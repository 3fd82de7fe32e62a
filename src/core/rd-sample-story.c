/* rd-sample-story.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The sample generator, the stories: what happens to an account inside its
 * renewal window (the delay and what its stakeholders said, a recovery
 * plan, bridges, a loss) and the documents that tell it. */

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
#include "rd-sample-data.h"
#include "rd-sample-private.h"

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
  g_autofree char *uuid = _rd_sample_make_uuid (self);
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

static void
add_activity (RdSampleGenerator *self,
              const Account     *account,
              const char        *delay_uuid,
              const char        *contact_id,
              int                day,
              RdActivityKind     kind,
              const char        *summary,
              const char        *their_response,
              GPtrArray         *docs)
{
  /* Named after the delay rather than drawn from the generator, so the
   * rest of the sample stays what it was before the activity log. */
  g_autofree char *seed = g_strdup_printf ("%s/%d", delay_uuid, day);
  JsonObject *doc = _rd_sample_new_named_document ("activity", seed);

  json_object_set_string_member (doc, "account_id", account->uuid);
  set_text (doc, "delay_id", delay_uuid);
  set_text (doc, "contact_id", contact_id);
  _rd_sample_set_day (self, doc, "on", day);
  json_object_set_string_member (doc, "kind", rd_enum_table_id (&rd_activity_kind_table, kind));
  set_text (doc, "summary", summary);
  set_text (doc, "their_response", their_response);
  g_ptr_array_add (docs, doc);
}

/* The activity log around the delay: the call that brought it, and for a
 * delay a week old or more, the follow-up with what we did and how they
 * answered. */
static void
add_activities (RdSampleGenerator *self,
                const Account     *account,
                const char        *delay_uuid,
                const char        *contact_id,
                const DelayDates  *dates,
                GPtrArray         *docs)
{
  const Script *script = &_rd_sample_scripts[account->story];

  add_activity (self, account, delay_uuid, contact_id, -dates->ago, RD_ACTIVITY_CALL,
                "Asked where the renewal stands", script->stated_reason, docs);
  if (dates->ago >= 7 && (script->actions_taken != NULL || script->customer_response != NULL))
    add_activity (self, account, delay_uuid, contact_id, -dates->ago + 3, RD_ACTIVITY_EMAIL,
                  script->actions_taken, script->customer_response, docs);
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
  _rd_sample_set_day (self, doc, "communicated_on", -dates->ago);
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
      _rd_sample_set_day (self, doc, rd_enum_table_id (&rd_commitment_table, (int) c),
                          dates->dates[c]);
      /* A customer who wants to renew keeps their word: the dates already
       * behind an administrative story were ticked off as kept that day. */
      if ((script->cause == RD_CAUSE_BUDGET || script->cause == RD_CAUSE_PRIORITY) && dates->dates[c] <= 0)
        _rd_sample_set_day (self, doc, rd_commitment_kept_field ((RdCommitment) c),
                            dates->dates[c]);
    }

  set_text (doc, "next_step", script->next_step);
  set_text (doc, "help_needed", script->help_needed);

  if (dates->resolved != NO_DATE)
    {
      json_object_set_string_member (doc, "status",
                                     rd_enum_table_id (&rd_delay_status_table,
                                                       RD_DELAY_STATUS_RESOLVED));
      _rd_sample_set_day (self, doc, "resolved_on", dates->resolved);
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
  add_activities (self, account, uuid, contact_id, dates, docs);

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
  _rd_sample_set_day (self, plan, "started_on", started);
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
      _rd_sample_set_day (self, step, "due_on", started + rd_plan_horizon_days (horizon));
      /* The 48 hours are behind them, and were kept. */
      if (horizon == RD_HORIZON_48H)
        _rd_sample_set_day (self, step, "done_on", started + 1 + (int) (i % 2));
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
  _rd_sample_set_day (self, bridge, "proposed_on", proposed);
  if (status != RD_BRIDGE_STATUS_PROPOSED)
    {
      g_autofree char *member = g_strdup_printf ("%s_on", status_id);

      _rd_sample_set_day (self, bridge, member, decided);
    }
  g_ptr_array_add (docs, bridge);
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
  _rd_sample_set_day (self, loss, "closed_on", closed);
  _rd_sample_set_day (self, loss, "reengage_on", closed + RD_LIFECYCLE_DEFAULT_REENGAGE_DAYS);
  g_ptr_array_add (docs, loss);
}

/* Days from today to the contract end a story needs, or any day of the
 * coming year for an account without one. */
int
_rd_sample_story_days (RdSampleGenerator *self,
                       Story              story)
{
  switch (story)
    {
    case STORY_BUDGET:
      return 50 + (int) _rd_sample_pick (self, 30);
    case STORY_PRIORITY:
      return 70 + (int) _rd_sample_pick (self, 40);
    case STORY_EXTENDED:
      return 5 + (int) _rd_sample_pick (self, 10);
    case STORY_STAKEHOLDERS:
      return 20 + (int) _rd_sample_pick (self, 15);
    case STORY_CHAMPION_CHANGE:
      return 60 + (int) _rd_sample_pick (self, 40);
    case STORY_HIDDEN_PROBLEM:
      return 30 + (int) _rd_sample_pick (self, 20);
    case STORY_SHOPPING:
      return 45 + (int) _rd_sample_pick (self, 30);
    case STORY_RENEWED:
      return 15 + (int) _rd_sample_pick (self, 30);
    case STORY_LOST:
      return -10 - (int) _rd_sample_pick (self, 15);
    case STORY_NONE:
    case N_STORIES:
    default:
      return 1 + (int) _rd_sample_pick (self, 365);
    }
}

/* A story for an account whose window opened @room days ago. */
Story
_rd_sample_pick_story (RdSampleGenerator *self,
                       int                room)
{
  static const Story pool[] = {
    STORY_BUDGET, STORY_BUDGET, STORY_BUDGET, STORY_PRIORITY, STORY_PRIORITY, STORY_PRIORITY,
    STORY_STAKEHOLDERS, STORY_STAKEHOLDERS, STORY_CHAMPION_CHANGE, STORY_HIDDEN_PROBLEM,
    STORY_SHOPPING, STORY_RENEWED, STORY_RENEWED,
  };
  Story story = pool[_rd_sample_pick (self, G_N_ELEMENTS (pool))];

  /* A plan needs its first 48 hours behind it, a renewal its history. */
  if (story == STORY_HIDDEN_PROBLEM && room < 6)
    return STORY_PRIORITY;
  if (story == STORY_RENEWED && room < 25)
    return STORY_BUDGET;

  return story;
}

/* When the delay was communicated and the dates the customer gave.  Only
 * the showcase's stakeholders and tender stories have just missed one. */
void
_rd_sample_story_dates (RdSampleGenerator *self,
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
      dates->ago = 1 + (int) _rd_sample_pick (self, MIN (21, room));
      d[RD_COMMITMENT_INFO_BY] = ahead (account, 5 + (int) _rd_sample_pick (self, 15));
      d[RD_COMMITMENT_RECONNECT_ON] = ahead (account, d[RD_COMMITMENT_INFO_BY] + 1);
      d[RD_COMMITMENT_DECISION_BY] = ahead (account, d[RD_COMMITMENT_INFO_BY] + 7);
      d[RD_COMMITMENT_NEXT_STEP_ON] = ahead (account, 1 + (int) _rd_sample_pick (self, 4));
      break;

    case STORY_PRIORITY:
      dates->ago = 1 + (int) _rd_sample_pick (self, MIN (14, room));
      d[RD_COMMITMENT_RECONNECT_ON] = ahead (account, 7 + (int) _rd_sample_pick (self, 14));
      d[RD_COMMITMENT_DECISION_BY] = ahead (account, d[RD_COMMITMENT_RECONNECT_ON] + 10);
      d[RD_COMMITMENT_NEXT_STEP_ON] = ahead (account, 1 + (int) _rd_sample_pick (self, 3));
      break;

    case STORY_EXTENDED:
      {
        int end = g_date_days_between (&self->today, &account->end);

        dates->ago = 10 + (int) _rd_sample_pick (self, 21);
        d[RD_COMMITMENT_INFO_BY] = end + 10;
        d[RD_COMMITMENT_RECONNECT_ON] = end + 11;
        d[RD_COMMITMENT_DECISION_BY] = end + 20;
        d[RD_COMMITMENT_NEXT_STEP_ON] = ahead (account, 2 + (int) _rd_sample_pick (self, 3));
      }
      break;

    case STORY_STAKEHOLDERS:
      /* Vague and no timeline: no decision date, only ours to reconnect. */
      if (account->showcase)
        {
          dates->ago = 8 + (int) _rd_sample_pick (self, MIN (13, MAX (room - 7, 1)));
          d[RD_COMMITMENT_RECONNECT_ON] = -2;
        }
      else
        {
          dates->ago = 1 + (int) _rd_sample_pick (self, MIN (20, room));
          d[RD_COMMITMENT_RECONNECT_ON] = ahead (account, 4 + (int) _rd_sample_pick (self, 11));
        }
      d[RD_COMMITMENT_NEXT_STEP_ON] = ahead (account, 2 + (int) _rd_sample_pick (self, 3));
      break;

    case STORY_CHAMPION_CHANGE:
      dates->ago = 1 + (int) _rd_sample_pick (self, MIN (20, room));
      d[RD_COMMITMENT_INFO_BY] = ahead (account, 5 + (int) _rd_sample_pick (self, 8));
      d[RD_COMMITMENT_RECONNECT_ON] = ahead (account, d[RD_COMMITMENT_INFO_BY] + 3);
      d[RD_COMMITMENT_NEXT_STEP_ON] = ahead (account, 1 + (int) _rd_sample_pick (self, 3));
      break;

    case STORY_HIDDEN_PROBLEM:
      /* The plan starts three days after they spoke up; its 48-hour steps
       * are done and its first check-in is still ahead. */
      dates->ago = 6 + (int) _rd_sample_pick (self, MIN (11, MAX (room - 5, 1)));
      d[RD_COMMITMENT_RECONNECT_ON] = 3 - dates->ago + RD_PLAN_DEFAULT_CHECK_IN_DAYS;
      d[RD_COMMITMENT_DECISION_BY] = ahead (account, account->days - 3);
      d[RD_COMMITMENT_NEXT_STEP_ON] = ahead (account, 1 + (int) _rd_sample_pick (self, 2));
      break;

    case STORY_SHOPPING:
      if (account->showcase)
        {
          dates->ago = 7 + (int) _rd_sample_pick (self, MIN (14, MAX (room - 6, 1)));
          d[RD_COMMITMENT_INFO_BY] = -3;
        }
      else
        {
          dates->ago = 1 + (int) _rd_sample_pick (self, MIN (14, room));
          d[RD_COMMITMENT_INFO_BY] = ahead (account, 3 + (int) _rd_sample_pick (self, 8));
        }
      d[RD_COMMITMENT_RECONNECT_ON] = ahead (account, 2 + (int) _rd_sample_pick (self, 3));
      d[RD_COMMITMENT_DECISION_BY] = ahead (account, account->days - 10);
      d[RD_COMMITMENT_NEXT_STEP_ON] = ahead (account, 1);
      break;

    case STORY_RENEWED:
      dates->ago = 25 + (int) _rd_sample_pick (self, MIN (21, MAX (room - 24, 1)));
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

/* Bridges priced from the contract as it stands before any is accepted. */
void
_rd_sample_quote_bridges (const Account *account,
                          const GDate   *deadline,
                          RdBridgeQuote  quotes[6])
{
  g_autofree char *iso = rd_date_to_string (deadline);
  RdPricingParams params;

  rd_pricing_params_init_defaults (&params);
  rd_pricing_quote_all (account->annual_minor, account->currency, iso, &params, quotes);
}

/* The renewal conversation began the day the window opened, so its
 * reminder, the one rd_reminders_derive() makes, is done, not overdue. */
void
_rd_sample_add_renewal_started (RdSampleGenerator *self,
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
  day = _rd_sample_date_from_today (self, opened);
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
void
_rd_sample_add_story (RdSampleGenerator *self,
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

      _rd_sample_quote_bridges (account, &account->end, quotes);
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
          _rd_sample_quote_bridges (account, &account->deadline, quotes);
          add_bridge (self, account, &quotes[kind], RD_BRIDGE_STATUS_PROPOSED,
                      -MIN (dates.ago - 1, 2), 0, docs);
        }
    }

  if (account->story == STORY_LOST)
    add_loss (self, account, dates.resolved, docs);
}
