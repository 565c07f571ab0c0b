#!/usr/bin/env bash
# Installs the Debian packages listed in packaging/debian-packages.txt. Idempotent; needs root (or sudo).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# "package|command": only when the command is missing (see the list).
packages=""
while read -r entry; do
    case "$entry" in
    '' | '#'*) continue ;;
    *'|'*) command -v "${entry#*|}" >/dev/null 2>&1 || packages="$packages ${entry%%|*}" ;;
    *) packages="$packages $entry" ;;
    esac
done <"$here/debian-packages.txt"
as_root=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
    as_root=(sudo)
fi
missing=$(dpkg-query -W -f='${Package} ${Status}\n' $packages 2>/dev/null | grep -c -v 'install ok installed' || true)
installed=$(dpkg-query -W -f='${Package}\n' $packages 2>/dev/null | wc -l || true)
wanted=$(echo $packages | wc -w)
if [ "$missing" = "0" ] && [ "$installed" = "$wanted" ]; then
    echo "install-deps: all $wanted packages already installed"
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends $packages
echo "install-deps: installed $wanted packages"
