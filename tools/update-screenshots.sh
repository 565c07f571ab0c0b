#!/bin/sh
# Refreshes docs/images/till (every screen of the layout walk, tests/app/till/layouttest.cpp, at 1280x800, 800x1280,
# 1024x768 and 1920x1080), docs/images/kiosk (the kiosk in both orientations) and docs/images/reports (the hub's
# report pages in Chromium), as drawn headless. Run after a
# build: tools/update-screenshots.sh [BUILD_DIR]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build-ci}
out="$top/docs/images/till"
rm -rf "$out" && mkdir -p "$out"
QT_QPA_PLATFORM=offscreen OMNITILL_SCREENSHOT_DIR="$out" "$build/tests/layouttest" --gtest_filter='LayoutTest.*'
echo "screenshots: $(ls "$out" | wc -l) in $out"
# The customer kiosk (tests/app/kiosk/kiosktest.cpp) in portrait 1080x1920 and landscape 1920x1080.
kiosk="$top/docs/images/kiosk"
rm -rf "$kiosk" && mkdir -p "$kiosk"
QT_QPA_PLATFORM=offscreen OMNITILL_SCREENSHOT_DIR="$kiosk" "$build/tests/kiosktest"
echo "screenshots: $(ls "$kiosk" | wc -l) in $kiosk"
# The managers' report pages on the hub, as headless Chromium shows them (tests/sync/reportpagetest.cpp).
reports="$top/docs/images/reports"
rm -rf "$reports" && mkdir -p "$reports"
QT_QPA_PLATFORM=offscreen OMNITILL_SCREENSHOT_DIR="$reports" "$build/tests/reportpagetest" \
    --gtest_filter='ReportPageTest.AManagerSignsIn*'
echo "screenshots: $(ls "$reports" | wc -l) in $reports"
