#!/bin/bash
# test-dbus-activation.sh: a notification's Done and Snooze reach the app
# after its window and its process are gone.
#
# A private D-Bus session whose service directory holds the service file
# meson generated (its Exec pointed at the build's binary).  Nothing of the
# app runs; the test asks D-Bus to activate the app's "reminder-done" and
# "snooze-reminder" actions, as the desktop does when a button of a
# notification is pressed, and checks that D-Bus started the app and that
# the database holds the change.  TAP output.

set -u

: "${RD_BINARY:?RD_BINARY must point at the renewal-desk binary}"
: "${RD_SERVICE_FILE:?RD_SERVICE_FILE must point at the generated .service file}"
: "${RD_APP_ID:?RD_APP_ID must be the application id}"

n=0
failed=0
ok ()   { n=$((n + 1)); echo "ok $n - $1"; }
fail () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
check () { if eval "$2"; then ok "$1"; else fail "$1"; fi; }

WORK=$(mktemp -d)
trap 'pkill -f -- "--gapplication-service" 2>/dev/null; rm -rf "$WORK"' EXIT

# The inner part runs on the private bus.
if [ -z "${RD_ACTIVATION_INNER:-}" ]; then
  echo "1..7"
  mkdir -p "$WORK/services" "$WORK/home" "$WORK/config/glib-2.0/settings" "$WORK/data" "$WORK/run"
  chmod 700 "$WORK/run"
  check "the service file names the app and starts it as a service" \
    'grep -qx "Name=$RD_APP_ID" "$RD_SERVICE_FILE" && grep -q "^Exec=.*renewal-desk --gapplication-service$" "$RD_SERVICE_FILE"'
  sed "s|^Exec=.*renewal-desk |Exec=$RD_BINARY |" "$RD_SERVICE_FILE" > "$WORK/services/$RD_APP_ID.service"
  cat > "$WORK/session.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=$WORK/run</listen>
  <servicedir>$WORK/services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
  # What D-Bus hands the activated app: this environment.
  export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data"
  export XDG_RUNTIME_DIR="$WORK/run" GSETTINGS_BACKEND=keyfile NO_AT_BRIDGE=1
  unset RENEWAL_DESK_DB
  printf '[%s]\nnotify-reminders=false\nweekly-update-enabled=false\n' \
    "$(echo "$RD_APP_ID" | tr . /)" > "$WORK/config/glib-2.0/settings/keyfile"
  export RD_ACTIVATION_INNER=1 RD_WORK="$WORK" RD_N=$n RD_FAILED=$failed
  dbus-run-session --config-file="$WORK/session.conf" -- "$0"
  exit $?
fi

WORK=$RD_WORK
n=$RD_N
failed=$RD_FAILED
trap 'pkill -f -- "--gapplication-service" 2>/dev/null' EXIT

DB="$XDG_DATA_HOME/renewal-desk/renewal-desk.db"
ACCOUNT=6a1f0c3e-2b4d-4e5f-8a6b-7c8d9e0f1a2b
DONE_ID=7b2e1d4f-3c5e-4f60-9b7c-8d9e0f1a2b3c
SNOOZE_ID=8c3f2e50-4d6f-4071-8c8d-9e0f1a2b3c4d
DUE=$(date -u -d '1 minute ago' +%Y-%m-%dT%H:%M:%SZ)
cat > "$WORK/seed.json" <<JSON
[
  { "_id": "account:$ACCOUNT", "type": "account", "name": "Nordlicht Energie AG",
    "currency": "EUR" },
  { "_id": "reminder:$DONE_ID", "type": "reminder", "kind": "manual",
    "account_id": "$ACCOUNT", "due_at": "$DUE", "title": "Call Nordlicht" },
  { "_id": "reminder:$SNOOZE_ID", "type": "reminder", "kind": "manual",
    "account_id": "$ACCOUNT", "due_at": "$DUE", "title": "Send the pilot offer" }
]
JSON
"$RD_BINARY" --db "$DB" --import-json "$WORK/seed.json" > /dev/null 2>&1 || fail "seed the database"

object_path="/$(echo "$RD_APP_ID" | tr . /)"
running () {
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner "$RD_APP_ID" 2>/dev/null | grep -q true
}
activate_action () {
  gdbus call --session --dest "$RD_APP_ID" --object-path "$object_path" \
    --method org.freedesktop.Application.ActivateAction "$1" "[<'$2'>]" "{}" > /dev/null 2>&1
}
# The member @2 of reminder @1, once it is set (polls the database for 10 s).
wait_member () {
  local value=
  for i in $(seq 1 100); do
    "$RD_BINARY" --db "$DB" --export-json "$WORK/out.json" > /dev/null 2>&1
    value=$(python3 -c "
import json
for d in json.load(open('$WORK/out.json')):
    if d['_id'] == 'reminder:$1' and d.get('$2'):
        print(d['$2'])" 2>/dev/null)
    [ -n "$value" ] && break
    sleep 0.1
  done
  echo "$value"
}

check "the app is not running" '! running'
check "D-Bus starts the app for the Done button" 'activate_action reminder-done "$DONE_ID"'
check "the app runs, started by D-Bus" 'running'
check "Done marks the reminder done in the database" '[ -n "$(wait_member "$DONE_ID" done_at)" ]'
check "Snooze reaches the running service" 'activate_action snooze-reminder "$SNOOZE_ID"'
check "Snooze moves the reminder in the database" '[ -n "$(wait_member "$SNOOZE_ID" snoozed_until)" ]'

exit $([ "$failed" -eq 0 ] && echo 0 || echo 1)
