/* test-i18n-ui.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "rd-account-page-private.h"
#include "rd-format.h"
#include "rd-portfolio-view-private.h"
#include "rd-sample.h"
#include "rd-settings.h"
#include "rd-store.h"
#include "rd-test-locale.h"
#include "rd-test-ui.h"
#include "rd-test-util.h"
#include "rd-window-private.h"

/* The window in each language of po/LINGUAS, the way a user there runs it:
 * LANGUAGE=<lang> with the region's locale (LC_ALL=de_DE.UTF-8, compiled
 * for the run), the catalogs that meson compiled into the build tree.  One
 * child process per language (gettext and GTK read the language once).  It
 * checks translated labels on the portfolio and saves portfolio-<lang>.png
 * and account-<lang>.png at the default window size, and lists the labels
 * that do not fit their space (ellipsized or cut) for a person to look at. */

#define TIMEOUT_MS 30000

typedef struct
{
  char *code;     /* po/LINGUAS: "zh_CN" */
  char *locale;   /* "zh_CN.UTF-8" */
} Language;

/* The region each of our languages is mostly used in. */
static const struct { const char *code; const char *locale; } regions[] = {
  { "de", "de_DE" }, { "hu", "hu_HU" }, { "ja", "ja_JP" }, { "ms", "ms_MY" }, { "zh_CN", "zh_CN" },
};

/* Where a translated label is asserted to differ from English: German and
 * Malay keep "Portfolio", but not "Contract End". */
static const char * const row_differs[] = { "ja", NULL };
static const char * const column_differs[] = { "de", "ja", NULL };

static RdWindow *window;

/* The child's notes go to stderr, which the parent passes on to the log. */
G_GNUC_PRINTF (1, 2)
static void
note (const char *format,
      ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("# %s\n", text);
}

/* @singular and @plural (literals) translated for 12345: not the English
 * text, and with the region's digit grouping. */
#define ASSERT_GROUPED(lang, singular, plural) \
  G_STMT_START { \
    g_autofree char *count_ = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, singular, plural, \
                                                            12345), 12345); \
    g_autofree char *english_ = g_strdup_printf (plural, 12345); \
    g_autofree char *grouped_ = g_strdup_printf ("12%s345", localeconv ()->thousands_sep); \
    note ("%s: “%s”", (lang)->locale, count_); \
    g_assert_cmpstr (count_, !=, english_); \
    g_assert_nonnull (strstr (count_, grouped_)); \
  } G_STMT_END

static gboolean
stack_shows (gpointer data)
{
  return rd_test_window_shows (window, data);
}

static gboolean
portfolio_filled (gpointer data)
{
  return rd_portfolio_view_get_n_accounts (_rd_window_get_portfolio_view (window)) >= RD_SAMPLE_DEFAULT_SIZE
         && stack_shows ((gpointer) "portfolio");
}

static void
save_screenshot (const char *name)
{
  g_autofree char *path = rd_test_render_png (GTK_WIDGET (window), name, FALSE);

  note ("screenshot: %s", path);
}

static GtkLabel *
find_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = find_label (child);

      if (label != NULL)
        return label;
    }
  return NULL;
}

static GtkWidget *
find_css_class (GtkWidget  *widget,
                const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_css_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Labels shown narrower than their text: ellipsized, or cut by a parent. */
static void
report_tight_labels (GtkWidget  *widget,
                     const char *where,
                     guint      *n_tight)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget) && !gtk_label_get_wrap (GTK_LABEL (widget)))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
      int text_width;

      pango_layout_get_pixel_size (layout, &text_width, NULL);
      if (*text != '\0' && text_width > gtk_widget_get_width (widget) + 1)
        {
          note ("%s: label “%s” needs %d px, has %d px%s", where, text, text_width,
                          gtk_widget_get_width (widget),
                          gtk_label_get_ellipsize (GTK_LABEL (widget)) != PANGO_ELLIPSIZE_NONE
                            ? " (ellipsized)" : " (cut)");
          (*n_tight)++;
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    report_tight_labels (child, where, n_tight);
}

