#!/bin/bash
# test-notify.sh: real desktop notifications through a real daemon.
#
# Starts dunst on the session bus (tools/test runs the suite under
# dbus-run-session and Xvfb), runs the real binary with --background on a
# database holding a reminder due now, and checks that the daemon got
# exactly one notification with the expected title and actions.  Then it
# invokes "Done" through dunst's own context menu (so ActionInvoked comes
# from the daemon), checks the reminder is done in the database, restarts
# the app and checks that nothing more is sent.  TAP output; fails, never
# skips, when dunst is missing.

set -u

: "${RD_BINARY:?RD_BINARY must point at the renewal-desk binary}"
SRCDIR="${G_TEST_SRCDIR:-$(dirname "$0")}"

# Always on a private session bus of its own: a daemon that D-Bus started
# for an earlier test on a shared bus could own org.freedesktop.Notifications,
# and the test passes alone, in any order and in parallel.  Without a
# display, run again under one.
if [ -z "${RD_NOTIFY_REEXEC:-}" ]; then
  export RD_NOTIFY_REEXEC=1
  exec dbus-run-session -- "$0" "$@"
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${RD_NOTIFY_XVFB:-}" ]; then
  export RD_NOTIFY_XVFB=1
  exec xvfb-run -a "$0" "$@"
fi

n=0
failed=0
ok ()   { n=$((n + 1)); echo "ok $n - $1"; }
fail () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
check () { if eval "$2"; then ok "$1"; else fail "$1"; fi; }

echo "1..11"

if ! command -v dunst >/dev/null || ! command -v dunstctl >/dev/null; then
  for i in $(seq 1 11); do fail "dunst and dunstctl are installed (tools/deps.txt)"; done
  exit 1
fi

WORK=$(mktemp -d)
DUNST_PID=
APP_PID=
MON_PID=
cleanup () {
  for pid in $APP_PID $DUNST_PID $MON_PID; do
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

export HOME="$WORK/home"
export XDG_CONFIG_HOME="$WORK/config"
export XDG_DATA_HOME="$WORK/data"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$WORK/run}"
export GNOTIFICATION_BACKEND=freedesktop
export RD_PICK_ACTION=Done
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

# Settings the app reads (and keeps) across its restart: no weekly-update
# reminder, so the one reminder seeded below is all that can fire.
export GSETTINGS_BACKEND=keyfile
mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings"
cat > "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile" <<INI
[org/renewaldesk/RenewalDesk]
weekly-update-enabled=false
notify-reminders=true
INI

# The daemon, with our configuration.
sed "s|@DMENU@|$SRCDIR/dunst-pick-action.sh|" "$SRCDIR/dunstrc" > "$WORK/dunstrc"
dunst -config "$WORK/dunstrc" > "$WORK/dunst.log" 2>&1 &
DUNST_PID=$!

# Which process owns the name, asked of the bus itself: that starts nothing.
# A call to org.freedesktop.Notifications before our dunst owns it would
# have D-Bus start the system's dunst, with its own configuration (its
# context menu runs dmenu), and on a busy machine that one could win.
owner_pid () {
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.GetConnectionUnixProcessID org.freedesktop.Notifications 2>/dev/null |
    sed -n 's/^(uint32 \([0-9]*\),)$/\1/p'
}
ready=no
for i in $(seq 1 100); do
  if [ "$(owner_pid)" = "$DUNST_PID" ]; then
    ready=yes; break
  fi
  sleep 0.1
done
check "dunst owns org.freedesktop.Notifications" '[ $ready = yes ]'

# Every Notify call the daemon gets.
dbus-monitor --session "type='method_call',interface='org.freedesktop.Notifications',member='Notify'" \
  > "$WORK/notify.log" 2>&1 &
MON_PID=$!
# The monitor is listening once it has given up its own name.
for i in $(seq 1 50); do grep -q 'member=NameLost' "$WORK/notify.log" && break; sleep 0.1; done

# A database with an account and a reminder due a minute ago.
ACCOUNT=6a1f0c3e-2b4d-4e5f-8a6b-7c8d9e0f1a2b
REMINDER=7b2e1d4f-3c5e-4f60-9b7c-8d9e0f1a2b3c
DUE=$(date -u -d '1 minute ago' +%Y-%m-%dT%H:%M:%SZ)
cat > "$WORK/seed.json" <<JSON
[
  { "_id": "account:$ACCOUNT", "type": "account", "name": "Nordlicht Energie AG",
    "currency": "EUR" },
  { "_id": "reminder:$REMINDER", "type": "reminder", "kind": "manual",
    "account_id": "$ACCOUNT", "due_at": "$DUE",
    "title": "Call Nordlicht about the budget" }
]
JSON
DB="$WORK/test.db"
"$RD_BINARY" --db "$DB" --import-json "$WORK/seed.json" > /dev/null || fail "seed the database"

