/* bare-window.c
 *
 * Copyright 2024 The Renewal Desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The baselines of bench/startup: the cheapest GTK 4 program that shows a window
 * and, built with BARE_ADWAITA (bare-adw-window), the cheapest libadwaita one: an
 * AdwApplicationWindow with a header bar, the platform Renewal Desk is made on
 * (libadwaita's stylesheet and its start-up replace GTK's own).
 * It prints "first-frame-ms <ms>" (from the start of main) and
 * "first-frame-cpu-ms <ms>" (the process's CPU time) once its first frame
 * has been painted, then quits, exactly as Renewal Desk does with
 * RD_BENCH_FIRST_FRAME=1. */

#define G_LOG_DOMAIN "bare-window"

#ifdef BARE_ADWAITA
#include <adwaita.h>
#else
#include <gtk/gtk.h>
#endif
#include <stdio.h>
#include <time.h>

static gint64 start_us;

static void
on_frame_clock_after_paint_cb (GdkFrameClock *clock,
                               GtkWindow     *window)
{
  g_assert (GDK_IS_FRAME_CLOCK (clock));

  struct timespec cpu = { 0 };

  printf ("first-frame-ms %.1f\n", (g_get_monotonic_time () - start_us) / 1000.0);
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu);
  printf ("first-frame-cpu-ms %.1f\n", cpu.tv_sec * 1000.0 + cpu.tv_nsec / 1e6);
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, on_frame_clock_after_paint_cb, window);
  gtk_window_destroy (window);
}

static void
on_window_realize_cb (GtkWidget *window,
                      gpointer   user_data)
{
  g_assert (GTK_IS_WINDOW (window));

  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_frame_clock_after_paint_cb), window);
}

static void
on_activate_cb (GtkApplication *app,
                gpointer        user_data)
{
  GtkWidget *label = gtk_label_new ("Hello, renewals.");
#ifdef BARE_ADWAITA
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_vexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), label);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
#else
  GtkWidget *window = gtk_application_window_new (app);

  gtk_window_set_child (GTK_WINDOW (window), label);
#endif

  gtk_window_set_title (GTK_WINDOW (window), "Bare Window");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = NULL;

  start_us = g_get_monotonic_time ();
#ifdef BARE_ADWAITA
  app = GTK_APPLICATION (adw_application_new ("org.renewaldesk.RenewalDesk.BenchBareWindow",
                                              G_APPLICATION_NON_UNIQUE));
#else
  app = gtk_application_new ("org.renewaldesk.RenewalDesk.BenchBareWindow",
                             G_APPLICATION_NON_UNIQUE);
#endif
  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
