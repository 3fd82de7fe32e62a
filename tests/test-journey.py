#!/usr/bin/python3
# test-journey.py: one user's journey through the real app, driven through its
# accessibility tree.
#
# Copyright 2026 The Renewal Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts build/src/renewal-desk (RD_BINARY) with --db on an empty database and
# drives it as an assistive technology would: it finds widgets by role and
# accessible name through AT-SPI (python3-pyatspi), presses them with AT-SPI
# actions, clicks text fields with the pointer and types with the keyboard
# (xdotool on the X display).  After every step it checks that the app is
# still running and reads the SQLite database to see that what the user did
# was stored (or, for Cancel and Escape, was not).  Every visible button in
# the main window and in each dialog must have an accessible name.
#
# TAP output, one case per step.  It never skips: without an accessibility
# bus, an X display or a D-Bus session it fails and says why.
#
# Running it alone: `meson test -C build --suite journey`.  Without a display
# it runs itself again under xvfb-run, without a session bus under
# dbus-run-session.  The accessibility bus (org.a11y.Bus, at-spi2-core) is
# started by D-Bus activation on the session bus; at the end the test stops
# every service that appeared on the session bus while it ran (the bus
# launcher with its AT-SPI registry, dconf, the Secret Service the app asks
# for), and leaves alone those that ran before.
#
# Keys go to the X server through XTEST (`xdotool key` and `xdotool type`,
# after `xdotool windowfocus` on the app's window: there is no window
# manager); clicks on text fields too, at the place AT-SPI reports.  Buttons
# are pressed through their AT-SPI "click" action.
#
# GTK 4.8 can crash (SIGSEGV after "g_variant_new_object_path: assertion
# failed") when an AT-SPI client lists the application's windows while one is
# being created or destroyed, so the test watches windows come and go on the
# X server and lists them through AT-SPI only once they are mapped; see
# Harness.window().  RD_JOURNEY_GDB=1 runs the app under gdb, so that a
# crash leaves a backtrace in journey-app.log.
#
# Screenshots of the key steps go to journey-*.png in the build's tests
# directory (G_TEST_BUILDDIR), with the printed journey-summary.pdf, the
# database as the journey left it (journey.db) and the app's output
# (journey-app.log); a failed step adds journey-failed-N-tree.txt, the
# accessibility tree at that moment.
#
# /usr/bin/python3 on purpose: pyatspi and PyGObject come from Debian
# packages (tools/deps.txt) and a python3 earlier on PATH may lack them.
#
# The account's activity log (table `activity`: calls, mails, meetings and
# notes the user logs, with how the customer answered) is walked from the
# overview, the History section and the delay editor.  It is not a record of
# changes: those are the store's `event` rows, listed in History.
#
# TODO(journey): check that the History list names each change the journey
# made (stakeholders added, owner changed, delay logged, closed, reopened).

import datetime
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SCREEN = '1280x800x24'


TAP_LINE = re.compile(r'^(ok|not ok|1\.\.\d|#|Bail out!)')


def rerun_under(prefix, guard):
    """Runs this test again under xvfb-run or dbus-run-session.  Services the
    session bus starts write to its stdout: only TAP lines go to ours."""
    env = dict(os.environ, **{guard: '1'})
    child = subprocess.Popen(prefix + [sys.executable, os.path.abspath(__file__)] + sys.argv[1:],
                             env=env, stdout=subprocess.PIPE, text=True, errors='replace')
    signal.signal(signal.SIGTERM, lambda *_: child.terminate())
    for line in child.stdout:
        (sys.stdout if TAP_LINE.match(line) else sys.stderr).write(line)
        sys.stdout.flush()
    sys.exit(child.wait())


# Without a display or a session bus, run again under them (as tools/test does).
if not os.environ.get('DBUS_SESSION_BUS_ADDRESS') and not os.environ.get('RD_JOURNEY_DBUS'):
    rerun_under(['dbus-run-session', '--'], 'RD_JOURNEY_DBUS')
if not os.environ.get('DISPLAY') and not os.environ.get('RD_JOURNEY_XVFB'):
    rerun_under(['xvfb-run', '-a', '-s', '-screen 0 ' + SCREEN], 'RD_JOURNEY_XVFB')

import gi  # noqa: E402

gi.require_version('Gio', '2.0')
from gi.repository import Gio, GLib  # noqa: E402

# Names that GTK 4.8 falls back to when a widget has no accessible name: the
# type name of the widget or of its only child ("GtkImage" for an icon button).
TYPE_NAME = re.compile(r'^(Gtk|Adw|Rd)[A-Z][A-Za-z]*$')
BUTTON_ROLES = ('push button', 'toggle button', 'menu button', 'split button')
# Buttons inside these toolkit widgets are the toolkit's own, which the app's
# .ui files cannot name: reported as notes, not failures.
TOOLKIT_OWNED = {
    'AdwToastWidget': "libadwaita 1.2's toast close button has no accessible name",
}