count_notify () { grep -c 'member=Notify' "$WORK/notify.log"; }

"$RD_BINARY" --background --db "$DB" > "$WORK/app1.log" 2>&1 &
APP_PID=$!

for i in $(seq 1 100); do
  [ "$(count_notify)" -ge 1 ] && break
  sleep 0.1
done
# The app records notified_at once it has sent it: from then on a second
# Notify would be a bug, not a race with the first.
notified_at () {
  "$RD_BINARY" --db "$DB" --export-json "$WORK/state.json" > /dev/null 2>&1
  python3 -c "
import json
for d in json.load(open('$WORK/state.json')):
    if d['_id'] == 'reminder:$REMINDER' and d.get('notified_at'):
        print(d['notified_at'])"
}
for i in $(seq 1 100); do
  [ -n "$(notified_at)" ] && break
  sleep 0.1
done
check "the daemon received exactly one notification" '[ "$(count_notify)" = 1 ]'
check "its title names the reminder" 'grep -q "string \"Call Nordlicht about the budget\"" "$WORK/notify.log"'
check "its body names the account" 'grep -q "Nordlicht Energie AG" "$WORK/notify.log"'
check "it goes out under the app's name, not the binary's" \
  '[ "$(grep -A1 member=Notify "$WORK/notify.log" | sed -n 2p | tr -d " ")" = "string\"RenewalDesk\"" ]'
check "it carries the app's icon" 'grep -q "org.renewaldesk.RenewalDesk" "$WORK/notify.log"'
check "it offers Snooze and Done" \
  'grep -q "string \"Snooze\"" "$WORK/notify.log" && grep -q "string \"Done\"" "$WORK/notify.log"'

# Done, chosen in the daemon's own context menu.
dunstctl context > /dev/null 2>&1
done_at=
for i in $(seq 1 100); do
  "$RD_BINARY" --db "$DB" --export-json "$WORK/out.json" > /dev/null 2>&1
  done_at=$(python3 -c "
import json,sys
for d in json.load(open('$WORK/out.json')):
    if d['_id'] == 'reminder:$REMINDER' and d.get('done_at'):
        print(d['done_at'])")
  [ -n "$done_at" ] && break
  sleep 0.1
done
check "Done in the notification marks the reminder done in the store" '[ -n "$done_at" ]'
check "the notification is gone from the screen" '[ "$(dunstctl count displayed)" = 0 ]'

# A restart sends nothing more.
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null
"$RD_BINARY" --background --db "$DB" > "$WORK/app2.log" 2>&1 &
APP_PID=$!
sleep 3
check "a restart sends nothing more" '[ "$(count_notify)" = 1 ]'

# With the window open the scheduler waits until the portfolio has read the
# book, then starts: a reminder falling due still reaches the daemon.
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null
SECOND=8c3f2e50-4d6f-4071-8c8d-9e0f1a2b3c4d
cat > "$WORK/second.json" <<JSON
[
  { "_id": "reminder:$SECOND", "type": "reminder", "kind": "manual",
    "account_id": "$ACCOUNT", "due_at": "$(date -u -d '1 minute ago' +%Y-%m-%dT%H:%M:%SZ)",
    "title": "Send Nordlicht the bridge offer" }
]
JSON
"$RD_BINARY" --db "$DB" --import-json "$WORK/second.json" > /dev/null || fail "seed the second reminder"
"$RD_BINARY" --db "$DB" > "$WORK/app3.log" 2>&1 &
APP_PID=$!
for i in $(seq 1 200); do
  [ "$(count_notify)" -ge 2 ] && break
  sleep 0.1
done
check "with the window open, the reminder due now is notified once" \
  '[ "$(count_notify)" = 2 ] && grep -q "string \"Send Nordlicht the bridge offer\"" "$WORK/notify.log"'

if [ $failed -gt 0 ]; then
  echo "# dunst log:"; sed 's/^/# /' "$WORK/dunst.log"
  echo "# app log:"; sed 's/^/# /' "$WORK/app1.log"
  exit 1
fi
exit 0
