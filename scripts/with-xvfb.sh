#!/usr/bin/env bash
# Runs a command on a virtual X display (Xvfb), for GUI tests and screenshots.
set -euo pipefail
export NO_AT_BRIDGE=1 GTK_A11Y=none
exec xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" "$@"
