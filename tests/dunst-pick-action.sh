#!/bin/sh
# dunst's context menu: read the menu lines dunst offers on stdin, print
# the one for the action named in $RD_PICK_ACTION.  Lines look like
# "#Done [summary]".
grep -m1 "^#${RD_PICK_ACTION:-Done} " || true
