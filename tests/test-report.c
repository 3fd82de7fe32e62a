/* test-report.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-report"

#include "config.h"

#include <locale.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rd-activity-record.h"
#include "rd-exchange-rate-record.h"
#include "rd-document.h"
#include "rd-format.h"
#include "rd-report.h"
#include "rd-sample.h"
#include "rd-settings.h"
#include "rd-store.h"
#include "rd-store-weekly.h"
#include "rd-test-util.h"

#define ACCOUNT_NAME "株式会社さくら精機"
#define HUNGARIAN_NOTE "Árvíztűrő tükörfúrógép: a pénzügyi osztály jóváhagyása még hiányzik."
#define N_STEPS 27
#define BUYER_SAID "Our CFO signs in the first week of the new quarter."

/* Other customers: who may be named as a reference. */
static const struct
{
  const char *name;
  const char *industry;
  const char *country;
  gboolean    reference_ok;
  RdStatus    status;
  gboolean    expected;
} others[] = {
  { "Reference Same Industry GmbH", "manufacturing", "DE", TRUE, RD_STATUS_ACTIVE, TRUE },
  { "Reference Same Country KK", "Media", "JP", TRUE, RD_STATUS_RENEWED, TRUE },
  { "Quiet Manufacturing Ltd", "Manufacturing", "JP", FALSE, RD_STATUS_ACTIVE, FALSE },
  { "Gone Manufacturing SA", "Manufacturing", "FR", TRUE, RD_STATUS_LOST, FALSE },
  { "Unrelated Retail Inc", "Retail", "US", TRUE, RD_STATUS_ACTIVE, FALSE },
  { "Best Reference KK", "Manufacturing", "JP", TRUE, RD_STATUS_ACTIVE, TRUE },
  { "Newest Media KK", "Media", "JP", TRUE, RD_STATUS_ACTIVE, FALSE },
};

typedef struct
{
  char    *dir;
  char    *db_path;
  RdStore *store;
  char    *account_id;
} Fixture;

static char *
days_from_today (int days)
{
  GDate date;

  rd_date_today (&date);
  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  return rd_date_to_string (&date);
}

static char *
new_uuid_doc_id (const char *type)
{
  g_autofree char *uuid = g_uuid_string_random ();
  return rd_document_make_id (type, uuid);
}

static char *
step_title (guint i)
{
  /* Long enough to wrap, so that a split row would show. */
  return g_strdup_printf ("Step %02u: review the onboarding checklist with the operations team, "
                          "fix the report export and confirm the result in writing", i + 1);
}

static char *
run_capture (const char *const *argv)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static char *
pdf_text (const char *pdf,
          int         page)   /* 1-based; 0 = all */
{
  g_autofree char *first = g_strdup_printf ("%d", page);
  const char *all[] = { "pdftotext", "-layout", pdf, "-", NULL };
  const char *one[] = { "pdftotext", "-layout", "-f", first, "-l", first, pdf, "-", NULL };

  return run_capture (page > 0 ? one : all);
}

/* pdftotext -layout may put a table cell's wrapped lines far apart on
 * the line; squeeze the runs of spaces and line breaks out. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdAccount) account = rd_account_new ();
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(RdContact) champion = NULL;
  g_autoptr(RdContact) buyer = NULL;
  g_autoptr(RdDelay) delay = NULL;
  g_autoptr(RdDelay) saved = NULL;
  g_autoptr(JsonObject) plan = json_object_new ();
  g_autoptr(JsonObject) bridge = json_object_new ();
  g_autofree char *plan_id = new_uuid_doc_id ("plan");
  g_autofree char *plan_uuid = NULL;
  g_autofree char *start = days_from_today (-300);
  g_autofree char *end = days_from_today (65);
  g_autofree char *info_by = days_from_today (9);
  g_autofree char *decision_by = days_from_today (30);
  g_autofree char *communicated = days_from_today (-3);
  g_autofree char *reconnect = days_from_today (-1);
  g_autofree char *price_change = days_from_today (40);

  fixture->db_path = rd_test_make_tmp_db (&fixture->dir);
  fixture->store = rd_store_new (fixture->db_path, NULL, &error);
  g_assert_no_error (error);

  rd_account_set_name (account, ACCOUNT_NAME);
  rd_account_set_currency (account, "EUR");
  rd_account_set_annual_value_minor (account, 4800000);
  rd_account_set_contract_start (account, start);
  rd_account_set_contract_end (account, end);
  rd_account_set_owner (account, "Kovács Anna");
  rd_account_set_industry (account, "Manufacturing");
  rd_account_set_country (account, "JP");
  rd_account_set_notes (account, HUNGARIAN_NOTE);
  rd_account_set_roi_cost_minor (account, 4800000);
  rd_account_set_roi_benefit_minor (account, 12000000);
  rd_account_set_roi_payback_months (account, 5);
  rd_account_set_reonboarding_weeks (account, 4);
  rd_account_set_price_change_on (account, price_change);
  doc = rd_account_to_document (account);
  json_object_set_string_member (doc, "goals", "Cut the monthly close from ten days to five.");
  json_object_set_string_member (doc, "outcomes", "The close now takes six days; 40 users are active.");
  json_object_set_string_member (doc, "roi", "Saves 320 staff hours a year, about EUR 19,000.");
  json_object_set_int_member (doc, "expansion_value_minor", 6200000);
  g_assert_true (rd_store_put_document (fixture->store, doc, &error));
  g_assert_no_error (error);
  fixture->account_id = g_strdup (rd_account_get_id (account));

  champion = rd_contact_new (fixture->account_id);
  rd_contact_set_name (champion, "山田花子");
  rd_contact_set_role (champion, RD_ROLE_CHAMPION);
  rd_contact_set_email (champion, "hanako@example.jp");
  g_assert_true (rd_store_save_contact (fixture->store, champion, &error));
  buyer = rd_contact_new (fixture->account_id);
  rd_contact_set_name (buyer, "王小明");
  rd_contact_set_role (buyer, RD_ROLE_ECONOMIC_BUYER);
  g_assert_true (rd_store_save_contact (fixture->store, buyer, &error));
  g_assert_no_error (error);

  delay = rd_delay_new (fixture->account_id);
  rd_delay_set_communicated_on (delay, communicated);
  rd_delay_set_stated_reason (delay, "Finance waits for next quarter's budget");
  rd_delay_set_cause (delay, RD_CAUSE_BUDGET);
  rd_delay_set_commitment (delay, RD_COMMITMENT_INFO_BY, info_by);
  rd_delay_set_commitment (delay, RD_COMMITMENT_DECISION_BY, decision_by);
  rd_delay_set_commitment (delay, RD_COMMITMENT_RECONNECT_ON, reconnect);
  rd_delay_set_signal (delay, RD_SIGNAL_SPECIFIC_EXPLANATION, TRUE);
  rd_delay_add_statement (delay, rd_statement_new (rd_contact_get_id (buyer), BUYER_SAID,
                                                   RD_SIGNAL_BIT (RD_SIGNAL_OFFERED_TIMELINE)));
  rd_delay_set_text (delay, "help_needed", "A call between our CFO and theirs");
  saved = rd_store_save_delay (fixture->store, delay, &error);
  g_assert_no_error (error);

  json_object_set_string_member (plan, "_id", plan_id);
  json_object_set_string_member (plan, "type", "plan");
  json_object_set_string_member (plan, "account_id", fixture->account_id);
  json_object_set_string_member (plan, "status", "active");
  json_object_set_int_member (plan, "timeframe_days", 60);
  json_object_set_int_member (plan, "check_in_days", 14);
  json_object_set_string_member (plan, "progress_criteria", "Month-end close in five days");
  json_object_set_string_member (plan, "customer_answer", "yes");
  g_assert_true (rd_store_put_document (fixture->store, plan, &error));
  g_assert_no_error (error);
  g_assert_true (rd_document_parse_id (plan_id, NULL, &plan_uuid));

  for (guint i = 0; i < N_STEPS; i++)
    {
      g_autoptr(JsonObject) step = json_object_new ();
      g_autofree char *id = new_uuid_doc_id ("plan_step");
      g_autofree char *title = step_title (i);
      g_autofree char *due = days_from_today (1 + (int) i * 3);
      const char *horizon = i < 6 ? "48h" : i < 18 ? "30d" : "90d";

      json_object_set_string_member (step, "_id", id);
      json_object_set_string_member (step, "type", "plan_step");
      json_object_set_string_member (step, "plan_id", plan_uuid);
      json_object_set_string_member (step, "horizon", horizon);
      json_object_set_string_member (step, "title", title);
      json_object_set_string_member (step, "owner", i % 2 ? "山田花子" : "Kovács Anna");
      json_object_set_string_member (step, "due_on", due);
      g_assert_true (rd_store_put_document (fixture->store, step, &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autoptr(RdAccount) other = rd_account_new ();
      /* The newest loses to an older customer that matches as well. */
      g_autofree char *since = days_from_today (i == 6 ? -10 : -1000 + (int) i);

      rd_account_set_name (other, others[i].name);
      rd_account_set_currency (other, "EUR");
      rd_account_set_industry (other, others[i].industry);
      rd_account_set_country (other, others[i].country);
      rd_account_set_status (other, others[i].status);
      rd_account_set_contract_start (other, since);
      rd_account_set_reference_ok (other, others[i].reference_ok);
      g_assert_true (rd_store_save_account (fixture->store, other, &error));
      g_assert_no_error (error);
    }

  {
    g_autofree char *id = new_uuid_doc_id ("bridge");

    json_object_set_string_member (bridge, "_id", id);
    json_object_set_string_member (bridge, "type", "bridge");
    json_object_set_string_member (bridge, "account_id", fixture->account_id);
    json_object_set_string_member (bridge, "kind", "paid_pilot_90");
    json_object_set_string_member (bridge, "status", "proposed");
    json_object_set_int_member (bridge, "price_minor", 987654);
    g_assert_true (rd_store_put_document (fixture->store, bridge, &error));
    g_assert_no_error (error);
  }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  rd_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->account_id);
}

static void
keep_png (const char *pdf,
          const char *name)
{
  /* Next to the test binary under meson; never into the source tree. */
  const char *dir = g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : g_get_tmp_dir ();
  g_autofree char *prefix = g_build_filename (dir, name, NULL);
  const char *argv[] = { "pdftoppm", "-png", "-r", "60", pdf, prefix, NULL };
  g_autofree char *out = run_capture (argv);
}