static void
assert_translated (const char *shown,
                   const char *english,
                   gboolean    differ)
{
  const char *translation = g_dgettext (GETTEXT_PACKAGE, english);

  note ("“%s” → “%s”", english, shown);
  g_assert_cmpstr (shown, ==, translation);
  if (differ)
    g_assert_cmpstr (shown, !=, english);
}

static void
run_window (const Language *lang)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = g_dir_make_tmp ("rd-test-i18n-ui-XXXXXX", &error);
  g_autofree char *db_path = NULL;
  g_autofree char *mo = NULL;
  g_autofree char *portfolio_png = g_strdup_printf ("portfolio-%s.png", lang->code);
  g_autofree char *account_png = g_strdup_printf ("account-%s.png", lang->code);
  const char *localedir = g_getenv ("RD_TEST_LOCALEDIR");
  RdPortfolioView *view;
  GListModel *model;
  GtkColumnViewColumn *column;
  GtkLabel *label;
  guint n_tight = 0;

  g_assert_no_error (error);
  g_assert_nonnull (localedir);
  /* No catalog is a failure, not a skip: the build compiles them. */
  mo = g_build_filename (localedir, lang->code, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    g_error ("%s is missing: the build compiles po/%s.po into it", mo, lang->code);

  /* As main.c does with RENEWAL_DESK_LOCALEDIR; gtk_init() sets the locale. */
  gtk_init ();
  g_assert_cmpstr (setlocale (LC_MESSAGES, NULL), ==, lang->locale);
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, lang->code);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  adw_init ();
  rd_views_init ();

  rd_test_load_style ();

  db_path = g_build_filename (tmpdir, "renewal-desk.db", NULL);
  /* The default size (the schema's window-width and -height). */
  rd_test_present_window (&window, db_path, 1200, 760);

  g_assert_true (rd_test_spin_until (stack_shows, (gpointer) "empty", TIMEOUT_MS));
  g_assert_true (rd_test_spin_until (rd_test_widget_mapped, _rd_window_get_sample_button (window),
                                     TIMEOUT_MS));
  g_assert_true (gtk_widget_activate (_rd_window_get_sample_button (window)));
  g_assert_true (rd_test_spin_until (portfolio_filled, NULL, TIMEOUT_MS));

  /* The schema's default negotiation levers are translated too. */
  {
    g_autoptr(GSettings) settings = rd_settings_new ();
    g_auto(GStrv) levers = g_settings_get_strv (settings, "negotiation-levers");

    note ("lever: “%s”", levers[0]);
    g_assert_cmpuint (g_strv_length (levers), ==, 5);
    g_assert_cmpstr (levers[0], !=, "Six months added at the same price");
  }

  /* The sidebar's "Portfolio" row and a column title, from the catalog. */
  label = find_label (GTK_WIDGET (window->portfolio_row));
  g_assert_nonnull (label);
  assert_translated (gtk_label_get_text (label), "Portfolio", g_strv_contains (row_differs, lang->code));

  view = _rd_window_get_portfolio_view (window);
  column = g_list_model_get_item (gtk_column_view_get_columns (_rd_portfolio_view_get_column_view (view)), 2);
  assert_translated (gtk_column_view_column_get_title (column), "Contract End",
                     g_strv_contains (column_differs, lang->code));
  g_object_unref (column);

  /* Date pickers: GtkCalendar starts the week where the region does
   * (LC_TIME), as rd_locale_first_weekday() and the weekly update do. */
  {
    GtkWidget *calendar = g_object_ref_sink (gtk_calendar_new ());
    GtkWidget *first_day = find_css_class (calendar, "day-name");
    GDate day;
    char expected[64];

    g_date_clear (&day, 1);
    g_date_set_dmy (&day, 1, G_DATE_JUNE, 2026);   /* a Monday */
    g_date_add_days (&day, (guint) rd_locale_first_weekday () - 1);
    g_date_strftime (expected, sizeof expected, "%a", &day);
    g_assert_nonnull (first_day);
    note ("%s: the week starts on %s", lang->locale, expected);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (first_day)), ==, expected);
    g_object_unref (calendar);
  }

  /* Counts of accounts and reminders group their digits as the region
   * does (the catalog keeps the ' of "%'u"): "100.000 Accounts", not
   * "100000". */
  g_assert_cmpstr (localeconv ()->thousands_sep, !=, "");
  ASSERT_GROUPED (lang, "%'u account", "%'u accounts");
  ASSERT_GROUPED (lang, "%'u open reminder", "%'u open reminders");
  ASSERT_GROUPED (lang, "And %'u more", "And %'u more");
  ASSERT_GROUPED (lang, "And %'u more, further out", "And %'u more, further out");
  ASSERT_GROUPED (lang, "All %'u row is ready to import", "All %'u rows are ready to import");
  ASSERT_GROUPED (lang, "_Import %'u Row", "_Import %'u Rows");

  save_screenshot (portfolio_png);
  report_tight_labels (GTK_WIDGET (window), portfolio_png, &n_tight);

  /* An account page. */
  model = _rd_portfolio_view_get_model (view);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), 2, TRUE);
  g_signal_emit_by_name (_rd_portfolio_view_get_column_view (view), "activate", 2);
  g_assert_true (rd_test_spin_until (stack_shows, (gpointer) "account", TIMEOUT_MS));
  /* The page is built when first shown: wait until it is laid out. */
  g_assert_true (rd_test_spin_until (rd_test_widget_mapped, _rd_window_get_account_page (window),
                                     TIMEOUT_MS));
  save_screenshot (account_png);
  report_tight_labels (GTK_WIDGET (window), account_png, &n_tight);
  note ("%s: %u labels narrower than their text", lang->code, n_tight);

  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_spin_for (200);
  rd_test_remove_tree (tmpdir);
}

