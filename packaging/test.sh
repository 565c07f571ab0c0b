#!/usr/bin/env bash
# README command 2 (and .ci/run): install dependencies, build everything with warnings as errors, check formatting
# and QML, then run the whole CTest suite headless.
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$top"
start=$(date +%s)
bash packaging/install-deps.sh
echo "== format check"
bash tools/check-format.sh
echo "== configure and build"
cmake -S . -B build-ci -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOMNITILL_WARNINGS_AS_ERRORS=ON
cmake --build build-ci --parallel 2
echo "== qmllint"
cmake --build build-ci --target all_qmllint
echo "== PostgreSQL for the hub tests"
bash packaging/start-postgres.sh
export OMNITILL_TEST_PG="postgresql://omnitill:omnitill@127.0.0.1:5432/omnitill_test"
echo "== Vendure for the connector tests (npm ci; CTest starts and stops it)"
bash packaging/vendure.sh install build-ci/vendure/vendure-app
echo "== tests"
export QT_QPA_PLATFORM=offscreen
ctest --test-dir build-ci --output-on-failure --parallel 2 --timeout 600
echo "== done in $(( $(date +%s) - start )) s"
