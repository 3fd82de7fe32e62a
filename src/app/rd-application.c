/* rd-application.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-application"

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "rd-application.h"
#include "rd-application-private.h"
#include "rd-command-line.h"
#include "rd-sample.h"
#include "rd-portfolio-view.h"
#include "rd-window.h"

G_DEFINE_FINAL_TYPE (RdApplication, rd_application, ADW_TYPE_APPLICATION)

static gint64 start_time;

/* GApplication has no optional-argument option type: --sample[=N] goes
 * through a callback, which gets no instance, hence the static. */
static struct
{
  gboolean set;
  guint    size;
} sample_option;

static gboolean
parse_sample_option (const char  *option_name,
                     const char  *value,
                     gpointer     data,
                     GError     **error)
{
  sample_option.set = TRUE;
  sample_option.size = RD_SAMPLE_DEFAULT_SIZE;

  if (value != NULL)
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (value, 10, 1, 1000000, &n, NULL))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--sample takes a number of accounts between 1 and 1000000, not “%s”"),
                       value);
          return FALSE;
        }
      sample_option.size = (guint) n;
    }

  return TRUE;
}

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the database at PATH instead of the default one"), N_("PATH") },
  { "sample", 0, G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, parse_sample_option,
    N_("Fill an empty database with a sample portfolio of N accounts (default 40) and exit"), N_("N") },
  { "import-json", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import the documents of a JSON backup and exit"), N_("FILE") },
  { "export-json", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write every document as a JSON array to FILE and exit"), N_("FILE") },
  { "import-csv", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import accounts from a CSV file (all or nothing) and exit"), N_("FILE") },
  { "export-csv", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write every account as CSV to FILE and exit"), N_("FILE") },
  { "summary", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Write the executive summary of ACCOUNT (a name or an id) to the --output PDF and exit"),
    N_("ACCOUNT") },
  { "brief", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Write the internal brief of ACCOUNT (a name or an id) to the --output PDF and exit"),
    N_("ACCOUNT") },
  { "weekly-update", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Write the weekly team update to the --output file (.pdf or .md) and exit"), NULL },
  { "currency", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Also total the --weekly-update in CODE (else the reporting currency of Preferences)"),
    N_("CODE") },
  { "target", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Track the --weekly-update against this quarter's TARGET, e.g. “250000 EUR”"), N_("TARGET") },
  { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("The file --summary or --weekly-update writes"), N_("FILE") },
  { "sync", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Sync once with the server, print a summary and exit"), NULL },
  { "sync-url", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The sync server for --sync (else $RENEWAL_DESK_SYNC_URL)"), N_("URL") },
  { "export-ics", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the open reminders as an iCalendar file to FILE and exit"), N_("FILE") },
  { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start without a window"), NULL },
  { NULL }
};

/* Benchmark hooks -------------------------------------------------------- */

/* With RD_BENCH_FIRST_FRAME, from the first frame until the whole book is
 * in and drawn: a 10 ms tick of the main loop, and the longest it came
 * late ("stall-ms X"): how long the window froze as the book came in. */
#define STALL_TICK_MS 10

static struct
{
  guint  id;
  gint64 last;
  gint64 longest;
} stall_watch;

static gboolean
stall_tick_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  stall_watch.longest = MAX (stall_watch.longest, now - stall_watch.last - STALL_TICK_MS * 1000);
  stall_watch.last = now;
  return G_SOURCE_CONTINUE;
}

static void
stall_watch_start (void)
{
  stall_watch.last = g_get_monotonic_time ();
  stall_watch.longest = 0;
  stall_watch.id = g_timeout_add_full (G_PRIORITY_HIGH, STALL_TICK_MS, stall_tick_cb, NULL, NULL);
}

static void
on_book_drawn_cb (GdkFrameClock *clock,
                  RdApplication *self)
{
  stall_tick_cb (NULL);
  g_clear_handle_id (&stall_watch.id, g_source_remove);
  g_print ("stall-ms %.1f\n", stall_watch.longest / 1000.0);
  g_signal_handlers_disconnect_by_func (clock, on_book_drawn_cb, self);
  g_application_quit (G_APPLICATION (self));
}

static void
on_bench_complete_cb (RdPortfolioView *view,
                      GParamSpec      *pspec,
                      RdApplication   *self)
{
  if (!rd_portfolio_view_get_complete (view))
    return;

  /* The whole book is read and shown: the peak memory is reached. */
  g_print ("complete-ms %.1f\n", (g_get_monotonic_time () - start_time) / 1000.0);
  g_signal_handlers_disconnect_by_func (view, on_bench_complete_cb, self);
  /* Quit once it is laid out and drawn, the end of the stall it makes. */
  if (gtk_widget_get_frame_clock (GTK_WIDGET (view)) != NULL)
    {
      g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (view)), "after-paint",
                        G_CALLBACK (on_book_drawn_cb), self);
      gtk_widget_queue_draw (GTK_WIDGET (view));
      return;
    }
  g_application_quit (G_APPLICATION (self));
}

static void
on_window_ready_cb (RdWindow      *window,
                    RdApplication *self)
{
  if (g_getenv ("RD_BENCH_FIRST_FRAME") != NULL)
    {
      RdPortfolioView *view = RD_PORTFOLIO_VIEW (
        gtk_widget_get_template_child (GTK_WIDGET (window), RD_TYPE_WINDOW, "portfolio_view"));

      g_print ("first-frame-ms %.1f\n",
               (rd_window_get_first_frame_time (window) - start_time) / 1000.0);
      /* The process's CPU time until then (all threads), which a busy
       * machine does not stretch as it does the wall time: taken as the
       * frame was painted, as bench/bare-window.c takes it, not now, after
       * what the frame let start (the rest of the book). */
      g_print ("first-frame-cpu-ms %.1f\n", rd_window_get_first_frame_cpu_time (window) / 1000.0);
      /* Then stay until the rest of the book is in. */
      if (g_getenv ("RD_BENCH_SEARCH") == NULL && view != NULL &&
          !rd_portfolio_view_get_complete (view))
        {
          g_signal_connect_object (view, "notify::complete", G_CALLBACK (on_bench_complete_cb),
                                   self, 0);
          stall_watch_start ();
          return;
        }
      if (view != NULL)
        g_print ("complete-ms %.1f\n", (g_get_monotonic_time () - start_time) / 1000.0);
    }

  if (g_getenv ("RD_BENCH_SEARCH") != NULL)
    rd_window_run_search_benchmark (window);

  g_application_quit (G_APPLICATION (self));
}

/* GApplication ----------------------------------------------------------- */

static int
rd_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  RdApplication *self = RD_APPLICATION (app);
  g_autofree char *db = NULL;
  g_autofree char *import_json = NULL;
  g_autofree char *export_json = NULL;
  g_autofree char *import_csv = NULL;
  g_autofree char *export_csv = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *brief = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *target = NULL;
  g_autofree char *output = NULL;
  g_autofree char *sync_url = NULL;
  g_autofree char *export_ics = NULL;
  RdCommandLineJob job = { 0 };

  if (g_variant_dict_lookup (options, "db", "^ay", &db) && db != NULL && *db == '\0')
    {
      /* Not the default database in disguise: a script's unset variable. */
      g_printerr ("%s\n", _("--db needs the path of a database file; it is empty"));
      return 1;
    }
  if (db != NULL)
    {
      g_free (self->db_path);
      self->db_path = g_steal_pointer (&db);
    }
  else if (g_getenv ("RENEWAL_DESK_DB") != NULL && *g_getenv ("RENEWAL_DESK_DB") != '\0')
    {
      g_free (self->db_path);
      self->db_path = g_strdup (g_getenv ("RENEWAL_DESK_DB"));
    }

  /* Another database is another instance: don't hand over to the one
   * already running on the default database. */
  if (self->db_path != NULL)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  g_variant_dict_lookup (options, "import-json", "^ay", &import_json);
  g_variant_dict_lookup (options, "export-json", "^ay", &export_json);
  g_variant_dict_lookup (options, "import-csv", "^ay", &import_csv);
  g_variant_dict_lookup (options, "export-csv", "^ay", &export_csv);
  g_variant_dict_lookup (options, "summary", "s", &summary);
  g_variant_dict_lookup (options, "brief", "s", &brief);
  g_variant_dict_lookup (options, "currency", "s", &currency);
  g_variant_dict_lookup (options, "target", "s", &target);
  g_variant_dict_lookup (options, "output", "^ay", &output);
  g_variant_dict_lookup (options, "sync-url", "s", &sync_url);
  g_variant_dict_lookup (options, "export-ics", "^ay", &export_ics);

  job.db_path = self->db_path;
  job.sample = sample_option.set;
  job.sample_size = sample_option.size;
  job.import_json = import_json;
  job.export_json = export_json;
  job.import_csv = import_csv;
  job.export_csv = export_csv;
  job.summary = summary;
  job.brief = brief;
  job.weekly_update = g_variant_dict_contains (options, "weekly-update");
  job.currency = currency;
  job.target = target;
  job.output = output;
  job.sync = g_variant_dict_contains (options, "sync");
  job.sync_url = sync_url;
  job.export_ics = export_ics;

  if (rd_command_line_job_is_set (&job))
    return rd_command_line_run (&job);

  if (g_variant_dict_contains (options, "background"))
    self->background = TRUE;

  /* The benchmarks measure a fresh process, never a remote activation. */
  if (g_getenv ("RD_BENCH_FIRST_FRAME") != NULL || g_getenv ("RD_BENCH_SEARCH") != NULL)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  return G_APPLICATION_CLASS (rd_application_parent_class)->handle_local_options (app, options);
}

#define EMPTY_THEME "Adwaita-empty"

/* Made with the display, GTK's settings load GTK's own theme, which
 * adw_init () replaces at once with libadwaita's stylesheet over an empty
 * theme: ~80 M instructions (15–20 ms) before the first frame, for
 * nothing.  The settings are made with the empty theme instead, through
 * GTK_THEME, which GTK reads only as it loads a theme and which is unset
 * again before libadwaita looks at it (it would keep its stylesheet off).
 * Only GLib's own threads run yet, and they do not read the environment.
 * A GTK_THEME the user set is left alone.  Returns whether it did so. */
static gboolean
open_display_with_empty_theme (void)
{
  gboolean opened;

  if (g_getenv ("GTK_THEME") != NULL)
    return FALSE;

  g_setenv ("GTK_THEME", EMPTY_THEME, TRUE);
  opened = gtk_init_check ();
  if (opened)
    gtk_settings_get_default ();
  g_unsetenv ("GTK_THEME");

  /* gtk_init () says so and exits when there is no display; after
   * gtk_init_check () GtkApplication would carry on without one, and crash. */
  if (!opened)
    {
      g_printerr ("%s\n", _("Cannot open the display, so no window can be shown"));
      exit (1);
    }
  return opened;
}

/* libadwaita names the empty theme too, unless it leaves the theme to the
 * platform (with Granite): then the theme the settings name is loaded
 * after all, as without open_display_with_empty_theme (). */
static void
load_chosen_theme (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  g_autofree char *name = NULL;

  g_object_get (settings, "gtk-theme-name", &name, NULL);
  if (g_strcmp0 (name, EMPTY_THEME) != 0)
    g_object_notify (G_OBJECT (settings), "gtk-theme-name");
}

static void
rd_application_startup (GApplication *app)
{
  RdApplication *self = RD_APPLICATION (app);

  gboolean empty_theme = open_display_with_empty_theme ();

  G_APPLICATION_CLASS (rd_application_parent_class)->startup (app);
  if (empty_theme)
    load_chosen_theme ();

  /* Started by D-Bus for a notification's button: stay a little for the
   * next one rather than start again for each. */
  if (g_application_get_flags (app) & G_APPLICATION_IS_SERVICE)
    g_application_set_inactivity_timeout (app, 10 * 1000);

  rd_views_init ();
  _rd_application_actions_init (self);
  _rd_application_reminders_startup (self);
}

static void
rd_application_shutdown (GApplication *app)
{
  _rd_application_reminders_shutdown (RD_APPLICATION (app));

  G_APPLICATION_CLASS (rd_application_parent_class)->shutdown (app);
}

static void
rd_application_activate (GApplication *app)
{
  RdApplication *self = RD_APPLICATION (app);

  if (self->background && !self->held)
    {
      /* Stay running without a window, for the reminders; activating
       * again (launching the app) opens the window. */
      self->held = TRUE;
      g_application_hold (app);
      return;
    }

  _rd_application_present_window (self);
}

static void
rd_application_finalize (GObject *object)
{
  RdApplication *self = RD_APPLICATION (object);

  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (rd_application_parent_class)->finalize (object);
}

static void
rd_application_class_init (RdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = rd_application_finalize;

  app_class->activate = rd_application_activate;
  app_class->handle_local_options = rd_application_handle_local_options;
  app_class->shutdown = rd_application_shutdown;
  app_class->startup = rd_application_startup;
}

static void
rd_application_init (RdApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Keep an account portfolio's renewals from slipping."));
}

/* Internal API ----------------------------------------------------------- */

void
_rd_application_present_window (RdApplication *self)
{
  GApplication *app = G_APPLICATION (self);
  GtkWindow *window;

  /* The window shares the store the scheduler uses (through the context),
   * so that "changed" reaches both; it opens (and reports on) its own, into
   * the same context, if ours failed. */
  if (rd_context_get_store (self->context) == NULL && !self->store_failed)
    {
      self->present_pending = TRUE;
      return;
    }
  self->present_pending = FALSE;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      window = GTK_WINDOW (rd_window_new (GTK_APPLICATION (app), self->context, self->db_path));
      _rd_application_reminders_track (self, window);
      if (g_getenv ("RD_BENCH_FIRST_FRAME") != NULL || g_getenv ("RD_BENCH_SEARCH") != NULL)
        g_signal_connect_object (window, "ready", G_CALLBACK (on_window_ready_cb), self, 0);
    }

  gtk_window_present (window);
}

/* Public API ------------------------------------------------------------- */

RdApplication *
rd_application_new (void)
{
  /* The resource base path stays the same for the .Devel id, so the help
   * overlay and style.css are found either way. */
  return g_object_new (RD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/org/renewaldesk/RenewalDesk",
                       NULL);
}

const char *
rd_application_get_db_path (RdApplication *self)
{
  g_return_val_if_fail (RD_IS_APPLICATION (self), NULL);

  return self->db_path;
}

void
rd_application_mark_start (void)
{
  if (start_time == 0)
    start_time = g_get_monotonic_time ();
}

gint64
rd_application_get_start_time (void)
{
  return start_time;
}
