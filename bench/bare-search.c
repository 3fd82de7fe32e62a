/* bare-search.c
 *
 * Copyright 2024 The Renewal Desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A peer and a floor for the portfolio's search benchmark (RD_BENCH_SEARCH=1):
 * a bare GtkColumnView with the portfolio's nine text columns (plain labels)
 * over the same book.
 *
 * - bare-search DB: the peer.  It is filtered on each keystroke the way GTK
 *   documents (a GtkCustomFilter in a non-incremental GtkFilterListModel, told
 *   how the filter changed), and types the same keystrokes at the same pace,
 *   printing the same lines as rd_portfolio_view_run_search_benchmark ().
 * - bare-search --scroll DB: the floor.  Instead of typing it scrolls down a
 *   page at a time, as many steps: each frame then shows a screen of rows it
 *   did not show before, with no model work at all, the least GTK does to show
 *   new rows.  It prints "scroll-typed", "scroll-ms" and "scroll-cpu-ms".
 *
 * bench/startup runs both.  The database is opened read-only. */

#define G_LOG_DOMAIN "bare-search"

#include <gtk/gtk.h>
#include <sqlite3.h>
#include <string.h>
#include <time.h>

#define BENCH_PAUSE_MS 50
#define BENCH_FRAME_TIMEOUT_MS 2000

/* Rows ------------------------------------------------------------------- */

#define BARE_TYPE_ROW (bare_row_get_type ())
G_DECLARE_FINAL_TYPE (BareRow, bare_row, BARE, ROW, GObject)

struct _BareRow
{
  GObject  parent_instance;
  char    *name;
  char    *owner;
  char    *industry;
  char    *value;         /* "12,345.00 EUR" */
  char    *contract_end;
  char    *stage;
  char    *status;
  char    *risk_band;
  char    *key;           /* folded "name owner industry" */
};

G_DEFINE_FINAL_TYPE (BareRow, bare_row, G_TYPE_OBJECT)

static void
bare_row_finalize (GObject *object)
{
  BareRow *self = BARE_ROW (object);

  g_free (self->name);
  g_free (self->owner);
  g_free (self->industry);
  g_free (self->value);
  g_free (self->contract_end);
  g_free (self->stage);
  g_free (self->status);
  g_free (self->risk_band);
  g_free (self->key);

  G_OBJECT_CLASS (bare_row_parent_class)->finalize (object);
}

static void
bare_row_class_init (BareRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bare_row_finalize;
}

static void
bare_row_init (BareRow *self)
{
}

/* State ------------------------------------------------------------------ */

typedef enum
{
  PHASE_FIRST_FRAME,  /* waiting for the window's first frame */
  PHASE_SETTLE,       /* waiting for one more, as the app does */
  PHASE_TYPING,
} Phase;

/* Realistic typing: growing prefixes, a correction, and a clear. */
static const char * const keystrokes[] = {
  "a", "ab", "abc", "ab", "a", "",
  "n", "no", "nor", "nort", "north",
  "s", "so", "sof", "soft", "softw",
  "g", "gr", "gro", "group", "",
};

static const struct
{
  const char *title;
  int         width;
  gsize       offset;  /* of the row's string shown */
} columns[] = {
  { "Name",         150, G_STRUCT_OFFSET (BareRow, name) },
  { "Annual Value", 140, G_STRUCT_OFFSET (BareRow, value) },
  { "Contract End", 118, G_STRUCT_OFFSET (BareRow, contract_end) },
  { "Renewal",      104, G_STRUCT_OFFSET (BareRow, contract_end) },
  { "Delay",        130, G_STRUCT_OFFSET (BareRow, risk_band) },
  { "Risk",          75, G_STRUCT_OFFSET (BareRow, risk_band) },
  { "Stage",        100, G_STRUCT_OFFSET (BareRow, stage) },
  { "Status",       105, G_STRUCT_OFFSET (BareRow, status) },
  { "Owner",        105, G_STRUCT_OFFSET (BareRow, owner) },
};

static gboolean    scroll_mode;
static GListStore *rows;
static GtkWidget  *window;
static GtkWidget  *column_view;
static GtkWidget  *entry;
static GtkFilter  *filter;
static char       *needle;      /* folded; NULL matches everything */
static Phase       phase;
static guint       typed;
static guint       timeout_id;
static gint64      start;
static gint64      start_cpu;

