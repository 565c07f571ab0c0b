#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster on loopback and makes the role and database the hub tests use
# (postgresql://omnitill:omnitill@127.0.0.1:5432/omnitill_test). Idempotent; needs root. Fails loudly: the hub's
# PostgreSQL tests must run, not be skipped.
set -euo pipefail
version=$(pg_lsclusters --no-header 2>/dev/null | awk 'NR==1 {print $1}')
cluster=$(pg_lsclusters --no-header 2>/dev/null | awk 'NR==1 {print $2}')
if [ -z "$version" ]; then
    version=$(ls /usr/lib/postgresql | sort -n | tail -1)
    pg_createcluster "$version" main
    cluster=main
fi
if ! pg_lsclusters --no-header | awk -v v="$version" -v c="$cluster" '$1==v && $2==c {print $4}' | grep -q online; then
    pg_ctlcluster "$version" "$cluster" start
fi
as_postgres() { su postgres -c "$1"; }
as_postgres "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname = 'omnitill'\"" | grep -q 1 \
    || as_postgres "psql -qc \"CREATE ROLE omnitill LOGIN PASSWORD 'omnitill' CREATEDB\""
as_postgres "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname = 'omnitill_test'\"" | grep -q 1 \
    || as_postgres "createdb -O omnitill omnitill_test"
PGPASSWORD=omnitill psql -h 127.0.0.1 -U omnitill -d omnitill_test -qtAc "SELECT 1" >/dev/null
echo "postgres: cluster $version/$cluster online; omnitill_test ready"
