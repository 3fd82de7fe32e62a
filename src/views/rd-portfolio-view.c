/* rd-portfolio-view.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-portfolio-view"

#include "config.h"

#include <time.h>

#include <glib/gi18n.h>

#include "rd-account-model.h"
#include "rd-exchange.h"
#include "rd-forecast.h"
#include "rd-format.h"
#include "rd-portfolio-view.h"
#include "rd-risk.h"
#include "rd-search-text.h"
#include "rd-settings.h"
#include "rd-text-cell.h"
#include "rd-portfolio-view-private.h"

/*
 * The model chain is RdAccountModel (sorts and filters, see
 * rd-account-model.h) → GtkSingleSelection → GtkColumnView.  Its items are
 * fixed-identity slots (RdPortfolioRow): a keystroke or a new sort order
 * re-points the slots GTK holds and the cells, which follow their slot's
 * "account", rebind their text; the row widgets are never rebuilt.
 *
 * The columns are one table, columns[]: title, width, how a cell is made
 * and filled, and the column's order.  Adding a column is one entry there.
 *
 * The column headers drive GtkColumnView's sorter as usual, but nothing
 * sorts through it: GTK 4.8 has no API to ask it for the primary column,
 * so update_sort() asks it once with two dummy items and each column's
 * sorter, in that probe, only records that it was asked first.  The model
 * then sorts with the column's plain C function, on a worker (start_sort ()).
 *
 * On the first load the view shows the first accounts by deadline, as
 * many as the window's height holds (preview_size (); an indexed query,
 * as fast for 30 as for 100,000 accounts),
 * and only once that frame is painted reads the whole book and swaps it
 * in, so the first screen never waits for the rest.
 */

/* The padding above and below a row's line of text (style.css). */
#define CELL_PADDING_Y 12

/* Rows GTK makes in one frame as the list grows (rd_account_model_set_grow_step ()):
 * about 0.4 ms each to make, bind and lay out at 1,000 accounts and more. */
#define GROW_STEP 32

typedef struct _ColumnSpec ColumnSpec;

struct _ColumnSpec
{
  const char           *title;   /* translatable, N_() */
  int                   width;
  gboolean              expand;
  GtkWidget          *(*create) (GtkListItem *list_item);
  void                (*update) (RdPortfolioView *self,
                                 GtkWidget       *child,
                                 RdAccount       *account);
  RdAccountCompareFunc  compare;
};

typedef struct
{
  RdPortfolioView  *self;
  const ColumnSpec *spec;
  int               index;
} Column;

struct _RdPortfolioView
{
  AdwBin              parent_instance;

  RdContext          *context;
  RdStore            *store;        /* the context's */
  GCancellable       *cancellable;
  RdAccountModel     *accounts;
  RdExchangeTable    *rates;        /* for the values in the reporting currency */
  guint               rates_serial; /* counts the rates read */
  char               *reporting_currency;
  GHashTable         *by_id;        /* id (owned by the account) → RdAccount (owned by @accounts) */
  GtkSingleSelection *selection;
  Column             *columns;
  guint               n_columns;
  int                 sort_column;
  int                 probe_column; /* the column asked first in update_sort()'s probe, or -1 */

  RdAccountFilter     filter;
  RdPortfolioScope    scope;
  RdPortfolioScope    shown_scope;  /* of the rows shown: a new scope comes with its order */
  GDate               today;
  guint               load_serial;
  gulong              after_paint_handler;  /* on the frame clock, until the preview shows */
  guint               loaded : 1;
  guint               complete : 1;
  guint               complete_pending : 1;  /* the whole book is in the model, not all announced */
  guint               index_valid : 1;
  guint               sort_descending : 1;
  guint               probing : 1;
  guint               clearing_sort : 1;
  guint               sorting : 1;          /* a sort job is on a worker */
  guint               sort_again : 1;       /* another order was asked for meanwhile */
  guint               drawn : 1;            /* snapshotted since the preview was applied */

  /* template children */
  GtkColumnView       *column_view;
  GtkWidget           *list_scroller;
  GtkWidget           *no_results_page;
  GtkLabel            *totals_label;  /* made in init, below the list */
  GtkDropDown         *delay_dropdown;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *stage_dropdown;
  GtkDropDown         *status_dropdown;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_LOADED,
  PROP_COMPLETE,
  PROP_N_ACCOUNTS,
  PROP_N_VISIBLE,
  PROP_SCOPE,
  PROP_SHOWN_SCOPE,
  N_PROPS
};

enum {
  POPULATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RdPortfolioView, rd_portfolio_view, ADW_TYPE_BIN)

static void reload (RdPortfolioView *self);

/* Helpers ---------------------------------------------------------------- */

static GtkOrdering
to_ordering (int cmp)
{
  return cmp < 0 ? GTK_ORDERING_SMALLER : cmp > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* Today by the context's clock: the real one, or a test's. */
static void
read_today (RdPortfolioView *self,
            GDate           *out)
{
  if (self->context != NULL)
    rd_context_get_today (self->context, out);
  else
    rd_date_today (out);
}

static void
update_quarter (RdPortfolioView *self)
{
  GDate start, end;

  read_today (self, &self->today);
  if (self->scope != RD_PORTFOLIO_SCOPE_QUARTER)
    {
      self->filter.from[0] = '\0';
      self->filter.to[0] = '\0';
      return;
    }

  rd_forecast_quarter (&self->today, 0, &start, &end);
  g_snprintf (self->filter.from, sizeof self->filter.from, "%04u-%02u-%02u",
              g_date_get_year (&start), g_date_get_month (&start), g_date_get_day (&start));
  g_snprintf (self->filter.to, sizeof self->filter.to, "%04u-%02u-%02u",
              g_date_get_year (&end), g_date_get_month (&end), g_date_get_day (&end));
}

/* "Renewing this quarter": how many are still to do (and overdue) with
 * their annual value per currency (never summed across currencies), and
 * apart from them what closed this quarter.  The quarter is a small part
 * of the book, so walking the visible rows is cheap. */
static void
update_totals (RdPortfolioView *self)
{
  g_autoptr(GHashTable) sums = NULL;
  g_autoptr(GList) currencies = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(RdExchangeTotal) all = NULL;
  guint n, n_open = 0, n_overdue = 0, n_renewed = 0, n_lost = 0;

  if (self->totals_label == NULL)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->totals_label),
                          self->scope == RD_PORTFOLIO_SCOPE_QUARTER);
  if (self->scope != RD_PORTFOLIO_SCOPE_QUARTER || self->accounts == NULL)
    return;

  n = rd_account_model_get_n_matches (self->accounts);
  sums = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  if (self->rates != NULL && self->reporting_currency != NULL)
    all = rd_exchange_total_new (self->reporting_currency, NULL);
  for (guint i = 0; i < n; i++)
    {
      RdAccount *account = rd_account_model_get_account (self->accounts, i);
      const char *currency = account ? rd_account_get_currency (account) : NULL;
      RdForecastPlace place;
      gint64 *sum;

      if (currency == NULL)
        continue;
      place = rd_forecast_account_place (account, &self->today);
      if (place == RD_FORECAST_CLOSED || place == RD_FORECAST_OUTSIDE)
        {
          if (rd_account_get_status (account) == RD_STATUS_LOST)
            n_lost++;
          else if (rd_account_get_status (account) == RD_STATUS_RENEWED)
            n_renewed++;
          continue;
        }
      n_open++;
      if (place == RD_FORECAST_OVERDUE)
        n_overdue++;
      sum = g_hash_table_lookup (sums, currency);
      if (sum == NULL)
        {
          sum = g_new0 (gint64, 1);
          g_hash_table_insert (sums, (gpointer) currency, sum);
        }
      *sum += rd_account_get_annual_value_minor (account);
      if (all != NULL)
        {
          if (rd_account_get_reporting_value_minor (account) >= 0)
            all->total_minor += rd_account_get_reporting_value_minor (account);
          else
            rd_exchange_total_note_missing (all, currency, 1);
        }
    }

  text = g_string_new (NULL);
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%'u account renewing this quarter",
                                             "%'u accounts renewing this quarter", n_open), n_open);
  if (n_overdue > 0)
    {
      g_string_append (text, " (");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u overdue", "%u overdue",
                                                 n_overdue), n_overdue);
      g_string_append (text, ")");
    }
  currencies = g_list_sort (g_hash_table_get_keys (sums), (GCompareFunc) g_strcmp0);
  for (GList *l = currencies; l != NULL; l = l->next)
    {
      g_autofree char *money = rd_money_format (*(gint64 *) g_hash_table_lookup (sums, l->data),
                                                l->data);

      g_string_append (text, l == currencies ? " · " : ", ");
      g_string_append (text, money);
    }
  /* One figure for a mixed book, converted, saying what it leaves out. */
  if (all != NULL && currencies != NULL &&
      (currencies->next != NULL || g_strcmp0 (currencies->data, all->currency) != 0))
    {
      g_autofree char *money = rd_money_format (all->total_minor, all->currency);
      g_autofree char *missing = rd_exchange_total_dup_missing_text (all);

      g_string_append (text, " · ");
      /* Translators: the quarter's value converted into the reporting currency */
      g_string_append_printf (text, _("≈ %s in all"), money);
      if (missing != NULL)
        {
          g_string_append (text, " (");
          g_string_append (text, missing);
          g_string_append (text, ")");
        }
    }
  if (n_renewed + n_lost > 0)
    {
      g_autofree char *renewed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u renewed",
                                                               "%u renewed", n_renewed), n_renewed);
      g_autofree char *lost = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u lost", "%u lost",
                                                            n_lost), n_lost);

      g_string_append (text, " · ");
      /* Translators: what closed this quarter, e.g. "Closed: 3 renewed, 1 lost" */
      g_string_append_printf (text, _("Closed: %s, %s"), renewed, lost);
    }
  gtk_label_set_text (self->totals_label, text->str);
}

