#!/usr/bin/env bash
# README command 1: install dependencies, build OmniTill, and start it with the demo catalog.
# With a display the till window opens; without one, the CLI shows the same demo store at work.
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$top"
bash packaging/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOMNITILL_BUILD_TESTS=OFF -DOMNITILL_BUILD_BENCH=OFF
cmake --build build --parallel
# The programs go on PATH (/usr/local/bin), so the README's commands work as written; they are in build/bin too.
as_root=()
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && as_root=(sudo)
if [ "$(id -u)" -eq 0 ] || [ ${#as_root[@]} -gt 0 ]; then
    "${as_root[@]}" cmake --install build --prefix /usr/local >/dev/null
    echo "Installed omnitill, omnitill-kiosk, omnitill-cli, omnitill-hub and omnitill-decoder to /usr/local/bin."
else
    echo "Not root and no sudo: the programs are in $top/build/bin (add it to PATH for the README's commands)."
fi
db="${OMNITILL_DEMO_DB:-$top/build/demo-store.db}"
cli="$top/build/bin/omnitill-cli"
export QT_LOGGING_RULES="${QT_LOGGING_RULES:-pos.*.info=false}"
if [ "$("$cli" --db "$db" status | sed -n 's/^SKUs: //p')" = "0" ]; then
    "$cli" --db "$db" demo --skus 5000
fi
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    echo "Starting the till on $db (scan or type SKU0000001, search by name on the right)."
    exec "$top/build/bin/omnitill" --db "$db" --demo --windowed
fi
echo "No display found: showing the demo store from the command line. Start the window with"
echo "  $top/build/bin/omnitill --db $db --demo          (or: xvfb-run ... --self-test --screenshot till.png)"
echo
"$cli" --db "$db" status
echo
"$cli" --db "$db" lookup SKU0000001
echo
"$cli" --db "$db" search cafe creme --limit 5
echo
"$cli" --db "$db" customer-find mül an
echo
"$cli" --db "$db" sale - <<'JSON'
{"currency": "EUR", "pricing": "inclusive",
 "items": [{"sku": "SKU0000001", "qty": "2"}, {"sku": "SKU0000020"}, {"sku": "SKU0000033", "discount": {"percent": "10"}}],
 "payment": {"method": "cash", "tendered": "100.00"}}
JSON
