/* rd-test-session.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A private D-Bus session per test binary, so that a test needing a
 * session service (the Secret Service, a notification daemon) passes
 * alone, in any order and in parallel with others: nothing it starts is
 * seen by another test, and nothing another test left running answers it.
 *
 * rd_test_session_init() re-executes the binary under dbus-run-session
 * (once; an environment variable marks the second run) with its own
 * XDG_RUNTIME_DIR, HOME and XDG_DATA_HOME; call it first thing in main().
 * rd_test_session_start_keyring() then starts gnome-keyring-daemon with a
 * fresh, unlocked login keyring on that bus and waits until
 * org.freedesktop.secrets is owned; rd_test_session_stop() ends what was
 * started and removes the directories.  Fails, never skips, when
 * dbus-run-session or gnome-keyring-daemon is missing (tools/deps.txt).
 */
void rd_test_session_init          (int    argc,
                                    char **argv);
void rd_test_session_start_keyring (void);
void rd_test_session_stop          (void);

G_END_DECLS