static void
test_summary_pdf (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdSummary) summary = NULL;
  g_autoptr(RdSummaryLayout) layout = NULL;
  g_autoptr(RdAccount) found = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir, "summary.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *info = NULL;
  g_autofree char *fonts = NULL;
  double width, height;
  int n_pages;
  const char *pdfinfo[] = { "pdfinfo", pdf, NULL };
  const char *pdffonts[] = { "pdffonts", pdf, NULL };

  /* By name, and the name ignoring case; by id. */
  found = rd_summary_find_account (fixture->store, ACCOUNT_NAME, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_account_get_id (found), ==, fixture->account_id);
  g_clear_object (&found);
  found = rd_summary_find_account (fixture->store, fixture->account_id, &error);
  g_assert_no_error (error);
  g_clear_object (&found);
  found = rd_summary_find_account (fixture->store, "no such account", &error);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND);
  g_assert_null (found);
  g_clear_error (&error);

  summary = rd_summary_collect (fixture->store, fixture->account_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->steps->len, ==, N_STEPS);
  g_assert_cmpuint (summary->pending->len, ==, 1);
  g_assert_cmpstr (summary->goals, !=, NULL);

  g_assert_true (rd_summary_write_pdf (summary, RD_PAPER_A4, pdf, &error));
  g_assert_no_error (error);
  keep_png (pdf, "summary");

  /* Every step on exactly one page. */
  rd_paper_get_size (RD_PAPER_A4, &width, &height);
  layout = rd_summary_layout_new (summary, width, height);
  n_pages = rd_summary_layout_get_n_pages (layout);
  g_assert_cmpint (n_pages, >=, 2);
  info = run_capture (pdfinfo);
  {
    g_autofree char *pages = g_strdup_printf ("Pages:           %d", n_pages);
    g_autofree char *last = g_strdup_printf ("Page %d of %d", n_pages, n_pages);

    g_assert_nonnull (strstr (info, pages));
    text = pdf_text (pdf, 0);
    flat = squeeze (text);
    g_assert_nonnull (strstr (flat, last));
  }
  g_assert_nonnull (strstr (flat, ACCOUNT_NAME));
  g_assert_nonnull (strstr (flat, "山田花子"));
  g_assert_nonnull (strstr (flat, "王小明"));
  g_assert_nonnull (strstr (flat, "Page 1 of"));

  /* Never our assessment: no class, score, cause, signal, stage, status,
   * statement or internal note. */
  g_assert_null (strstr (flat, "Árvíztűrő"));
  g_assert_null (strstr (flat, "Assessed cause"));
  g_assert_null (strstr (flat, rd_enum_table_label (&rd_cause_table, RD_CAUSE_BUDGET)));
  g_assert_null (strstr (flat, "Class"));
  g_assert_null (strstr (flat, "Score"));
  g_assert_null (strstr (flat, "score"));
  g_assert_null (strstr (flat, rd_enum_table_label (&rd_class_table, RD_CLASS_ADMINISTRATIVE)));
  g_assert_null (strstr (flat, rd_enum_table_label (&rd_class_table, RD_CLASS_RISK)));
  /* "Decision" only as the agreed "Decision by" date. */
  for (const char *at = flat; (at = strstr (at, "Decision")) != NULL; at++)
    g_assert_true (g_str_has_prefix (at, "Decision by"));
  g_assert_null (strstr (flat, "▲"));
  g_assert_null (strstr (flat, "◆"));
  g_assert_null (strstr (flat, rd_enum_table_label (&rd_signal_table, RD_SIGNAL_SPECIFIC_EXPLANATION)));
  g_assert_null (strstr (flat, rd_enum_table_label (&rd_signal_table, RD_SIGNAL_OFFERED_TIMELINE)));
  g_assert_null (strstr (flat, BUYER_SAID));
  g_assert_null (strstr (flat, "Stage"));
  g_assert_null (strstr (flat, rd_enum_table_label (&rd_stage_table, RD_STAGE_MATURING)));

  /* The ROI from the entered figures: 48,000 a year brings back 120,000. */
  {
    g_autofree char *net = rd_money_format (12000000 - 4800000, "EUR");
    g_autofree char *flat_net = squeeze (net);
    gint64 net_minor = 0;
    int percent = 0, payback = 0;

    g_assert_true (rd_summary_get_roi (summary, &net_minor, &percent, &payback));
    g_assert_cmpint (net_minor, ==, 7200000);
    g_assert_cmpint (percent, ==, 150);
    g_assert_cmpint (payback, ==, 5);
    g_assert_nonnull (strstr (flat, flat_net));
    g_assert_nonnull (strstr (flat, "150 %"));
    g_assert_nonnull (strstr (flat, "5 months"));
    g_assert_nonnull (strstr (flat, "Saves 320 staff hours"));
  }

  /* The cost of not renewing: the entered weeks and the price change. */
  {
    g_autofree char *change = rd_date_format (summary->price_change_on);
    g_autofree char *flat_change = squeeze (change);

    g_assert_nonnull (strstr (flat, "About 4 weeks to onboard again"));
    g_assert_nonnull (strstr (flat, flat_change));
  }

  /* References: similar, willing, current customers only; three at most,
   * the closest match first. */
  g_assert_cmpuint (summary->references->len, ==, 3);
  g_assert_cmpstr (((RdSummaryReference *) g_ptr_array_index (summary->references, 0))->name, ==,
                   "Best Reference KK");
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    if (others[i].expected)
      g_assert_nonnull (strstr (flat, others[i].name));
    else
      g_assert_null (strstr (flat, others[i].name));

  /* Three talking points, numbered, that quote the figures. */
  {
    g_auto(GStrv) points = rd_summary_dup_talking_points (summary);
    g_autofree char *cost = rd_money_format (4800000, "EUR");
    g_autofree char *flat_cost = squeeze (cost);

    g_assert_cmpuint (g_strv_length (points), ==, 3);
    g_assert_nonnull (strstr (points[0], cost));
    g_assert_nonnull (strstr (flat, "Three points for the decision"));
    g_assert_nonnull (strstr (flat, "1. It pays for itself"));
    g_assert_nonnull (strstr (flat, "2. Waiting has a price"));
    g_assert_nonnull (strstr (flat, "3. "));
    (void) flat_cost;
  }

  /* The proposed file name. */
  {
    g_autofree char *name = rd_summary_dup_file_name (summary);
    g_autofree char *odd = rd_report_file_name ("../a/b", "Executive summary");

    g_assert_cmpstr (name, ==, ACCOUNT_NAME " – Executive summary.pdf");
    g_assert_cmpstr (odd, ==, "-a-b – Executive summary.pdf");
  }

  for (guint i = 0; i < N_STEPS; i++)
    {
      RdSummaryStep *step = g_ptr_array_index (summary->steps, i);
      int page = rd_summary_layout_get_step_page (layout, i);
      g_autofree char *marker = g_strdup_printf ("Step %02u:", i + 1);
      g_autofree char *tail = g_strdup ("confirm the result in writing");
      g_autofree char *page_text = NULL;
      g_autofree char *flat_page = NULL;
      g_autofree char *step_flat = squeeze (step->title);
      const char *at;

      g_assert_cmpint (page, >=, 0);
      g_assert_cmpint (page, <, n_pages);
      page_text = pdf_text (pdf, page + 1);
      flat_page = squeeze (page_text);
      /* The whole step text is on that page (its first and last words
       * around the marker), and the marker is on no other page. */
      at = strstr (flat_page, marker);
      g_assert_nonnull (at);
      g_assert_nonnull (strstr (at, tail));
      g_assert_nonnull (strstr (flat, marker));
      for (int other = 0; other < n_pages; other++)
        {
          g_autofree char *other_text = NULL;

          if (other == page)
            continue;
          other_text = pdf_text (pdf, other + 1);
          g_assert_null (strstr (other_text, marker));
        }
      (void) step_flat;
    }

  /* Option prices and dates. */
  {
    g_autofree char *annual = rd_money_format (4800000, "EUR");
    g_autofree char *expansion = rd_money_format (6200000, "EUR");
    g_autofree char *pilot = rd_money_format (987654, "EUR");
    g_autofree char *end = rd_date_format (rd_account_get_contract_end (summary->account));
    g_autofree char *info_by = rd_date_format (((RdSummaryPending *) g_ptr_array_index (summary->pending, 0))->commitments[RD_COMMITMENT_INFO_BY]);
    g_autofree char *flat_annual = squeeze (annual);
    g_autofree char *flat_expansion = squeeze (expansion);
    g_autofree char *flat_pilot = squeeze (pilot);
    g_autofree char *flat_end = squeeze (end);
    g_autofree char *flat_info = squeeze (info_by);

    g_assert_nonnull (strstr (flat, flat_annual));
    g_assert_nonnull (strstr (flat, flat_expansion));
    g_assert_nonnull (strstr (flat, flat_pilot));
    g_assert_nonnull (strstr (flat, flat_end));
    g_assert_nonnull (strstr (flat, flat_info));
    for (guint kind = 0; kind < 6; kind++)
      {
        g_autofree char *price = NULL;
        g_autofree char *flat_price = NULL;

        if (summary->bridges[kind].price_minor < 0)
          continue;
        price = rd_money_format (summary->bridges[kind].price_minor, "EUR");
        flat_price = squeeze (price);
        g_assert_nonnull (strstr (flat, flat_price));
      }
  }

  /* Fonts are embedded, among them a CJK one. */
  fonts = run_capture (pdffonts);
  g_assert_nonnull (strstr (fonts, "CJK"));
  {
    g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);

    for (guint i = 2; lines[i] != NULL; i++)
      {
        g_auto(GStrv) cols = NULL;
        guint n;

        if (*lines[i] == '\0')
          continue;
        cols = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
        n = g_strv_length (cols);
        (void) n;
        /* "emb" column: every font line says yes before sub/uni. */
        g_assert_nonnull (strstr (lines[i], " yes "));
      }
  }

}

static void
test_summary_letter_and_unticked (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdSummary) summary = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir, "letter.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  const char *pdfinfo[] = { "pdfinfo", pdf, NULL };

  summary = rd_summary_collect (fixture->store, fixture->account_id, &error);
  g_assert_no_error (error);
  summary->bridge_kinds = 1u << RD_BRIDGE_EXTENSION_30;
  g_assert_true (rd_summary_write_pdf (summary, RD_PAPER_LETTER, pdf, &error));
  g_assert_no_error (error);

  info = run_capture (pdfinfo);
  g_assert_nonnull (strstr (info, "612 x 792 pts"));
  text = pdf_text (pdf, 0);
  g_assert_nonnull (strstr (text, rd_enum_table_label (&rd_bridge_kind_table, RD_BRIDGE_EXTENSION_30)));
  g_assert_null (strstr (text, rd_enum_table_label (&rd_bridge_kind_table, RD_BRIDGE_PAID_PILOT_90)));
}

/* The header carries the company name from Preferences. */
static void
test_summary_branded (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GSettings) settings = rd_settings_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RdSummary) summary = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir, "branded.pdf", NULL);
  g_autofree char *text = NULL;

  g_assert_nonnull (settings);
  g_settings_set_string (settings, "company-name", "Northwind Renewals");
  summary = rd_summary_collect (fixture->store, fixture->account_id, &error);
  g_settings_reset (settings, "company-name");
  g_assert_no_error (error);
  g_assert_true (rd_summary_write_pdf (summary, RD_PAPER_A4, pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf, 1);
  g_assert_nonnull (strstr (text, "Northwind Renewals"));
}