static void
test_language (gconstpointer data)
{
  const Language *lang = data;

  if (g_test_subprocess ())
    {
      run_window (lang);
      return;
    }

  g_setenv ("LANGUAGE", lang->code, TRUE);
  g_setenv ("LC_ALL", lang->locale, TRUE);
  /* The child's messages (labels found, screenshots, tight labels) go to stderr. */
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static GPtrArray *
read_linguas (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "po", "LINGUAS", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *langs = g_ptr_array_new ();

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      Language *lang;

      if (*line == '\0' || *line == '#')
        continue;
      lang = g_new0 (Language, 1);
      lang->code = g_strdup (line);
      for (guint r = 0; r < G_N_ELEMENTS (regions); r++)
        if (g_str_equal (regions[r].code, line))
          lang->locale = g_strdup_printf ("%s.UTF-8", regions[r].locale);
      if (lang->locale == NULL)
        g_error ("po/LINGUAS has %s: add its region to regions[] in %s", line, __FILE__);
      g_ptr_array_add (langs, lang);
    }
  return langs;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) langs = NULL;
  char *locales = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  langs = read_linguas ();

  /* The parent compiles the regions' locales once; children inherit LOCPATH. */
  if (!g_test_subprocess ())
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < langs->len; i++)
        {
          Language *lang = g_ptr_array_index (langs, i);

          g_ptr_array_add (names, g_strndup (lang->locale, strlen (lang->locale) - strlen (".UTF-8")));
        }
      g_ptr_array_add (names, NULL);
      locales = rd_test_locales_prepare ((const char * const *) names->pdata);
    }

  for (guint i = 0; i < langs->len; i++)
    {
      Language *lang = g_ptr_array_index (langs, i);
      g_autofree char *path = g_strdup_printf ("/i18n-ui/%s", lang->code);

      g_test_add_data_func (path, lang, test_language);
    }

  ret = g_test_run ();

  for (guint i = 0; i < langs->len; i++)
    {
      Language *lang = g_ptr_array_index (langs, i);

      g_free (lang->code);
      g_free (lang->locale);
      g_free (lang);
    }
  rd_test_locales_remove (locales);
  return ret;
}
