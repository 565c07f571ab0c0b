#!/bin/sh
# Try the kiosk as a customer sees it, from a text console (or inside a desktop session, nested in a window):
#   sh packaging/kiosk/run-in-cage.sh [kiosk.db]
# cage shows one program full screen with no way out but that program's own (no VT switching: no -s); the kiosk ends only through its staff
# panel (long press on the top right corner, a manager's PIN or badge). The demo catalog is added to a new database.
set -eu
db=${1:-$HOME/.local/share/OmniTill/omnitill-kiosk/kiosk.db}
mkdir -p "$(dirname "$db")"
command -v cage >/dev/null || { echo "cage is not installed: sudo apt install cage" >&2; exit 1; }
kiosk=$(command -v omnitill-kiosk || echo "$(cd "$(dirname "$0")/../.." && pwd)/build/bin/omnitill-kiosk")
QT_QPA_PLATFORM=wayland exec cage -d -- "$kiosk" --db "$db" --demo
