#!/usr/bin/env bash
# Rewrites the README's configuration table from the settings attrd and its
# modules declare (`attrd settings --markdown`). AttrdCoreTests fails when the
# two differ.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product attrd >/dev/null
table="$(.build/debug/attrd settings --markdown)"
TABLE="$table" python3 - <<'PY'
import os, re
path = "README.md"
text = open(path).read()
begin, end = "<!-- settings-table:begin -->\n", "<!-- settings-table:end -->"
start, stop = text.index(begin) + len(begin), text.index(end)
open(path, "w").write(text[:start] + os.environ["TABLE"] + "\n" + text[stop:])
PY
echo "README.md: configuration table updated"