/* The internal brief: everything the summary leaves out. */
static void
test_brief_pdf (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdBrief) brief = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir, "brief.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *name = NULL;
  RdBriefDelay *delay;
  g_autoptr(RdActivityRecord) call = rd_activity_record_new (fixture->account_id, "2026-03-02",
                                                             RD_ACTIVITY_MEETING);
  g_autoptr(GPtrArray) logged = g_ptr_array_new ();

  /* The activity log is the team's record: in the brief, never in the summary. */
  rd_activity_record_set_summary (call, "Walked the CFO through the ROI");
  rd_activity_record_set_their_response (call, "Wants a second quote");
  g_ptr_array_add (logged, rd_record_get_document (RD_RECORD (call)));
  g_assert_true (rd_store_put_documents (fixture->store, logged, &error));
  g_assert_no_error (error);

  brief = rd_brief_collect (fixture->store, fixture->account_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (brief->delays->len, ==, 1);
  g_assert_cmpuint (brief->activities->len, ==, 1);
  delay = g_ptr_array_index (brief->delays, 0);
  g_assert_nonnull (delay->reasons);
  g_assert_nonnull (delay->reasons[0]);
  g_assert_cmpint (delay->state[RD_COMMITMENT_RECONNECT_ON], ==, RD_BRIEF_MISSED);
  g_assert_cmpint (delay->state[RD_COMMITMENT_INFO_BY], ==, RD_BRIEF_DUE);
  g_assert_cmpuint (brief->concessions->len, ==, 1);

  g_assert_true (rd_brief_write_pdf (brief, RD_PAPER_A4, pdf, &error));
  g_assert_no_error (error);
  keep_png (pdf, "brief");

  text = pdf_text (pdf, 0);
  flat = squeeze (text);
  g_assert_nonnull (strstr (flat, ACCOUNT_NAME));
  g_assert_nonnull (strstr (flat, "Internal brief"));
  g_assert_nonnull (strstr (flat, rd_enum_table_label (&rd_class_table, delay->klass)));
  g_assert_nonnull (strstr (flat, "Reasons"));
  g_assert_nonnull (strstr (flat, "Walked the CFO through the ROI"));
  g_assert_nonnull (strstr (flat, "Wants a second quote"));
  {
    g_autofree char *first_reason = squeeze (delay->reasons[0]);
    g_autofree char *head = g_strndup (first_reason, MIN (strlen (first_reason), 20));
    g_assert_nonnull (strstr (flat, head));
  }
  g_assert_nonnull (strstr (flat, rd_enum_table_label (&rd_cause_table, RD_CAUSE_BUDGET)));
  /* A wrapped cell sits beside its neighbours in the text: its first words. */
  g_assert_nonnull (strstr (flat, "Our CFO signs"));
  g_assert_nonnull (strstr (flat, "王小明"));
  g_assert_nonnull (strstr (flat, rd_enum_table_label (&rd_signal_table, RD_SIGNAL_OFFERED_TIMELINE)));
  g_assert_nonnull (strstr (flat, "Missed"));
  g_assert_nonnull (strstr (flat, "Not due yet"));
  g_assert_nonnull (strstr (flat, "Árvíztűrő tükörfúrógép"));
  g_assert_nonnull (strstr (flat, "Recovery plan"));
  g_assert_nonnull (strstr (flat, "Step 01:"));
  g_assert_nonnull (strstr (flat, "Concessions offered"));
  g_assert_nonnull (strstr (flat, rd_enum_table_label (&rd_bridge_kind_table, RD_BRIDGE_PAID_PILOT_90)));
  g_assert_nonnull (strstr (flat, "Signs it is time to let go"));
  g_assert_nonnull (strstr (flat, "No sign to fold."));

  name = rd_brief_dup_file_name (brief);
  g_assert_cmpstr (name, ==, ACCOUNT_NAME " – Internal brief.pdf");
}

/* With nothing offered, the ledger says so rather than vanish. */
static void
test_brief_empty_ledger (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = rd_test_make_tmp_db (&dir);
  g_autoptr(RdStore) store = rd_store_new (db, NULL, &error);
  g_autoptr(RdAccount) account = rd_account_new ();
  g_autoptr(RdBrief) brief = NULL;
  g_autofree char *pdf = g_build_filename (dir, "empty.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;

  g_assert_no_error (error);
  rd_account_set_name (account, "Plain Account");
  rd_account_set_currency (account, "USD");
  g_assert_true (rd_store_save_account (store, account, &error));
  brief = rd_brief_collect (store, rd_account_get_id (account), &error);
  g_assert_no_error (error);
  g_assert_true (rd_brief_write_pdf (brief, RD_PAPER_LETTER, pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf, 0);
  flat = squeeze (text);
  g_assert_nonnull (strstr (flat, "No concession recorded"));
  g_assert_nonnull (strstr (flat, "No delay is open."));
  g_assert_nonnull (strstr (flat, "No recovery plan has been drawn up."));
  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

/* The kit's fields ride in the account document: stored, exported and
 * read back; absent means "not entered". */
static void
test_kit_fields_roundtrip (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdAccount) account = rd_store_get_account (fixture->store, fixture->account_id, &error);
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(RdAccount) back = NULL;
  g_autoptr(RdAccount) blank = rd_account_new ();
  g_autoptr(GPtrArray) docs = NULL;
  guint n_ok = 0;

  g_assert_no_error (error);
  g_assert_false (rd_account_get_reference_ok (account));
  g_assert_cmpint (rd_account_get_roi_cost_minor (account), ==, 4800000);
  g_assert_cmpint (rd_account_get_roi_benefit_minor (account), ==, 12000000);
  g_assert_cmpint (rd_account_get_roi_payback_months (account), ==, 5);
  g_assert_cmpint (rd_account_get_reonboarding_weeks (account), ==, 4);
  g_assert_nonnull (rd_account_get_price_change_on (account));

  rd_account_set_reference_ok (account, TRUE);
  rd_account_set_roi_payback_months (account, -1);
  doc = rd_account_to_document (account);
  g_assert_true (json_object_get_boolean_member (doc, "reference_ok"));
  g_assert_false (json_object_has_member (doc, "roi_payback_months"));
  back = rd_account_new_from_document (doc, &error);
  g_assert_no_error (error);
  g_assert_true (rd_account_get_reference_ok (back));
  g_assert_cmpint (rd_account_get_roi_payback_months (back), ==, -1);
  g_assert_cmpint (rd_account_get_roi_cost_minor (back), ==, 4800000);

  g_assert_false (rd_account_get_reference_ok (blank));
  g_assert_cmpint (rd_account_get_roi_cost_minor (blank), ==, -1);
  g_assert_cmpint (rd_account_get_reonboarding_weeks (blank), ==, -1);
  g_assert_null (rd_account_get_price_change_on (blank));

  /* The export (--export-json, backups, sync) carries the flag. */
  docs = rd_store_export_documents (fixture->store, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *d = g_ptr_array_index (docs, i);

      if (json_object_get_boolean_member_with_default (d, "reference_ok", FALSE))
        n_ok++;
    }
  g_assert_cmpuint (n_ok, ==, 6);
}

/* The weekly update of a known book. */
static void
add_weekly_account (RdStore    *store,
                    const char *name,
                    const char *currency,
                    gint64      value,
                    const char *end,
                    RdStatus    status,
                    int         delay_class,    /* -1: no delay */
                    gboolean    resolved)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdAccount) account = rd_account_new ();

  rd_account_set_name (account, name);
  rd_account_set_currency (account, currency);
  rd_account_set_annual_value_minor (account, value);
  rd_account_set_contract_start (account, "2025-06-01");
  rd_account_set_contract_end (account, end);
  rd_account_set_status (account, status);
  g_assert_true (rd_store_save_account (store, account, &error));
  g_assert_no_error (error);

  if (delay_class >= 0)
    {
      g_autoptr(RdDelay) delay = rd_delay_new (rd_account_get_id (account));
      g_autoptr(RdDelay) saved = NULL;

      rd_delay_set_communicated_on (delay, "2026-05-04");
      rd_delay_set_stated_reason (delay, "Waiting on the board");
      rd_delay_set_cause (delay, delay_class == RD_CLASS_RISK ? RD_CAUSE_SHOPPING : RD_CAUSE_BUDGET);
      rd_delay_set_override (delay, delay_class, "set by the test");
      rd_delay_set_text (delay, "help_needed", delay_class == RD_CLASS_RISK ? "An executive sponsor call" : NULL);
      if (resolved)
        rd_delay_resolve (delay, "2026-05-06", "renewed", NULL);
      saved = rd_store_save_delay (store, delay, &error);
      g_assert_no_error (error);
    }
}

static void
test_weekly_update (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = rd_test_make_tmp_db (&dir);
  g_autoptr(RdStore) store = rd_store_new (db, NULL, &error);
  g_autoptr(RdWeeklyUpdate) update = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *q2_line = NULL;
  g_autofree char *q3_line = NULL;
  GDate today;

  g_assert_no_error (error);
  add_weekly_account (store, "Alpha GmbH", "EUR", 10000000, "2026-06-15", RD_STATUS_ACTIVE, RD_CLASS_RISK, FALSE);
  {
    /* This week's calls come from the activity log; last week's stay out. */
    g_autoptr(GPtrArray) accounts = rd_store_list_accounts (store, &error);
    const char *alpha = rd_account_get_id (g_ptr_array_index (accounts, 0));
    g_autoptr(RdActivityRecord) call = rd_activity_record_new (alpha, "2026-05-10", RD_ACTIVITY_CALL);
    g_autoptr(RdActivityRecord) old = rd_activity_record_new (alpha, "2026-05-01", RD_ACTIVITY_EMAIL);
    g_autoptr(GPtrArray) docs = g_ptr_array_new ();

    rd_activity_record_set_summary (call, "Asked who else is in the evaluation");
    rd_activity_record_set_their_response (call, "Two vendors, decision in June");
    rd_activity_record_set_summary (old, "Sent the renewal quote");
    g_ptr_array_add (docs, rd_record_get_document (RD_RECORD (call)));
    g_ptr_array_add (docs, rd_record_get_document (RD_RECORD (old)));
    g_assert_true (rd_store_put_documents (store, docs, &error));
    g_assert_no_error (error);
  }
  add_weekly_account (store, "Beta Kft.", "EUR", 5000000, "2026-06-20", RD_STATUS_ACTIVE, -1, FALSE);
  add_weekly_account (store, "Gamma Ltd", "USD", 2000000, "2026-08-01", RD_STATUS_EXPECTED_CHURN, -1, FALSE);
  add_weekly_account (store, "Delta SA", "EUR", 3000000, "2026-06-25", RD_STATUS_ACTIVE, RD_CLASS_DECISION, TRUE);
  add_weekly_account (store, "Epsilon AB", "EUR", 4000000, "2026-06-28", RD_STATUS_ACTIVE, RD_CLASS_ADMINISTRATIVE, FALSE);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 10, 5, 2026);
  update = rd_weekly_update_collect (store, &today, &error);
  g_assert_no_error (error);
  markdown = rd_weekly_update_to_markdown (update);

  /* Exactly the open delays. */
  g_assert_cmpuint (update->delays->len, ==, 2);
  g_assert_nonnull (strstr (markdown, "## Delayed renewals (2)"));
  /* Under RD_WEEKLY_MAX_ROWS, every row and no "…and N more". */
  g_assert_null (strstr (markdown, "more*"));
  {
    /* The section alone: the risk table further down lists other accounts. */
    const char *start = strstr (markdown, "## Delayed renewals");
    const char *end = strstr (start + 2, "\n## ");
    g_autofree char *section = g_strndup (start, end - start);
    g_auto(GStrv) lines = g_strsplit (section, "\n", -1);
    guint rows = 0;

    for (guint i = 0; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "| ") && !g_str_has_prefix (lines[i], "| Account"))
        rows++;
    g_assert_cmpuint (rows, ==, 2);
    g_assert_nonnull (strstr (section, "| Alpha GmbH |"));
    g_assert_nonnull (strstr (section, "| Epsilon AB |"));
    g_assert_null (strstr (section, "| Delta SA |"));
    g_assert_null (strstr (section, "| Beta Kft. |"));
  }
  g_assert_nonnull (strstr (markdown, "- **Alpha GmbH**: An executive sponsor call"));
  {
    gboolean found = FALSE;

    for (guint i = 0; i < update->actions->len; i++)
      {
        RdWeeklyAction *action = g_ptr_array_index (update->actions, i);

        found |= g_strcmp0 (action->text, "Call: Asked who else is in the evaluation — they said: "
                                          "Two vendors, decision in June") == 0 &&
                 g_strcmp0 (action->date, "2026-05-10") == 0;
      }
    g_assert_true (found);
    g_assert_nonnull (strstr (markdown, "Asked who else is in the evaluation"));
  }
  g_assert_null (strstr (markdown, "Sent the renewal quote"));

  /* Q2 2026 in EUR: Commit is Epsilon (administrative, nothing missed),
   * Best Case Delta (talked to, delay resolved), Pipeline Alpha (risk) and
   * Beta (nobody talked to them); Q3 in USD: Gamma is expected churn. */
  {
    g_autofree char *zero = rd_money_format (0, "EUR");
    g_autofree char *commit = rd_money_format (4000000, "EUR");
    g_autofree char *best = rd_money_format (3000000, "EUR");
    g_autofree char *pipeline = rd_money_format (15000000, "EUR");
    g_autofree char *uz = rd_money_format (0, "USD");
    g_autofree char *ue = rd_money_format (2000000, "USD");

    q2_line = g_strdup_printf ("| EUR | %s | %s | %s | %s |", commit, best, pipeline, zero);
    q3_line = g_strdup_printf ("| USD | %s | %s | %s | %s |", uz, uz, uz, ue);
  }
  g_assert_nonnull (strstr (markdown, "Q2 2026"));
  g_assert_nonnull (strstr (markdown, q2_line));
  g_assert_nonnull (strstr (markdown, q3_line));
  g_assert_nonnull (strstr (markdown, "Commit needs evidence"));
  g_assert_nonnull (strstr (markdown, "### Still to do (4)"));
  g_assert_nonnull (strstr (markdown, "| Beta Kft. | "));
  g_assert_nonnull (strstr (markdown, "| Nobody talked to them |"));
  /* Epsilon went from Pipeline to Commit when its delay was logged. */
  g_assert_nonnull (strstr (markdown, "| Epsilon AB | Pipeline → Commit |"));

  /* Chart data: June 2026 holds four renewals, one of them risk. */
  g_assert_cmpuint (update->by_month[1][RD_CLASS_RISK], ==, 1);
  g_assert_cmpuint (update->by_month[1][RD_CLASS_ADMINISTRATIVE], ==, 1);
  g_assert_cmpuint (update->by_month[1][RD_WEEKLY_NO_DELAY], ==, 2);

  pdf = g_build_filename (dir, "weekly.pdf", NULL);
  g_assert_true (rd_weekly_update_write_pdf (update, RD_PAPER_A4, pdf, &error));
  g_assert_no_error (error);
  keep_png (pdf, "weekly");
  text = pdf_text (pdf, 0);
  g_assert_nonnull (strstr (text, "Alpha GmbH"));
  g_assert_nonnull (strstr (text, "Renewals by month"));

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

