#!/usr/bin/env python3
# test-flatpak-manifest.py: the Flatpak manifest stays in step with the build.
# Copyright 2026 The Renewal Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The manifest cannot be built here (the GNOME runtime is out of reach), so this
# checks what can drift: its app id is the development build's, its command is
# the executable meson installs, and every -D option it passes exists in
# meson_options.txt with a value of the option's type.
import json
import re
import sys

root = sys.argv[1]
cases = []


def case(name, ok, why=''):
    cases.append((name, ok, why))


with open(f'{root}/build-aux/org.renewaldesk.RenewalDesk.Devel.json', encoding='utf-8') as f:
    manifest = json.load(f)
with open(f'{root}/meson_options.txt', encoding='utf-8') as f:
    options_text = f.read()
with open(f'{root}/meson.build', encoding='utf-8') as f:
    meson_text = f.read()
with open(f'{root}/src/meson.build', encoding='utf-8') as f:
    src_meson = f.read()

options = dict(re.findall(r"option\('([\w-]+)',\s*type:\s*'(\w+)'", options_text))
devel_id = re.search(r"app_id = '([\w.]+\.Devel)'", meson_text)
case('app-id is the development build\'s', devel_id is not None
     and manifest.get('app-id') == devel_id.group(1),
     f"manifest {manifest.get('app-id')!r}, meson.build {devel_id and devel_id.group(1)!r}")
exe = re.search(r"executable\('([\w-]+)'", src_meson)
case('command is the installed executable', exe is not None
     and manifest.get('command') == exe.group(1),
     f"manifest {manifest.get('command')!r}, src/meson.build {exe and exe.group(1)!r}")

module = [m for m in manifest.get('modules', []) if m.get('name') == 'renewal-desk']
case('one renewal-desk module built with meson', len(module) == 1
     and module[0].get('buildsystem') == 'meson')
opts = module[0].get('config-opts', []) if module else []
for opt in opts:
    m = re.fullmatch(r'-D([\w-]+)=(.*)', opt)
    if not m:
        case(f'{opt} is a -Dname=value option', False)
        continue
    name, value = m.groups()
    kind = options.get(name)
    ok = kind is not None and (kind != 'boolean' or value in ('true', 'false'))
    case(f'{opt} matches meson_options.txt', ok,
         'no such option' if kind is None else f'{name} is a {kind}')
case('development is switched on', '-Ddevelopment=true' in opts)

print(f'1..{len(cases)}')
for i, (name, ok, why) in enumerate(cases, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}" + ('' if ok else f' # {why}'))
sys.exit(0 if all(ok for _, ok, _ in cases) else 1)