static void
on_accounts_growing_cb (RdPortfolioView *self,
                        GParamSpec      *pspec,
                        RdAccountModel  *accounts)
{
  if (!self->complete_pending || rd_account_model_get_growing (accounts))
    return;

  self->complete_pending = FALSE;
  self->complete = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

static void
on_accounts_items_changed_cb (RdPortfolioView *self,
                              guint            position,
                              guint            removed,
                              guint            added,
                              GListModel      *model)
{
  update_totals (self);
}

/* Whether the keyboard focus is on @widget or inside it. */
static gboolean
has_focus_within (RdPortfolioView *self,
                  GtkWidget       *widget)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Moves the focus out of a list about to be covered, to the search. */
static void
move_focus_from_list (RdPortfolioView *self)
{
  if (has_focus_within (self, self->list_scroller))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* The "no results" page lies under the list, which is opaque and covers
 * it: no matches make the list transparent rather than swap it for the
 * page.  So the list stays mapped with its ~200 row widgets, the page stays
 * laid out with its icon loaded, and the swing between no matches and many
 * is only a repaint, either way (a swap unmapped and mapped the rows and
 * styled, measured and drew the page afresh: two frames at 100,000
 * accounts).  While it shows the page, the list takes no pointer, focus or
 * screen reader; otherwise the page is hidden from screen readers.
 * It is drawn under the list on every frame (its 128 px symbolic icon
 * recoloured pixel by pixel, ~5 % of a keystroke's instructions): made
 * transparent, GTK would leave it out, but then the first search that
 * matches nothing took twice the CPU time (30-37 ms instead of 14-17 ms),
 * although no more instructions, even with the page drawn once ahead.
 *
 * The page is built with the view but made visible under the list only
 * once the whole book is in (show_no_results_page_cb()), off the way to
 * the first frame: its first layout and draw load its icon and fonts. */
static void
update_empty_state (RdPortfolioView *self)
{
  guint n = rd_account_model_get_n_matches (self->accounts);
  gboolean has_accounts = rd_account_model_get_n_total (self->accounts) > 0;
  gboolean no_results = n == 0 && has_accounts;

  if (gtk_widget_get_can_target (self->list_scroller) == !no_results)
    return;

  if (no_results)
    {
      move_focus_from_list (self);
      gtk_widget_set_visible (self->no_results_page, TRUE);
    }
  gtk_widget_set_opacity (self->list_scroller, no_results ? 0.0 : 1.0);
  gtk_widget_set_can_target (self->list_scroller, !no_results);
  gtk_widget_set_can_focus (self->list_scroller, !no_results);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->list_scroller),
                               GTK_ACCESSIBLE_STATE_HIDDEN, no_results,
                               -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->no_results_page),
                               GTK_ACCESSIBLE_STATE_HIDDEN, !no_results,
                               -1);
}

static RdAccount *
selected_account (RdPortfolioView *self)
{
  RdPortfolioRow *row = gtk_single_selection_get_selected_item (self->selection);

  return row != NULL ? rd_portfolio_row_get_account (row) : NULL;
}

/* The slots keep their positions when the list changes: keep the
 * selection on the account, or drop it when the account is gone. */
static void
reselect (RdPortfolioView *self,
          RdAccount       *account)
{
  guint position;

  if (account == NULL)
    return;

  if (rd_account_model_find_visible (self->accounts, account, &position))
    {
      /* Not announced yet while the list grows: all of it, then. */
      if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
        rd_account_model_finish_growing (self->accounts);
      if (gtk_single_selection_get_selected (self->selection) != position)
        gtk_single_selection_set_selected (self->selection, position);
    }
  else
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
    }
}

/* Tells the model which rows are on screen, from the scroll position (the
 * rows all have the same height), with a margin. */
static void
update_hot_range (RdPortfolioView *self)
{
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  double upper, first, rows;

  if (vadjustment == NULL || n == 0 || (upper = gtk_adjustment_get_upper (vadjustment)) <= 0 ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      rd_account_model_set_hot_range (self->accounts, 0, G_MAXUINT);
      return;
    }

  first = gtk_adjustment_get_value (vadjustment) / upper * n;
  rows = gtk_adjustment_get_page_size (vadjustment) / upper * n;
  /* A row of margin on each side for rounding; the rest follow in idles. */
  rd_account_model_set_hot_range (self->accounts, (guint) MAX (0.0, first - 1),
                                  (guint) (rows + 3));
}

static void
on_vadjustment_value_changed_cb (RdPortfolioView *self,
                                 GtkAdjustment   *adjustment)
{
  g_assert (RD_IS_PORTFOLIO_VIEW (self));

  /* Rows scrolled into view are re-pointed before they are drawn. */
  update_hot_range (self);
}

/* Sorting ---------------------------------------------------------------- */

static int
column_sort_cb (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  Column *column = user_data;
  RdPortfolioView *self = column->self;

  if (self->probing)
    {
      /* Answer "smaller" so the column view sorter stops at the first
       * column it asks and shows in its result whether it inverts it. */
      if (self->probe_column < 0)
        self->probe_column = column->index;
      return GTK_ORDERING_SMALLER;
    }

  return to_ordering (column->spec->compare ((RdAccount *) a, (RdAccount *) b));
}

/* Filtering -------------------------------------------------------------- */

/* The list now shows the rows of the scope asked for. */
static void
show_scope (RdPortfolioView *self)
{
  if (self->shown_scope == self->scope)
    return;

  self->shown_scope = self->scope;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWN_SCOPE]);
}

static void
refilter (RdPortfolioView *self,
          GtkFilterChange  change)
{
  RdAccount *selected = selected_account (self);
  g_autoptr(RdAccount) keep = selected != NULL ? g_object_ref (selected) : NULL;

  update_hot_range (self);
  /* No matches show the "no results" page: the list behind it keeps its
   * rows rather than destroy them and build them again for the next key.
   * Not in the quarter's scope, whose summary counts the list's items. */
  rd_account_model_set_keep_rows (self->accounts, self->scope != RD_PORTFOLIO_SCOPE_QUARTER);
  rd_account_model_set_filter (self->accounts, &self->filter, change);
  reselect (self, keep);

  update_empty_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_VISIBLE]);
  show_scope (self);
}

static void
set_needle (RdPortfolioView *self,
            const char      *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  /* Folded like the accounts' keys: "kovacs" finds "Kovács". */
  g_autofree char *needle = *stripped ? rd_search_text_fold (stripped, -1) : NULL;
  const char *old = self->filter.needle;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  if (g_strcmp0 (needle, old) == 0)
    return;

  /* A longer needle that extends the old one can only remove matches. */
  if (needle != NULL && old != NULL && strstr (needle, old) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (old != NULL && (needle == NULL || strstr (old, needle) != NULL))
    change = GTK_FILTER_CHANGE_LESS_STRICT;

  g_free (self->filter.needle);
  self->filter.needle = g_steal_pointer (&needle);
  refilter (self, change);
}

/* Cells ------------------------------------------------------------------ */

static const char * const class_css[] = { "administrative", "decision", "risk" };

static gboolean
account_has_delay (RdAccount *account)
{
  int klass = rd_account_get_delay_class (account);

  return klass >= 0 && (guint) klass < G_N_ELEMENTS (class_css);
}

static RdAccount *
list_item_account (GtkListItem *list_item)
{
  RdPortfolioRow *row = gtk_list_item_get_item (list_item);

  return row != NULL ? rd_portfolio_row_get_account (row) : NULL;
}

/* Tooltips are computed when asked for: gtk_widget_set_tooltip_text() in
 * a bind handler costs X round trips (it re-queries the tooltip under the
 * pointer), several per row, on every keystroke. */
static gboolean
on_deadline_query_tooltip_cb (GtkWidget   *widget,
                              int          x,
                              int          y,
                              gboolean     keyboard_mode,
                              GtkTooltip  *tooltip,
                              GtkListItem *list_item)
{
  RdAccount *account = list_item_account (list_item);
  const char *deadline = account != NULL ? rd_account_get_deadline (account) : NULL;
  gboolean hard = g_object_get_data (G_OBJECT (widget), "rd-hard-deadline") != NULL;
  /* The days: the cell itself, or the text after the delay chip. */
  GtkWidget *days = RD_IS_TEXT_CELL (widget) ? widget : gtk_widget_get_last_child (widget);
  g_autofree char *absolute = NULL;
  g_autofree char *text = NULL;

  /* The delay cell is blank without an open delay (update_delay). */
  if (deadline == NULL || (hard && !account_has_delay (account)))
    return FALSE;

  absolute = rd_date_format (deadline);
  if (hard)
    /* Translators: tooltip of the delay chip; %s is a date. */
    text = g_strdup_printf (_("Hard deadline: %s"), absolute);
  else
    text = g_steal_pointer (&absolute);

  /* Cut short, the days are told in full above the date. */
  if (rd_text_cell_is_ellipsized (RD_TEXT_CELL (days)))
    {
      const char *shown = rd_text_cell_get_text (RD_TEXT_CELL (days));
      g_autofree char *both = g_strdup_printf ("%s\n%s", shown, text);

      g_free (text);
      text = g_steal_pointer (&both);
    }

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
add_deadline_tooltip (GtkWidget   *widget,
                      GtkListItem *list_item)
{
  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_deadline_query_tooltip_cb),
                    list_item);
}

/* Text cells never ask for a new size when their text changes (see
 * rd-text-cell.h): a keystroke only redraws the rows. */