def parent_pid(pid):
    try:
        with open(f'/proc/{pid}/stat', encoding='utf-8') as f:
            return int(f.read().rsplit(')', 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def stop_process(pid):
    """Terminates a process that is not our child (no wait()): watches /proc."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 10
    while os.path.exists(f'/proc/{pid}') and time.monotonic() < deadline:
        time.sleep(0.1)
    if os.path.exists(f'/proc/{pid}'):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


class StepFailed(Exception):
    pass


class Harness:
    def __init__(self):
        self.binary = os.environ.get('RD_BINARY') or os.path.join(HERE, '..', 'build', 'src', 'renewal-desk')
        self.outdir = os.environ.get('G_TEST_BUILDDIR') or os.getcwd()
        self.work = tempfile.mkdtemp(prefix='rd-journey-')
        self.db_path = os.path.join(self.work, 'journey.db')
        self.home = os.path.join(self.work, 'home')
        self.app = None
        self.app_log = None
        self.a11y_pid = None          # the bus launcher, when this test started it
        self.a11y_address = None
        self.services_before = {}
        self.pyatspi = None
        self.app_acc = None
        self.account_id = None
        self.account_name = None
        self.activity_id = None       # the activity logged from the overview
        self.offenders = {}           # "where: role 'name'" -> first step that saw it, places
        self.toolkit_offenders = set()
        self.step_name = ''
        self.shots = []
        self.settled = set()          # windows mapped long enough to list
        self.cached = {}
        self.today = datetime.date.today().isoformat()

    # Processes --------------------------------------------------------------

    def session_bus(self):
        return Gio.bus_get_sync(Gio.BusType.SESSION, None)

    def bus_call(self, bus, name, path, iface, method, args, reply):
        return bus.call_sync(name, path, iface, method, args, GLib.VariantType(reply),
                             Gio.DBusCallFlags.NONE, 10000, None).unpack()

    def bus_services(self, bus):
        """The well-known names on a bus, with the process id of each owner."""
        dbus = ('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus')
        (names,) = self.bus_call(bus, *dbus, 'ListNames', None, '(as)')
        owners = {}
        for name in names:
            if name.startswith(':') or name == 'org.freedesktop.DBus':
                continue
            try:
                (owners[name],) = self.bus_call(bus, *dbus, 'GetConnectionUnixProcessID',
                                                GLib.Variant('(s)', (name,)), '(u)')
            except GLib.Error:
                pass
        return owners

    def start_a11y_bus(self):
        """Makes sure org.a11y.Bus runs on the session bus and returns its address.

        D-Bus activation starts at-spi-bus-launcher (at-spi2-core), which starts
        the accessibility bus; the AT-SPI registry is activated on that bus by
        the first client.  If this test started the launcher it stops it again
        in stop(), and the accessibility bus and registry go with it."""
        bus = self.session_bus()
        self.services_before = self.bus_services(bus)
        dbus = ('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus')
        (running,) = self.bus_call(bus, *dbus, 'NameHasOwner', GLib.Variant('(s)', ('org.a11y.Bus',)), '(b)')
        if not running:
            self.bus_call(bus, *dbus, 'StartServiceByName', GLib.Variant('(su)', ('org.a11y.Bus', 0)), '(u)')
            (self.a11y_pid,) = self.bus_call(bus, *dbus, 'GetConnectionUnixProcessID',
                                             GLib.Variant('(s)', ('org.a11y.Bus',)), '(u)')
        (address,) = self.bus_call(bus, 'org.a11y.Bus', '/org/a11y/bus', 'org.a11y.Bus', 'GetAddress',
                                   None, '(s)')
        if not address:
            raise StepFailed('org.a11y.Bus answered GetAddress with no address')
        self.a11y_address = address
        # Enabled for every toolkit on this session (GTK 4 does not need it; GTK 3 would).
        try:
            bus.call_sync('org.a11y.Bus', '/org/a11y/bus', 'org.freedesktop.DBus.Properties', 'Set',
                          GLib.Variant('(ssv)', ('org.a11y.Status', 'IsEnabled', GLib.Variant('b', True))),
                          None, Gio.DBusCallFlags.NONE, 10000, None)
        except GLib.Error:
            pass
        return address

    def start(self):
        # This run's screenshots and reports only.
        for f in os.listdir(self.outdir):
            if re.match(r'^journey-(\d\d-.*\.png|failed-\d+-tree\.txt|app\.log|summary\.pdf)$|^journey\.db$', f):
                os.remove(os.path.join(self.outdir, f))
        for d in ('home', 'data', 'config', 'cache', 'state', 'runtime'):
            os.makedirs(os.path.join(self.work, d), mode=0o700, exist_ok=True)
        # Settings through a keyfile: no reminder notifications (they would
        # activate a notification daemon on the session bus) and no weekly
        # update reminder.
        settings_dir = os.path.join(self.work, 'config', 'glib-2.0', 'settings')
        os.makedirs(settings_dir)
        with open(os.path.join(settings_dir, 'keyfile'), 'w', encoding='utf-8') as f:
            f.write('[org/renewaldesk/RenewalDesk]\nnotify-reminders=false\nweekly-update-enabled=false\n')

        missing = [p for p in ('xdotool', 'import', 'pdftotext') if shutil.which(p) is None]
        if missing:
            raise StepFailed(f'missing programs: {", ".join(missing)} (xdotool, imagemagick, poppler-utils: '
                             'tools/deps.txt)')
        try:
            address = self.start_a11y_bus()
        except GLib.Error as e:
            raise StepFailed('no accessibility bus: org.a11y.Bus could not be started by D-Bus activation on '
                             f'the session bus (at-spi2-core, tools/deps.txt): {e.message}')
        os.environ['AT_SPI_BUS_ADDRESS'] = address
        try:
            import pyatspi  # after AT_SPI_BUS_ADDRESS: it connects on import
        except ImportError as e:
            raise StepFailed(f'cannot import pyatspi ({e}): python3-pyatspi and gir1.2-atspi-2.0 '
                             '(tools/deps.txt) for /usr/bin/python3')
        self.pyatspi = pyatspi

        env = dict(os.environ)
        env.pop('NO_AT_BRIDGE', None)
        env.update({
            'GTK_A11Y': 'atspi',          # tests/meson.build sets "test" for the widget tests
            'GDK_BACKEND': 'x11',
            'GSK_RENDERER': 'cairo',
            'LC_ALL': 'C.UTF-8',
            'LANGUAGE': '',
            'HOME': self.home,
            'XDG_DATA_HOME': os.path.join(self.work, 'data'),
            'XDG_CONFIG_HOME': os.path.join(self.work, 'config'),
            'XDG_CACHE_HOME': os.path.join(self.work, 'cache'),
            'XDG_STATE_HOME': os.path.join(self.work, 'state'),
            'GSETTINGS_BACKEND': 'keyfile',
        })
        env.setdefault('XDG_RUNTIME_DIR', os.path.join(self.work, 'runtime'))
        if 'GSETTINGS_SCHEMA_DIR' not in env:
            env['GSETTINGS_SCHEMA_DIR'] = os.path.join(os.path.dirname(self.binary), '..', 'data')
        env.pop('RENEWAL_DESK_DB', None)
        self.app_log_path = os.path.join(self.outdir, 'journey-app.log')
        argv = [self.binary, '--db', self.db_path]
        if os.environ.get('RD_JOURNEY_GDB'):
            # A backtrace in journey-app.log if the app crashes.
            argv = ['gdb', '-q', '-batch', '-ex', 'run', '-ex', 'bt 40', '--args'] + argv
        self.argv, self.env = argv, env
        try:
            self.launch(argv, env)
        except StepFailed:
            # Once in several runs of the whole suite (61 tests sharing one
            # Xvfb) the app could not open the display at start, and every
            # step failed.  That is the test bed, not the app: say so, and
            # start it once more.
            if self.app.returncode != 1 or 'Cannot open the display' not in self.log_tail():
                raise
            print(f'# the app could not open the display {os.environ.get("DISPLAY")!r}; '
                  f'X server: {self.x_server_state()}; starting it once more', flush=True)
            time.sleep(1)
            self.launch(argv, env)
        self.app_pid = self.app_acc.get_process_id()
        main = self.wait_for(lambda: self.window(MAIN), 30, 'the main window in the AT-SPI tree')
        self.cached[MAIN] = main      # it stays for the whole run

    def relaunch(self):
        """Starts the app again, as start() did, once it has quit."""
        self.cached.clear()
        self.settled.clear()
        self.launch(self.argv, self.env)
        self.app_pid = self.app_acc.get_process_id()
        main = self.wait_for(lambda: self.window(MAIN), 30, 'the main window in the AT-SPI tree')
        self.cached[MAIN] = main

    def launch(self, argv, env):
        if self.app_log is not None:
            self.app_log.close()
        self.app_log = open(self.app_log_path, 'w', encoding='utf-8')
        # In its own home folder: GTK's file printer writes output.pdf into the
        # documents folder or, with none, the current one.
        self.app = subprocess.Popen(argv, env=env, cwd=self.home,
                                    stdout=self.app_log, stderr=subprocess.STDOUT)
        self.app_acc = self.wait_for(self.find_app, 30,
                                     'the app on the AT-SPI desktop (is the accessibility bus up? '
                                     'GTK_A11Y=atspi?)')

    @staticmethod
    def x_server_state():
        """Whether the X server answers a client now, for the log."""
        try:
            out = subprocess.run(['xdotool', 'getdisplaygeometry'], capture_output=True, text=True,
                                 timeout=10)
        except (OSError, subprocess.TimeoutExpired) as e:
            return f'no answer ({e})'
        return (f'answers ({out.stdout.strip()})' if out.returncode == 0
                else f'refuses ({out.stderr.strip() or out.returncode})')

    def stop(self):
        if self.app is not None and self.app.poll() is None:
            self.app.terminate()
            try:
                self.app.wait(10)
            except subprocess.TimeoutExpired:
                self.app.kill()
                self.app.wait()
        if self.app_log is not None:
            self.app_log.close()
        # What D-Bus activation started for this test: the accessibility bus
        # launcher (its bus and the AT-SPI registry on it), and whatever the
        # app or the launcher activated (dconf, the Secret Service...).
        # Services that ran before the test keep running.
        pids = []
        try:
            if self.a11y_pid:
                a11y = Gio.DBusConnection.new_for_address_sync(
                    self.a11y_address, Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
                    | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
                pids += self.bus_services(a11y).values()
                a11y.close_sync(None)
            before = set(self.services_before.values())
            pids += [pid for name, pid in self.bus_services(self.session_bus()).items()
                     if name not in self.services_before and pid not in before]
        except GLib.Error as e:
            print(f'# could not list the services to stop: {e.message}', file=sys.stderr)
        for pid in dict.fromkeys(p for p in pids if p and p != os.getpid()):
            stop_process(pid)
        if os.path.exists(self.db_path):
            try:
                con = sqlite3.connect(self.db_path)
                con.execute('VACUUM INTO ?', (os.path.join(self.outdir, 'journey.db.tmp'),))
                con.close()
                os.replace(os.path.join(self.outdir, 'journey.db.tmp'), os.path.join(self.outdir, 'journey.db'))
            except (sqlite3.Error, OSError) as e:
                print(f'# could not keep a copy of the database: {e}', file=sys.stderr)
        shutil.rmtree(self.work, ignore_errors=True)

    def alive(self):
        if self.app.poll() is not None:
            code = self.app.returncode
            how = f'killed by signal {-code} ({signal.Signals(-code).name})' if code < 0 else f'exit status {code}'
            raise StepFailed(f'the app is not running any more: {how}; its output:\n' + self.log_tail())

    def log_tail(self, n=30):
        try:
            with open(self.app_log_path, encoding='utf-8', errors='replace') as f:
                return ''.join(f.readlines()[-n:])
        except OSError:
            return ''

    # Waiting ----------------------------------------------------------------

    def wait_for(self, predicate, timeout, what):
        deadline = time.monotonic() + timeout
        last_error = None
        while True:
            if self.app is not None:
                self.alive()
            try:
                value = predicate()
                if value:
                    return value
            except StepFailed:
                raise
            except Exception as e:  # AT-SPI objects go stale while the tree changes
                last_error = e
            if time.monotonic() > deadline:
                raise StepFailed(f'timed out after {timeout} s waiting for {what}'
                                 + (f' (last error: {last_error})' if last_error else ''))
            time.sleep(0.1)

    # The accessibility tree -------------------------------------------------

    def find_app(self):
        desktop = self.pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            acc = desktop.getChildAtIndex(i)
            if acc is not None and self.app.pid in (acc.get_process_id(), parent_pid(acc.get_process_id())):
                return acc
        return None

    def windows(self):
        return [self.app_acc.getChildAtIndex(i) for i in range(self.app_acc.childCount)]

    def window(self, name):
        """The toplevel called name, or None.

        Asks the X server first and reads the application's children only
        once the window is mapped: GTK 4.8 can crash (SIGSEGV after
        "g_variant_new_object_path: assertion ... failed") when an AT-SPI
        client lists the application's windows while one is being created or
        destroyed, and polling that list through a dialog's life hits it."""
        if name in self.cached:
            return self.cached[name]
        if not self.x_windows(name):
            return None
        if name not in self.settled:
            time.sleep(0.5)
            self.settled.add(name)
        for w in self.windows():
            if w is not None and w.name == name:
                return w
        return None

    def window_gone(self, name):
        """True once no window of that name is mapped (X only, see window())."""
        self.settled.discard(name)
        return not self.x_windows(name)

    def walk(self, acc, newest_first=False):
        """Every accessible under acc, depth first.  newest_first visits the
        last child first: a toast is the toast overlay's last child, and the
        overlay is the window's content, so a toast is found in a few calls
        instead of after the whole page (toasts go away by themselves)."""
        yield acc
        indices = range(acc.childCount)
        for i in reversed(indices) if newest_first else indices:
            child = acc.getChildAtIndex(i)
            if child is not None:
                yield from self.walk(child, newest_first)

    def extents(self, acc):
        try:
            e = acc.queryComponent().getExtents(self.pyatspi.WINDOW_COORDS)
        except NotImplementedError:
            return None
        return (e.x, e.y, e.width, e.height)

    def shown(self, acc):
        """Visible and allocated: GTK 4.8 reports STATE_VISIBLE from the visible
        property and an empty size for what was never laid out."""
        if not acc.getState().contains(self.pyatspi.STATE_VISIBLE):
            return False
        e = self.extents(acc)
        return e is None or (e[2] > 0 and e[3] > 0)

    def find(self, root, role=None, name=None, description=None, pred=None, newest_first=False):
        for acc in self.walk(root, newest_first):
            if role is not None and acc.getRoleName() != role:
                continue
            if name is not None and not (name(acc.name) if callable(name) else acc.name == name):
                continue
            if description is not None and acc.description != description:
                continue
            if pred is not None and not pred(acc):
                continue
            if not self.shown(acc):
                continue
            return acc
        return None

    def count_children(self, acc, role):
        return sum(1 for i in range(acc.childCount)
                   if acc.getChildAtIndex(i) is not None and acc.getChildAtIndex(i).getRoleName() == role
                   and self.shown(acc.getChildAtIndex(i)))

    def need(self, root, what, timeout=10, **kw):
        return self.wait_for(lambda: self.find(root, **kw), timeout, what)

    def press(self, acc, action=None):
        """Activates a widget through its AT-SPI action, as a screen reader does."""
        a = acc.queryAction()
        names = [a.getName(i) for i in range(a.nActions)]
        index = 0 if action is None else names.index(action)
        if not a.doAction(index):
            raise StepFailed(f'{acc.getRoleName()} {acc.name!r} refused its action {names[index]!r}')

    # The X display ----------------------------------------------------------

    def xdotool(self, *args):
        r = subprocess.run(['xdotool', *args], capture_output=True, text=True, timeout=30)
        if r.returncode != 0:
            raise StepFailed(f'xdotool {" ".join(args)} failed: {r.stderr.strip()}')
        return r.stdout.strip()

    def x_windows(self, title):
        """The mapped X windows of the app with this title."""
        return subprocess.run(['xdotool', 'search', '--all', '--onlyvisible', '--pid', str(self.app_pid),
                               '--name', '^' + re.escape(title) + '$'],
                              capture_output=True, text=True).stdout.split()

    def x_window(self, title):
        """The X window of the app's toplevel with this title (the newest one)."""
        ids = self.x_windows(title)
        if not ids:
            raise StepFailed(f'no X window titled {title!r}')
        return ids[-1]

    def focus_window(self, title):
        self.xdotool('windowfocus', '--sync', self.x_window(title))

    def key(self, window_title, *keys):
        """Presses keys (xdotool names, e.g. ctrl+l) in the window with this title."""
        self.focus_window(window_title)
        self.xdotool('key', '--clearmodifiers', '--delay', '60', *keys)

    def type_text(self, window_title, text):
        self.focus_window(window_title)
        self.xdotool('type', '--clearmodifiers', '--delay', '20', text)

    def click(self, window_title, acc):
        """Clicks the middle of a widget with the pointer."""
        e = self.extents(acc)
        if e is None or e[2] <= 0:
            raise StepFailed(f'{acc.getRoleName()} {acc.name!r} has no place on screen')
        win = self.x_window(window_title)
        geometry = dict(line.split('=', 1) for line in
                        self.xdotool('getwindowgeometry', '--shell', win).splitlines())
        x = int(geometry['X']) + e[0] + e[2] // 2
        y = int(geometry['Y']) + e[1] + e[3] // 2
        if not (0 <= e[1] + e[3] // 2 < int(geometry['HEIGHT'])):
            raise StepFailed(f'{acc.getRoleName()} {acc.name!r} is scrolled out of the window')
        self.focus_window(window_title)
        # Not "mousemove --sync": it waits for a motion that never comes when
        # the pointer is already there.
        self.xdotool('mousemove', str(x), str(y), 'click', '1')

    def scroll_to(self, window_title, acc, what):
        """Turns the mouse wheel over the window, as a user scrolls, until the
        widget is inside it."""
        win = self.x_window(window_title)
        for _ in range(60):
            geometry = dict(line.split('=', 1) for line in
                            self.xdotool('getwindowgeometry', '--shell', win).splitlines())
            e = self.extents(acc)
            if e is None or e[2] <= 0:
                raise StepFailed(f'{what} has no place on screen')
            height = int(geometry['HEIGHT'])
            if e[1] >= 0 and e[1] + e[3] <= height:
                return
            x = int(geometry['X']) + e[0] + e[2] // 2
            y = int(geometry['Y']) + height // 2
            self.xdotool('mousemove', str(x), str(y), 'click', '5' if e[1] + e[3] > height else '4')
            time.sleep(0.1)
        raise StepFailed(f'{what} stays out of the window after scrolling')

    def dump_tree(self, path):
        """Writes the app's accessibility tree (what is shown) for a failure report."""
        with open(path, 'w', encoding='utf-8') as f:
            def dump(acc, depth):
                try:
                    if depth > 0 and not self.shown(acc):
                        return
                    f.write(f'{"  " * depth}[{acc.getRoleName()}] {acc.name!r}'
                            + (f' ({acc.description!r})' if acc.description else '') + '\n')
                    for i in range(acc.childCount):
                        child = acc.getChildAtIndex(i)
                        if child is not None:
                            dump(child, depth + 1)
                except Exception as e:
                    f.write(f'{"  " * depth}(gone: {e})\n')
            dump(self.app_acc, 0)

    def screenshot(self, name):
        path = os.path.join(self.outdir, f'journey-{len(self.shots) + 1:02d}-{name}.png')
        r = subprocess.run(['import', '-window', 'root', path], capture_output=True, text=True)
        if r.returncode != 0:
            raise StepFailed(f'screenshot failed (imagemagick import): {r.stderr.strip()}')
        self.shots.append(path)

    # The database -----------------------------------------------------------

    def query(self, sql, *args):
        con = sqlite3.connect(self.db_path, timeout=10)
        try:
            con.row_factory = sqlite3.Row
            return [dict(r) for r in con.execute(sql, args)]
        finally:
            con.close()

    def wait_db(self, what, check, timeout=10):
        """Polls the database until check() returns a true value; the app writes
        on a worker thread, so a write lands a moment after the click."""
        return self.wait_for(check, timeout, what)

    def contacts(self):
        return sorted(r['name'] for r in self.query(
            'SELECT name FROM contact WHERE account_id = ? AND deleted = 0', self.account_id))

    def account(self):
        rows = self.query('SELECT * FROM account WHERE id = ?', self.account_id)
        return rows[0] if rows else None

    # Accessible names -------------------------------------------------------

    def audit_names(self, where, root):
        """Records every shown button under root without an accessible name."""
        def visit(acc, path):
            role = acc.getRoleName()
            check = role == 'combo box' or (role in BUTTON_ROLES and path[-1][0] != 'combo box')
            if check and self.shown(acc):
                name = (acc.name or '').strip()
                if not name or TYPE_NAME.match(name):
                    # Where it is: the nearest ancestors with a name of their own.
                    near = [f"{r} {n!r}" for r, n in path if n and not TYPE_NAME.match(n)][-2:]
                    tip = f', tooltip {acc.description!r}' if acc.description else ''
                    key = f'{where}: {role} named {name!r}{tip}'
                    owner = next((TOOLKIT_OWNED[n] for _, n in path if n in TOOLKIT_OWNED), None)
                    if owner:
                        self.toolkit_offenders.add(owner)
                        return
                    seen = self.offenders.setdefault(key, {'step': self.step_name, 'places': []})
                    place = ' > '.join(near) or 'the window'
                    if place not in seen['places']:
                        seen['places'].append(place)
            for i in range(acc.childCount):
                child = acc.getChildAtIndex(i)
                if child is not None:
                    visit(child, path + [(role, acc.name)])
        visit(root, [('', '')])

    def dismiss_dialogs(self):
        """After a failed step: Escape on each dialog it left open, so that the
        next step starts on the main window and fails, if it does, on its own."""
        for title in LEFTOVER_DIALOGS:
            for _ in range(3):
                if not self.x_windows(title):
                    break
                self.key(title, 'Escape')
                time.sleep(0.5)
            self.settled.discard(title)

    def audit_all(self):
        """The main window; each step audits the dialogs it opens (see window())."""
        self.audit_names(MAIN, self.window(MAIN))


# The journey ------------------------------------------------------------------

MAIN = 'Renewal Desk'
# Dialogs a failed step may leave open, inner ones first (see dismiss_dialogs()).
LEFTOVER_DIALOGS = ['Log Activity', 'Edit Activity', 'Print', 'Add Stakeholder', 'Edit Stakeholder',
                    'Close as Lost', 'Reopen as New Opportunity', 'Log a Delay', 'Edit Delay', 'Preferences']


def open_account(h):
    win = h.window(MAIN)
    sample = h.need(win, 'the "Explore a Sample Portfolio" button on the empty start page', role='push button',
                    name=lambda n: 'Explore a Sample Portfolio' in n)
    h.audit_all()
    h.screenshot('empty')
    h.press(sample)
    h.wait_db('the sample portfolio in the database',
              lambda: h.query('SELECT count(*) AS n FROM account WHERE deleted = 0')[0]['n'] > 0, timeout=30)
    h.need(win, 'the portfolio table', role='tree table', name='Accounts', timeout=30)
    # The account with the most stakeholders, so the pencil has rows to edit.
    row = h.query('SELECT a.id, a.name, count(c.id) AS n FROM account a JOIN contact c ON c.account_id = a.id '
                  "WHERE a.deleted = 0 AND c.deleted = 0 AND a.status = 'active' "
                  'GROUP BY a.id ORDER BY n DESC, a.name LIMIT 1')[0]
    h.account_id, h.account_name = row['id'], row['name']
    h.audit_all()
    h.screenshot('portfolio')
    # Type into the search field (Ctrl+F) and press Enter: it opens the first match.
    h.key(MAIN, 'ctrl+f')
    h.need(win, 'the focused search field', role='entry', name='Search accounts',
           pred=lambda a: a.getState().contains(h.pyatspi.STATE_FOCUSED))
    # A search that matches nothing says so, then the name finds the account.
    h.type_text(MAIN, 'zzqqx')
    h.need(win, 'the "No Matching Accounts" page', role='label', name='No Matching Accounts')
    h.screenshot('no-results')
    h.key(MAIN, 'ctrl+a')
    h.type_text(MAIN, h.account_name)
    # The list's cells are drawn text cells (rd-text-cell.c): each still
    # reads as a label named by its text.
    table = h.need(win, 'the portfolio table', role='tree table', name='Accounts')
    h.need(table, f'the cell {h.account_name!r} in the portfolio table', role='label',
           name=h.account_name, pred=h.shown)
    h.key(MAIN, 'Return')
    h.need(win, f'the account page of {h.account_name!r}', role='label', name=h.account_name,
           pred=lambda a: h.extents(a)[1] < 47)   # the title in the header bar
    # It opens on the overview, with the focus on a button, not in a field.
    h.need(win, 'the overview\'s "What to Do Today"', role='label', name='What to Do Today')
    focused = h.wait_for(lambda: h.find(win, pred=lambda a: a.getState().contains(h.pyatspi.STATE_FOCUSED)),
                         10, 'a focused widget on the account page')
    if focused.getRoleName() != 'push button':
        raise StepFailed(f'the account page opened with the focus on a {focused.getRoleName()} '
                         f'{focused.name!r}, not on one of the overview\'s buttons')
    h.audit_all()
    h.screenshot('account')


def outside_tabs(acc):
    """Not part of a tab of the section switcher (whose labels repeat the titles)."""
    for _ in range(8):
        acc = acc.parent
        if acc is None:
            return True
        if acc.getRoleName() == 'page tab':
            return False
    return True


# Each section of the account page, its tab in the switcher, and a widget only it shows.
SECTIONS = [
    ('Details', dict(role='text', name='Name')),
    ('Delays', dict(role='list', name='Delays')),
    ('Plan & Bridges', dict(role='label', name='Recovery Plan', pred=outside_tabs)),
    ('History', dict(role='label', name='History', pred=outside_tabs)),
    ('Overview', dict(role='label', name='What to Do Today')),
    ('Stakeholders', dict(role='push button', description='Add Stakeholder')),
]


def show_section(h, title):
    """Presses the section's tab in the page's switcher, as a screen reader does."""
    win = h.window(MAIN)
    tab = h.need(win, f'the "{title}" tab of the account page', role='page tab', name=title)
    h.press(tab)
    h.wait_for(lambda: tab.getState().contains(h.pyatspi.STATE_CHECKED)
               or tab.getState().contains(h.pyatspi.STATE_SELECTED)
               or h.find(win, **dict(SECTIONS)[title]), 10, f'the "{title}" section to show')


def switch_sections(h):
    """Every section through its tab; each shows what it holds."""
    win = h.window(MAIN)
    for title, landmark in SECTIONS:
        show_section(h, title)
        h.need(win, f'the "{title}" section', **landmark)
        h.audit_all()
    h.screenshot('stakeholders-section')


STAKEHOLDER_DIALOG = 'Add Stakeholder'


def add_stakeholder(h, name, close):
    """Opens the Add Stakeholder dialog, types a name and closes the dialog."""
    win = h.window(MAIN)
    before = h.contacts()
    add = h.need(win, 'the Stakeholders "Add" button', role='push button', description='Add Stakeholder')
    h.press(add)
    dialog = h.wait_for(lambda: h.window(STAKEHOLDER_DIALOG), 10, 'the Add Stakeholder dialog')
    name_row = h.need(dialog, 'the Name field', role='text', name='Name')
    h.audit_names(STAKEHOLDER_DIALOG, dialog)
    h.click(STAKEHOLDER_DIALOG, name_row)
    h.type_text(STAKEHOLDER_DIALOG, name)
    saves = close(h, dialog)
    h.wait_for(lambda: h.window_gone(STAKEHOLDER_DIALOG), 10, 'the dialog to close')
    h.alive()
    expected = sorted(before + [name]) if saves else before
    if saves:
        h.wait_db(f'{name!r} among the stakeholders in the database', lambda: h.contacts() == expected)
    else:
        time.sleep(1.0)    # a write would have landed by now
        h.alive()
    got = h.contacts()
    if got != expected:
        raise StepFailed(f'the database holds the stakeholders {got}, expected {expected}')


def close_with_enter(h, dialog):
    h.key(STAKEHOLDER_DIALOG, 'Return')
    return True


def close_with_save(h, dialog):
    h.press(h.need(dialog, 'the Save button', role='push button', name=lambda n: n.endswith('Save')))
    return True


def close_with_cancel(h, dialog):
    h.press(h.need(dialog, 'the Cancel button', role='push button', name=lambda n: n.endswith('Cancel')))
    return False


def close_with_escape(h, dialog):
    h.key(STAKEHOLDER_DIALOG, 'Escape')
    return False


def named(text):
    """A widget called text, by its name or, while it has none, its tooltip."""
    return lambda a: text in (a.name, a.description)


def edit_stakeholder_cancel(h):
    """The pencil on a stakeholder row opens the dialog; a change then Cancel stores nothing."""
    win = h.window(MAIN)
    target = 'Journey Enter'
    before = h.query('SELECT * FROM contact WHERE account_id = ? AND name = ?', h.account_id, target)
    if len(before) != 1:
        raise StepFailed(f'expected one stakeholder {target!r} in the database, found {len(before)}')
    show_section(h, 'Stakeholders')
    row = h.need(win, f'the stakeholder row {target!r}', role='list item', name=target)
    h.press(h.need(row, 'the pencil (Edit Stakeholder) button on the row', role='push button',
                   pred=named('Edit Stakeholder')))
    dialog = h.wait_for(lambda: h.window('Edit Stakeholder'), 10, 'the Edit Stakeholder dialog')
    h.audit_names('Edit Stakeholder', dialog)
    h.click('Edit Stakeholder', h.need(dialog, 'the Name field', role='text', name='Name'))
    h.key('Edit Stakeholder', 'End')
    h.type_text('Edit Stakeholder', ' Changed')
    h.screenshot('edit-stakeholder')
    h.press(h.need(dialog, 'the Cancel button', role='push button', name=lambda n: n.endswith('Cancel')))
    h.wait_for(lambda: h.window_gone('Edit Stakeholder'), 10, 'the dialog to close')
    time.sleep(1.0)
    h.alive()
    after = h.query('SELECT * FROM contact WHERE account_id = ? AND name = ?', h.account_id, target)
    if after != before:
        raise StepFailed(f'Cancel changed the stakeholder: before {before}, after {after}')
    if h.contacts().count(target + ' Changed'):
        raise StepFailed('Cancel stored the edited name')


def edit_owner(h):
    """A single-line field: type a new Owner and press Enter."""
    win = h.window(MAIN)
    show_section(h, 'Details')
    owner = h.need(win, 'the Owner field', role='text', name='Owner')
    h.click(MAIN, owner)
    h.key(MAIN, 'ctrl+a')
    h.type_text(MAIN, 'Journey Owner')
    h.key(MAIN, 'Return')
    h.wait_db('the new owner in the database', lambda: h.account()['owner'] == 'Journey Owner')
    h.screenshot('owner')


def edit_tab_undo(h):
    """Tab away from a single-line field saves it, as Enter does; Ctrl+Z then
    stores the old value again and a toast says so."""
    win = h.window(MAIN)
    show_section(h, 'Details')
    before = h.account()['owner']
    owner = h.need(win, 'the Owner field', role='text', name='Owner')
    h.click(MAIN, owner)
    h.key(MAIN, 'ctrl+a')
    h.type_text(MAIN, 'Journey Tabbed')
    h.key(MAIN, 'Tab')
    h.wait_db('the owner typed, then Tab, in the database',
              lambda: h.account()['owner'] == 'Journey Tabbed')
    h.key(MAIN, 'ctrl+z')
    # The toast first: it goes away by itself after a few seconds, the row stays.
    h.need(win, 'the toast naming the undone change', timeout=5, newest_first=True,
           name=lambda n: n is not None and 'Owner' in n and before in n and n != before)
    h.wait_db(f'the owner {before!r} back in the database after Ctrl+Z',
              lambda: h.account()['owner'] == before)
    h.screenshot('undo')


# The activity log -------------------------------------------------------------

ACTIVITY_DIALOG = 'Log Activity'
ACTIVITY_SUMMARY = 'Journey call: asked where the renewal stands'
ACTIVITY_RESPONSE = 'Waiting for the new budget'


def text_of(acc):
    t = acc.queryText()
    return t.getText(0, t.characterCount)


def focused(h):
    return lambda a: a.getState().contains(h.pyatspi.STATE_FOCUSED)


def sensitive(h):
    return lambda a: a.getState().contains(h.pyatspi.STATE_SENSITIVE)


def activity_rows(h):
    return h.query('SELECT id, delay_id, "on", kind, summary, their_response, deleted FROM activity '
                   'WHERE account_id = ? ORDER BY id', h.account_id)


def open_activity_dialog(h, parent, how):
    """Opens the Log Activity dialog from the window parent; how() presses the
    button or the keys.  Checks what it shows before anything is typed."""
    how()
    dialog = h.wait_for(lambda: h.window(ACTIVITY_DIALOG), 10, f'the {ACTIVITY_DIALOG} dialog over {parent!r}')
    h.audit_names(ACTIVITY_DIALOG, dialog)
    h.need(dialog, 'the Kind drop-down on "Call"', role='label', name='Call')
    h.need(dialog, 'the "How they answered" field', role='text', name='How they answered')
    log = h.need(dialog, 'the Log button', role='push button', name=lambda n: n.endswith('Log'))
    if sensitive(h)(log):
        raise StepFailed('the Log button is enabled before anything is typed')
    return dialog, log


def type_activity(h, dialog, log, summary, response=None):
    """Clicks "What we did or said", types; Tab to "How they answered", types."""
    said = h.need(dialog, 'the "What we did or said" field', role='text', name='What we did or said')
    answered = h.need(dialog, 'the "How they answered" field', role='text', name='How they answered')
    h.click(ACTIVITY_DIALOG, said)
    h.type_text(ACTIVITY_DIALOG, summary)
    h.wait_for(lambda: sensitive(h)(log), 5, 'the Log button enabled once something is typed')
    if response is not None:
        # The entry row is what AT-SPI shows, not the text inside that has
        # the focus: what was typed after Tab says where the focus went.
        h.key(ACTIVITY_DIALOG, 'Tab')
        h.type_text(ACTIVITY_DIALOG, response)
        h.wait_for(lambda: text_of(answered) == response, 5,
                   f'{response!r}, typed after Tab, in "How they answered"')
    if text_of(said) != summary:
        raise StepFailed(f'"What we did or said" reads {text_of(said)!r}, expected {summary!r}')


def close_activity_dialog(h, parent, before, saves):
    """Waits for the dialog to go; returns the activity it stored (saves) or
    checks that it stored nothing."""
    h.wait_for(lambda: h.window_gone(ACTIVITY_DIALOG), 10, f'the {ACTIVITY_DIALOG} dialog to close')
    h.alive()
    if not h.x_windows(parent):
        raise StepFailed(f'the window {parent!r} went away with the dialog')
    ids = {r['id'] for r in before}
    if saves:
        new = h.wait_db('the new activity in the database',
                        lambda: [r for r in activity_rows(h) if r['id'] not in ids])
        if len(new) != 1:
            raise StepFailed(f'expected one new activity, found {new}')
        return new[0]
    time.sleep(1.0)    # a write would have landed by now
    h.alive()
    after = activity_rows(h)
    if after != before:
        raise StepFailed('the activity table changed although the dialog was not confirmed: '
                         f'new or changed rows {[r for r in after if r not in before]}')
    return None


def check_activity(h, row, summary, response, delay_id=None):
    got = {k: row[k] for k in ('on', 'kind', 'summary', 'their_response', 'deleted')}
    want = {'on': h.today, 'kind': 'call', 'summary': summary, 'their_response': response, 'deleted': 0}
    if got != want:
        raise StepFailed(f'the activity stored is {got}, expected {want}')
    if delay_id is not None and row['delay_id'] != delay_id:
        raise StepFailed(f'the activity belongs to the delay {row["delay_id"]!r}, expected {delay_id!r}')


def log_activity_enter(h):
    """The Overview's Log Activity button; a summary, Tab, their answer, Enter."""
    win = h.window(MAIN)
    show_section(h, 'Overview')
    h.need(win, 'the Overview\'s "Last Contact" row', role='label', name='Last Contact')
    before = activity_rows(h)
    button = h.need(win, 'the "Log Activity" button on the Overview', role='push button',
                    name=lambda n: n.replace('_', '') == 'Log Activity')
    dialog, log = open_activity_dialog(h, MAIN, lambda: h.press(button))
    type_activity(h, dialog, log, ACTIVITY_SUMMARY, ACTIVITY_RESPONSE)
    h.screenshot('activity-dialog')
    h.key(ACTIVITY_DIALOG, 'Return')
    row = close_activity_dialog(h, MAIN, before, True)
    check_activity(h, row, ACTIVITY_SUMMARY, ACTIVITY_RESPONSE)
    h.activity_id = row['id']
    h.need(win, 'the Last Contact row showing the activity', role='label',
           name=lambda n: n is not None and ACTIVITY_SUMMARY in n and 'Call' in n)
    # No window manager gives the focus back to the main window: as the
    # next key press does, focus it, and see that a widget in it has the focus.
    h.focus_window(MAIN)
    h.need(win, 'the focus back on the account page after the dialog', pred=focused(h), timeout=5)
    h.screenshot('last-contact')


def log_activity_escape(h):
    """Ctrl+Shift+A on the account page opens the dialog; typed, then Escape."""
    before = activity_rows(h)
    dialog, log = open_activity_dialog(h, MAIN, lambda: h.key(MAIN, 'ctrl+shift+a'))
    type_activity(h, dialog, log, 'Journey Escape activity')
    h.key(ACTIVITY_DIALOG, 'Escape')
    close_activity_dialog(h, MAIN, before, False)


def log_activity_cancel(h):
    """The Log Activity button; typed, then the Cancel button."""
    win = h.window(MAIN)
    before = activity_rows(h)
    button = h.need(win, 'the "Log Activity" button on the Overview', role='push button',
                    name=lambda n: n.replace('_', '') == 'Log Activity')
    dialog, log = open_activity_dialog(h, MAIN, lambda: h.press(button))
    type_activity(h, dialog, log, 'Journey Cancel activity', 'Never said')
    h.press(h.need(dialog, 'the Cancel button', role='push button', name=lambda n: n.endswith('Cancel')))
    close_activity_dialog(h, MAIN, before, False)


def remove_activity_undo(h):
    """History (Alt+6) lists the activity with its pencil and bin; the bin
    removes it, the toast's Undo brings it back."""
    win = h.window(MAIN)
    h.key(MAIN, 'alt+6')
    activity_list = h.need(win, 'the "Activity" list of the History section after Alt+6', role='list',
                           name='Activity')
    row = h.need(activity_list, f'the activity {ACTIVITY_SUMMARY!r} in the list', role='list item',
                 name=lambda n: n is not None and ACTIVITY_SUMMARY in n)
    h.audit_all()
    h.screenshot('history-activity')
    # The pencil opens it as it was stored; Escape leaves it so.
    stored = h.query('SELECT * FROM activity WHERE id = ?', h.activity_id)
    h.press(h.need(row, 'the pencil (Edit Activity) on the row', role='push button', pred=named('Edit Activity')))
    dialog = h.wait_for(lambda: h.window('Edit Activity'), 10, 'the Edit Activity dialog')
    h.audit_names('Edit Activity', dialog)
    for name, want in (('What we did or said', ACTIVITY_SUMMARY), ('How they answered', ACTIVITY_RESPONSE)):
        field = h.need(dialog, f'the {name!r} field', role='text', name=name)
        h.wait_for(lambda: text_of(field) == want, 5, f'{want!r} in {name!r}')
    h.key('Edit Activity', 'Escape')
    h.wait_for(lambda: h.window_gone('Edit Activity'), 10, 'the Edit Activity dialog to close on Escape')
    time.sleep(1.0)
    if h.query('SELECT * FROM activity WHERE id = ?', h.activity_id) != stored:
        raise StepFailed('Escape in the Edit Activity dialog changed the activity')
    row = h.need(activity_list, f'the activity {ACTIVITY_SUMMARY!r} in the list', role='list item',
                 name=lambda n: n is not None and ACTIVITY_SUMMARY in n)
    remove = h.need(row, 'the bin (Remove Activity) on the row', role='push button', pred=named('Remove Activity'))
    h.press(remove)
    # The toast first: it goes away by itself after a few seconds, so it is
    # looked for before the slower checks of the database and the list.
    # GTK 4.8 names a button with a mnemonic "_Undo Undo".
    undo = h.need(win, 'the toast\'s Undo button', role='push button', timeout=5, newest_first=True,
                  name=lambda n: n is not None and n.endswith('Undo'))
    if not h.find(undo.parent, role='label', name='Activity removed'):
        raise StepFailed('the toast with the Undo button does not say "Activity removed"')
    h.wait_db('the activity marked deleted in the database',
              lambda: h.query('SELECT deleted FROM activity WHERE id = ?', h.activity_id)[0]['deleted'] == 1)
    h.wait_for(lambda: h.find(activity_list, role='list item',
                              name=lambda n: n is not None and ACTIVITY_SUMMARY in n) is None,
               10, 'the activity to leave the list')
    h.screenshot('activity-removed')
    h.press(undo)
    h.wait_db('the activity back (deleted = 0) in the database after Undo',
              lambda: h.query('SELECT deleted FROM activity WHERE id = ?', h.activity_id)[0]['deleted'] == 0)
    h.need(activity_list, 'the activity back in the list after Undo', role='list item',
           name=lambda n: n is not None and ACTIVITY_SUMMARY in n)
    show_section(h, 'Overview')
    h.need(win, 'the Last Contact row showing the activity again', role='label',
           name=lambda n: n is not None and ACTIVITY_SUMMARY in n)


EDIT_DELAY = 'Edit Delay'
DELAY_ACTIVITY = 'Journey mail: sent the pilot proposal'


def delay_activity(h):
    """Open the Delay (Overview) opens the delay just logged; its Commitments
    page (Alt+3) keeps the delay's own activity log: Log Activity… there, then
    Enter; then again with Escape, which closes the dialog and not the editor."""
    win = h.window(MAIN)
    show_section(h, 'Overview')
    h.press(h.need(win, 'the "Open the Delay" button on the Overview', role='push button',
                   name=lambda n: n.replace('_', '') == 'Open the Delay'))
    editor = h.wait_for(lambda: h.window(EDIT_DELAY), 10, 'the delay editor after "Open the Delay"')
    reason = h.need(editor, 'the stated reason field', role='text', name='Their Reason, in Their Words')
    h.wait_for(lambda: text_of(reason) == DELAY_REASON, 5, f'the delay logged before ({DELAY_REASON!r}) in the editor')
    delay = h.query('SELECT * FROM delay WHERE account_id = ? AND stated_reason = ? AND deleted = 0',
                    h.account_id, DELAY_REASON)[0]
    h.key(EDIT_DELAY, 'alt+3')
    h.need(editor, 'the Commitments page after Alt+3', role='label', name='Date Commitments')
    log_button = h.need(editor, 'the "Log Activity…" button of the delay', role='push button',
                        name=lambda n: n is not None and n.replace('_', '').startswith('Log Activity'))
    h.audit_names(EDIT_DELAY, editor)
    before = activity_rows(h)
    dialog, log = open_activity_dialog(h, EDIT_DELAY, lambda: h.press(log_button))
    type_activity(h, dialog, log, DELAY_ACTIVITY, 'They will read it this week')
    h.key(ACTIVITY_DIALOG, 'Return')
    row = close_activity_dialog(h, EDIT_DELAY, before, True)
    check_activity(h, row, DELAY_ACTIVITY, 'They will read it this week', delay_id=delay['id'])
    activity_list = h.need(editor, 'the delay\'s "Activity" list', role='list', name='Activity')
    h.need(activity_list, f'the activity {DELAY_ACTIVITY!r} in the delay\'s list', role='list item',
           name=lambda n: n is not None and DELAY_ACTIVITY in n)
    if h.find(activity_list, role='list item', name=lambda n: n is not None and ACTIVITY_SUMMARY in n):
        raise StepFailed(f'the delay\'s activity list shows {ACTIVITY_SUMMARY!r}, logged on the account, '
                         'not on this delay')
    h.screenshot('delay-activity')
    before = activity_rows(h)
    dialog, log = open_activity_dialog(h, EDIT_DELAY, lambda: h.press(log_button))
    type_activity(h, dialog, log, 'Journey Escape in the delay')
    h.key(ACTIVITY_DIALOG, 'Escape')
    close_activity_dialog(h, EDIT_DELAY, before, False)   # and the editor stays open


def delay_activity_shortcut(h):
    """The delay's "Log Activity…" says Ctrl+Shift+A in its tooltip: in the
    editor, Ctrl+Shift+A opens the dialog, Cancel closes it; then Escape
    closes the editor, which stores nothing (nothing was changed in it)."""
    editor = h.window(EDIT_DELAY)
    if editor is None:
        raise StepFailed('the delay editor of the step before is not open')
    delay = h.query('SELECT * FROM delay WHERE account_id = ? AND stated_reason = ? AND deleted = 0',
                    h.account_id, DELAY_REASON)[0]
    try:
        log_button = h.need(editor, 'the "Log Activity…" button of the delay', role='push button',
                            name=lambda n: n is not None and n.replace('_', '').startswith('Log Activity'))
        if 'Ctrl+Shift+A' in (log_button.description or ''):
            before = activity_rows(h)
            try:
                dialog, log = open_activity_dialog(h, EDIT_DELAY, lambda: h.key(EDIT_DELAY, 'ctrl+shift+a'))
            except StepFailed as e:
                raise StepFailed(f'the tooltip of the delay\'s "Log Activity…" button says '
                                 f'{log_button.description!r}, but Ctrl+Shift+A in the delay editor does not '
                                 f'open the dialog ({e})')
            type_activity(h, dialog, log, 'Journey Cancel in the delay')
            h.press(h.need(dialog, 'the Cancel button', role='push button', name=lambda n: n.endswith('Cancel')))
            close_activity_dialog(h, EDIT_DELAY, before, False)
    finally:
        if h.x_windows(ACTIVITY_DIALOG):
            h.key(ACTIVITY_DIALOG, 'Escape')
            h.wait_for(lambda: h.window_gone(ACTIVITY_DIALOG), 10, f'the {ACTIVITY_DIALOG} dialog to close')
        h.screenshot('delay-editor-shortcut')
        h.key(EDIT_DELAY, 'Escape')
        h.wait_for(lambda: h.window_gone(EDIT_DELAY), 10, 'the delay editor to close on Escape')
    time.sleep(1.0)
    after = h.query('SELECT * FROM delay WHERE id = ?', delay['id'])[0]
    if after != delay:
        raise StepFailed(f'closing the delay editor unchanged wrote the delay: {delay} became {after}')


def internal_brief(h):
    """The Overview's Internal Brief opens the print dialog; Escape cancels it."""
    win = h.window(MAIN)
    pdfs = lambda: sorted(os.path.join(d, f) for d, _, fs in os.walk(h.home) for f in fs if f.endswith('.pdf'))
    before = pdfs()
    show_section(h, 'Overview')
    h.press(h.need(win, 'the "Internal Brief" button on the Overview', role='push button',
                   name=lambda n: n.replace('_', '') == 'Internal Brief'))
    dialog = h.wait_for(lambda: h.window(PRINT_DIALOG), 20, 'the print dialog after "Internal Brief"')
    h.need(dialog, 'the "Print to File" printer', role='label', name='Print to File', timeout=20)
    h.audit_names(PRINT_DIALOG, dialog)
    h.screenshot('brief-print-dialog')
    h.key(PRINT_DIALOG, 'Escape')
    h.wait_for(lambda: h.window_gone(PRINT_DIALOG), 20, 'the print dialog to close on Escape')
    time.sleep(1.0)
    h.alive()
    if pdfs() != before:
        raise StepFailed(f'a cancelled print wrote {sorted(set(pdfs()) - set(before))}')
    h.need(win, f'the account page of {h.account_name!r} after the print dialog', role='label',
           name=h.account_name, pred=lambda a: h.extents(a)[1] < 47)


PREFERENCES = 'Preferences'


def plain(text):
    return lambda n: n is not None and n.replace('_', '') == text


def rate_fields(h, prefs):
    """The fields of the new rate that Add Rate opened, expanded."""
    draft = h.need(prefs, 'the "New Exchange Rate" row that Add Rate opened', role='list item',
                   name='New Exchange Rate')
    # The expander row's header is a row of one list; its fields, another list beside it.
    box = draft.parent.parent
    return {name: h.need(box, f'the {name!r} field of the new rate', role='text', name=name)
            for name in ('From Currency', 'To Currency', 'Rate', 'As Of (YYYY-MM-DD)')}


def rates(h):
    return h.query('SELECT from_currency, to_currency, rate, as_of, deleted FROM exchange_rate ORDER BY id')


def money_preferences(h):
    """Ctrl+comma, the Money page: add HUF → EUR at 0.0025; then a rate "1,5",
    which the page refuses under the field and does not store; Escape."""
    h.key(MAIN, 'ctrl+comma')
    prefs = h.wait_for(lambda: h.window(PREFERENCES), 10, 'the Preferences window after Ctrl+comma')
    h.press(h.need(prefs, 'the "Money" page of the preferences', role='page tab', name='Money'))
    for text in ('Reporting Currency', 'Administrative Fee of a 60-Day Extension',
                 'Warn Above This Share of Concessions (%)', 'Exchange Rates'):
        h.need(prefs, f'{text!r} on the Money page', role='label', name=plain(text))
    h.audit_names(PREFERENCES, prefs)
    h.screenshot('money')
    before = rates(h)
    # The sample may hold the same rate from another day: one row more, then.
    title = '1 HUF = 0.0025 EUR'
    count_titled = lambda: sum(1 for a in h.walk(prefs) if a.getRoleName() == 'list item' and a.name == title
                               and h.shown(a))
    titled = count_titled()
    add = h.need(prefs, 'the "Add Rate" button', role='push button', name=plain('Add Rate'))
    h.press(add)
    fields = rate_fields(h, prefs)
    # The new rate opens on top of the list, its To already the reporting currency.
    h.screenshot('money-add-rate')
    h.scroll_to(PREFERENCES, fields['As Of (YYYY-MM-DD)'], 'the new rate')
    if text_of(fields['As Of (YYYY-MM-DD)']) != h.today:
        raise StepFailed(f'the new rate is as of {text_of(fields["As Of (YYYY-MM-DD)"])!r}, not today')
    h.click(PREFERENCES, fields['From Currency'])
    h.key(PREFERENCES, 'ctrl+a')
    h.type_text(PREFERENCES, 'HUF')
    if text_of(fields['To Currency']) != 'EUR':
        raise StepFailed(f'the new rate is into {text_of(fields["To Currency"])!r}, not the reporting EUR')
    h.click(PREFERENCES, fields['Rate'])
    h.type_text(PREFERENCES, '0.0025')
    h.screenshot('money-new-rate')
    h.key(PREFERENCES, 'Return')
    want = {'from_currency': 'HUF', 'to_currency': 'EUR', 'rate': '0.0025', 'as_of': h.today, 'deleted': 0}
    h.wait_db('the rate HUF → EUR 0.0025 in the database', lambda: want in rates(h))
    if len(rates(h)) != len(before) + 1:
        raise StepFailed(f'expected one new exchange rate, the table went from {before} to {rates(h)}')
    h.wait_for(lambda: count_titled() == titled + 1, 10, f'one more row "{title}" in the list')
    # A comma is no decimal point here: the page says so and stores nothing.
    before = rates(h)
    h.press(add)
    fields = rate_fields(h, prefs)
    h.scroll_to(PREFERENCES, fields['As Of (YYYY-MM-DD)'], 'the new rate')
    h.click(PREFERENCES, fields['From Currency'])
    h.key(PREFERENCES, 'ctrl+a')
    h.type_text(PREFERENCES, 'USD')
    h.click(PREFERENCES, fields['Rate'])
    h.type_text(PREFERENCES, '1,5')
    h.need(prefs, 'the message under the Rate field', role='label',
           name=lambda n: n is not None and '1,5' in n and 'not a rate' in n)
    h.key(PREFERENCES, 'Return')
    h.need(prefs, 'the message under the Rate field after Enter', role='label',
           name=lambda n: n is not None and '1,5' in n and 'not a rate' in n)
    h.screenshot('money-bad-rate')
    time.sleep(1.0)
    if rates(h) != before:
        raise StepFailed(f'the rate "1,5" changed the exchange rates: {before} became {rates(h)}')
    h.key(PREFERENCES, 'Escape')
    h.wait_for(lambda: h.window_gone(PREFERENCES), 10, 'the Preferences window to close on Escape')
    time.sleep(1.0)
    h.alive()
    if rates(h) != before:
        raise StepFailed(f'closing the preferences changed the exchange rates: {before} became {rates(h)}')


DELAY_EDITOR = 'Log a Delay'
DELAY_REASON = 'Budget freeze until the new fiscal year'


def log_delay(h):
    """Ctrl+L opens the delay editor; the stated reason, then Save."""
    before = h.query('SELECT count(*) AS n FROM delay WHERE account_id = ? AND deleted = 0', h.account_id)[0]['n']
    # Alt+3: the Delays section.
    h.key(MAIN, 'alt+3')
    delays = h.need(h.window(MAIN), 'the Delays list after Alt+3', role='list', name='Delays')
    if h.count_children(delays, 'list item') != before:
        raise StepFailed(f'the Delays list does not show the {before} delays of the database')
    h.key(MAIN, 'ctrl+l')
    editor = h.wait_for(lambda: h.window(DELAY_EDITOR), 10, 'the delay editor after Ctrl+L')
    reason = h.need(editor, 'the stated reason field', role='text', name='Their Reason, in Their Words')
    h.audit_names(DELAY_EDITOR, editor)
    h.click(DELAY_EDITOR, reason)
    h.type_text(DELAY_EDITOR, DELAY_REASON)
    h.screenshot('delay-editor')
    h.press(h.need(editor, 'the Save button', role='push button', name=lambda n: n.endswith('Save')))
    h.wait_for(lambda: h.window_gone(DELAY_EDITOR), 10, 'the delay editor to close after Save')
    rows = h.wait_db('a delay document with the stated reason in the database',
                     lambda: h.query('SELECT * FROM delay WHERE account_id = ? AND stated_reason = ? '
                                     'AND deleted = 0', h.account_id, DELAY_REASON))
    n = h.query('SELECT count(*) AS n FROM delay WHERE account_id = ? AND deleted = 0', h.account_id)[0]['n']
    if n != before + 1 or len(rows) != 1:
        raise StepFailed(f'expected exactly one new delay, the account has {before} then {n}')
    delays = h.need(h.window(MAIN), 'the Delays list', role='list', name='Delays')
    h.wait_for(lambda: h.count_children(delays, 'list item') == before + 1, 10,
               f'{before + 1} rows in the Delays list')
    h.screenshot('delay-logged')


CLOSE_DIALOG = 'Close as Lost'


def close_as_lost(h):
    """Close as Lost…: a reason picked with the keyboard, get back in touch today."""
    win = h.window(MAIN)
    show_section(h, 'Overview')
    h.press(h.need(win, 'the "Close as Lost…" button', role='push button',
                   name=lambda n: n.endswith('Close as Lost')))
    dialog = h.wait_for(lambda: h.window(CLOSE_DIALOG), 10, 'the Close as Lost dialog')
    reason = h.need(dialog, 'the Reason drop-down', role='combo box', name='Reason')
    h.audit_names(CLOSE_DIALOG, dialog)
    if not reason.getState().contains(h.pyatspi.STATE_FOCUSED):
        h.click(CLOSE_DIALOG, reason)
    # Enter opens the list of reasons; Down moves from "Choose a reason" to the first one.
    h.key(CLOSE_DIALOG, 'Return')
    h.wait_for(lambda: h.find(h.app_acc, role='label', name='No budget now'), 10, 'the list of reasons')
    h.key(CLOSE_DIALOG, 'Down', 'Return')
    h.need(reason, 'the chosen reason in the drop-down', role='label', name='No budget now')
    h.click(CLOSE_DIALOG, h.need(dialog, 'the "Get Back in Touch On" field', role='text',
                                 name='Get Back in Touch On'))
    h.key(CLOSE_DIALOG, 'ctrl+a')
    h.type_text(CLOSE_DIALOG, h.today)
    h.screenshot('close-dialog')
    close = h.need(dialog, 'the "Close as Lost" button', role='push button', name=lambda n: n.endswith('Close as Lost'),
                   pred=lambda a: a.getState().contains(h.pyatspi.STATE_SENSITIVE))
    h.press(close)
    h.wait_for(lambda: h.window_gone(CLOSE_DIALOG), 10, 'the dialog to close')
    h.wait_db("the account's status 'lost' in the database", lambda: h.account()['status'] == 'lost')
    losses = h.query('SELECT * FROM loss WHERE account_id = ? AND deleted = 0', h.account_id)
    if [(r['reason'], r['reengage_on'], r['reopened_on']) for r in losses] != [('no_budget', h.today, None)]:
        raise StepFailed(f'expected one loss (no_budget, get back in touch {h.today}), found {losses}')
    # Get back in touch today: a re-engage reminder due today, and the badge counts it.
    h.wait_db('an open re-engage reminder for the lost account', lambda: len(open_reengage(h)) == 1, timeout=15)
    reminders_follow(h, 'after closing the account as lost')
    # Lost already: it can be reopened, not closed as lost a second time.
    h.need(win, 'the Reopen button of the lost account', role='push button',
           name=lambda n: 'Reopen' in n, pred=h.shown, timeout=15)
    h.wait_for(lambda: h.find(win, role='push button', name=lambda n: n.endswith('Close as Lost'),
                              pred=h.shown) is None, 15, 'the "Close as Lost…" button to go')
    # What to do today is keeping in touch, not logging a delay.
    h.need(win, 'the advice for a lost account under What to Do Today', role='label',
           name=lambda n: 'win them back' in n, pred=h.shown, timeout=15)
    h.screenshot('closed-as-lost')


def urgent_in_db(h):
    """The open reminders due today or overdue (a snooze moves the due time),
    as the whole book says: what the sidebar's badge counts."""
    return h.query("SELECT count(*) AS n FROM reminder WHERE deleted = 0 AND done_at IS NULL "
                   "AND date(max(due_at, coalesce(snoozed_until, due_at)), 'localtime') <= ?",
                   h.today)[0]['n']


def urgent_in_sidebar(h):
    """The count the Reminders row of the sidebar reads out ("Reminders, 3 due or overdue")."""
    row = h.find(h.window(MAIN), role='list item',
                 name=lambda n: n == 'Reminders' or n.startswith('Reminders, '))
    if row is None:
        return None
    m = re.match(r'Reminders, (\d+) ', row.name)
    return int(m.group(1)) if m else 0


def reminders_follow(h, what):
    """Reminders are derived again a few seconds after an edit (the
    scheduler, incrementally): the database's reminders, then the badge."""
    h.wait_for(lambda: urgent_in_sidebar(h) == urgent_in_db(h), 15,
               f'the Reminders badge to count the {urgent_in_db(h)} reminders due today or overdue '
               f'{what} (it reads {urgent_in_sidebar(h)})')


def open_reengage(h):
    return h.query("SELECT * FROM reminder WHERE account_id = ? AND kind = 'reengage' "
                   'AND deleted = 0 AND done_at IS NULL', h.account_id)


REOPEN_DIALOG = 'Reopen as New Opportunity'


def reopen(h):
    """Reopen as New Opportunity (at any time): the dialog proposes a target date and
    value, and Enter accepts them; the account starts a fresh term today."""
    win = h.window(MAIN)
    h.press(h.need(win, 'the "Reopen as New Opportunity" button', role='push button',
                   name=lambda n: 'Reopen as New Opportunity' in n))
    dialog = h.wait_for(lambda: h.window(REOPEN_DIALOG), 10, 'the Reopen dialog')
    h.audit_names(REOPEN_DIALOG, dialog)
    h.need(dialog, 'the "Target Date" field', role='text', name='Target Date')
    h.screenshot('reopen-dialog')
    h.key(REOPEN_DIALOG, 'Return')
    h.wait_for(lambda: h.window_gone(REOPEN_DIALOG), 10, 'the dialog to close')
    h.wait_db("the account's status 'active' in the database", lambda: h.account()['status'] == 'active')
    account = h.account()
    if account['contract_start'] != h.today or not account['contract_end'] > h.today:
        raise StepFailed(f'expected a fresh term from {h.today}, found {account["contract_start"]} '
                         f'to {account["contract_end"]}')
    losses = h.wait_db('the loss marked reopened today',
                       lambda: h.query('SELECT * FROM loss WHERE account_id = ? AND reopened_on = ?',
                                       h.account_id, h.today))
    if len(losses) != 1:
        raise StepFailed(f'expected one reopened loss, found {losses}')
    h.wait_for(lambda: h.find(win, role='push button', name=lambda n: 'Reopen as New Opportunity' in n) is None,
               10, 'the Reopen button to go away')
    h.need(win, 'the "Close as Lost…" button back on the reopened account', role='push button',
           name=lambda n: n.endswith('Close as Lost'), pred=h.shown, timeout=15)
    # Reopened, the account is not to be re-engaged any more.
    h.wait_db('no open re-engage reminder for the reopened account', lambda: not open_reengage(h), timeout=15)
    reminders_follow(h, 'after reopening the account')
    h.screenshot('reopened')
    # TODO(journey): the History list names what this journey did (see the
    # top of the file).


PRINT_DIALOG = 'Print'


def pdf_text(path):
    r = subprocess.run(['pdftotext', '-layout', path, '-'], capture_output=True, text=True)
    return r.stdout if r.returncode == 0 else None


def print_summary(h):
    """Ctrl+P on the account page, then GTK's print dialog: Print to File, Print."""
    pdfs = lambda: sorted(os.path.join(d, f) for d, _, fs in os.walk(h.home) for f in fs if f.endswith('.pdf'))
    if pdfs():
        raise StepFailed(f'a PDF is there before printing: {pdfs()}')
    h.key(MAIN, 'ctrl+p')
    dialog = h.wait_for(lambda: h.window(PRINT_DIALOG), 20, 'the print dialog after Ctrl+P')
    printer = h.need(dialog, 'the "Print to File" printer', role='label', name='Print to File', timeout=20)
    h.click(PRINT_DIALOG, printer)
    button = h.need(dialog, 'the Print button, sensitive once a printer is chosen', role='push button',
                    name=lambda n: n.endswith('Print'),
                    pred=lambda a: a.getState().contains(h.pyatspi.STATE_SENSITIVE))
    h.audit_names(PRINT_DIALOG, dialog)
    h.screenshot('print-dialog')
    h.press(button)
    h.wait_for(lambda: h.window_gone(PRINT_DIALOG), 20, 'the print dialog to close')
    path = h.wait_for(lambda: pdfs() and pdf_text(pdfs()[0]) and pdfs()[0], 30, 'the printed PDF under $HOME')
    text = pdf_text(path)
    shutil.copyfile(path, os.path.join(h.outdir, 'journey-summary.pdf'))
    for needle in (h.account_name, 'Journey Owner'):
        if needle not in ' '.join(text.split()):
            raise StepFailed(f'the printed summary {path} does not mention {needle!r}; it reads:\n{text[:800]}')
    h.alive()


def open_by_search(h):
    """Ctrl+F, the account's name (in place of what was typed before), Enter."""
    h.key(MAIN, 'ctrl+f')
    h.need(h.window(MAIN), 'the focused search field', role='entry', name='Search accounts',
           pred=lambda a: a.getState().contains(h.pyatspi.STATE_FOCUSED))
    h.key(MAIN, 'ctrl+a')
    h.type_text(MAIN, h.account_name)
    h.key(MAIN, 'Return')


def go_back(h):
    """Escape, then Alt+Left, take the account page back to the portfolio."""
    win = h.window(MAIN)
    for keys in ('Escape', 'alt+Left'):
        h.need(win, f'the account page of {h.account_name!r} before {keys}', role='label',
               name=h.account_name, pred=lambda a: h.shown(a) and h.extents(a)[1] < 47, timeout=20)
        # The page has settled once it puts the focus on its recommended
        # action; a key pressed while it still loads may land before that.
        h.need(win, f'the focus on the account page before {keys}', timeout=20,
               pred=lambda a: a.getState().contains(h.pyatspi.STATE_FOCUSED))
        h.key(MAIN, keys)
        h.need(win, f'the portfolio after {keys}', role='label', name='Portfolio',
               pred=lambda a: h.shown(a) and h.extents(a)[1] < 47, timeout=20)
        h.alive()
        h.screenshot('back-' + keys.replace('+', '-').lower())
        open_by_search(h)


def more_counts(h, win):
    """The "And N more…" of each Reminders section that lists only some of its reminders."""
    counts = []
    for a in h.walk(win):
        m = re.match(r'And ([\d.,\s\u202f\u00a0]+) more', a.name or '') if a.getRoleName() == 'label' else None
        if m and h.shown(a):
            counts.append(int(re.sub(r'\D', '', m.group(1))))
    return sorted(counts)


def reminders_show_more(h):
    """The Reminders page, clicked in the sidebar: a section lists its first 50 and
    says how many more; its Show More lists 50 more (or the rest), and says so."""
    win = h.window(MAIN)
    row = h.need(win, 'the Reminders row of the sidebar', role='list item',
                 name=lambda n: n == 'Reminders' or n.startswith('Reminders, '))
    h.click(MAIN, row)
    more = h.need(win, 'a "Show More" button on the Reminders page', role='push button',
                  name='Show More', timeout=15)
    before = h.wait_for(lambda: more_counts(h, win), 10, 'a section saying how many more it holds')
    h.screenshot('reminders-page')
    h.press(more)

    def shown_more():
        gone = sum(before) - sum(more_counts(h, win))
        return gone == 50 or (gone in before and gone < 50)

    h.wait_for(shown_more, 15, f'a section to list 50 more of its {before} more')
    h.alive()
    h.screenshot('reminders-show-more')


def with_mnemonic(label):
    """A button whose label has a mnemonic: GTK 4.8 names it "_Select Select",
    the label as written and as shown."""
    shown = label.replace('_', '')
    return lambda n: n in (shown, f'{label} {shown}')


def reminders_select(h):
    """Selection mode on the Reminders page: Select, a click on a reminder
    ticks it, Down and Space tick the next one, the bar counts them; Cancel
    leaves selection mode with nothing marked done."""
    win = h.window(MAIN)
    open_reminders = "SELECT count(*) AS n FROM reminder WHERE deleted = 0 AND done_at IS NULL"
    n_open = h.query(open_reminders)[0]['n']
    select = h.need(win, 'the Select button of the Reminders page', role='push button',
                    name=with_mnemonic('_Select'))
    h.click(MAIN, select)

    def reminder_rows():
        rows = [a for a in h.walk(win) if a.getRoleName() == 'list item' and h.shown(a)
                and h.find(a, role='check box', name='Select') is not None]
        return rows[:2] if len(rows) >= 2 else None

    rows = h.wait_for(reminder_rows, 10, 'two reminders with a check in selection mode')
    checks = [h.find(row, role='check box', name='Select') for row in rows]
    h.click(MAIN, rows[0])
    h.need(win, '"1 selected" after a click on a reminder', role='label', name='1 selected')
    h.key(MAIN, 'Down', 'space')
    h.need(win, '"2 selected" after Down and Space', role='label', name='2 selected')
    unticked = [c for c in checks if not c.getState().contains(h.pyatspi.STATE_CHECKED)]
    if unticked:
        raise StepFailed(f'{len(unticked)} of the two reminders chosen are not ticked')
    h.screenshot('reminders-selected')
    h.click(MAIN, h.need(win, 'the Cancel button of selection mode', role='push button',
                         name=with_mnemonic('_Cancel')))
    h.need(win, 'the Select button back after Cancel', role='push button', name=with_mnemonic('_Select'))
    if h.query(open_reminders)[0]['n'] != n_open:
        raise StepFailed('leaving selection mode with Cancel changed the open reminders')


def fold(text):
    """rd_search_text_fold (): decomposed, without accents (the kana voicing
    marks kept), case-folded."""
    return ''.join(c for c in unicodedata.normalize('NFKD', text)
                   if c in '\u3099\u309a' or not unicodedata.combining(c)
                   and unicodedata.category(c) != 'Mn').casefold()


def column_header(h, table, title):
    """A column's header.  GTK 4.8 gives it no role of its own: it is the
    filler around the title's label."""
    return h.need(table, f'the {title} column header', role='label', name=title,
                  pred=lambda a: a.parent.parent.name == 'GtkColumnViewTitle').parent.parent


def column_cells(h, table, header):
    """The texts shown under a column header, top to bottom."""
    hx, hy, hw, hh = h.extents(header)
    cells = []
    for a in h.walk(table):
        if a.getRoleName() != 'label' or not a.name or not h.shown(a):
            continue
        e = h.extents(a)
        if e is not None and hx <= e[0] < hx + hw and e[1] >= hy + hh:
            cells.append((e[1], a.name))
    return [name for _, name in sorted(cells)]


def sort_by_name(h):
    """Back to the portfolio from the sidebar, the search emptied; a click on the
    Name header sorts the accounts by name, a second click the other way round."""
    win = h.window(MAIN)
    h.click(MAIN, h.need(win, 'the Portfolio row of the sidebar', role='list item', name='Portfolio'))
    h.key(MAIN, 'ctrl+f')
    h.need(win, 'the focused search field', role='entry', name='Search accounts',
           pred=lambda a: a.getState().contains(h.pyatspi.STATE_FOCUSED))
    h.key(MAIN, 'ctrl+a', 'BackSpace')
    table = h.need(win, 'the portfolio table', role='tree table', name='Accounts')
    header = column_header(h, table, 'Name')
    # The list sorts by the search key: the folded name, owner and industry.
    keys = {fold(f"{r['name']} {r['owner'] or ''} {r['industry'] or ''}"): r['name']
            for r in h.query('SELECT name, owner, industry FROM account WHERE deleted = 0')}

    def sorted_by_name(descending):
        names = column_cells(h, table, header)
        folded = [fold(n) for n in names]
        if len(names) < 5 or folded != sorted(folded, reverse=descending):
            return None
        return names

    for descending, first in ((False, keys[min(keys)]), (True, keys[max(keys)])):
        h.click(MAIN, header)
        way = 'Z to A' if descending else 'A to Z'
        names = h.wait_for(lambda: sorted_by_name(descending), 15,
                           f'the accounts by name, {way}, after a click on the Name header')
        if names[0] != first:
            raise StepFailed(f'sorted {way}, the list starts with {names[0]!r}, not {first!r}')
        h.screenshot('sorted-' + ('z-a' if descending else 'a-z'))


def header_title(h, win, title):
    """The header bar's title (the label near the window's top) saying @title."""
    return h.need(win, f'the title {title!r}', role='label', name=title,
                  pred=lambda a: h.shown(a) and h.extents(a)[1] < 47, timeout=20)


def quarter_scope(h):
    """Renewing This Quarter from the sidebar: the title, the count and the
    quarter's summary follow; Portfolio again shows the whole book."""
    win = h.window(MAIN)
    n_book = h.query('SELECT count(*) AS n FROM account WHERE deleted = 0')[0]['n']
    h.click(MAIN, h.need(win, 'the Renewing This Quarter row of the sidebar', role='list item',
                         name='Renewing This Quarter'))
    header_title(h, win, 'Renewing This Quarter')
    h.need(win, 'the quarter\'s summary under the list', role='label',
           name=lambda n: 'renewing this quarter' in n)
    count = h.need(win, 'the count of the quarter\'s accounts', role='label',
                   name=lambda n: re.fullmatch(r'\d+ accounts?', n) is not None,
                   pred=lambda a: h.shown(a) and h.extents(a)[1] < 47)
    if not 0 < int(count.name.split()[0]) < n_book:
        raise StepFailed(f'this quarter shows {count.name!r} of the book\'s {n_book}')
    h.screenshot('quarter')
    h.click(MAIN, h.need(win, 'the Portfolio row of the sidebar', role='list item', name='Portfolio'))
    header_title(h, win, 'Portfolio')
    h.need(win, f'the count of the whole book, {n_book}', role='label', name=f'{n_book} accounts',
           pred=lambda a: h.shown(a) and h.extents(a)[1] < 47)


BACK_UP_DIALOG = 'Back Up'


def open_back_up(h):
    """The main menu, with the pointer, then its Back Up… as a screen reader
    activates it (AT-SPI reports the popover's items at the wrong place):
    the file chooser opens, named after today, in the current folder."""
    win = h.window(MAIN)
    is_item = lambda n: n in ('Back Up…', 'Back Up')
    button = h.need(win, 'the main menu button', role='push button', name='Main Menu', pred=h.shown)
    # An item activated through AT-SPI leaves the menu button pressed, its
    # menu hidden behind the dialog: the next click only releases it.
    for _ in range(2):
        h.click(MAIN, button)
        try:
            item = h.need(win, 'Back Up… in the main menu', name=is_item, pred=h.shown, timeout=3)
            break
        except StepFailed:
            item = None
    if item is None:
        raise StepFailed('two clicks on the main menu button showed no Back Up…')
    h.press(item)
    return h.wait_for(lambda: h.window(BACK_UP_DIALOG), 20, 'the Back Up file chooser')


def back_up(h):
    """Back Up… then Escape: nothing is written.  Back Up… then Enter: the
    toast counts the records, and the file holds them, the account too."""
    backups = lambda: sorted(f for f in os.listdir(h.home) if f.endswith('.json'))
    dialog = open_back_up(h)
    h.need(dialog, 'the Save button', role='push button', name=lambda n: n.endswith('Save'), pred=h.shown)
    h.screenshot('back-up-dialog')
    h.key(BACK_UP_DIALOG, 'Escape')
    h.wait_for(lambda: h.window_gone(BACK_UP_DIALOG), 20, 'the file chooser to close on Escape')
    time.sleep(1)
    if backups():
        raise StepFailed(f'Escape wrote a backup: {backups()}')

    open_back_up(h)
    h.key(BACK_UP_DIALOG, 'Return')
    h.wait_for(lambda: h.window_gone(BACK_UP_DIALOG), 20, 'the file chooser to close on Enter')
    toast = h.need(h.window(MAIN), 'the toast counting the records backed up', timeout=20,
                   newest_first=True, name=lambda n: n is not None and re.fullmatch(r'Backed up \d+ records?', n))
    n = int(toast.name.split()[2])
    files = backups()
    if files != [f'Renewal Desk backup {h.today}.json']:
        raise StepFailed(f'expected one backup named after today in {h.home}, found {files}')
    with open(os.path.join(h.home, files[0]), encoding='utf-8') as f:
        docs = json.load(f)
    if len(docs) != n:
        raise StepFailed(f'the toast says {n} records, the file holds {len(docs)}')
    names = [d.get('name') for d in docs if d.get('type') == 'account']
    if h.account_name not in names:
        raise StepFailed(f'the backup has no account {h.account_name!r}')
    if os.stat(os.path.join(h.home, files[0])).st_mode & 0o077:
        raise StepFailed('the backup can be read by others')
    leftovers = [f for f in os.listdir(h.home) if '.json.' in f]
    if leftovers:
        raise StepFailed(f'half-written files were left: {leftovers}')
    h.screenshot('backed-up')


def quit_and_start_again(h):
    """Ctrl+Q quits; the CRM's export of 120 more accounts is imported from
    the command line; started again, the book is there, its rows come in a
    few a frame, and once they are in the title counts them (not
    "Loading…")."""
    h.key(MAIN, 'ctrl+q')
    try:
        code = h.app.wait(20)
    except subprocess.TimeoutExpired:
        raise StepFailed('the app did not quit within 20 s of Ctrl+Q')
    if code != 0:
        raise StepFailed(f'the app quit with status {code}:\n' + h.log_tail())
    csv_path = os.path.join(h.work, 'crm-export.csv')
    with open(csv_path, 'w', encoding='utf-8') as f:
        f.write('Company Name,Account ID,Currency,ARR,Renewal date\n')
        for i in range(120):
            renewal = datetime.date(2027, 3, 1) + datetime.timedelta(days=i)
            f.write(f'Imported Account {i:03d},IMP-{i:03d},EUR,{10000 + i * 100},{renewal.isoformat()}\n')
    r = subprocess.run([h.binary, '--db', h.db_path, '--import-csv', csv_path], env=h.env,
                       capture_output=True, text=True, timeout=60)
    if r.returncode != 0 or '120 new' not in r.stdout:
        raise StepFailed(f'--import-csv failed ({r.returncode}): {r.stdout} {r.stderr}')
    n_book = h.query('SELECT count(*) AS n FROM account WHERE deleted = 0')[0]['n']
    h.relaunch()
    win = h.window(MAIN)
    header_title(h, win, 'Portfolio')
    h.need(win, f'the count of the whole book, {n_book}, under the title', role='label',
           name=f'{n_book} accounts', pred=lambda a: h.shown(a) and h.extents(a)[1] < 47, timeout=20)
    h.need(win, 'the portfolio table', role='tree table', name='Accounts')
    h.screenshot('started-again')


def delete_with_key(h):
    """A click on an account in the list, Delete: it goes, a toast offers to
    undo; Ctrl+Z brings it back."""
    win = h.window(MAIN)
    table = h.need(win, 'the portfolio table', role='tree table', name='Accounts')
    header = column_header(h, table, 'Name')
    name = column_cells(h, table, header)[2]
    live = 'SELECT count(*) AS n FROM account WHERE deleted = 0 AND name = ?'
    n_before = h.query(live, name)[0]['n']
    cell = h.need(table, f'the cell {name!r}', role='label', name=name, pred=h.shown)
    h.click(MAIN, cell)
    h.key(MAIN, 'Delete')
    h.need(win, f'the toast saying {name!r} was deleted', role='label',
           name=lambda n: n.startswith('Deleted') and name in n, newest_first=True)
    h.wait_db(f'{name!r} deleted', lambda: h.query(live, name)[0]['n'] == n_before - 1)
    h.screenshot('deleted-with-key')
    h.key(MAIN, 'ctrl+z')
    h.wait_db(f'{name!r} back after Ctrl+Z', lambda: h.query(live, name)[0]['n'] == n_before)
    h.need(table, f'the cell {name!r} back in the list', role='label', name=name, pred=h.shown)


STEPS = [
    ('start empty, explore the sample portfolio, open an account', open_account),
    ('switch the account page\'s sections through their tabs', switch_sections),
    ('back to the portfolio with Escape, then with Alt+Left', go_back),
    ('add a stakeholder, close with Enter in the Name field',
     lambda h: add_stakeholder(h, 'Journey Enter', close_with_enter)),
    ('add a stakeholder, close with the Save button',
     lambda h: add_stakeholder(h, 'Journey Save', close_with_save)),
    ('add a stakeholder, close with the Cancel button',
     lambda h: add_stakeholder(h, 'Journey Cancel', close_with_cancel)),
    ('add a stakeholder, close with Escape',
     lambda h: add_stakeholder(h, 'Journey Escape', close_with_escape)),
    ('edit a stakeholder with the pencil button, then Cancel', edit_stakeholder_cancel),
    ('edit the Owner field and press Enter', edit_owner),
    ('edit a field and Tab away, undo it', edit_tab_undo),
    ('log an activity from the overview: type, Tab, type, Enter', log_activity_enter),
    ('log an activity with Ctrl+Shift+A, close with Escape', log_activity_escape),
    ('log an activity, close with the Cancel button', log_activity_cancel),
    ('in History, the activity\'s pencil then Escape; remove it, then Undo', remove_activity_undo),
    ('log a delay with Ctrl+L, fill the stated reason, Save', log_delay),
    ('open the delay, log an activity on its Commitments page', delay_activity),
    ('Ctrl+Shift+A in the delay editor, Cancel; Escape closes the editor', delay_activity_shortcut),
    ('close the account as lost from its page', close_as_lost),
    ('reopen the lost account', reopen),
    ('print the executive summary to a PDF file', print_summary),
    ('open the internal brief\'s print dialog, cancel with Escape', internal_brief),
    ('add an exchange rate on the Money page, refuse a bad one', money_preferences),
    ('open Reminders from the sidebar, list 50 more with Show More', reminders_show_more),
    ('select two reminders with a click and with Down and Space, leave with Cancel', reminders_select),
    ('back to the portfolio, sort it by name with a click on the header, then Z to A', sort_by_name),
    ('Renewing This Quarter from the sidebar, then the Portfolio again', quarter_scope),
    ('click an account in the list, delete it with the Delete key, undo with Ctrl+Z', delete_with_key),
    ('back up from the main menu: Escape writes nothing, Enter writes the book', back_up),
    ('quit with Ctrl+Q, import 120 accounts from the command line, start again', quit_and_start_again),
]


def main():
    # Meson's timeout sends SIGTERM: stop the app and the services all the same.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    h = Harness()
    n_cases = len(STEPS) + 1
    print(f'1..{n_cases}', flush=True)
    failed = 0
    try:
        try:
            h.start()
        except Exception as e:
            msg = str(e) if isinstance(e, StepFailed) else traceback.format_exc()
            for i, (name, _) in enumerate(STEPS, 1):
                print(f'not ok {i} - {name}')
            print(f'not ok {n_cases} - every shown button has an accessible name')
            print('# The AT-SPI tree of the app is not available, so no step could run:')
            for line in msg.splitlines():
                print('#   ' + line)
            tail = h.log_tail().strip()
            if tail:
                print('# The app said:\n# ' + tail.replace('\n', '\n# '))
            return 1
        broken = None
        for i, (name, step) in enumerate(STEPS, 1):
            h.step_name = name
            started = time.monotonic()
            try:
                if broken:
                    raise StepFailed(f'not run: {broken}')
                step(h)
                h.alive()
                h.audit_all()
                print(f'ok {i} - {name} # {time.monotonic() - started:.1f} s', flush=True)
            except Exception as e:
                failed += 1
                msg = str(e) if isinstance(e, StepFailed) else traceback.format_exc()
                print(f'not ok {i} - {name}')
                for line in msg.splitlines():
                    print('#   ' + line)
                if h.app.poll() is not None:
                    broken = 'the app died in an earlier step'
                    continue
                try:
                    h.screenshot('failed')
                    print(f'#   screenshot: {h.shots[-1]}')
                    tree = os.path.join(h.outdir, f'journey-failed-{i}-tree.txt')
                    h.dump_tree(tree)
                    print(f'#   accessibility tree: {tree}')
                    h.dismiss_dialogs()
                except Exception:
                    pass
            sys.stdout.flush()
        if broken:
            failed += 1
            print(f'not ok {n_cases} - every shown button has an accessible name')
            print(f'#   not run to the end: {broken}')
        elif h.offenders:
            failed += 1
            print(f'not ok {n_cases} - every shown button has an accessible name')
            print(f'#   {len(h.offenders)} kinds of button have no accessible name (GTK falls back to a type '
                  'name; a tooltip is only the description):')
            for k, seen in h.offenders.items():
                places = seen['places']
                more = f' and {len(places) - 2} more' if len(places) > 2 else ''
                print(f'#   {k}, in {"; ".join(places[:2])}{more} (first seen in step: {seen["step"]})')
        else:
            print(f'ok {n_cases} - every shown button has an accessible name')
        for note in sorted(h.toolkit_offenders):
            print(f'# note: not counted, the toolkit\'s own: {note}')
    finally:
        h.stop()
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
