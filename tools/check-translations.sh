#!/bin/sh
# Fails when a string a user can read has no German translation, or when the sources hold a string the .ts files
# do not (tools/update-translations.sh was not run): lupdate runs on copies in $1 and the copies must come out with
# no unfinished message.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
work=${1:?usage: check-translations.sh WORKDIR}
rm -rf "$work" && mkdir -p "$work"
cp "$top"/resources/translations/omnitill_de.ts "$top"/resources/translations/omnitill_en.ts "$work"/
lupdate=${LUPDATE:-/usr/lib/qt6/bin/lupdate}
cd "$top"
"$lupdate" -silent -I "$top" -no-obsolete -locations none -extensions cpp,h,qml -recursive core sync app qml \
    -source-language en -target-language de -ts "$work"/omnitill_de.ts 2>/dev/null
"$lupdate" -silent -I "$top" -no-obsolete -locations none -pluralonly -extensions cpp,h,qml -recursive core sync app \
    qml -source-language en -target-language en -ts "$work"/omnitill_en.ts 2>/dev/null
status=0
for ts in "$work"/omnitill_de.ts "$work"/omnitill_en.ts; do
    missing=$(grep -c 'type="unfinished"' "$ts" || true)
    if [ "$missing" != "0" ]; then
        echo "$(basename "$ts"): $missing string(s) without a translation (run tools/update-translations.sh, then translate):"
        grep -B3 'type="unfinished"' "$ts" | grep '<source>' | sed 's/^ */  /'
        status=1
    fi
done
[ $status = 0 ] && echo "translations complete"
exit $status