static GtkWidget *
new_cell_label (gboolean numeric)
{
  GtkWidget *label = rd_text_cell_new ();

  rd_text_cell_set_xalign (RD_TEXT_CELL (label), numeric ? 1.0f : 0.0f);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

/* A cell cut short shows its whole text on hover; one that fits shows no
 * tooltip.  Asked when hovered, not set when bound (see above). */
static gboolean
on_ellipsized_query_tooltip_cb (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard_mode,
                                GtkTooltip *tooltip,
                                gpointer    user_data)
{
  RdTextCell *cell = RD_TEXT_CELL (widget);
  const char *text = rd_text_cell_get_text (cell);

  if (*text == '\0' || !rd_text_cell_is_ellipsized (cell))
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static GtkWidget *
new_text_cell (gboolean numeric)
{
  GtkWidget *label = new_cell_label (numeric);

  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (on_ellipsized_query_tooltip_cb), NULL);
  return label;
}

static GtkWidget *
create_text (GtkListItem *list_item)
{
  return new_text_cell (FALSE);
}

/* For the columns of few distinct texts (a stage, a status, an owner, the
 * contract ends of the rows sorted by deadline at the top of the list):
 * a text another row showed is not shaped again (rd-text-cell.h). */
static GtkWidget *
create_shared_text (GtkListItem *list_item)
{
  GtkWidget *label = new_text_cell (FALSE);

  rd_text_cell_set_shares_layouts (RD_TEXT_CELL (label), TRUE);
  return label;
}

/* Amounts: books round them ("€120,000"), so many rows show the same. */
static GtkWidget *
create_number (GtkListItem *list_item)
{
  GtkWidget *label = new_text_cell (TRUE);

  rd_text_cell_set_shares_layouts (RD_TEXT_CELL (label), TRUE);
  return label;
}

static GtkWidget *
create_days (GtkListItem *list_item)
{
  GtkWidget *label = new_cell_label (FALSE);

  /* "in 3 days": many rows have the same. */
  rd_text_cell_set_shares_layouts (RD_TEXT_CELL (label), TRUE);
  add_deadline_tooltip (label, list_item);
  return label;
}

/* Chips: a word on a tint, as wide as the word.  A chip sits in a box
 * laid out here instead of by GtkBoxLayout, which would measure the chip
 * for its width: a new word would then be a resize of the window (see
 * rd-text-cell.h).  The box's size is constant (the height of a line);
 * a new word only places the box's children again (set_chip_text ()).
 * Children after the chips fill the rest of the width. */
#define CHIP_SPACING 6

static void
chip_box_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int height;

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, -1, &height, NULL, NULL, NULL);
      *minimum = *natural = MAX (*natural, height);
    }
}

/* The least width of @child: its padding and border (a text cell asks
 * for no width of its own) and its text's. */
static int
chip_box_child_min_width (GtkWidget *child)
{
  int padding;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &padding, NULL, NULL, NULL);
  return padding + rd_text_cell_get_min_text_width (RD_TEXT_CELL (child));
}

static gboolean
is_chip (GtkWidget *child)
{
  return rd_text_cell_get_ellipsize (RD_TEXT_CELL (child)) == PANGO_ELLIPSIZE_NONE;
}

/* As a GtkBox placed GtkLabels: chips at their width and centred (valign
 * CENTER), the others fill the rest.  Too narrow, each gets its least
 * width and the whole runs over the right edge, in either direction. */
static void
chip_box_allocate (GtkWidget *widget,
                   int        width,
                   int        height,
                   int        baseline)
{
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int needed = 0;
  int x = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    needed += chip_box_child_min_width (child) + (needed > 0 ? CHIP_SPACING : 0);
  width = MAX (width, needed);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkAllocation allocation = { 0, 0, MAX (width - x, 0), height };
      int line;

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, -1, &line, NULL, NULL, NULL);
      if (is_chip (child))
        {
          allocation.width = chip_box_child_min_width (child);
          allocation.height = line;
          allocation.y = (height - line) / 2;
        }
      allocation.x = rtl ? width - x - allocation.width : x;
      gtk_widget_size_allocate (child, &allocation, -1);
      x += allocation.width + CHIP_SPACING;
    }
}

static GtkWidget *
new_chip (void)
{
  GtkWidget *chip = rd_text_cell_new ();

  gtk_widget_add_css_class (chip, "chip");
  rd_text_cell_set_ellipsize (RD_TEXT_CELL (chip), PANGO_ELLIPSIZE_NONE);
  /* A few words, each shaped once for all rows. */
  rd_text_cell_set_shares_layouts (RD_TEXT_CELL (chip), TRUE);
  return chip;
}

static GtkWidget *
new_chip_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_set_layout_manager (box, gtk_custom_layout_new (NULL, chip_box_measure,
                                                             chip_box_allocate));
  return box;
}

static void
set_chip_text (GtkWidget  *chip,
               const char *text)
{
  if (g_strcmp0 (rd_text_cell_get_text (RD_TEXT_CELL (chip)), text) == 0)
    return;

  rd_text_cell_set_text (RD_TEXT_CELL (chip), text);
  /* As wide as the new word: placed again, nothing measured. */
  gtk_widget_queue_allocate (gtk_widget_get_parent (chip));
}