/* The rows of the Markdown section that starts with @heading, up to the
 * next heading: table rows (but the header) and list items. */
static GPtrArray *
section_rows (const char *markdown,
              const char *heading)
{
  const char *start = strstr (markdown, heading);
  const char *end = NULL;
  g_autofree char *section = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (start);
  end = strstr (start + 1, "\n#");
  section = end != NULL ? g_strndup (start, end - start) : g_strdup (start);
  lines = g_strsplit (section, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if ((g_str_has_prefix (lines[i], "| ") && !g_str_has_prefix (lines[i], "| Account")) ||
        g_str_has_prefix (lines[i], "- **"))
      g_ptr_array_add (rows, g_strdup (lines[i]));
  return rows;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* A book over RD_WEEKLY_MAX_ROWS: each long list shows its first rows
 * (soonest deadline, then name), then "…and N more"; the headings still
 * count every row, in Markdown and in the PDF.  Four accounts a day, so
 * the cut falls inside one day's accounts. */
static void
test_weekly_capped (void)
{
  const guint n = RD_WEEKLY_MAX_ROWS + 7;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = rd_test_make_tmp_db (&dir);
  g_autoptr(RdStore) store = rd_store_new (db, NULL, &error);
  g_autoptr(RdWeeklyUpdate) update = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) delays = NULL;
  g_autoptr(GPtrArray) help = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *more = g_strdup_printf ("\n*…and %u more*\n", n - RD_WEEKLY_MAX_ROWS);
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *squeezed = NULL;
  GDate today;

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %03u", n - i);
      g_autofree char *end = g_strdup_printf ("2026-06-%02u", 1 + i % 28);

      add_weekly_account (store, name, "EUR", 1000000 + i, end, RD_STATUS_ACTIVE, RD_CLASS_RISK, FALSE);
      /* "YYYY-MM-DD Customer NNN": by deadline, then by name. */
      g_ptr_array_add (expected, g_strdup_printf ("%s %s", end, name));
    }
  g_ptr_array_sort (expected, compare_names);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 10, 5, 2026);
  update = rd_weekly_update_collect (store, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (update->n_delays, ==, n);
  g_assert_cmpuint (update->delays->len, ==, RD_WEEKLY_MAX_ROWS);
  g_assert_cmpuint (update->n_help, ==, n);
  g_assert_cmpuint (update->help->len, ==, RD_WEEKLY_MAX_ROWS);
  g_assert_cmpuint (update->n_open, ==, n);

  markdown = rd_weekly_update_to_markdown (update);
  {
    g_autofree char *still = g_strdup_printf ("### Still to do (%u)", n);
    g_autofree char *delayed = g_strdup_printf ("## Delayed renewals (%u)", n);

    g_assert_nonnull (strstr (markdown, still));
    g_assert_nonnull (strstr (markdown, delayed));
  }
  open = section_rows (markdown, "### Still to do");
  delays = section_rows (markdown, "## Delayed renewals");
  help = section_rows (markdown, "## Help needed");
  g_assert_cmpuint (open->len, ==, RD_WEEKLY_MAX_ROWS);
  g_assert_cmpuint (delays->len, ==, RD_WEEKLY_MAX_ROWS);
  g_assert_cmpuint (help->len, ==, RD_WEEKLY_MAX_ROWS);
  for (guint i = 0; i < RD_WEEKLY_MAX_ROWS; i++)
    {
      const char *want = g_ptr_array_index (expected, i);
      g_autofree char *name = g_strdup_printf ("| %s |", want + 11);
      g_autofree char *item = g_strdup_printf ("- **%s**: ", want + 11);

      g_assert_true (g_str_has_prefix (g_ptr_array_index (open, i), name));
      g_assert_true (g_str_has_prefix (g_ptr_array_index (delays, i), name));
      g_assert_true (g_str_has_prefix (g_ptr_array_index (help, i), item));
    }
  /* One "more" line under each of the three lists, none elsewhere. */
  {
    const char *at = markdown;
    guint n_more = 0;

    while ((at = strstr (at, "more*")) != NULL)
      at++, n_more++;
    g_assert_cmpuint (n_more, ==, 3);
    g_assert_nonnull (strstr (strstr (markdown, "### Still to do"), more));
    g_assert_nonnull (strstr (strstr (markdown, "## Delayed renewals"), more));
    g_assert_nonnull (strstr (strstr (markdown, "## Help needed"), more));
  }

  /* The blocks: "Still to do" holds its first rows, counts them all and
   * is followed by its "…and N more"; cut shorter (as the window shows
   * it), the count covers the rest. */
  {
    g_autoptr(GPtrArray) blocks = rd_weekly_update_to_blocks (update);
    g_autofree char *cut = NULL;
    g_autofree char *rest = g_strdup_printf ("…and %u more", n - 12);
    RdWeeklyBlock *table = NULL;
    RdWeeklyBlock *note;
    guint b;

    for (b = 0; b < blocks->len && table == NULL; b++)
      if (((RdWeeklyBlock *) g_ptr_array_index (blocks, b))->kind == RD_WEEKLY_BLOCK_TABLE)
        table = g_ptr_array_index (blocks, b);
    g_assert_nonnull (table);
    g_assert_cmpuint (table->rows->len, ==, RD_WEEKLY_MAX_ROWS);
    g_assert_cmpuint (table->n_total, ==, n);
    cut = rd_weekly_block_more_text (table, 12);
    g_assert_cmpstr (cut, ==, rest);
    g_assert_null (rd_weekly_block_more_text (table, n));
    g_assert_cmpuint (b, <, blocks->len);
    note = g_ptr_array_index (blocks, b);
    g_assert_cmpint (note->kind, ==, RD_WEEKLY_BLOCK_NOTE);
    g_assert_true (strstr (more, note->text) != NULL);
  }

  pdf = g_build_filename (dir, "weekly-capped.pdf", NULL);
  g_assert_true (rd_weekly_update_write_pdf (update, RD_PAPER_A4, pdf, &error));
  g_assert_no_error (error);
  keep_png (pdf, "weekly-capped");
  text = pdf_text (pdf, 0);
  squeezed = squeeze (text);
  {
    g_autofree char *delayed = g_strdup_printf ("Delayed renewals (%u)", n);
    g_autofree char *line = g_strdup_printf ("…and %u more", n - RD_WEEKLY_MAX_ROWS);
    g_autofree char *last = g_strdup_printf ("%s", (char *) g_ptr_array_index (expected, RD_WEEKLY_MAX_ROWS - 1) + 11);
    g_autofree char *first_left = g_strdup_printf ("%s", (char *) g_ptr_array_index (expected, RD_WEEKLY_MAX_ROWS) + 11);
    const char *at = squeezed;
    guint n_lines = 0;

    g_assert_nonnull (strstr (squeezed, delayed));
    while ((at = strstr (at, line)) != NULL)
      at++, n_lines++;
    g_assert_cmpuint (n_lines, ==, 3);
    g_assert_nonnull (strstr (squeezed, last));
    g_assert_null (strstr (squeezed, first_left));
  }

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

/* A mixed book: one figure per quarter in the reporting currency, each
 * currency's own amounts kept, and a currency without a rate named. */
static void
test_weekly_reporting_currency (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = rd_test_make_tmp_db (&dir);
  g_autoptr(RdStore) store = rd_store_new (db, NULL, &error);
  g_autoptr(RdWeeklyUpdate) update = NULL;
  g_autoptr(RdExchangeRateRecord) usd = rd_exchange_rate_record_new ("USD", "EUR", "0.9", "2026-05-01");
  g_autoptr(RdExchangeRateRecord) later = rd_exchange_rate_record_new ("USD", "EUR", "0.5", "2026-06-01");
  g_autoptr(GPtrArray) rates = g_ptr_array_new ();
  g_autofree char *markdown = NULL;
  g_autofree char *all = NULL;
  GDate today;

  g_assert_no_error (error);
  /* Nobody talked to them: all three are Pipeline in Q2 2026. */
  add_weekly_account (store, "Alpha GmbH", "EUR", 10000000, "2026-06-15", RD_STATUS_ACTIVE, -1, FALSE);
  add_weekly_account (store, "Bravo Inc.", "USD", 2000000, "2026-06-20", RD_STATUS_ACTIVE, -1, FALSE);
  add_weekly_account (store, "Csillag Kft.", "HUF", 500000000, "2026-06-25", RD_STATUS_ACTIVE, -1, FALSE);
  g_ptr_array_add (rates, rd_record_get_document (RD_RECORD (usd)));
  g_ptr_array_add (rates, rd_record_get_document (RD_RECORD (later)));
  g_assert_true (rd_store_put_documents (store, rates, &error));
  g_assert_no_error (error);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 10, 5, 2026);
  update = rd_weekly_update_collect (store, &today, &error);
  g_assert_no_error (error);
  g_assert_true (rd_weekly_update_set_currency (update, "EUR", &error));
  g_assert_no_error (error);

  /* 100,000.00 EUR + 20,000.00 USD at 0.9 (the rate of June is not yet
   * known on 10 May); the forints are left out, and said so. */
  g_assert_nonnull (update->reporting[0]);
  g_assert_cmpint (update->reporting[0]->by_category[RD_FORECAST_PIPELINE], ==, 10000000 + 1800000);
  g_assert_cmpuint (update->reporting[0]->n_accounts, ==, 2);
  g_assert_cmpstr (update->missing_rates[0], ==, "No rate for HUF: 1 account is not in the EUR total.");

  markdown = rd_weekly_update_to_markdown (update);
  all = rd_money_format (11800000, "EUR");
  g_assert_nonnull (strstr (markdown, all));
  g_assert_nonnull (strstr (markdown, "All, in EUR"));
  g_assert_nonnull (strstr (markdown, "No rate for HUF"));

  /* The same book reported in dollars: the stored pair read backwards. */
  g_assert_true (rd_weekly_update_set_currency (update, "USD", &error));
  g_assert_cmpint (update->reporting[0]->by_category[RD_FORECAST_PIPELINE], ==, 11111111 + 2000000);
  g_assert_false (rd_weekly_update_set_currency (update, "XYZ", &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

/* A document of @type with @uuid and string members from NULL-terminated
 * name, value pairs. */
static JsonObject *
weekly_doc (const char *type,
            const char *uuid,
            ...)
{
  JsonObject *doc = json_object_new ();
  g_autofree char *id = rd_document_make_id (type, uuid);
  va_list args;

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", type);
  va_start (args, uuid);
  for (const char *name = va_arg (args, const char *); name != NULL; name = va_arg (args, const char *))
    json_object_set_string_member (doc, name, va_arg (args, const char *));
  va_end (args);
  return doc;
}

#define ACC(n) "00000000-0000-4000-8000-00000000000" n

/* The quarter holds overdue and closed renewals; a bridge's slip, a loss,
 * retrospectives, the next step and the target are all in the update, on
 * several days. */
static void
test_weekly_forecast (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = rd_test_make_tmp_db (&dir);
  g_autoptr(RdStore) store = rd_store_new (db, NULL, &error);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  GDate today;

  g_assert_no_error (error);
#define ACCOUNT(n, name, end, status) \
  weekly_doc ("account", ACC (n), "name", name, "currency", "EUR", "contract_start", "2025-04-01", \
              "contract_end", end, "status", status, NULL)
  /* Overdue since last quarter, nobody talked to them. */
  g_ptr_array_add (docs, ACCOUNT ("1", "Old Overdue Oy", "2026-03-15", "active"));
  /* Renewed in May: closed this quarter. */
  {
    JsonObject *doc = ACCOUNT ("2", "Renewed Zrt", "2027-05-31", "renewed");
    json_object_set_string_member (doc, "contract_start", "2026-06-01");
    json_object_set_string_member (doc, "renewal_choice_on", "2026-05-04");
    g_ptr_array_add (docs, doc);
  }
  /* Lost to a competitor on 2026-05-05, with a retrospective. */
  g_ptr_array_add (docs, ACCOUNT ("3", "Lost GmbH", "2026-06-10", "lost"));
  g_ptr_array_add (docs, weekly_doc ("loss", "10000000-0000-4000-8000-000000000003",
                                     "account_id", ACC ("3"), "reason", "competitor",
                                     "competitor", "Rival Corp", "closed_on", "2026-05-05",
                                     "reengage_on", "2026-07-05",
                                     "retrospective", "We started too late", NULL));
  /* A 30-day extension accepted on 2026-05-06 moved it into Q3. */
  {
    JsonObject *doc = ACCOUNT ("4", "Slipped AB", "2026-06-20", "active");
    json_object_set_string_member (doc, "effective_end", "2026-07-20");
    g_ptr_array_add (docs, doc);
  }
  g_ptr_array_add (docs, weekly_doc ("bridge", "20000000-0000-4000-8000-000000000004",
                                     "account_id", ACC ("4"), "kind", "extension_30",
                                     "status", "accepted", "starts_on", "2026-06-21",
                                     "ends_on", "2026-07-20", "accepted_on", "2026-05-06", NULL));
  /* A risk delay, but the customer said yes to the plan: Commit.  The
   * next step is printed. */
  g_ptr_array_add (docs, ACCOUNT ("5", "Planned SA", "2026-06-25", "active"));
  g_ptr_array_add (docs, weekly_doc ("delay", "30000000-0000-4000-8000-000000000005",
                                     "account_id", ACC ("5"), "communicated_on", "2026-04-20",
                                     "cause", "hidden_problem", "classification", "risk",
                                     "status", "open", "next_step", "Call the CFO",
                                     "next_step_on", "2026-05-20", NULL));
  g_ptr_array_add (docs, weekly_doc ("plan", "40000000-0000-4000-8000-000000000005",
                                     "account_id", ACC ("5"), "started_on", "2026-04-22",
                                     "customer_answer", "yes", "status", "active", NULL));
  /* A delay resolved this week, with a retrospective. */
  g_ptr_array_add (docs, ACCOUNT ("6", "Resolved Kft", "2026-08-30", "active"));
  g_ptr_array_add (docs, weekly_doc ("delay", "30000000-0000-4000-8000-000000000006",
                                     "account_id", ACC ("6"), "communicated_on", "2026-04-01",
                                     "cause", "budget", "classification", "administrative",
                                     "status", "resolved", "resolved_on", "2026-05-07",
                                     "retrospective", "Ask for the budget cycle earlier", NULL));
  /* Account n is worth n × 10,000.00. */
  for (guint i = 0, n = 1; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      if (g_str_equal (json_object_get_string_member (doc, "type"), "account"))
        json_object_set_int_member (doc, "annual_value_minor", 1000000 * n++);
    }
#undef ACCOUNT
  g_assert_true (rd_store_import_documents (store, docs, &error));
  g_assert_no_error (error);

  /* Friday 2026-05-08. */
  {
    g_autoptr(RdWeeklyUpdate) update = NULL;
    g_autofree char *markdown = NULL;
    g_autofree char *pdf = g_build_filename (dir, "weekly-forecast.pdf", NULL);
    g_autofree char *text = NULL;
    g_autofree char *flat = NULL;
    RdWeeklyTotals *t;
    RdWeeklySlip *slip;

    g_date_clear (&today, 1);
    g_date_set_dmy (&today, 8, 5, 2026);
    update = rd_weekly_update_collect (store, &today, &error);
    g_assert_no_error (error);

    /* Overdue and to do first, then closed. */
    g_assert_cmpuint (update->renewals->len, ==, 4);
    {
      RdWeeklyRenewal *r0 = g_ptr_array_index (update->renewals, 0);
      RdWeeklyRenewal *r1 = g_ptr_array_index (update->renewals, 1);
      RdWeeklyRenewal *r2 = g_ptr_array_index (update->renewals, 2);
      RdWeeklyRenewal *r3 = g_ptr_array_index (update->renewals, 3);

      g_assert_cmpstr (r0->account_name, ==, "Old Overdue Oy");
      g_assert_cmpint (r0->place, ==, RD_FORECAST_OVERDUE);
      g_assert_cmpint (r0->category, ==, RD_FORECAST_PIPELINE);
      g_assert_cmpstr (r1->account_name, ==, "Planned SA");
      g_assert_cmpint (r1->category, ==, RD_FORECAST_COMMIT);
      g_assert_cmpint (r1->why, ==, RD_FORECAST_WHY_PLAN_YES);
      g_assert_cmpstr (r2->account_name, ==, "Renewed Zrt");
      g_assert_cmpint (r2->place, ==, RD_FORECAST_CLOSED);
      g_assert_cmpstr (r3->account_name, ==, "Lost GmbH");
      g_assert_cmpint (r3->place, ==, RD_FORECAST_CLOSED);
    }
    t = g_ptr_array_index (update->totals[0], 0);
    g_assert_cmpint (t->renewed, ==, 2000000);
    g_assert_cmpint (t->lost, ==, 3000000);
    g_assert_cmpint (t->slipped, ==, 4000000);
    g_assert_cmpint (t->by_category[RD_FORECAST_COMMIT], ==, 5000000);
    g_assert_cmpint (t->by_category[RD_FORECAST_PIPELINE], ==, 1000000);

    g_assert_cmpuint (update->slips->len, ==, 1);
    slip = g_ptr_array_index (update->slips, 0);
    g_assert_cmpstr (slip->from, ==, "2026-06-20");
    g_assert_cmpstr (slip->to, ==, "2026-07-20");
    g_assert_true (slip->this_week);
    g_assert_true (slip->left_quarter);

    g_assert_cmpuint (update->n_losses, ==, 1);
    g_assert_cmpuint (update->competitors->len, ==, 1);
    g_assert_cmpstr (((RdWeeklyCount *) g_ptr_array_index (update->competitors, 0))->label, ==,
                     "Rival Corp");
    g_assert_cmpuint (update->retros->len, ==, 2);

    /* No target set: the setting is empty. */
    g_assert_cmpint (update->target_minor, ==, -1);
    g_assert_true (rd_weekly_update_set_target (update, "100000 EUR", &error));
    g_assert_no_error (error);
    g_assert_cmpint (update->target_minor, ==, 10000000);
    g_assert_false (rd_weekly_update_set_target (update, "lots", &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_true (rd_weekly_update_set_target (update, "100000", &error));   /* the only currency */
    g_assert_no_error (error);

    markdown = rd_weekly_update_to_markdown (update);
    g_assert_nonnull (strstr (markdown, "Call the CFO"));
    g_assert_nonnull (strstr (markdown, "We started too late"));
    g_assert_nonnull (strstr (markdown, "Ask for the budget cycle earlier"));
    g_assert_nonnull (strstr (markdown, "| Rival Corp | 1 |"));
    g_assert_nonnull (strstr (markdown, "### Closed this quarter (2)"));
    g_assert_nonnull (strstr (markdown, "Target "));
    g_assert_nonnull (strstr (markdown, "(70 %)"));       /* 20000 + 50000 of 100000 */
    {
      g_autofree char *from = rd_date_format ("2026-06-20");
      g_autofree char *to = rd_date_format ("2026-07-20");
      g_autofree char *moved = g_strdup_printf ("%s → %s", from, to);
      g_assert_nonnull (strstr (markdown, moved));
    }

    g_assert_true (rd_weekly_update_write_pdf (update, RD_PAPER_A4, pdf, &error));
    g_assert_no_error (error);
    keep_png (pdf, "weekly-forecast");
    text = pdf_text (pdf, 0);
    flat = squeeze (text);
    g_assert_nonnull (strstr (flat, "Renewing this quarter"));
    g_assert_nonnull (strstr (flat, "Commit needs evidence"));
    g_assert_nonnull (strstr (flat, "Call the CFO"));
  }

  /* A week later: nothing slipped this week any more, the slip still
   * left Q2; the retrospectives are last week's. */
  {
    g_autoptr(RdWeeklyUpdate) update = NULL;
    RdWeeklySlip *slip;

    g_date_set_dmy (&today, 15, 5, 2026);
    update = rd_weekly_update_collect (store, &today, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (update->slips->len, ==, 1);
    slip = g_ptr_array_index (update->slips, 0);
    g_assert_false (slip->this_week);
    g_assert_true (slip->left_quarter);
    g_assert_cmpuint (update->retros->len, ==, 0);
    /* Planned SA's next step (2026-05-20) is not missed yet: still Commit. */
    g_assert_cmpuint (update->moves->len, ==, 0);
  }

  /* First day of Q3: Slipped AB is to do, the Q2 closures are gone, and
   * the overdue renewal from Q1 is still there. */
  {
    g_autoptr(RdWeeklyUpdate) update = NULL;
    gboolean overdue = FALSE, slipped = FALSE;

    g_date_set_dmy (&today, 1, 7, 2026);
    update = rd_weekly_update_collect (store, &today, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < update->renewals->len; i++)
      {
        RdWeeklyRenewal *r = g_ptr_array_index (update->renewals, i);

        g_assert_cmpint (r->place, !=, RD_FORECAST_CLOSED);
        overdue |= g_str_equal (r->account_name, "Old Overdue Oy") && r->place == RD_FORECAST_OVERDUE;
        slipped |= g_str_equal (r->account_name, "Slipped AB") && r->place == RD_FORECAST_TO_DO;
      }
    g_assert_true (overdue);
    g_assert_true (slipped);
    g_assert_cmpuint (update->slips->len, ==, 0);
  }

  g_clear_object (&store);
  rd_test_remove_tree (dir);
}

static RdWeeklyRenewal *
find_renewal (RdWeeklyUpdate *update,
              const char     *name)
{
  for (guint i = 0; i < update->renewals->len; i++)
    {
      RdWeeklyRenewal *r = g_ptr_array_index (update->renewals, i);

      if (g_strcmp0 (r->account_name, name) == 0)
        return r;
    }
  g_assert_not_reached ();
}

/* The last contact comes from activities and settled delays looked up
 * one account at a time, on each of the two days the update weighs. */
static void
test_weekly_last_contact (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = rd_test_make_tmp_db (&dir);
  g_autoptr(RdStore) store = rd_store_new (db, NULL, &error);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(RdWeeklyUpdate) update = NULL;
  RdWeeklyRenewal *r;
  GDate today;

  g_assert_no_error (error);
#define ACTIVE(n, name) \
  weekly_doc ("account", ACC (n), "name", name, "currency", "EUR", "contract_start", "2025-06-21", \
              "contract_end", "2026-06-20", "status", "active", NULL)
#define ACTIVITY(n, k, account, on) \
  weekly_doc ("activity", "5000000" k "-0000-4000-8000-00000000000" n, "account_id", ACC (account), \
              "on", on, "kind", "call", NULL)
  /* Called three weeks ago. */
  g_ptr_array_add (docs, ACTIVE ("1", "Called Oy"));
  g_ptr_array_add (docs, ACTIVITY ("1", "0", "1", "2026-04-20"));
  /* Told of a delay in March, resolved before the week. */
  g_ptr_array_add (docs, ACTIVE ("2", "Settled Kft"));
  g_ptr_array_add (docs, weekly_doc ("delay", "30000000-0000-4000-8000-000000000002",
                                     "account_id", ACC ("2"), "communicated_on", "2026-03-25",
                                     "status", "resolved", "resolved_on", "2026-04-01", NULL));
  /* Last called in November. */
  g_ptr_array_add (docs, ACTIVE ("3", "Silent AB"));
  g_ptr_array_add (docs, ACTIVITY ("3", "0", "3", "2025-11-01"));
  /* Called yesterday, for the first time since December: moved this week. */
  g_ptr_array_add (docs, ACTIVE ("4", "Fresh SA"));
  g_ptr_array_add (docs, ACTIVITY ("4", "0", "4", "2025-12-01"));
  g_ptr_array_add (docs, ACTIVITY ("4", "1", "4", "2026-05-13"));
  /* A call that was deleted. */
  g_ptr_array_add (docs, ACTIVE ("5", "Deleted Ltd"));
  g_ptr_array_add (docs, ACTIVITY ("5", "0", "5", "2026-05-01"));
#undef ACTIVITY
#undef ACTIVE
  g_assert_true (rd_store_put_documents (store, docs, &error));
  g_assert_no_error (error);
  g_assert_true (rd_store_delete_document (store, "activity:50000000-0000-4000-8000-000000000005", &error));
  g_assert_no_error (error);

  g_date_set_dmy (&today, 14, 5, 2026);
  update = rd_weekly_update_collect (store, &today, &error);
  g_assert_no_error (error);

  r = find_renewal (update, "Called Oy");
  g_assert_cmpint (r->why, ==, RD_FORECAST_WHY_TALKING);
  r = find_renewal (update, "Settled Kft");
  g_assert_cmpint (r->why, ==, RD_FORECAST_WHY_TALKING);
  r = find_renewal (update, "Silent AB");
  g_assert_cmpint (r->why, ==, RD_FORECAST_WHY_NO_CONTACT);
  r = find_renewal (update, "Deleted Ltd");
  g_assert_cmpint (r->why, ==, RD_FORECAST_WHY_NO_CONTACT);
  r = find_renewal (update, "Fresh SA");
  g_assert_cmpint (r->why, ==, RD_FORECAST_WHY_TALKING);
  g_assert_cmpuint (update->moves->len, ==, 1);
  {
    RdWeeklyMove *move = g_ptr_array_index (update->moves, 0);

    g_assert_cmpstr (move->account_name, ==, "Fresh SA");
    g_assert_cmpint (move->from, ==, RD_FORECAST_PIPELINE);
    g_assert_cmpint (move->to, ==, RD_FORECAST_BEST_CASE);
  }
  rd_test_remove_tree (dir);
}

/* Whether SQLite plans @sql with @index. */
static gboolean
query_uses_index (sqlite3    *db,
                  const char *sql,
                  const char *index)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  sqlite3_stmt *plan = NULL;
  gboolean found = FALSE;

  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &plan, NULL), ==, SQLITE_OK);
  while (sqlite3_step (plan) == SQLITE_ROW)
    found = found || strstr ((const char *) sqlite3_column_text (plan, 3), index) != NULL;
  sqlite3_finalize (plan);
  return found;
}

/* @row and @texts hold what @doc, the same delay read as a document, says
 * (a retrospective only of a resolved delay). */
static void
assert_delay_row_is (RdStoreDelayRow   *row,
                     RdStoreDelayTexts *texts,
                     JsonObject        *doc)
{
  g_assert_cmpint (texts->rowid, ==, row->rowid);
  g_assert_cmpstr (row->account_id, ==, rd_document_get_string (doc, "account_id"));
  g_assert_cmpstr (row->communicated_on, ==, rd_document_get_string (doc, "communicated_on"));
  g_assert_cmpstr (texts->next_step, ==, rd_document_get_string (doc, "next_step"));
  g_assert_cmpint (row->resolved, ==, g_strcmp0 (rd_document_get_string (doc, "status"), "resolved") == 0);
  g_assert_cmpstr (row->resolved_on, ==, rd_document_get_string (doc, "resolved_on"));
  g_assert_cmpstr (texts->stated_reason, ==, rd_document_get_string (doc, "stated_reason"));
  g_assert_cmpstr (texts->actions_taken, ==, rd_document_get_string (doc, "actions_taken"));
  g_assert_cmpstr (texts->help_needed, ==, rd_document_get_string (doc, "help_needed"));
  g_assert_cmpint (row->has_help_needed, ==, rd_document_get_string (doc, "help_needed") != NULL);
  g_assert_cmpstr (row->next_step_on, ==, rd_document_get_string (doc, "next_step_on"));
  g_assert_cmpstr (row->retrospective, ==,
                   row->resolved ? rd_document_get_string (doc, "retrospective") : NULL);
  g_assert_cmpstr (row->commitment[0], ==, rd_document_get_string (doc, "info_by"));
  g_assert_cmpstr (row->commitment[1], ==, rd_document_get_string (doc, "reconnect_on"));
  g_assert_cmpstr (row->commitment[2], ==, rd_document_get_string (doc, "decision_by"));
  g_assert_cmpstr (row->commitment[3], ==, rd_document_get_string (doc, "next_step_on"));
  g_assert_cmpstr (row->kept_on[0], ==, rd_document_get_string (doc, "info_kept_on"));
  g_assert_cmpstr (row->kept_on[1], ==, rd_document_get_string (doc, "reconnect_kept_on"));
  g_assert_cmpstr (row->kept_on[2], ==, rd_document_get_string (doc, "decision_kept_on"));
  g_assert_cmpstr (row->kept_on[3], ==, rd_document_get_string (doc, "next_step_kept_on"));
}

/* The typed rows and the per-account lookups the weekly update reads
 * give what the documents and the whole-table aggregates give. */
/* The texts of every delay of @rows, read by their rowids, one for each
 * row and in the same order. */
static GPtrArray *
delay_texts_of_rows (RdStore   *store,
                     GPtrArray *rows)
{
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *rowids = g_new (gint64, rows->len + 1);
  GPtrArray *texts;

  for (guint i = 0; i < rows->len; i++)
    rowids[i] = ((RdStoreDelayRow *) g_ptr_array_index (rows, i))->rowid;
  texts = rd_store_list_delay_texts (store, rowids, rows->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (texts->len, ==, rows->len);
  return texts;
}

static void
test_weekly_store_rows (void)
{
  static const char * const days[] = { "2026-01-05", "2026-03-02", "2027-06-30", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = rd_test_make_tmp_db (&dir);
  g_autoptr(RdStore) store = rd_store_new (db, NULL, &error);
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) delays = NULL;
  g_autoptr(GPtrArray) delay_rows = NULL;
  g_autoptr(GPtrArray) delay_texts = NULL;
  g_autoptr(GPtrArray) newest_activity = NULL;
  g_autoptr(GPtrArray) newest_settled = NULL;

  g_assert_no_error (error);
  g_assert_true (rd_store_fill_sample (store, 40, RD_SAMPLE_DEFAULT_SEED, &error));
  g_assert_no_error (error);
  /* The renewal choice's day only when extra holds it as a string. */
  {
    sqlite3 *raw = NULL;

    g_assert_cmpint (sqlite3_open (db, &raw), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (raw,
                                   "UPDATE account SET extra = CASE rowid % 6 "
                                   "WHEN 0 THEN '{\"renewal_choice_on\": 20260301}' "
                                   "WHEN 1 THEN '{\"renewal_choice_on\": null}' "
                                   "WHEN 2 THEN '{\"renewal_choice_on\": \"\"}' "
                                   "WHEN 3 THEN '{\"a\": {\"renewal_choice_on\": \"2026-03-01\"}}' "
                                   "WHEN 4 THEN '{\"note\": \"renewal_choice_on\", \"renewal_choice_on\": \"2026-03-02\"}' "
                                   "ELSE extra END WHERE rowid <= 12",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (raw);
  }
  accounts = rd_store_list_accounts (store, &error);
  g_assert_no_error (error);
  rows = rd_store_list_account_rows (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, accounts->len);
  for (guint i = 0; i < rows->len; i++)
    {
      RdAccount *account = g_ptr_array_index (accounts, i);
      RdStoreAccountRow *row = g_ptr_array_index (rows, i);

      g_assert_cmpstr (row->id, ==, rd_account_get_id (account));
      g_assert_cmpstr (row->name, ==, rd_account_get_name (account));
      g_assert_cmpstr (row->deadline, ==, rd_account_get_deadline (account));
      g_assert_cmpstr (row->decided_on, ==, rd_forecast_account_decided_on (account));
      g_assert_cmpint (row->status, ==, rd_account_get_status (account));
      g_assert_cmpint (row->risk_band, ==, rd_account_get_risk_band (account));
      g_assert_cmpint (row->annual_value_minor, ==, rd_account_get_annual_value_minor (account));
      g_assert_cmpstr (row->currency, ==, rd_account_get_currency (account));
      g_assert_cmpstr (row->contract_end, ==, rd_account_get_contract_end (account));

    }

  /* Every account on every day asked about, all at once, against the
   * aggregates of the whole book. */
  newest_activity = rd_store_newest_activity_on (store, days, &error);
  g_assert_no_error (error);
  newest_settled = rd_store_newest_settled_delay_contact (store, days[1], days, &error);
  g_assert_no_error (error);
  {
    guint n_days = g_strv_length ((char **) days);
    g_autofree const char **ids = g_new0 (const char *, rows->len + 1);
    g_autofree char **activity_on = g_new0 (char *, rows->len * n_days);
    g_autofree char **settled_on = g_new0 (char *, rows->len * n_days);

    for (guint i = 0; i < rows->len; i++)
      ids[i] = ((RdStoreAccountRow *) g_ptr_array_index (rows, i))->id;
    g_assert_true (rd_store_newest_activities_of (store, ids, rows->len, days, n_days, activity_on, &error));
    g_assert_no_error (error);
    g_assert_true (rd_store_newest_settled_contacts_of (store, ids, rows->len, days[1], days, n_days, settled_on,
                                                        &error));
    g_assert_no_error (error);
    for (guint i = 0; i < rows->len; i++)
      for (guint d = 0; d < n_days; d++)
        {
          g_autofree char *activity = activity_on[i * n_days + d];
          g_autofree char *settled = settled_on[i * n_days + d];

          g_assert_cmpstr (activity, ==, g_hash_table_lookup (g_ptr_array_index (newest_activity, d), ids[i]));
          g_assert_cmpstr (settled, ==, g_hash_table_lookup (g_ptr_array_index (newest_settled, d), ids[i]));
        }
  }

  /* The newest live activity from the index alone (schema v9). */
  {
    sqlite3 *raw = NULL;

    g_assert_cmpint (sqlite3_open (db, &raw), ==, SQLITE_OK);
    g_assert_true (query_uses_index (raw,
                                     "SELECT \"on\" FROM activity WHERE account_id = 'x' AND deleted = 0 "
                                     "ORDER BY \"on\" DESC",
                                     "activity_live_account_on_idx"));
    sqlite3_close (raw);
  }

  /* The activities of a span are the rows of the plain query, in its order. */
  {
    g_autoptr(GPtrArray) activity_rows = NULL;
    g_autoptr(GPtrArray) activity_texts = NULL;
    g_autofree gint64 *rowids = NULL;
    sqlite3 *raw = NULL;
    sqlite3_stmt *stmt = NULL;
    guint n = 0;

    g_assert_cmpint (sqlite3_open (db, &raw), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (raw, "UPDATE activity SET deleted = 1 WHERE rowid % 7 = 0", NULL, NULL, NULL),
                     ==, SQLITE_OK);
    activity_rows = rd_store_list_activity_rows_between (store, days[0], days[2], &error);
    g_assert_no_error (error);
    rowids = g_new (gint64, activity_rows->len + 1);
    for (guint i = 0; i < activity_rows->len; i++)
      rowids[i] = ((RdStoreActivityRow *) g_ptr_array_index (activity_rows, i))->rowid;
    activity_texts = rd_store_list_activity_texts (store, rowids, activity_rows->len, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (activity_texts->len, ==, activity_rows->len);
    g_assert_cmpint (sqlite3_prepare_v2 (raw,
                                         "SELECT account_id, \"on\", NULLIF (summary, ''), rowid, "
                                         "NULLIF (their_response, '') FROM activity WHERE \"on\" >= ?1 "
                                         "AND \"on\" <= ?2 AND deleted = 0 ORDER BY rowid",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_text (stmt, 1, days[0], -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 2, days[2], -1, SQLITE_STATIC);
    for (; sqlite3_step (stmt) == SQLITE_ROW; n++)
      {
        RdStoreActivityRow *row;
        RdStoreActivityTexts *texts;

        g_assert_cmpuint (n, <, activity_rows->len);
        row = g_ptr_array_index (activity_rows, n);
        g_assert_cmpstr (row->account_id, ==, (const char *) sqlite3_column_text (stmt, 0));
        g_assert_cmpstr (row->on, ==, (const char *) sqlite3_column_text (stmt, 1));
        g_assert_cmpint (row->rowid, ==, sqlite3_column_int64 (stmt, 3));
        texts = g_ptr_array_index (activity_texts, n);
        g_assert_cmpint (texts->rowid, ==, row->rowid);
        g_assert_cmpstr (texts->summary, ==, (const char *) sqlite3_column_text (stmt, 2));
        g_assert_cmpstr (texts->their_response, ==, (const char *) sqlite3_column_text (stmt, 4));
      }
    g_assert_cmpuint (n, ==, activity_rows->len);
    g_assert_cmpuint (n, >, 0);
    sqlite3_finalize (stmt);
    sqlite3_close (raw);
  }

  delays = rd_store_list_delays_unsettled (store, days[1], &error);
  g_assert_no_error (error);
  delay_rows = rd_store_list_delay_rows_unsettled (store, days[1], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (delay_rows->len, ==, delays->len);
  delay_texts = delay_texts_of_rows (store, delay_rows);
  for (guint i = 0; i < delays->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (delays, i);
      RdStoreDelayRow *row = g_ptr_array_index (delay_rows, i);

      assert_delay_row_is (row, g_ptr_array_index (delay_texts, i), doc);
    }
  rd_test_remove_tree (dir);
}

static int
compare_risk_rows (gconstpointer a,
                   gconstpointer b)
{
  const RdStoreAccountRow *x = *(RdStoreAccountRow * const *) a;
  const RdStoreAccountRow *y = *(RdStoreAccountRow * const *) b;

  if (x->risk_score != y->risk_score)
    return x->risk_score > y->risk_score ? -1 : 1;
  return g_strcmp0 (x->deadline, y->deadline);
}

/* The ten highest risks are the first ten of a stable sort, by score then
 * deadline, of every account with a score renewing by next quarter's end
 * (neither lost nor renewed): ties keep the book's order. */
static void
test_weekly_top_risks (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = rd_test_make_tmp_db (&dir);
  g_autoptr(RdStore) store = rd_store_new (db, NULL, &error);
  g_autoptr(RdWeeklyUpdate) update = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  sqlite3 *raw = NULL;
  GDate today;

  g_assert_no_error (error);
  g_assert_true (rd_store_fill_sample (store, 40, RD_SAMPLE_DEFAULT_SEED, &error));
  g_assert_no_error (error);
  /* Two scores on two deadlines over the book, a few without a score:
   * every row ties with several others. */
  g_assert_cmpint (sqlite3_open (db, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw,
                                 "UPDATE account SET risk_score = (rowid % 3) * 10, effective_end = NULL, "
                                 "contract_end = date ('now', '+' || (10 + rowid % 2) || ' days')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  rd_date_today (&today);
  update = rd_weekly_update_collect (store, &today, &error);
  g_assert_no_error (error);
  rows = rd_store_list_account_rows (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      RdStoreAccountRow *row = g_ptr_array_index (rows, i);

      if (row->risk_score > 0 && row->deadline != NULL && row->status != RD_STATUS_LOST &&
          row->status != RD_STATUS_RENEWED && strcmp (row->deadline, update->quarter_end[1]) <= 0)
        g_ptr_array_add (expected, row);
    }
  g_ptr_array_sort (expected, compare_risk_rows);
  g_assert_cmpuint (expected->len, >, 10);
  g_assert_cmpuint (update->top_risks->len, ==, 10);
  for (guint i = 0; i < update->top_risks->len; i++)
    {
      RdWeeklyRisk *risk = g_ptr_array_index (update->top_risks, i);
      RdStoreAccountRow *row = g_ptr_array_index (expected, i);

      g_assert_cmpstr (risk->account_name, ==, row->name);
      g_assert_cmpint (risk->score, ==, row->risk_score);
      g_assert_cmpstr (risk->deadline, ==, row->deadline);
    }
  rd_test_remove_tree (dir);
}

/* The unsettled delays the weekly update reads through
 * delay_settled_on_idx are the rows of the old scan, in the same order, on
 * three weeks: delays resolved on the week's first day and the day before,
 * resolved without a day, without a status, and deleted ones. */
static void
test_weekly_unsettled_delays (void)
{
  static const char * const days[] = { "2026-03-02", "2026-03-09", "2027-01-04", NULL };
  static const char * const resolved_on[] = {
    "2026-03-01", "2026-03-02", "2026-03-08", "2026-03-09", "2026-03-10", "2027-01-03", "2027-01-04",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = rd_test_make_tmp_db (&dir);
  g_autoptr(RdStore) store = rd_store_new (db, NULL, &error);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3 *raw = NULL;

  g_assert_no_error (error);
  g_assert_true (rd_store_fill_sample (store, 40, RD_SAMPLE_DEFAULT_SEED, &error));
  g_assert_no_error (error);
  g_ptr_array_add (docs, weekly_doc ("account", ACC ("1"), "name", "Boundary Oy", "currency", "EUR",
                                     "contract_start", "2025-06-21", "contract_end", "2026-06-20",
                                     "status", "active", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (resolved_on) + 4; i++)
    {
      g_autofree char *uuid = g_strdup_printf ("30000000-0000-4000-8000-0000000000%02u", i);

      g_ptr_array_add (docs, weekly_doc ("delay", uuid, "account_id", ACC ("1"), "communicated_on", "2026-02-01",
                                         "status", "resolved",
                                         "resolved_on", resolved_on[MIN (i, G_N_ELEMENTS (resolved_on) - 1)],
                                         NULL));
    }
  g_assert_true (rd_store_put_documents (store, docs, &error));
  g_assert_no_error (error);

  /* What documents cannot hold: the last four delays resolved without a
   * day, without a status but with a day, deleted, and settled long ago. */
  g_assert_cmpint (sqlite3_open (db, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw,
                                 "UPDATE delay SET resolved_on = NULL WHERE id LIKE '%30000000-0000-4000-8000-000000000007';"
                                 "UPDATE delay SET status = NULL WHERE id LIKE '%30000000-0000-4000-8000-000000000008';"
                                 "UPDATE delay SET deleted = 1 WHERE id LIKE '%30000000-0000-4000-8000-000000000009';"
                                 "UPDATE delay SET resolved_on = '2020-01-01' WHERE id LIKE '%30000000-0000-4000-8000-000000000010';",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  /* Served by the index, not by a scan of every delay. */
  g_assert_true (query_uses_index (raw,
                                   "SELECT rowid FROM delay WHERE deleted = 0 AND "
                                   "CASE WHEN status IS 'resolved' THEN resolved_on END >= '2026-03-02'",
                                   "delay_settled_on_idx"));
  sqlite3_close (raw);

  for (guint d = 0; days[d] != NULL; d++)
    {
      g_autoptr(GPtrArray) delays = rd_store_list_delays_unsettled (store, days[d], &error);
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GPtrArray) texts = NULL;
      guint n_boundary = 0;

      g_assert_no_error (error);
      rows = rd_store_list_delay_rows_unsettled (store, days[d], &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, delays->len);
      texts = delay_texts_of_rows (store, rows);
      for (guint i = 0; i < rows->len; i++)
        {
          JsonObject *doc = g_ptr_array_index (delays, i);
          RdStoreDelayRow *row = g_ptr_array_index (rows, i);

          assert_delay_row_is (row, g_ptr_array_index (texts, i), doc);
          if (g_strcmp0 (row->account_id, ACC ("1")) == 0)
            n_boundary++;
        }
      /* Resolved on or after the day; without a day; without a status. */
      g_assert_cmpuint (n_boundary, ==, (d == 0 ? 6 : d == 1 ? 4 : 1) + 2);
    }
  rd_test_remove_tree (dir);
}

/* The chart's axis: evenly spaced nice ticks. */
static void
test_weekly_axis_ticks (void)
{
  static const struct { guint max; guint step; guint n; } cases[] = {
    { 0, 1, 1 }, { 4, 1, 4 }, { 5, 1, 5 }, { 6, 2, 3 }, { 7, 2, 4 }, { 10, 2, 5 },
    { 11, 5, 3 }, { 23, 5, 5 }, { 26, 10, 3 }, { 99, 20, 5 }, { 101, 50, 3 }, { 1234, 500, 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint step, n;

      rd_pdf_axis_ticks (cases[i].max, 5, &step, &n);
      g_test_message ("max %u", cases[i].max);
      g_assert_cmpuint (step, ==, cases[i].step);
      g_assert_cmpuint (n, ==, cases[i].n);
      g_assert_cmpuint (step * n, >=, cases[i].max);
    }
}

/* The window's print and export, on a worker. */
static void
test_summary_async (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RdSummary) summary = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *pdf = g_build_filename (fixture->dir, "summary-async.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;

  rd_summary_collect_async (fixture->store, fixture->account_id, NULL, rd_test_async_ready_cb,
                            &result);
  summary = rd_summary_collect_finish (fixture->store, rd_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_account_get_name (summary->account), ==, ACCOUNT_NAME);
  g_assert_cmpuint (summary->steps->len, ==, N_STEPS);
  g_clear_object (&result);

  rd_summary_export_pdf_async (fixture->store, fixture->account_id, RD_PAPER_LETTER, pdf, NULL,
                               rd_test_async_ready_cb, &result);
  g_assert_true (rd_summary_export_pdf_finish (fixture->store, rd_test_wait_result (&result),
                                               &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  text = pdf_text (pdf, 0);
  flat = squeeze (text);
  g_assert_nonnull (strstr (flat, ACCOUNT_NAME));

  /* Errors and cancellation arrive through _finish. */
  rd_summary_collect_async (fixture->store, "00000000-0000-4000-8000-000000000000", NULL,
                            rd_test_async_ready_cb, &result);
  g_clear_pointer (&summary, rd_summary_free);
  summary = rd_summary_collect_finish (fixture->store, rd_test_wait_result (&result), &error);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND);
  g_assert_null (summary);
  g_clear_error (&error);
  g_clear_object (&result);

  g_assert_true (g_remove (pdf) == 0);
  g_cancellable_cancel (cancellable);
  rd_summary_export_pdf_async (fixture->store, fixture->account_id, RD_PAPER_A4, pdf, cancellable,
                               rd_test_async_ready_cb, &result);
  g_assert_false (rd_summary_export_pdf_finish (fixture->store, rd_test_wait_result (&result),
                                                &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

/* Markup in an account name (a link, an image, HTML, emphasis) is shown
 * as text in the weekly Markdown, never followed or rendered. */
static void
test_weekly_markdown_escaped (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = rd_test_make_tmp_db (&dir);
  g_autoptr(RdStore) store = rd_store_new (db, NULL, &error);
  g_autoptr(RdWeeklyUpdate) update = NULL;
  g_autofree char *markdown = NULL;
  GDate today;

  g_assert_no_error (error);
  add_weekly_account (store, "[Pay here](https://evil.example) ![x](https://t.example/p.png)",
                      "EUR", 100, "2026-06-15", RD_STATUS_ACTIVE, RD_CLASS_RISK, FALSE);
  add_weekly_account (store, "<img src=x onerror=alert(1)> **Bold** www.evil.example",
                      "EUR", 100, "2026-06-16", RD_STATUS_ACTIVE, RD_CLASS_RISK, FALSE);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 10, 5, 2026);
  update = rd_weekly_update_collect (store, &today, &error);
  g_assert_no_error (error);
  markdown = rd_weekly_update_to_markdown (update);
  g_test_message ("%s", markdown);

  /* Every bracket is escaped: no link, image or tag can open. */
  for (const char *p = markdown; *p != '\0'; p++)
    if (strchr ("[]<>", *p) != NULL)
      g_assert_true (p > markdown && p[-1] == '\\');
  g_assert_null (strstr (markdown, "**Bold**"));
  g_assert_null (strstr (markdown, "https://"));
  g_assert_null (strstr (markdown, "www.evil"));
  g_assert_nonnull (strstr (markdown, "- **\\[Pay here\\]"));
  g_assert_nonnull (strstr (markdown, "| \\<img src=x onerror=alert(1)\\> \\*\\*Bold\\*\\* "));

  /* Each kind of byte of a cell: a leading "-", line breaks and tabs,
   * control characters, the dot of an autolink, every markup character. */
  {
    RdWeeklyDelay *delay = g_new0 (RdWeeklyDelay, 1);
    g_autofree char *again = NULL;

    delay->account_name = g_strdup ("-Minus");
    delay->stated_reason = g_strdup ("+a\tb\nc\rd\001e\177f WwW.x.org www.y. \\`*_[]<>|&~#!:@ Ünï.");
    delay->cause = -1;
    g_ptr_array_insert (update->delays, 0, delay);
    again = rd_weekly_update_to_markdown (update);
    g_assert_nonnull (strstr (again, "| \\-Minus | — | "));
    g_assert_nonnull (strstr (again, " | \\+a b c def WwW\\.x.org www\\.y. "
                                     "\\\\\\`\\*\\_\\[\\]\\<\\>\\|\\&\\~\\#\\!\\:\\@ Ünï. | — | "));
  }

  /* One amount in two currencies: each row in its own. */
  {
    static const char * const currencies[] = { "EUR", "USD" };
    g_autofree char *again = NULL;

    for (guint c = 0; c < G_N_ELEMENTS (currencies); c++)
      {
        RdWeeklyDelay *delay = g_new0 (RdWeeklyDelay, 1);

        delay->account_name = g_strdup_printf ("Same %s", currencies[c]);
        delay->currency = g_strdup (currencies[c]);
        delay->annual_minor = 123456;
        delay->cause = -1;
        g_ptr_array_add (update->delays, delay);
      }
    again = rd_weekly_update_to_markdown (update);
    for (guint c = 0; c < G_N_ELEMENTS (currencies); c++)
      {
        g_autofree char *amount = rd_money_format (123456, currencies[c]);
        g_autofree char *row = g_strdup_printf ("| Same %s | — | %s |", currencies[c], amount);

        g_assert_nonnull (strstr (again, row));
      }
  }

  rd_test_remove_tree (dir);
}

/* Accepted amounts (each below RD_MONEY_MAX_MINOR) over thousands of
 * accounts passed what a gint64 holds and showed negative totals. */
static void
test_weekly_totals_overflow (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = rd_test_make_tmp_db (&dir);
  g_autoptr(RdStore) store = rd_store_new (db, NULL, &error);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(RdWeeklyUpdate) update = NULL;
  g_autofree char *markdown = NULL;
  const guint n = 9300;
  RdWeeklyTotals *t;
  GDate today;

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *doc = json_object_new ();
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *id = rd_document_make_id ("account", uuid);
      g_autofree char *name = g_strdup_printf ("Customer %u", i);

      json_object_set_string_member (doc, "_id", id);
      json_object_set_string_member (doc, "type", "account");
      json_object_set_string_member (doc, "name", name);
      json_object_set_string_member (doc, "currency", "EUR");
      json_object_set_int_member (doc, "annual_value_minor", RD_MONEY_MAX_MINOR - 1);
      json_object_set_string_member (doc, "contract_start", "2025-06-01");
      json_object_set_string_member (doc, "contract_end", "2026-06-15");
      g_ptr_array_add (docs, doc);
    }
  g_assert_true (rd_store_import_documents (store, docs, &error));
  g_assert_no_error (error);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 10, 5, 2026);
  update = rd_weekly_update_collect (store, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (update->totals[0]->len, ==, 1);
  t = g_ptr_array_index (update->totals[0], 0);
  for (int k = 0; k < RD_FORECAST_N_CATEGORIES; k++)
    g_assert_cmpint (t->by_category[k], >=, 0);
  g_assert_cmpint (t->by_category[RD_FORECAST_PIPELINE], ==, G_MAXINT64);

  markdown = rd_weekly_update_to_markdown (update);
  g_assert_nonnull (strstr (markdown, "too large to add up"));
  g_assert_null (strstr (markdown, "€-"));
  g_assert_null (strstr (markdown, "-€"));

  rd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/report/summary/pdf", Fixture, NULL,
              fixture_set_up, test_summary_pdf, fixture_tear_down);
  g_test_add ("/report/summary/letter-unticked", Fixture, NULL,
              fixture_set_up, test_summary_letter_and_unticked, fixture_tear_down);
  g_test_add ("/report/summary/async", Fixture, NULL,
              fixture_set_up, test_summary_async, fixture_tear_down);
  g_test_add ("/report/summary/branded", Fixture, NULL,
              fixture_set_up, test_summary_branded, fixture_tear_down);
  g_test_add ("/report/brief/pdf", Fixture, NULL,
              fixture_set_up, test_brief_pdf, fixture_tear_down);
  g_test_add_func ("/report/brief/empty-ledger", test_brief_empty_ledger);
  g_test_add ("/report/kit/fields-roundtrip", Fixture, NULL,
              fixture_set_up, test_kit_fields_roundtrip, fixture_tear_down);
  g_test_add_func ("/report/weekly/markdown", test_weekly_update);
  g_test_add_func ("/report/weekly/unsettled-delays", test_weekly_unsettled_delays);
  g_test_add_func ("/report/weekly/markdown-escaped", test_weekly_markdown_escaped);
  g_test_add_func ("/report/weekly/totals-overflow", test_weekly_totals_overflow);
  g_test_add_func ("/report/weekly/forecast", test_weekly_forecast);
  g_test_add_func ("/report/weekly/reporting-currency", test_weekly_reporting_currency);
  g_test_add_func ("/report/weekly/axis-ticks", test_weekly_axis_ticks);
  g_test_add_func ("/report/weekly/last-contact", test_weekly_last_contact);
  g_test_add_func ("/report/weekly/store-rows", test_weekly_store_rows);
  g_test_add_func ("/report/weekly/top-risks", test_weekly_top_risks);
  g_test_add_func ("/report/weekly/capped", test_weekly_capped);

  return g_test_run ();
}
