#!/usr/bin/env bash
# What tests/test_lite_pyodide.py needs, from the registries only (npm, PyPI); idempotent.
#   - Pyodide for Node.js, the versions xlwings Lite runs (package.json / package-lock.json);
#   - pure-Python xlwings wheels: the lowest version the scripts support (LITE_XLWINGS_FLOOR
#     in roadmap_tools/excel.py), the one xlwings Lite gives a new workbook, and the last one
#     below the floor.
# Usage: tests/lite/prepare.sh [PYTHON]   (PYTHON: an interpreter with pip; python3 by default)
set -euo pipefail
PYTHON="${1:-python3}"
case "$PYTHON" in /*) ;; */*) PYTHON="$PWD/$PYTHON" ;; esac  # a relative path, before the cd
cd "$(dirname "$0")"

if [ ! -f node_modules/pyodide/pyodide.mjs ] || [ ! -f node_modules/pyodide-314/pyodide.mjs ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

FLOOR="$(sed -n 's/^LITE_XLWINGS_FLOOR = "\(.*\)"$/\1/p' ../../roadmap_tools/excel.py)"
[ -n "$FLOOR" ] || { echo "LITE_XLWINGS_FLOOR not found in roadmap_tools/excel.py" >&2; exit 1; }
mkdir -p wheels
for version in "$FLOOR" 0.33.20 0.37.4; do
  if [ ! -f "wheels/xlwings-$version-py3-none-any.whl" ]; then
    "$PYTHON" -m pip download -q --no-deps --only-binary=:all: --platform any \
      --python-version 3.12 --implementation py -d wheels "xlwings==$version"
  fi
done
