#!/usr/bin/env bash
# Sourced by scripts/start and scripts/test: make sure uv and the locked virtual environment exist.
# Needs only Python 3.11+ and the package registries. Usage: source scripts/bootstrap.sh
set -euo pipefail
export UV_PYTHON_DOWNLOADS=never   # use this machine's Python, never download one
export UV_LINK_MODE=copy
if command -v uv >/dev/null 2>&1; then
  UV=$(command -v uv)
elif [ -x .tools/bin/uv ]; then
  UV=.tools/bin/uv
else
  echo "Installing uv into .tools/ ..."
  python3 -m venv .tools 2>/dev/null && .tools/bin/pip install --quiet uv \
    || { python3 -m pip install --quiet --user uv 2>/dev/null || python3 -m pip install --quiet --user --break-system-packages uv; }
  if [ -x .tools/bin/uv ]; then UV=.tools/bin/uv; else UV="python3 -m uv"; fi
fi
PYTHON_BIN=$(command -v python3.11 || command -v python3)
# One environment for both scripts, always with the dev group: scripts/start and scripts/test can then run
# side by side, because neither sync removes packages the other is using (the second sync changes nothing).
# --dev is still accepted, for callers that pass it.
$UV sync --frozen --python "$PYTHON_BIN" --quiet
export PATH="$PWD/.venv/bin:$PATH"