static gboolean
on_risk_query_tooltip_cb (GtkWidget   *widget,
                          int          x,
                          int          y,
                          gboolean     keyboard_mode,
                          GtkTooltip  *tooltip,
                          GtkListItem *list_item)
{
  RdAccount *account = list_item_account (list_item);
  g_autofree char *factors = NULL;
  g_autofree char *text = NULL;

  if (account == NULL)
    return FALSE;

  factors = rd_risk_factors_describe (rd_account_get_risk_factors (account));
  /* Translators: the risk score out of 100, then the top factors */
  text = g_strdup_printf (_("Risk %d of 100: %s"), rd_account_get_risk_score (account),
                          factors != NULL ? factors : _("nothing raises it"));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static GtkWidget *
create_risk (GtkListItem *list_item)
{
  GtkWidget *box = new_chip_box ();
  GtkWidget *chip = new_chip ();

  /* The factors on hover, computed when asked for (see add_deadline_tooltip). */
  gtk_widget_set_has_tooltip (chip, TRUE);
  g_signal_connect (chip, "query-tooltip", G_CALLBACK (on_risk_query_tooltip_cb), list_item);
  gtk_box_append (GTK_BOX (box), chip);
  return box;
}

static GtkWidget *
create_delay (GtkListItem *list_item)
{
  GtkWidget *box = new_chip_box ();
  GtkWidget *days = new_cell_label (TRUE);

  rd_text_cell_set_xalign (RD_TEXT_CELL (days), 0.0f);
  rd_text_cell_set_shares_layouts (RD_TEXT_CELL (days), TRUE);
  gtk_widget_add_css_class (days, "dim-label");
  gtk_box_append (GTK_BOX (box), new_chip ());
  gtk_box_append (GTK_BOX (box), days);
  g_object_set_data (G_OBJECT (box), "rd-hard-deadline", GINT_TO_POINTER (TRUE));
  add_deadline_tooltip (box, list_item);
  return box;
}

/* Swaps @widget's one class out of @classes for classes[index] (none when
 * @index is out of range). */
static void
set_class_from (GtkWidget          *widget,
                const char * const *classes,
                guint               n_classes,
                int                 index)
{
  for (guint i = 0; i < n_classes; i++)
    if ((int) i != index)
      gtk_widget_remove_css_class (widget, classes[i]);
  if (index >= 0 && (guint) index < n_classes)
    gtk_widget_add_css_class (widget, classes[index]);
}

static void
update_name (RdPortfolioView *self,
             GtkWidget       *child,
             RdAccount       *account)
{
  rd_text_cell_set_text (RD_TEXT_CELL (child), rd_account_get_name (account));
}

static void
update_value (RdPortfolioView *self,
              GtkWidget       *child,
              RdAccount       *account)
{
  g_autofree char *text = rd_money_format (rd_account_get_annual_value_minor (account),
                                           rd_account_get_currency (account));

  rd_text_cell_set_text (RD_TEXT_CELL (child), text);
}

static void
update_end (RdPortfolioView *self,
            GtkWidget       *child,
            RdAccount       *account)
{
  const char *end = rd_account_get_contract_end (account);
  g_autofree char *text = rd_date_format (end);

  rd_text_cell_set_text (RD_TEXT_CELL (child), end != NULL ? text : "—");
}

static const char * const days_classes[] = { "overdue", "due-soon" };

static void
update_days (RdPortfolioView *self,
             GtkWidget       *child,
             RdAccount       *account)
{
  int days = rd_account_get_days_to_renewal (account, &self->today);

  /* Lost: no renewal to count down to, and nothing overdue. */
  if (rd_account_get_status (account) == RD_STATUS_LOST)
    {
      rd_text_cell_set_text (RD_TEXT_CELL (child), rd_enum_table_label (&rd_status_table, RD_STATUS_LOST));
      set_class_from (child, days_classes, G_N_ELEMENTS (days_classes), -1);
    }
  else if (days == G_MININT)
    {
      rd_text_cell_set_text (RD_TEXT_CELL (child), "—");
      set_class_from (child, days_classes, G_N_ELEMENTS (days_classes), -1);
    }
  else
    {
      g_autofree char *relative = rd_date_format_relative (days);

      /* Relative when near, absolute on hover (on_deadline_query_tooltip_cb). */
      rd_text_cell_set_text (RD_TEXT_CELL (child), relative);
      set_class_from (child, days_classes, G_N_ELEMENTS (days_classes),
                      days < 0 ? 0 : days <= 30 ? 1 : -1);
    }
}

static void
update_delay (RdPortfolioView *self,
              GtkWidget       *child,
              RdAccount       *account)
{
  GtkWidget *chip = gtk_widget_get_first_child (child);
  RdTextCell *days_cell = RD_TEXT_CELL (gtk_widget_get_next_sibling (chip));
  int klass = rd_account_get_delay_class (account);
  int days;

  /* No open delay: a blank cell.  Blanked, not hidden: hiding it would be
   * a resize (rd-text-cell.h); blank texts leave nothing to read. */
  if (!account_has_delay (account))
    {
      set_chip_text (chip, "");
      rd_text_cell_set_text (days_cell, "");
      gtk_widget_set_opacity (child, 0.0);
      return;
    }

  gtk_widget_set_opacity (child, 1.0);
  set_class_from (chip, class_css, G_N_ELEMENTS (class_css), klass);
  set_chip_text (chip, rd_enum_table_label (&rd_class_table, klass));

  days = rd_account_get_days_to_renewal (account, &self->today);
  if (days == G_MININT)
    {
      rd_text_cell_set_text (days_cell, "");
    }
  else
    {
      g_autofree char *relative = rd_date_format_relative (days);

      rd_text_cell_set_text (days_cell, relative);
    }
}

static void
update_stage (RdPortfolioView *self,
              GtkWidget       *child,
              RdAccount       *account)
{
  rd_text_cell_set_text (RD_TEXT_CELL (child),
                         rd_enum_table_label (&rd_stage_table, rd_account_get_stage (account)));
}

static const char * const status_classes[] = {
  "status-active", "status-renewed", "status-lost", "status-expected-churn",
};

static void
update_status (RdPortfolioView *self,
               GtkWidget       *child,
               RdAccount       *account)
{
  RdStatus status = rd_account_get_status (account);

  set_class_from (child, status_classes, G_N_ELEMENTS (status_classes), status);
  rd_text_cell_set_text (RD_TEXT_CELL (child), rd_enum_table_label (&rd_status_table, status));
}

static const char * const risk_classes[] = { "risk-low", "risk-medium", "risk-high", "risk-critical" };

static void
update_risk (RdPortfolioView *self,
             GtkWidget       *child,
             RdAccount       *account)
{
  GtkWidget *chip = gtk_widget_get_first_child (child);
  RdRiskBand band = rd_account_get_risk_band (account);

  set_class_from (chip, risk_classes, G_N_ELEMENTS (risk_classes), band);
  set_chip_text (chip, rd_enum_table_label (&rd_risk_band_table, band));
}

static void
update_owner (RdPortfolioView *self,
              GtkWidget       *child,
              RdAccount       *account)
{
  const char *owner = rd_account_get_owner (account);

  rd_text_cell_set_text (RD_TEXT_CELL (child), owner != NULL ? owner : "");
}

/* The columns, left to right. */
enum { COLUMN_VALUE = 1, COLUMN_DEADLINE = 3, COLUMN_RISK = 5 };

static const ColumnSpec column_specs[] = {
  /* Widths leave room for the longer German, Hungarian and Malay labels
   * and for CJK dates at the default window size. */
  { N_("Name"),         150, TRUE,  create_text,   update_name,   rd_account_compare_name },
  { N_("Annual Value"), 140, FALSE, create_number, update_value,  rd_account_compare_value },
  { N_("Contract End"), 118, FALSE, create_shared_text, update_end, rd_account_compare_contract_end },
  { N_("Renewal"),      104, FALSE, create_days,   update_days,   rd_account_compare_deadline },
  { N_("Delay"),        130, FALSE, create_delay,  update_delay,  rd_account_compare_delay },
  { N_("Risk"),          75, FALSE, create_risk,   update_risk,   rd_account_compare_risk },
  { N_("Stage"),        100, FALSE, create_shared_text, update_stage,  rd_account_compare_stage },
  { N_("Status"),       105, FALSE, create_shared_text, update_status, rd_account_compare_status },
  { N_("Owner"),        105, FALSE, create_shared_text, update_owner,  rd_account_compare_owner },
};

static void
on_row_account_notify_cb (RdPortfolioRow *row,
                          GParamSpec     *pspec,
                          GtkListItem    *list_item)
{
  Column *column = g_object_get_data (G_OBJECT (list_item), "rd-column");
  RdAccount *account = rd_portfolio_row_get_account (row);

  if (account != NULL)
    column->spec->update (column->self, gtk_list_item_get_child (list_item), account);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               Column                   *column)
{
  g_object_set_data (G_OBJECT (list_item), "rd-column", column);
  gtk_list_item_set_child (list_item, column->spec->create (list_item));
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              Column                   *column)
{
  RdPortfolioRow *row = gtk_list_item_get_item (list_item);

  /* The slot is re-pointed when the list changes; the cell follows. */
  g_signal_connect (row, "notify::account", G_CALLBACK (on_row_account_notify_cb), list_item);
  on_row_account_notify_cb (row, NULL, list_item);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                Column                   *column)
{
  RdPortfolioRow *row = gtk_list_item_get_item (list_item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, on_row_account_notify_cb, list_item);
}

static void
setup_columns (RdPortfolioView *self)
{
  self->n_columns = G_N_ELEMENTS (column_specs);
  self->columns = g_new0 (Column, self->n_columns);

  for (guint i = 0; i < self->n_columns; i++)
    {
      Column *column = &self->columns[i];
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkSorter) sorter = NULL;
      g_autoptr(GtkColumnViewColumn) view_column = NULL;

      column->self = self;
      column->spec = &column_specs[i];
      column->index = (int) i;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), column);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), column);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), column);
      sorter = GTK_SORTER (gtk_custom_sorter_new (column_sort_cb, column, NULL));

      view_column = gtk_column_view_column_new (_(column->spec->title), g_steal_pointer (&factory));
      gtk_column_view_column_set_sorter (view_column, sorter);
      gtk_column_view_column_set_resizable (view_column, TRUE);
      gtk_column_view_column_set_fixed_width (view_column, column->spec->width);
      gtk_column_view_column_set_expand (view_column, column->spec->expand);
      gtk_column_view_append_column (self->column_view, view_column);
    }
}

/* Makes the sorted copy the list's order, with the filter of the scope
 * shown now (a switch of scope sorts and filters in one change of the
 * list); FALSE when the book changed since the copy was made. */
static gboolean
apply_sort (RdPortfolioView  *self,
            RdAccountSortJob *job)
{
  RdAccount *selected = selected_account (self);
  g_autoptr(RdAccount) keep = selected != NULL ? g_object_ref (selected) : NULL;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));

  update_hot_range (self);
  rd_account_model_set_keep_rows (self->accounts, self->scope != RD_PORTFOLIO_SCOPE_QUARTER);
  if (!rd_account_model_apply_sort_job (self->accounts, job, &self->filter))
    return FALSE;
  reselect (self, keep);

  update_empty_state (self);
  /* A new count has updated them already (on_accounts_items_changed_cb). */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->accounts)) == n_items)
    update_totals (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_VISIBLE]);
  show_scope (self);
  return TRUE;
}

static void start_sort (RdPortfolioView *self);

static void
sort_order_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  rd_account_sort_job_run (task_data);
  g_task_return_pointer (task, task_data, (GDestroyNotify) rd_account_sort_job_free);
}

static void
sorted_order_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RdPortfolioView) self = user_data;
  /* Freed here, on the main thread: with the last job the model lets go
   * of the accounts it kept alive for it. */
  g_autoptr(RdAccountSortJob) job = g_task_propagate_pointer (G_TASK (result), NULL);

  self->sorting = FALSE;
  /* Disposed meanwhile. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  /* Another order was asked for meanwhile: the newest wins.  Or the book
   * changed: sort it as it is now. */
  if (self->sort_again || !apply_sort (self, job))
    start_sort (self);
}

/* Sorts the list by the sort column, on a worker: sorting 100,000
 * accounts froze a header click or a switch of scope for 90-200 ms.  The
 * list keeps its order until the worker answers; the main thread then
 * only adopts the new order and refilters (rd-account-model.h). */
static void
start_sort (RdPortfolioView *self)
{
  g_autoptr(GTask) task = NULL;
  RdAccountSortJob *job;

  /* One job at a time: the order asked for last follows when it ends. */
  if (self->sorting)
    {
      self->sort_again = TRUE;
      return;
    }
  self->sort_again = FALSE;

  job = rd_account_model_new_sort_job (self->accounts, column_specs[self->sort_column].compare,
                                       self->sort_descending);
  /* Nothing to sort yet: no thread. */
  if (rd_account_model_get_n_total (self->accounts) == 0)
    {
      rd_account_sort_job_run (job);
      apply_sort (self, job);
      rd_account_sort_job_free (job);
      return;
    }

  self->sorting = TRUE;
  task = g_task_new (NULL, self->cancellable, sorted_order_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_sort);
  /* The callback always gets the job back, to free it. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, NULL);
  g_task_run_in_thread (task, sort_order_thread);
}

static void
update_sort (RdPortfolioView *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  int dummy[2] = { 0, 0 };
  GtkOrdering order;

  self->probe_column = -1;
  self->probing = TRUE;
  order = gtk_sorter_compare (sorter, &dummy[0], &dummy[1]);
  self->probing = FALSE;

  if (self->probe_column >= 0)
    {
      self->sort_column = self->probe_column;
      self->sort_descending = order == GTK_ORDERING_LARGER;
    }
  else
    {
      /* No sort column: most urgent renewals first. */
      self->sort_column = COLUMN_DEADLINE;
      self->sort_descending = FALSE;
    }

  start_sort (self);
}

/* Sorts by the @index-th column, ascending, as if its header was clicked.
 * GTK 4.8's gtk_column_view_sort_by_column () only redraws the header of
 * the column it sorts by: the header that sorted before kept its arrow,
 * and two columns showed one.  Clearing the sort first redraws that
 * header; the model is sorted once, for the new column only. */
static void
sort_by_column (RdPortfolioView *self,
                guint            index)
{
  g_autoptr(GtkColumnViewColumn) column =
    g_list_model_get_item (gtk_column_view_get_columns (self->column_view), index);

  self->clearing_sort = TRUE;
  gtk_column_view_sort_by_column (self->column_view, NULL, GTK_SORT_ASCENDING);
  gtk_column_view_sort_by_column (self->column_view, column, GTK_SORT_ASCENDING);
  self->clearing_sort = FALSE;
  update_sort (self);
}

/* Loading ---------------------------------------------------------------- */

