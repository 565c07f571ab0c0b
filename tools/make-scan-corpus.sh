#!/usr/bin/env bash
# Regenerates the GS1 / retail test symbols in tests/data/scan/ with Debian's zint (2.11.1). libqrencode cannot make
# GS1 QR codes (shared/notes), so every GS1 symbol comes from zint. Each line of symbols.tsv names the file, the
# camera mode that must read it, the AIM symbology identifier ZXing reports and the text ZXing returns (<GS> = 0x1D).
set -euo pipefail
out="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/data/scan"
mkdir -p "$out"
cd "$out"
rm -f ./*.png
make() { # file, zint arguments...
    local file=$1
    shift
    zint --scale=2 "$@" -o "$file" >/dev/null
}
make ean13.png -b 13 -d 400638133393
make ean8.png -b 10 -d 9638507
make upca.png -b 34 -d 03600029145
make code128.png -b 20 -d "SKU0000042"
make gs1-128-weight.png -b 16 --gs1 -d "[01]04006381333931[3103]001250"
make gs1-128-lot.png -b 16 --gs1 -d "[01]04006381333931[10]LOT42[17]271231"
make gs1-datamatrix.png -b 71 --gs1 --scale=4 -d "[01]04006381333931[17]271231[10]ABC123"
make gs1-datamatrix-gtin.png -b 71 --gs1 --scale=4 -d "[01]04006381333931"
make gs1-qr.png -b 58 --gs1 --scale=4 -d "[01]04006381333931[17]271231"
make qr-digital-link.png -b 58 --scale=4 -d "https://id.gs1.org/01/04006381333931/10/ABC?17=271231"
make datamatrix.png -b 71 --scale=4 -d "LOYALTY-7731-0042"
make databar-omni.png -b 29 -d 0400638133393
make databar-expanded.png -b 31 --gs1 -d "[01]04006381333931[3103]001250"
make databar-expanded-stacked.png -b 81 --gs1 --cols=2 -d "[01]04006381333931[3103]001250[17]271231"
make price-ean13.png -b 13 -d 201234501995
ls -1 ./*.png | wc -l | xargs echo "symbols:"
