/* rd-sample.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sample"

#include "config.h"

#include "rd-document.h"
#include "rd-enums.h"
#include "rd-format.h"
#include "rd-lifecycle.h"
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
 *
 * This file makes the accounts, their contracts and contacts; what then
 * happens to each, its story, is told in rd-sample-story.c.
 */

guint
_rd_sample_pick (RdSampleGenerator *self,
                 guint              n)
{
  return (guint) g_rand_int_range (self->rand, 0, (gint32) MAX (n, 1));
}

static gboolean
chance (RdSampleGenerator *self,
        guint              percent)
{
  return _rd_sample_pick (self, 100) < percent;
}

JsonObject *
_rd_sample_new_named_document (const char *type,
                               const char *seed)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);
  g_autofree char *uuid = g_strdup_printf ("%.8s-%.4s-4%.3s-8%.3s-%.12s", hash, hash + 8, hash + 12,
                                           hash + 15, hash + 18);
  g_autofree char *doc_id = rd_document_make_id (type, uuid);
  JsonObject *doc = json_object_new ();

  json_object_set_string_member (doc, "_id", doc_id);
  json_object_set_string_member (doc, "type", type);
  return doc;
}

/* UUID v4 layout from the seeded stream: deterministic, still valid ids. */
char *
_rd_sample_make_uuid (RdSampleGenerator *self)
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
  guint r = _rd_sample_pick (self, self->total_weight);

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
char *
_rd_sample_date_from_today (RdSampleGenerator *self,
                            int                offset)
{
  GDate date = self->today;

  shift_date (&date, offset);
  return rd_date_to_string (&date);
}

void
_rd_sample_set_day (RdSampleGenerator *self,
                    JsonObject        *doc,
                    const char        *field,
                    int                offset)
{
  g_autofree char *text = _rd_sample_date_from_today (self, offset);

  json_object_set_string_member (doc, field, text);
}

/* Worth 5,000 to 500,000 euros, most contracts at the small end, in
 * round amounts of the local currency; in minor units. */
