#!/usr/bin/env bash
# test-po.sh: the translations are complete and the template misses nothing.
# Copyright 2026 The Renewal Desk developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# TAP.  For every language in po/LINGUAS:
#   msgfmt/LANG       msgfmt --check passes, no fuzzy and no untranslated entry;
#   template/LANG     every msgid (and context) of the template that xgettext makes
#                     from po/POTFILES.in is translated in po/LANG.po (msgcmp);
# and once:
#   potfiles/exist    every file listed in po/POTFILES.in exists;
#   potfiles/complete every C, .ui, desktop, metainfo and schema file in git that
#                     has a translatable string is listed in po/POTFILES.in.
# xgettext runs with the keywords and flags of meson's i18n 'glib' preset, which
# builds po/renewal-desk.pot; .ui, metainfo and schema files go through the ITS
# rules installed with GTK, AppStream and GLib, desktop files through xgettext's own.
set -uo pipefail

cd "$(dirname "$(readlink -f "$0")")/.." || exit 1
work=$(mktemp -d "${TMPDIR:-/tmp}/rd-test-po-XXXXXX")
trap 'rm -rf "$work"' EXIT

xgettext_args=(
  --from-code=UTF-8 --add-comments
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format
  --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format
)

n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n $1"; }
not_ok () {
  n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n $1"
  shift; for line in "$@"; do printf '# %s\n' "$line"; done
}

mapfile -t langs < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' po/LINGUAS)
mapfile -t listed < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' po/POTFILES.in)
echo "1..$(( ${#langs[@]} * 2 + 2 ))"

# The template, as `meson compile renewal-desk-pot` makes it.
if ! xgettext "${xgettext_args[@]}" --package-name=renewal-desk -D . -f po/POTFILES.in \
     -o "$work/template.pot" 2> "$work/xgettext.err"; then
  echo "Bail out! xgettext over po/POTFILES.in failed: $(cat "$work/xgettext.err")"
  exit 1
fi

for lang in "${langs[@]}"; do
  po=po/$lang.po
  if [ ! -f "$po" ]; then
    not_ok "msgfmt/$lang" "$po is missing"
    not_ok "template/$lang" "$po is missing"
    continue
  fi

  # "N translated messages, N fuzzy translations, N untranslated messages."
  if ! msgfmt --check --statistics -o /dev/null "$po" 2> "$work/msgfmt.err"; then
    mapfile -t errs < <(head -20 "$work/msgfmt.err")
    not_ok "msgfmt/$lang" "msgfmt --check failed:" "${errs[@]}"
  else
    stats=$(tail -1 "$work/msgfmt.err")
    fuzzy=$(sed -n 's/.* \([0-9]\+\) fuzzy translation.*/\1/p' <<< "$stats")
    untranslated=$(sed -n 's/.* \([0-9]\+\) untranslated message.*/\1/p' <<< "$stats")
    if [ "${fuzzy:-0}" -ne 0 ] || [ "${untranslated:-0}" -ne 0 ]; then
      not_ok "msgfmt/$lang" "$po: $stats" \
        "(msgattrib --only-fuzzy / --untranslated $po lists them)"
    else
      ok "msgfmt/$lang # $stats"
    fi
  fi

  # Every template message, by msgctxt and msgid, translated in the .po file
  # (msgcmp counts fuzzy and untranslated entries as missing).
  if msgcmp "$po" "$work/template.pot" > "$work/msgcmp.out" 2>&1; then
    ok "template/$lang"
  else
    # "template.pot:LINE: this message is used but not defined" (missing) or
    # "po/LANG.po:LINE: this message is untranslated" / "...is fuzzy".
    mapfile -t lines < <(sed -n 's/^.*template\.pot:\([0-9]*\): this message is used but not defined.*/\1/p' \
                         "$work/msgcmp.out")
    errs=()
    for line in "${lines[@]:0:10}"; do
      errs+=("$(sed -n "$((line > 5 ? line - 5 : 1)),${line}p" "$work/template.pot" | grep "^msgid \"" | tail -1)")
    done
    untranslated=$(grep -c 'this message is \(untranslated\|fuzzy\)' "$work/msgcmp.out")
    not_ok "template/$lang" \
      "${#lines[@]} messages of the template are missing from $po and $untranslated are untranslated or fuzzy;" \
      "run \`meson compile -C build renewal-desk-update-po\` and translate them. Missing, e.g.:" \
      "${errs[@]}"
  fi
done

# Every listed file exists.
gone=()
for f in "${listed[@]}"; do
  [ -f "$f" ] || gone+=("$f")
done
if [ ${#gone[@]} -eq 0 ]; then
  ok "potfiles/exist"
else
  not_ok "potfiles/exist" "po/POTFILES.in lists files that do not exist:" "${gone[@]}"
fi

# Every file with a translatable string is listed.
if git rev-parse --is-inside-work-tree > /dev/null 2>&1; then
  mapfile -t candidates < <(git ls-files -- 'src/*.c' 'ui/*.ui' 'data/*.in' 'data/*.gschema.xml')
else
  mapfile -t candidates < <(find src ui -name '*.c' -o -name '*.ui'; ls data/*.in data/*.gschema.xml)
fi
# A lookup table, not `printf | grep -q`: with pipefail, grep's early exit
# makes printf die of SIGPIPE now and then, and the file looks unlisted.
declare -A is_listed=()
for f in "${listed[@]}"; do
  is_listed["$f"]=1
done
unlisted=()
for f in "${candidates[@]}"; do
  [ -n "${is_listed[$f]:-}" ] && continue
  rm -f "$work/one.pot"
  if ! xgettext "${xgettext_args[@]}" -o "$work/one.pot" -- "$f" 2> "$work/one.err"; then
    unlisted+=("$f (xgettext failed: $(head -1 "$work/one.err"))")
  elif [ -s "$work/one.pot" ] && grep -q '^msgid "[^"]' "$work/one.pot"; then
    unlisted+=("$f: $(grep -m1 '^msgid "[^"]' "$work/one.pot")")
  fi
done
if [ ${#unlisted[@]} -eq 0 ]; then
  ok "potfiles/complete # ${#candidates[@]} files checked"
else
  not_ok "potfiles/complete" "files with translatable strings missing from po/POTFILES.in:" \
    "${unlisted[@]}"
fi

exit $(( failed > 0 ))
