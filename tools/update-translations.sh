#!/bin/sh
# Refreshes resources/translations/*.ts from the sources (every tr/qsTr the till's user can read): new strings are
# added as unfinished, strings no longer in the sources are dropped. Translate the unfinished ones (Qt Linguist, or
# by hand), then build: CMake turns the .ts files into the .qm files the till loads. The test
# translations.complete fails while a string has no German translation.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
lupdate=${LUPDATE:-/usr/lib/qt6/bin/lupdate}
cd "$top"
# German: every string. English: only the plural forms ("%n line(s)" -> "1 line", "2 lines").
"$lupdate" -silent -I "$top" -no-obsolete -locations none -extensions cpp,h,qml -recursive core sync app qml \
    -source-language en -target-language de -ts resources/translations/omnitill_de.ts
"$lupdate" -silent -I "$top" -no-obsolete -locations none -pluralonly -extensions cpp,h,qml -recursive core sync app qml \
    -source-language en -target-language en -ts resources/translations/omnitill_en.ts