/* Helpers ---------------------------------------------------------------- */

static char *
fold (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normalized ? normalized : text, -1);
}

/* The main thread's CPU time, as the app measures it. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static char *
column_string (sqlite3_stmt *stmt,
               int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text ? text : "");
}

static char *
format_value (sqlite3_stmt *stmt)
{
  gint64 minor = sqlite3_column_int64 (stmt, 3);
  guint64 magnitude = minor < 0 ? -(guint64) minor : (guint64) minor;
  g_autofree char *digits = NULL;
  g_autoptr(GString) grouped = g_string_new (minor < 0 ? "-" : "");
  gsize n;

  if (sqlite3_column_type (stmt, 3) == SQLITE_NULL)
    return g_strdup ("");

  digits = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude / 100);
  n = strlen (digits);
  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (grouped, ',');
      g_string_append_c (grouped, digits[i]);
    }

  return g_strdup_printf ("%s.%02u %s", grouped->str, (guint) (magnitude % 100),
                          (const char *) sqlite3_column_text (stmt, 4));
}

static GListStore *
load_rows (const char  *path,
           GError     **error)
{
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  GListStore *store = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db,
                             "SELECT name, owner, industry, annual_value_minor, currency,"
                             " contract_end, stage, status, risk_band"
                             " FROM account WHERE deleted = 0 ORDER BY contract_end, name",
                             -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BareRow *row = g_object_new (BARE_TYPE_ROW, NULL);
      g_autofree char *joined = NULL;

      row->name = column_string (stmt, 0);
      row->owner = column_string (stmt, 1);
      row->industry = column_string (stmt, 2);
      row->value = format_value (stmt);
      row->contract_end = column_string (stmt, 5);
      row->stage = column_string (stmt, 6);
      row->status = column_string (stmt, 7);
      row->risk_band = column_string (stmt, 8);
      joined = g_strjoin (" ", row->name, row->owner, row->industry, NULL);
      row->key = fold (joined);
      g_ptr_array_add (loaded, row);
      rc = SQLITE_OK;
    }

  if (rc == SQLITE_DONE)
    {
      store = g_list_store_new (BARE_TYPE_ROW);
      g_list_store_splice (store, 0, 0, loaded->pdata, loaded->len);
    }
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                 db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return store;
}

/* Typing ----------------------------------------------------------------- */

static gboolean type_next_cb (gpointer data);

static void
finish_keystroke (gboolean painted)
{
  gint64 now = g_get_monotonic_time ();

  const char *what = scroll_mode ? "scroll" : "search";

  if (scroll_mode)
    g_print ("scroll-typed \"page %u\"\n", typed + 2);
  else
    g_print ("search-typed \"%s\"\n", keystrokes[typed]);
  g_print ("%s-ms %.3f\n", what, (now - start) / 1000.0);
  g_print ("%s-cpu-ms %.3f\n", what, (thread_cpu_us () - start_cpu) / 1000.0);
  if (!painted)
    g_print ("%s-no-frame %u\n", what, typed);

  start = 0;
  typed++;
  g_clear_handle_id (&timeout_id, g_source_remove);
  timeout_id = g_timeout_add (BENCH_PAUSE_MS, type_next_cb, NULL);
}

static gboolean
frame_timeout_cb (gpointer data)
{
  timeout_id = 0;
  finish_keystroke (FALSE);
  return G_SOURCE_REMOVE;
}