static gint64
pick_annual_value (RdSampleGenerator *self,
                   const Market      *market)
{
  guint r = _rd_sample_pick (self, 1000);
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
  int days = _rd_sample_story_days (self, account->story);
  guint r;

  *out_years = chance (self, 70) ? 1 : 2 + _rd_sample_pick (self, 2);
  r = _rd_sample_pick (self, 100);
  terms->stage = r < 15 ? RD_STAGE_INSTALLING : r < 35 ? RD_STAGE_DEFENDING :
                 r < 75 ? RD_STAGE_MATURING : RD_STAGE_GROWING;
  terms->status = _rd_sample_pick (self, 100) < 92 ? RD_STATUS_ACTIVE : RD_STATUS_EXPECTED_CHURN;

  /* Inside the renewal window the work has begun: a story for each. */
  if (account->story == STORY_NONE && days < (int) self->lead_days)
    account->story = terms->status == RD_STATUS_EXPECTED_CHURN
                     ? STORY_SHOPPING : _rd_sample_pick_story (self, (int) self->lead_days - days);
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
      _rd_sample_quote_bridges (account, &account->end, quotes);
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
                                 rd_enum_table_id (&rd_level_table,
                                                   (int) _rd_sample_pick (self, 3)));
  account->owner = _rd_sample_owners[_rd_sample_pick (self, G_N_ELEMENTS (_rd_sample_owners))];
  json_object_set_string_member (doc, "owner", account->owner);
  json_object_set_boolean_member (doc, "auto_renew", chance (self, 30));
  json_object_set_int_member (doc, "notice_days", 30 * (1 + _rd_sample_pick (self, 3)));
  if (account->story != STORY_NONE)
    json_object_set_string_member (doc, "notes", _rd_sample_scripts[account->story].note);
  else if (chance (self, 60))
    {
      guint note = _rd_sample_pick (self, G_N_ELEMENTS (_rd_sample_notes));

      json_object_set_string_member (doc, "notes", _rd_sample_notes[note]);
    }
  if (terms->status == RD_STATUS_EXPECTED_CHURN)
    {
      guint reason = _rd_sample_pick (self, G_N_ELEMENTS (_rd_sample_churn_reasons));

      json_object_set_string_member (doc, "churn_reason", _rd_sample_churn_reasons[reason]);
    }
  if (account->story == STORY_RENEWED)
    {
      json_object_set_string_member (doc, "renewal_choice",
                                     rd_enum_table_id (&rd_renewal_choice_table,
                                                       RD_CHOICE_RENEW_EXPANSION));
      _rd_sample_set_day (self, doc, "renewal_choice_on", dates->resolved);
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

  return others[_rd_sample_pick (self, G_N_ELEMENTS (others))];
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
  g_autofree char *contact_uuid = _rd_sample_make_uuid (self);
  g_autofree char *contact_id = rd_document_make_id ("contact", contact_uuid);
  const char *given = _rd_sample_given_names[market->culture][_rd_sample_pick (self, 8)];
  const char *family = _rd_sample_family_names[market->culture][_rd_sample_pick (self, 8)];
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
  phone = g_strdup_printf ("%s %u %03u %04u", market->phone_prefix, 10 + _rd_sample_pick (self, 89),
                           _rd_sample_pick (self, 1000), _rd_sample_pick (self, 10000));

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
  guint n_contacts = 2 + _rd_sample_pick (self, 4);

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
  const Word *first = &_rd_sample_company_first[market->culture][_rd_sample_pick (self, 10)];
  guint industry = _rd_sample_pick (self, N_INDUSTRIES);
  guint suffix = _rd_sample_pick (self, 3);
  g_autofree char *account_uuid = _rd_sample_make_uuid (self);
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
    _rd_sample_story_dates (self, &account, &dates);

  g_ptr_array_add (docs, new_account_document (self, market, industry, &account, &terms, &dates));
  add_contacts (self, market, &account, domain, docs);

  if (account.story != STORY_NONE)
    _rd_sample_add_story (self, &account, &dates, docs);

  if (terms.status == RD_STATUS_ACTIVE || terms.status == RD_STATUS_EXPECTED_CHURN)
    _rd_sample_add_renewal_started (self, &account, docs);

  for (guint c = 0; c < account.n_people; c++)
    g_free (account.people[c].uuid);
}

/* Illustrative rates into euros for the sample's currencies, so that a mixed
 * book shows one figure from the start; the team keeps its own in
 * Preferences.  One unit of the first is worth the second in euros. */
static const struct { const char *currency; const char *rate; } sample_rates[] = {
  { "AUD", "0.60" }, { "CAD", "0.67" }, { "CHF", "1.04" }, { "CNY", "0.13" },
  { "GBP", "1.17" }, { "HUF", "0.0025" }, { "JPY", "0.0061" }, { "MYR", "0.20" },
  { "SEK", "0.088" }, { "SGD", "0.68" }, { "USD", "0.92" },
};

void
_rd_sample_add_rates (const GDate *today,
                      GPtrArray   *docs)
{
  GDate month_start;
  g_autofree char *as_of = NULL;

  g_date_clear (&month_start, 1);
  g_date_set_dmy (&month_start, 1, g_date_get_month (today), g_date_get_year (today));
  as_of = rd_date_to_string (&month_start);

  for (guint i = 0; i < G_N_ELEMENTS (sample_rates); i++)
    {
      /* Named after the currency, not drawn: the accounts stay as they were. */
      JsonObject *doc = _rd_sample_new_named_document ("exchange_rate", sample_rates[i].currency);

      json_object_set_string_member (doc, "from_currency", sample_rates[i].currency);
      json_object_set_string_member (doc, "to_currency", "EUR");
      json_object_set_string_member (doc, "rate", sample_rates[i].rate);
      json_object_set_string_member (doc, "as_of", as_of);
      g_ptr_array_add (docs, doc);
    }
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
  if (n_accounts > 0)
    _rd_sample_add_rates (today, docs);

  return docs;
}
