#!/usr/bin/env bash
# Fails when any C++ source differs from .clang-format. Fix with: tools/check-format.sh --fix
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
files=$(git ls-files --cached --others --exclude-standard -- '*.cpp' '*.h' 2>/dev/null || find app core sync qml tests -name '*.cpp' -o -name '*.h')
if [ "${1:-}" = "--fix" ]; then
    clang-format -i $files
    exit 0
fi
clang-format --dry-run --Werror $files
echo "format: $(echo $files | wc -w) files clean"