static gboolean
type_next_cb (gpointer data)
{
  timeout_id = 0;
  if (typed == G_N_ELEMENTS (keystrokes))
    {
      gtk_window_destroy (GTK_WINDOW (window));
      return G_SOURCE_REMOVE;
    }

  start = g_get_monotonic_time ();
  start_cpu = thread_cpu_us ();
  if (scroll_mode)
    {
      GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (column_view));

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) +
                                            gtk_adjustment_get_page_size (adjustment));
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (entry), keystrokes[typed]);
    }
  timeout_id = g_timeout_add (BENCH_FRAME_TIMEOUT_MS, frame_timeout_cb, NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
start_typing_cb (gpointer data)
{
  timeout_id = 0;
  phase = PHASE_TYPING;
  timeout_id = g_timeout_add (BENCH_PAUSE_MS, type_next_cb, NULL);
  return G_SOURCE_REMOVE;
}

/* Callbacks -------------------------------------------------------------- */

static gboolean
row_matches (gpointer item,
             gpointer user_data)
{
  BareRow *row = item;

  return needle == NULL || strstr (row->key, needle) != NULL;
}

static void
on_entry_text_cb (GtkEditable *editable,
                  GParamSpec  *pspec,
                  gpointer     user_data)
{
  const char *text = gtk_editable_get_text (editable);
  g_autofree char *folded = *text ? fold (text) : NULL;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  if (g_strcmp0 (folded, needle) == 0)
    return;

  /* No needle is the empty one, which every needle extends. */
  if (g_str_has_prefix (folded ? folded : "", needle ? needle : ""))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (g_str_has_prefix (needle ? needle : "", folded ? folded : ""))
    change = GTK_FILTER_CHANGE_LESS_STRICT;

  g_free (needle);
  needle = g_steal_pointer (&folded);
  gtk_filter_changed (filter, change);
}

static void
on_frame_clock_after_paint_cb (GdkFrameClock *clock,
                               gpointer       user_data)
{
  switch (phase)
    {
    case PHASE_FIRST_FRAME:
      /* Let one more frame be painted, so that the first keystroke is not
       * charged with the tail of the first one. */
      phase = PHASE_SETTLE;
      gtk_widget_queue_draw (window);
      timeout_id = g_timeout_add (BENCH_FRAME_TIMEOUT_MS, start_typing_cb, NULL);
      break;

    case PHASE_SETTLE:
      g_clear_handle_id (&timeout_id, g_source_remove);
      start_typing_cb (NULL);
      break;

    case PHASE_TYPING:
      if (start != 0)
        finish_keystroke (TRUE);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
on_window_realize_cb (GtkWidget *widget,
                      gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (on_frame_clock_after_paint_cb), NULL);
}

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  BareRow *row = gtk_list_item_get_item (list_item);
  gsize offset = GPOINTER_TO_SIZE (user_data);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      G_STRUCT_MEMBER (const char *, row, offset));
}

static void
on_activate_cb (GtkApplication *app,
                gpointer        user_data)
{
  GtkFilterListModel *filtered;
  GtkWidget *scrolled, *box;

  filter = GTK_FILTER (gtk_custom_filter_new (row_matches, NULL, NULL));
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (rows)), filter);
  gtk_filter_list_model_set_incremental (filtered, FALSE);
  column_view = gtk_column_view_new (GTK_SELECTION_MODEL (
    gtk_single_selection_new (G_LIST_MODEL (filtered))));

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb),
                        GSIZE_TO_POINTER (columns[i].offset));
      column = gtk_column_view_column_new (columns[i].title, factory);
      gtk_column_view_column_set_fixed_width (column, columns[i].width);
      gtk_column_view_column_set_expand (column, i == 0);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (column_view), column);
      g_object_unref (column);
    }

  entry = gtk_search_entry_new ();
  /* Like the app, not "changed": gtk_editable_set_text () emits that twice
   * (the text deleted, then the new text inserted), notify::text once. */
  g_signal_connect (entry, "notify::text", G_CALLBACK (on_entry_text_cb), NULL);

  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), column_view);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), scrolled);

  window = gtk_application_window_new (app);
  gtk_window_set_title (GTK_WINDOW (window), "Bare Search");
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_set_child (GTK_WINDOW (window), box);
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  const char *path;

  scroll_mode = argc == 3 && g_strcmp0 (argv[1], "--scroll") == 0;
  if (argc != 2 + scroll_mode)
    {
      g_printerr ("Usage: %s [--scroll] DB\n", argv[0]);
      return 1;
    }

  path = argv[1 + scroll_mode];
  rows = load_rows (path, &error);
  if (rows == NULL)
    {
      g_printerr ("bare-search: cannot read %s: %s\n", path, error->message);
      return 1;
    }
  g_print ("items %u\n", g_list_model_get_n_items (G_LIST_MODEL (rows)));

  app = gtk_application_new ("org.renewaldesk.RenewalDesk.BenchBareSearch",
                             G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  /* The database is ours, not a file for GApplication to open. */
  status = g_application_run (G_APPLICATION (app), 1, argv);

  g_clear_pointer (&needle, g_free);
  g_clear_object (&rows);
  return status;
}
