#!/bin/bash
# test-devel-profile.sh: the development profile (-Ddevelopment=true) builds
# and runs beside the normal one.
#
# Configures build-devel/ next to the build directory (once; later runs only
# rebuild what changed), builds the binary and the schema, and starts the
# .Devel app on an empty database: it must find its own schema and keep
# running.  TAP output.
# Copyright 2026 The Renewal Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
: "${RD_SOURCE_ROOT:?}"
: "${RD_BUILD_ROOT:?}"
DEVEL="$(dirname "$RD_BUILD_ROOT")/build-devel"
APP_ID=org.renewaldesk.RenewalDesk.Devel

n=0
failed=0
ok ()   { n=$((n + 1)); echo "ok $n - $1"; }
fail () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
check () { if eval "$2"; then ok "$1"; else fail "$1"; fi; }

echo "1..4"
WORK=$(mktemp -d)
APP_PID=
trap '[ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null; rm -rf "$WORK"' EXIT

configure () {
  [ -f "$DEVEL/build.ninja" ] ||
    meson setup "$DEVEL" "$RD_SOURCE_ROOT" -Ddevelopment=true -Dwerror=true > "$WORK/setup.log" 2>&1
}
build () {
  ninja -C "$DEVEL" src/renewal-desk data/gschemas.compiled > "$WORK/build.log" 2>&1
}
check "build-devel/ is configured with -Ddevelopment=true" 'configure'
check "the .Devel binary and schema build without a warning" 'build'
check "the schema is the application id's" \
  'gsettings --schemadir "$DEVEL/data" list-keys "$APP_ID" | grep -q "^notify-reminders$"'

export HOME="$WORK" XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data"
export GSETTINGS_SCHEMA_DIR="$DEVEL/data" GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1
"$DEVEL/src/renewal-desk" --db "$WORK/devel.db" > "$WORK/app.log" 2>&1 &
APP_PID=$!
alive=yes
for i in $(seq 1 30); do
  kill -0 "$APP_PID" 2>/dev/null || { alive=no; break; }
  sleep 0.1
done
check "the .Devel app starts and keeps running" '[ $alive = yes ] && [ -s "$WORK/devel.db" ]'

if [ "$failed" -gt 0 ]; then
  for f in setup build app; do
    [ -f "$WORK/$f.log" ] && tail -n 20 "$WORK/$f.log" | sed "s/^/# $f: /"
  done
  exit 1
fi
exit 0