static GHashTable *
ensure_index (RdPortfolioView *self)
{
  if (!self->index_valid)
    {
      guint n = rd_account_model_get_n_total (self->accounts);

      g_hash_table_remove_all (self->by_id);
      for (guint i = 0; i < n; i++)
        {
          /* The model keeps the reference; the index borrows it. */
          RdAccount *account = rd_account_model_get_total_item (self->accounts, i);
          g_hash_table_insert (self->by_id, (gpointer) rd_account_get_id (account), account);
        }
      self->index_valid = TRUE;
    }

  return self->by_id;
}

/* Each account's value in the reporting currency, for sorting by value
 * and the quarter's total; -1 when no rate applies (the row still shows
 * its own amount). */
/* Sets each account's value in @currency on @today, by @rates (NULL: no
 * value).  Reads nothing of the view: a worker converts a book it read. */
static void
convert_values (RdExchangeTable  *rates,
                const char       *currency,
                const char       *today,
                RdAccount       **accounts,
                guint             n)
{
  for (guint i = 0; i < n; i++)
    {
      gint64 converted = -1;

      if (rates != NULL &&
          !rd_exchange_table_convert (rates, rd_account_get_annual_value_minor (accounts[i]),
                                      rd_account_get_currency (accounts[i]), currency, today,
                                      &converted))
        converted = -1;
      rd_account_set_reporting_value_minor (accounts[i], converted);
    }
}

static char *
dup_today (RdPortfolioView *self)
{
  return g_date_valid (&self->today) ? rd_date_to_string (&self->today) : NULL;
}

static void
set_reporting_values (RdPortfolioView *self,
                      RdAccount      **accounts,
                      guint            n)
{
  g_autofree char *today = dup_today (self);

  convert_values (self->rates, self->reporting_currency, today, accounts, n);
}

static void update_totals (RdPortfolioView *self);

static void
rates_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RdPortfolioView) self = user_data;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;
  guint n;

  docs = rd_store_list_documents_finish (RD_STORE (object), result, &error);
  if (docs == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the exchange rates: %s", error->message);
      return;
    }

  g_clear_pointer (&self->rates, rd_exchange_table_free);
  self->rates = rd_exchange_table_new (docs);
  self->rates_serial++;
  g_free (self->reporting_currency);
  self->reporting_currency = rd_settings_dup_reporting_currency (rd_context_get_settings (self->context));

  today = dup_today (self);
  n = rd_account_model_get_n_total (self->accounts);
  for (guint i = 0; i < n; i++)
    {
      RdAccount *account = rd_account_model_get_total_item (self->accounts, i);

      convert_values (self->rates, self->reporting_currency, today, &account, 1);
    }
  if (self->sort_column == COLUMN_VALUE)
    start_sort (self);
  update_totals (self);
}

static void
load_rates (RdPortfolioView *self)
{
  if (self->store != NULL)
    rd_store_list_documents_async (self->store, "exchange_rate", NULL, NULL, self->cancellable,
                                   rates_cb, g_object_ref (self));
}

/* The whole book, valued in the reporting currency and sorted on a
 * worker as the list sorts: the main thread then takes the order as it
 * is (rd_account_model_replace_sorted ()).  Converting 100,000 values took
 * ~30 ms of the main thread as the book came in. */
typedef struct
{
  GPtrArray            *accounts;
  RdAccountCompareFunc  compare;
  gboolean              descending;
  RdExchangeTable      *rates;         /* a copy, or NULL */
  char                 *currency;
  char                 *today;
  guint                 rates_serial;  /* of the view's rates copied */
} SortJob;

/* @valued: the accounts carry their values in the reporting currency by
 * the rates the view has now.  @sorted_by: the order they were sorted in
 * (sort_thread ()), or NULL. */
static void
apply_accounts (RdPortfolioView *self,
                GPtrArray       *accounts,
                gboolean         complete,
                gboolean         valued,
                const SortJob   *sorted_by)
{
  guint n_old = rd_account_model_get_n_total (self->accounts);
  RdAccount *selected = selected_account (self);
  g_autofree char *selected_id = selected != NULL ? g_strdup (rd_account_get_id (selected)) : NULL;

  /* The id index is rebuilt on first use, not on the way to the first frame. */
  g_hash_table_remove_all (self->by_id);
  self->index_valid = FALSE;

  if (!valued)
    set_reporting_values (self, (RdAccount **) accounts->pdata, accounts->len);

  /* One splice: the live slots are re-pointed, one items-changed at the tail. */
  update_hot_range (self);
  if (sorted_by != NULL)
    rd_account_model_replace_sorted (self->accounts, (RdAccount **) accounts->pdata, accounts->len,
                                     sorted_by->compare, sorted_by->descending);
  else
    rd_account_model_splice (self->accounts, 0, n_old, (RdAccount **) accounts->pdata,
                             accounts->len);

  /* The reloaded copy of the selected account is a new object. */
  if (selected_id != NULL)
    reselect (self, g_hash_table_lookup (ensure_index (self), selected_id));

  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  /* The whole book is in once the list has announced all of it. */
  if (complete && !self->complete)
    {
      self->complete_pending = TRUE;
      on_accounts_growing_cb (self, NULL, self->accounts);
    }
  if (n_old != accounts->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ACCOUNTS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_VISIBLE]);
  update_empty_state (self);

  g_signal_emit (self, signals[POPULATED], 0);
}

/* A load's callback data: the view, and which reload started the load. */
static gpointer
load_data_new (RdPortfolioView *self)
{
  gpointer *data = g_new0 (gpointer, 2);

  data[0] = g_object_ref (self);
  data[1] = GUINT_TO_POINTER (self->load_serial);
  return data;
}

/* Frees @user_data; returns the view (the reference it held). */
static RdPortfolioView *
load_data_free (gpointer  user_data,
                guint    *serial)
{
  gpointer *data = user_data;
  RdPortfolioView *self = data[0];

  *serial = GPOINTER_TO_UINT (data[1]);
  g_free (data);
  return self;
}

static gboolean
show_no_results_page_cb (gpointer data)
{
  RdPortfolioView *self = data;

  /* Unless the view was disposed meanwhile. */
  if (self->no_results_page != NULL)
    gtk_widget_set_visible (self->no_results_page, TRUE);
  return G_SOURCE_REMOVE;
}

static void
sort_job_free (gpointer data)
{
  SortJob *job = data;

  g_ptr_array_unref (job->accounts);
  g_clear_pointer (&job->rates, rd_exchange_table_free);
  g_free (job->currency);
  g_free (job->today);
  g_free (job);
}

static void
sort_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SortJob *job = task_data;

  /* Before sorting: an order by value reads them. */
  convert_values (job->rates, job->currency, job->today, (RdAccount **) job->accounts->pdata,
                  job->accounts->len);
  rd_account_model_sort (job->accounts, job->compare, job->descending);
  g_task_return_pointer (task, g_ptr_array_ref (job->accounts), (GDestroyNotify) g_ptr_array_unref);
}

static void
sorted_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  guint serial;
  g_autoptr(RdPortfolioView) self = load_data_free (user_data, &serial);
  SortJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) accounts = g_task_propagate_pointer (G_TASK (result), NULL);

  /* Cancelled, or a newer reload was started meanwhile: its result wins. */
  if (accounts == NULL || serial != self->load_serial)
    return;

  /* New rates meanwhile: the values are made again here. */
  apply_accounts (self, accounts, TRUE, job->rates_serial == self->rates_serial, job);
  g_idle_add_full (G_PRIORITY_LOW, show_no_results_page_cb, g_object_ref (self), g_object_unref);
}

static void
list_accounts_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  guint serial;
  g_autoptr(RdPortfolioView) self = load_data_free (user_data, &serial);
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  SortJob *job;

  accounts = rd_store_list_accounts_finish (RD_STORE (object), result, &error);
  if (accounts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list accounts: %s", error->message);
      return;
    }

  /* A newer reload was started meanwhile: its result wins. */
  if (serial != self->load_serial)
    return;

  /* The accounts are new objects that nothing else holds yet. */
  job = g_new0 (SortJob, 1);
  job->accounts = g_steal_pointer (&accounts);
  rd_account_model_get_sort (self->accounts, &job->compare, &job->descending);
  job->rates = self->rates != NULL ? rd_exchange_table_copy (self->rates) : NULL;
  job->currency = g_strdup (self->reporting_currency);
  job->today = dup_today (self);
  job->rates_serial = self->rates_serial;
  task = g_task_new (NULL, self->cancellable, sorted_cb, load_data_new (self));
  g_task_set_source_tag (task, list_accounts_cb);
  g_task_set_task_data (task, job, sort_job_free);
  g_task_run_in_thread (task, sort_thread);
}

static void
list_all_accounts (RdPortfolioView *self)
{
  load_rates (self);
  rd_store_list_accounts_async (self->store, self->cancellable, list_accounts_cb,
                                load_data_new (self));
}

static gboolean
surface_mapped (RdPortfolioView *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;

  return surface != NULL && gdk_surface_get_mapped (surface);
}

static void
on_preview_painted_cb (RdPortfolioView *self,
                       GdkFrameClock   *clock)
{
  g_assert (RD_IS_PORTFOLIO_VIEW (self));

  /* The frame clock also runs (and says "after-paint") while the window is
   * not yet mapped, e.g. for the loading spinner: a small book would then
   * be read whole and laid out before the first frame, making it slower
   * than a big one.  Wait for a frame that drew the preview, or, once the
   * window shows, any frame (another page may be in front). */
  if (!self->drawn && (!surface_mapped (self) || gtk_widget_get_mapped (GTK_WIDGET (self))))
    return;

  g_clear_signal_handler (&self->after_paint_handler, clock);
  list_all_accounts (self);
}

static void
list_first_accounts_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  guint serial;
  g_autoptr(RdPortfolioView) self = load_data_free (user_data, &serial);
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;

  accounts = rd_store_list_first_accounts_finish (RD_STORE (object), result, &error);
  if (accounts == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (accounts == NULL)
    g_warning ("Could not list the first accounts: %s", error->message);

  if (serial != self->load_serial || self->store == NULL)
    return;

  /* The preview only when there is something to show: an empty book is
   * told by the full load, so the empty state never flashes. */
  if (accounts != NULL && accounts->len > 0 && !self->loaded)
    {
      GdkFrameClock *clock;
      GtkNative *native;

      apply_accounts (self, accounts, FALSE, FALSE, NULL);
      self->drawn = FALSE;
      /* The window's clock: this page may not be realized yet. */
      native = gtk_widget_get_native (GTK_WIDGET (self));
      clock = native != NULL ? gtk_widget_get_frame_clock (GTK_WIDGET (native)) : NULL;
      if (clock != NULL)
        {
          self->after_paint_handler =
            g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_preview_painted_cb),
                                     self, G_CONNECT_SWAPPED);
          return;
        }
    }

  list_all_accounts (self);
}

/* The height the view's window has, or will have once shown: its
 * monitor's when maximized (the tallest monitor's before it is shown),
 * else its default size (which follows its size once shown). */
static int
window_height (RdPortfolioView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  int width, height = 0;

  if (GTK_IS_WINDOW (root) && !gtk_window_is_maximized (GTK_WINDOW (root)) &&
      !gtk_window_is_fullscreen (GTK_WINDOW (root)))
    {
      gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
      if (height > 0)
        return height;
    }

  for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      height = MAX (height, geometry.height);
    }
  return height;
}

/* The accounts of the first screen: as many rows as the whole window's
 * height holds (a line of text and its padding each), a few more than the
 * list's part of it shows.  Each costs a row widget before the first
 * frame, so no more than that. */
static guint
preview_size (RdPortfolioView *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  int row_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_height (metrics)) + CELL_PADDING_Y;

  pango_font_metrics_unref (metrics);
  return window_height (self) / MAX (row_height, 1) + 1;
}

static void
reload (RdPortfolioView *self)
{
  if (self->store == NULL)
    return;

  /* A reload after midnight (the store re-derives and says so) counts the
   * days, and picks the quarter, from the new day. */
  update_quarter (self);

  ++self->load_serial;
  if (self->loaded)
    {
      list_all_accounts (self);
      return;
    }

  rd_store_list_first_accounts_async (self->store, preview_size (self), self->cancellable,
                                      list_first_accounts_cb, load_data_new (self));
}

static void
get_account_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RdPortfolioView) self = NULL;
  g_autofree char *id = NULL;
  g_autoptr(RdAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdAccount) keep = NULL;
  RdAccount *old;
  RdAccount *selected;
  guint position;
  gpointer *data = user_data;

  self = data[0];
  id = data[1];
  g_free (data);

  account = rd_store_get_account_finish (RD_STORE (object), result, &error);
  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL && !g_error_matches (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND))
    {
      g_warning ("Could not read account %s: %s", id, error->message);
      return;
    }

  old = g_hash_table_lookup (ensure_index (self), id);
  if (old != NULL && !rd_account_model_find (self->accounts, old, &position))
    old = NULL;

  selected = selected_account (self);
  keep = selected != NULL ? g_object_ref (selected) : NULL;
  if (keep != NULL && keep == old)
    g_set_object (&keep, account);

  if (account != NULL)
    set_reporting_values (self, &account, 1);

  if (account != NULL && old != NULL)
    {
      g_hash_table_remove (self->by_id, id);
      g_hash_table_insert (self->by_id, (gpointer) rd_account_get_id (account), account);
      rd_account_model_splice (self->accounts, position, 1, &account, 1);
    }
  else if (account != NULL)
    {
      g_hash_table_insert (self->by_id, (gpointer) rd_account_get_id (account), account);
      rd_account_model_append (self->accounts, account);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ACCOUNTS]);
    }
  else if (old != NULL)
    {
      g_hash_table_remove (self->by_id, id);
      rd_account_model_remove (self->accounts, position);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ACCOUNTS]);
    }
  else
    return;

  reselect (self, keep);
  update_empty_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_VISIBLE]);
}

/* Signal callbacks ------------------------------------------------------- */

/* Past midnight (or awake after a night's suspend) the days to each
 * renewal and the quarter count from the new day, whether or not the
 * store's derivation changed a record. */
static void
on_minute_changed_cb (RdPortfolioView *self,
                      RdClock         *clock)
{
  GDate today;

  read_today (self, &today);
  if (self->loaded && g_date_valid (&self->today) && g_date_compare (&today, &self->today) != 0)
    reload (self);
}

static void
on_store_changed_cb (RdPortfolioView *self,
                     const char      *type,
                     const char      *id,
                     RdStore         *store)
{
  gpointer *data;

  g_assert (RD_IS_PORTFOLIO_VIEW (self));

  /* Nothing the list shows comes from them: a day's reminders, derived
   * for the whole book, are told as one change of many. */
  if (g_strcmp0 (type, "reminder") == 0 || g_strcmp0 (type, "event") == 0)
    return;

  if (id == NULL)
    {
      reload (self);
      return;
    }

  if (g_strcmp0 (type, "exchange_rate") == 0)
    {
      load_rates (self);
      return;
    }
  if (g_strcmp0 (type, "account") != 0)
    return;

  data = g_new0 (gpointer, 2);
  data[0] = g_object_ref (self);
  data[1] = g_strdup (id);
  rd_store_get_account_async (store, id, self->cancellable, get_account_cb, data);
}

static void
on_sorter_changed_cb (RdPortfolioView *self,
                      GtkSorterChange  change,
                      GtkSorter       *sorter)
{
  g_assert (RD_IS_PORTFOLIO_VIEW (self));

  if (!self->clearing_sort)
    update_sort (self);
}

static void
on_column_view_activate_cb (RdPortfolioView *self,
                            guint            position,
                            GtkColumnView   *column_view)
{
  RdAccount *account;

  g_assert (RD_IS_PORTFOLIO_VIEW (self));

  account = rd_account_model_get_account (self->accounts, position);
  if (account != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "window.open-account", "s",
                                rd_account_get_id (account));
}

static void
on_search_text_cb (RdPortfolioView *self,
                   GParamSpec      *pspec,
                   GtkSearchEntry  *entry)
{
  g_assert (RD_IS_PORTFOLIO_VIEW (self));

  /* Not the delayed "search-changed": each keystroke is filtered at once,
   * in the frame that shows it.  Not "changed" either: setting the text
   * emits it twice (delete, then insert), notify::text once. */
  set_needle (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_search_activate_cb (RdPortfolioView *self,
                       GtkSearchEntry  *entry)
{
  g_assert (RD_IS_PORTFOLIO_VIEW (self));

  /* Enter in the search field opens the first match. */
  set_needle (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    on_column_view_activate_cb (self, 0, self->column_view);
}

static void
on_stop_search_cb (RdPortfolioView *self,
                   GtkSearchEntry  *entry)
{
  g_assert (RD_IS_PORTFOLIO_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_dropdown_selected_cb (RdPortfolioView *self,
                         GParamSpec      *pspec,
                         GtkDropDown     *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  int value;
  int *target;

  g_assert (RD_IS_PORTFOLIO_VIEW (self));

  if (dropdown == self->delay_dropdown)
    {
      /* All, the classes, then "No open delay". */
      target = &self->filter.delay_class;
      if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
        value = RD_ACCOUNT_FILTER_ANY;
      else if (selected <= rd_class_table.n_entries)
        value = (int) selected - 1;
      else
        value = RD_ACCOUNT_FILTER_NO_DELAY;
    }
  else
    {
      target = dropdown == self->stage_dropdown ? &self->filter.stage : &self->filter.status;
      /* 0 = "All" */
      value = selected == GTK_INVALID_LIST_POSITION || selected == 0 ? RD_ACCOUNT_FILTER_ANY
                                                                      : (int) selected - 1;
    }

  if (*target == value)
    return;
  *target = value;
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RdPortfolioView *self = RD_PORTFOLIO_VIEW (widget);
  RdAccount *account = rd_portfolio_view_get_selected (self);

  if (account != NULL)
    gtk_widget_activate_action (widget, "window.delete-account", "s", rd_account_get_id (account));
}

/* Delete on the list deletes the selected account.  It has to be taken
 * on the way down: the search field catches the list's keys to search as
 * one types (gtk_search_entry_set_key_capture_widget ()), and Delete,
 * which edits text, never reached the view's own binding. */
static gboolean
on_key_pressed_cb (RdPortfolioView       *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  if ((keyval != GDK_KEY_Delete && keyval != GDK_KEY_KP_Delete) ||
      (state & gtk_accelerator_get_default_mod_mask ()) != 0 ||
      !has_focus_within (self, GTK_WIDGET (self->column_view)) ||
      rd_portfolio_view_get_selected (self) == NULL)
    return GDK_EVENT_PROPAGATE;

  gtk_widget_activate_action (GTK_WIDGET (self), "portfolio.delete-selected", NULL);
  return GDK_EVENT_STOP;
}

/* A click on a row puts the keyboard on the list, as on any list: GTK
 * 4.8's column view selects the row but leaves the focus where it was
 * (the search field, at start), so Delete or the arrows went there. */
static void
on_list_pressed_cb (RdPortfolioView *self,
                    int              n_press,
                    double           x,
                    double           y,
                    GtkGestureClick *gesture)
{
  if (!has_focus_within (self, GTK_WIDGET (self->column_view)))
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
fill_dropdown (GtkDropDown       *dropdown,
               const char        *all_label,
               const RdEnumTable *table,
               const char        *none_label)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, all_label);
  for (guint i = 0; i < table->n_entries; i++)
    gtk_string_list_append (list, rd_enum_table_label (table, i));
  if (none_label != NULL)
    gtk_string_list_append (list, none_label);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (dropdown, 0);
}

static void
set_store (RdPortfolioView *self,
           RdStore         *store)
{
  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                               G_CONNECT_SWAPPED);
      reload (self);
    }
}

/* GObject ---------------------------------------------------------------- */

static void
rd_portfolio_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  RD_PORTFOLIO_VIEW (widget)->drawn = TRUE;

  GTK_WIDGET_CLASS (rd_portfolio_view_parent_class)->snapshot (widget, snapshot);
}

static void
rd_portfolio_view_dispose (GObject *object)
{
  RdPortfolioView *self = RD_PORTFOLIO_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->accounts != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->accounts, on_accounts_items_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->accounts, on_accounts_growing_cb, self);
    }
  self->totals_label = NULL;
  /* AdwBin owns the template's root child: let it go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_PORTFOLIO_VIEW);
  g_clear_object (&self->selection);
  if (self->by_id != NULL)
    g_hash_table_remove_all (self->by_id);
  g_clear_object (&self->accounts);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_pointer (&self->rates, rd_exchange_table_free);
  g_clear_pointer (&self->reporting_currency, g_free);

  G_OBJECT_CLASS (rd_portfolio_view_parent_class)->dispose (object);
}

static void
rd_portfolio_view_finalize (GObject *object)
{
  RdPortfolioView *self = RD_PORTFOLIO_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->columns, g_free);
  rd_account_filter_clear (&self->filter);

  G_OBJECT_CLASS (rd_portfolio_view_parent_class)->finalize (object);
}

static void
rd_portfolio_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RdPortfolioView *self = RD_PORTFOLIO_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;
    case PROP_N_ACCOUNTS:
      g_value_set_uint (value, rd_portfolio_view_get_n_accounts (self));
      break;
    case PROP_N_VISIBLE:
      g_value_set_uint (value, rd_portfolio_view_get_n_visible (self));
      break;
    case PROP_SCOPE:
      g_value_set_int (value, self->scope);
      break;
    case PROP_SHOWN_SCOPE:
      g_value_set_int (value, self->shown_scope);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_portfolio_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RdPortfolioView *self = RD_PORTFOLIO_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      rd_portfolio_view_set_context (self, g_value_get_object (value));
      break;
    case PROP_SCOPE:
      rd_portfolio_view_set_scope (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_portfolio_view_class_init (RdPortfolioViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_portfolio_view_dispose;
  object_class->finalize = rd_portfolio_view_finalize;
  object_class->get_property = rd_portfolio_view_get_property;
  object_class->set_property = rd_portfolio_view_set_property;

  widget_class->snapshot = rd_portfolio_view_snapshot;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RD_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ACCOUNTS] =
    g_param_spec_uint ("n-accounts", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_VISIBLE] =
    g_param_spec_uint ("n-visible", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCOPE] =
    g_param_spec_int ("scope", NULL, NULL,
                      RD_PORTFOLIO_SCOPE_ALL, RD_PORTFOLIO_SCOPE_QUARTER, RD_PORTFOLIO_SCOPE_ALL,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOWN_SCOPE] =
    g_param_spec_int ("shown-scope", NULL, NULL,
                      RD_PORTFOLIO_SCOPE_ALL, RD_PORTFOLIO_SCOPE_QUARTER, RD_PORTFOLIO_SCOPE_ALL,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted after every load has been applied to the list: the preview of
   * the first accounts ("complete" still FALSE) and each full load. */
  signals[POPULATED] = g_signal_new ("populated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/renewaldesk/RenewalDesk/ui/rd-portfolio-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RdPortfolioView, column_view);
  gtk_widget_class_bind_template_child (widget_class, RdPortfolioView, delay_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdPortfolioView, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, RdPortfolioView, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, RdPortfolioView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RdPortfolioView, stage_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdPortfolioView, status_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);

  gtk_widget_class_install_action (widget_class, "portfolio.delete-selected", NULL,
                                   delete_selected_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "portfolio.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0,
                                       "portfolio.delete-selected", NULL);
}

static void
rd_portfolio_view_init (RdPortfolioView *self)
{
  GtkAdjustment *vadjustment;
  GtkEventController *controller;
  GtkGesture *click;

  self->cancellable = g_cancellable_new ();
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  rd_account_filter_init (&self->filter);
  self->sort_column = COLUMN_DEADLINE;
  update_quarter (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  setup_columns (self);

  fill_dropdown (self->stage_dropdown, _("All Stages"), &rd_stage_table, NULL);
  fill_dropdown (self->status_dropdown, _("All Statuses"), &rd_status_table, NULL);
  fill_dropdown (self->delay_dropdown, _("All Delays"), &rd_class_table, _("No Open Delay"));

  self->accounts = rd_account_model_new ();
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->accounts)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->accounts, "items-changed",
                           G_CALLBACK (on_accounts_items_changed_cb), self, G_CONNECT_SWAPPED);
  /* Rows made a few a frame as the whole book comes in (90-180 ms in one
   * frame at 1,000 accounts and more). */
  rd_account_model_set_grow_step (self->accounts, GROW_STEP);
  g_signal_connect_object (self->accounts, "notify::growing",
                           G_CALLBACK (on_accounts_growing_cb), self, G_CONNECT_SWAPPED);

  /* "Renewing this quarter" totals, under the list (update_totals). */
  self->totals_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_visible (GTK_WIDGET (self->totals_label), FALSE);
  gtk_label_set_xalign (self->totals_label, 0);
  gtk_label_set_ellipsize (self->totals_label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (GTK_WIDGET (self->totals_label), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->totals_label), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self->totals_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->totals_label), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->totals_label), "heading");
  gtk_widget_add_css_class (GTK_WIDGET (self->totals_label), "numeric");
  gtk_box_append (GTK_BOX (adw_bin_get_child (ADW_BIN (self))), GTK_WIDGET (self->totals_label));

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed_cb), self, G_CONNECT_SWAPPED);
  /* Most urgent renewals first. */
  sort_by_column (self, COLUMN_DEADLINE);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
  /* Before the search field's capture, which the list's ancestors precede. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_list_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (click));

  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  if (vadjustment != NULL)
    g_signal_connect_object (vadjustment, "value-changed",
                             G_CALLBACK (on_vadjustment_value_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Public API ------------------------------------------------------------- */

RdContext *
rd_portfolio_view_get_context (RdPortfolioView *self)
{
  g_return_val_if_fail (RD_IS_PORTFOLIO_VIEW (self), NULL);

  return self->context;
}

void
rd_portfolio_view_set_context (RdPortfolioView *self,
                               RdContext       *context)
{
  g_return_if_fail (RD_IS_PORTFOLIO_VIEW (self));
  g_return_if_fail (context == NULL || RD_IS_CONTEXT (context));

  if (rd_context_follow_store (&self->context, context, self, (RdContextStoreFunc) set_store))
    {
      GSettings *settings = context != NULL ? rd_context_get_settings (context) : NULL;

      /* Another reporting currency: every value again. */
      if (settings != NULL)
        g_signal_connect_object (settings, "changed::reporting-currency", G_CALLBACK (load_rates), self,
                                 G_CONNECT_SWAPPED);
      if (context != NULL)
        g_signal_connect_object (rd_context_get_clock (context), "minute-changed",
                                 G_CALLBACK (on_minute_changed_cb), self, G_CONNECT_SWAPPED);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
    }
}

gboolean
rd_portfolio_view_get_loaded (RdPortfolioView *self)
{
  g_return_val_if_fail (RD_IS_PORTFOLIO_VIEW (self), FALSE);

  return self->loaded;
}

gboolean
rd_portfolio_view_get_complete (RdPortfolioView *self)
{
  g_return_val_if_fail (RD_IS_PORTFOLIO_VIEW (self), FALSE);

  return self->complete;
}

guint
rd_portfolio_view_get_n_accounts (RdPortfolioView *self)
{
  g_return_val_if_fail (RD_IS_PORTFOLIO_VIEW (self), 0);

  return rd_account_model_get_n_total (self->accounts);
}

guint
rd_portfolio_view_get_n_visible (RdPortfolioView *self)
{
  g_return_val_if_fail (RD_IS_PORTFOLIO_VIEW (self), 0);

  return rd_account_model_get_n_matches (self->accounts);
}

RdPortfolioScope
rd_portfolio_view_get_scope (RdPortfolioView *self)
{
  g_return_val_if_fail (RD_IS_PORTFOLIO_VIEW (self), RD_PORTFOLIO_SCOPE_ALL);

  return self->scope;
}

void
rd_portfolio_view_set_scope (RdPortfolioView  *self,
                             RdPortfolioScope  scope)
{
  g_return_if_fail (RD_IS_PORTFOLIO_VIEW (self));

  if (self->scope == scope)
    return;

  self->scope = scope;
  update_quarter (self);
  /* This quarter: the riskiest first, then the largest; the whole book:
   * the most urgent first.  The list shows the old scope until the new
   * order comes, then its filter and order at once (apply_sort ()). */
  sort_by_column (self, scope == RD_PORTFOLIO_SCOPE_QUARTER ? COLUMN_RISK : COLUMN_DEADLINE);
  /* The quarter's summary leaves with its scope at once, and comes with
   * the quarter's list. */
  if (scope != RD_PORTFOLIO_SCOPE_QUARTER)
    update_totals (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCOPE]);
}

/**
 * rd_portfolio_view_get_shown_scope:
 *
 * The scope of the rows the list shows.  A new scope (set_scope ()) comes
 * once its order is sorted, on a worker: on a big book the list shows the
 * old scope's rows for a moment, and what names the list should follow
 * this, not the scope asked for.
 */
RdPortfolioScope
rd_portfolio_view_get_shown_scope (RdPortfolioView *self)
{
  g_return_val_if_fail (RD_IS_PORTFOLIO_VIEW (self), RD_PORTFOLIO_SCOPE_ALL);

  return self->shown_scope;
}

RdAccount *
rd_portfolio_view_lookup (RdPortfolioView *self,
                          const char      *id)
{
  g_return_val_if_fail (RD_IS_PORTFOLIO_VIEW (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (ensure_index (self), id);
}

RdAccount *
rd_portfolio_view_get_selected (RdPortfolioView *self)
{
  g_return_val_if_fail (RD_IS_PORTFOLIO_VIEW (self), NULL);

  return selected_account (self);
}

void
rd_portfolio_view_focus_search (RdPortfolioView *self)
{
  g_return_if_fail (RD_IS_PORTFOLIO_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
rd_portfolio_view_focus_list (RdPortfolioView *self)
{
  g_return_if_fail (RD_IS_PORTFOLIO_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

void
rd_portfolio_view_set_search_text (RdPortfolioView *self,
                                   const char      *text)
{
  g_return_if_fail (RD_IS_PORTFOLIO_VIEW (self));

  /* Apply now rather than after the entry's search delay. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  set_needle (self, text);
}

/* A keystroke every BENCH_PAUSE_MS, like a quick typist: long enough for
 * the frame clock to be idle when the key comes, so what is measured is
 * the work the key causes, not waiting for the next frame slot. */
#define BENCH_PAUSE_MS 50
#define BENCH_FRAME_TIMEOUT_MS 2000

typedef struct
{
  RdPortfolioView *self;
  GMainLoop       *loop;
  GdkFrameClock   *clock;
  guint            index;
  guint            timeout_id;
  gint64           start;
  gint64           filtered;
  gint64           start_cpu;
  gint64           filtered_cpu;  /* the main thread's CPU time at these points */
  gint64           laid_out_cpu;
  gint64           painted_cpu;
} SearchBench;

/* The main thread's CPU time: on a busy machine the wall time of a
 * keystroke also counts the other processes' turns. */
static gint64
bench_thread_cpu_us (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* Realistic typing: growing prefixes, a correction, and a clear. */
static const char * const bench_keystrokes[] = {
  "a", "ab", "abc", "ab", "a", "",
  "n", "no", "nor", "nort", "north",
  "s", "so", "sof", "soft", "softw",
  "g", "gr", "gro", "group", "",
};

static gboolean bench_type_next_cb (gpointer data);

static void
bench_finish_keystroke (SearchBench *bench,
                        gboolean     painted)
{
  gint64 now = g_get_monotonic_time ();

  /* "search-ms": from setting the text to the end of the frame that shows
   * the result (layout and paint included).  "search-filter-ms": the part
   * until the model had been updated. */
  g_print ("search-typed \"%s\"\n", bench_keystrokes[bench->index]);
  g_print ("search-ms %.3f\n", (now - bench->start) / 1000.0);
  g_print ("search-filter-ms %.3f\n", (bench->filtered - bench->start) / 1000.0);
  g_print ("search-cpu-ms %.3f\n", (bench_thread_cpu_us () - bench->start_cpu) / 1000.0);
  /* Where that CPU time went: the model, the frame's layout, its paint
   * (snapshot and rendering); the rest is other work in between. */
  if (painted && bench->laid_out_cpu != 0)
    g_print ("search-cpu-split-ms filter %.3f layout %.3f paint %.3f\n",
             (bench->filtered_cpu - bench->start_cpu) / 1000.0,
             (bench->laid_out_cpu - bench->start_cpu) / 1000.0,
             (bench->painted_cpu - bench->start_cpu) / 1000.0);
  if (!painted)
    g_print ("search-no-frame %u\n", bench->index);

  bench->start = 0;
  bench->index++;
  g_clear_handle_id (&bench->timeout_id, g_source_remove);
  bench->timeout_id = g_timeout_add (BENCH_PAUSE_MS, bench_type_next_cb, bench);
}

static void
on_bench_layout_cb (GdkFrameClock *clock,
                    SearchBench   *bench)
{
  if (bench->start != 0)
    bench->laid_out_cpu = bench_thread_cpu_us ();
}

static void
on_bench_paint_cb (GdkFrameClock *clock,
                   SearchBench   *bench)
{
  if (bench->start != 0)
    {
      /* A frame that only painted (nothing to lay out). */
      if (bench->laid_out_cpu == 0)
        bench->laid_out_cpu = bench->filtered_cpu;
      bench->painted_cpu = bench_thread_cpu_us ();
    }
}

static void
on_bench_after_paint_cb (GdkFrameClock *clock,
                         SearchBench   *bench)
{
  if (bench->start != 0)
    bench_finish_keystroke (bench, TRUE);
}

static gboolean
bench_frame_timeout_cb (gpointer data)
{
  SearchBench *bench = data;

  bench->timeout_id = 0;
  bench_finish_keystroke (bench, FALSE);
  return G_SOURCE_REMOVE;
}

static gboolean
bench_type_next_cb (gpointer data)
{
  SearchBench *bench = data;
  GListModel *model = G_LIST_MODEL (bench->self->selection);

  bench->timeout_id = 0;
  if (bench->index == G_N_ELEMENTS (bench_keystrokes))
    {
      g_main_loop_quit (bench->loop);
      return G_SOURCE_REMOVE;
    }

  bench->start = g_get_monotonic_time ();
  bench->start_cpu = bench_thread_cpu_us ();
  /* As if typed: the entry's "changed" handler filters synchronously. */
  gtk_editable_set_text (GTK_EDITABLE (bench->self->search_entry),
                         bench_keystrokes[bench->index]);
  (void) g_list_model_get_n_items (model);
  bench->filtered = g_get_monotonic_time ();
  bench->filtered_cpu = bench_thread_cpu_us ();
  bench->laid_out_cpu = 0;
  bench->timeout_id = g_timeout_add (BENCH_FRAME_TIMEOUT_MS, bench_frame_timeout_cb, bench);

  return G_SOURCE_REMOVE;
}

/* Not inlined: the keystrokes alone can be profiled by this name
 * (valgrind --tool=callgrind --toggle-collect=run_search_benchmark). */
static G_GNUC_NO_INLINE void
run_search_benchmark (RdPortfolioView *self)
{
  SearchBench bench = { 0 };
  gulong handler, layout_handler, paint_handler;

  bench.clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (bench.clock == NULL)
    {
      g_warning ("Search benchmark: the portfolio is not realized");
      return;
    }

  /* The caller quits the application when this returns, so run the
   * keystrokes, each waiting for its frame, in a nested loop. */
  bench.self = self;
  bench.loop = g_main_loop_new (NULL, FALSE);
  handler = g_signal_connect (bench.clock, "after-paint", G_CALLBACK (on_bench_after_paint_cb),
                              &bench);
  /* After GTK's own handlers of these phases. */
  layout_handler = g_signal_connect_after (bench.clock, "layout", G_CALLBACK (on_bench_layout_cb),
                                           &bench);
  paint_handler = g_signal_connect_after (bench.clock, "paint", G_CALLBACK (on_bench_paint_cb),
                                          &bench);
  bench.timeout_id = g_timeout_add (BENCH_PAUSE_MS, bench_type_next_cb, &bench);
  g_main_loop_run (bench.loop);
  g_clear_handle_id (&bench.timeout_id, g_source_remove);
  g_signal_handler_disconnect (bench.clock, handler);
  g_signal_handler_disconnect (bench.clock, layout_handler);
  g_signal_handler_disconnect (bench.clock, paint_handler);
  g_main_loop_unref (bench.loop);
}

static void
on_bench_complete_cb (RdPortfolioView *self,
                      GParamSpec      *pspec,
                      GMainLoop       *loop)
{
  if (self->complete)
    g_main_loop_quit (loop);
}

void
rd_portfolio_view_run_search_benchmark (RdPortfolioView *self)
{
  g_return_if_fail (RD_IS_PORTFOLIO_VIEW (self));

  /* The first frame shows a preview: search the whole book. */
  if (!self->complete)
    {
      g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
      gulong handler = g_signal_connect (self, "notify::complete",
                                         G_CALLBACK (on_bench_complete_cb), loop);

      g_main_loop_run (loop);
      g_signal_handler_disconnect (self, handler);
    }

  /* Then let the frame that lays out the whole book be painted, so that
   * the first keystroke is not charged with it. */
  if (gtk_widget_get_frame_clock (GTK_WIDGET (self)) != NULL)
    {
      g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
      gulong handler = g_signal_connect_swapped (clock, "after-paint",
                                                 G_CALLBACK (g_main_loop_quit), loop);
      guint timeout = g_timeout_add_once (BENCH_FRAME_TIMEOUT_MS, (GSourceOnceFunc) g_main_loop_quit,
                                          loop);

      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_main_loop_run (loop);
      g_signal_handler_disconnect (clock, handler);
      g_clear_handle_id (&timeout, g_source_remove);
    }

  run_search_benchmark (self);
}

/* For tests ---------------------------------------------------------------- */

GtkColumnView *
_rd_portfolio_view_get_column_view (RdPortfolioView *self)
{
  return self->column_view;
}

GtkSearchEntry *
_rd_portfolio_view_get_search_entry (RdPortfolioView *self)
{
  return self->search_entry;
}

GListModel *
_rd_portfolio_view_get_model (RdPortfolioView *self)
{
  return G_LIST_MODEL (self->selection);
}

RdAccount *
_rd_portfolio_view_get_account (RdPortfolioView *self,
                                guint            position)
{
  return rd_account_model_get_account (self->accounts, position);
}

GtkWidget *
_rd_portfolio_view_get_no_results_page (RdPortfolioView *self)
{
  return self->no_results_page;
}

gboolean
_rd_portfolio_view_is_sorting (RdPortfolioView *self)
{
  return self->sorting;
}

gboolean
_rd_portfolio_view_is_growing (RdPortfolioView *self)
{
  return rd_account_model_get_growing (self->accounts);
}
