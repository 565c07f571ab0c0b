#!/usr/bin/env bash
# A real Vendure (3.7, SQLite) on loopback, for the connector's tests and the demo (docs/CONNECTORS.md).
#
#   vendure.sh install [APP]        npm ci of packaging/vendure into APP (skipped when APP has this lockfile's install)
#   vendure.sh start DIR [PORT]     a Vendure whose database, log and PID are in DIR: created and seeded the first time,
#                                   started again on the same database after that; waits until it answers. PORT: a
#                                   number, or "auto" (default) for a free one. Writes DIR/env (VENDURE_URL,
#                                   VENDURE_API_KEY, VENDURE_PID; mode 600) and, the first time, DIR/seed.json.
#   vendure.sh stop DIR             stops it by its PID (SIGTERM, then SIGKILL after 10 s)
#   vendure.sh restart DIR [PORT]   stop (when it runs), then start
#   vendure.sh status DIR           whether it runs
#
# Environment: OMNITILL_VENDURE_APP (APP, default DIR/../vendure-app), OMNITILL_STORES (stock locations to make,
# default S001,S002), OMNITILL_HUB_URL (the hub's address in cart hand-off codes), VENDURE_ADMIN_USER and
# VENDURE_ADMIN_PASSWORD (the superadmin, used only to seed). Node.js 20 or later and npm: packaging/install-deps.sh.
set -euo pipefail
src="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/vendure"
export VENDURE_DISABLE_TELEMETRY=true npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
export npm_config_nodedir="${npm_config_nodedir:-/usr}" # better-sqlite3 builds against the installed Node's headers

die() { echo "vendure.sh: $*" >&2; exit 1; }

check_node() {
    command -v node >/dev/null || die "Node.js is not installed (bash packaging/install-deps.sh)"
    command -v npm >/dev/null || die "npm is not installed (bash packaging/install-deps.sh)"
    local major
    major=$(node -p 'process.versions.node.split(".")[0]')
    [ "$major" -ge 20 ] || die "Vendure 3.7 needs Node.js 20 or later; this is $(node --version)"
}

install_app() {
    local app=$1 stamp
    check_node
    mkdir -p "$app"
    stamp=$(sha256sum <"$src/package-lock.json" | cut -c1-16)
    cp "$src"/package.json "$src"/package-lock.json "$src"/*.js "$app"/
    if [ -f "$app/.installed" ] && [ "$(cat "$app/.installed")" = "$stamp" ] && [ -d "$app/node_modules" ]; then
        return 0
    fi
    local t0=$SECONDS
    (cd "$app" && npm ci --loglevel=error >npm-ci.log 2>&1) || { tail -40 "$app/npm-ci.log" >&2; die "npm ci failed"; }
    echo "$stamp" >"$app/.installed"
    echo "vendure.sh: installed Vendure into $app in $((SECONDS - t0)) s"
}

# Alive and not a zombie waiting to be reaped (a killed server's PID answers kill -0 until then).
running() {
    [ -f "$1/server.pid" ] || return 1
    local pid state
    pid=$(cat "$1/server.pid")
    kill -0 "$pid" 2>/dev/null || return 1
    state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || echo Z)
    [ "$state" != Z ]
}

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

wait_ready() {
    local dir=$1 port=$2 pid=$3
    for _ in $(seq 600); do # 120 s: the first start on a cold machine takes up to 20 s
        kill -0 "$pid" 2>/dev/null || { tail -30 "$dir/server.log" >&2; die "Vendure stopped while starting"; }
        if curl -sf -m 2 -X POST -H 'content-type: application/json' --data '{"query":"{ __typename }"}' \
            "http://127.0.0.1:$port/shop-api" >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.2
    done
    kill "$pid" 2>/dev/null || true
    tail -30 "$dir/server.log" >&2
    die "Vendure did not answer within 120 s"
}

start() {
    local dir=$1 port=${2:-auto}
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    local app="${OMNITILL_VENDURE_APP:-$(dirname "$dir")/vendure-app}"
    running "$dir" && die "a Vendure already runs for $dir (pid $(cat "$dir/server.pid"))"
    install_app "$app"
    if [ "$port" = auto ]; then
        if [ -f "$dir/port" ]; then port=$(cat "$dir/port"); else port=$(free_port); fi
    fi
    curl -s -m 2 -o /dev/null "http://127.0.0.1:$port/" && die "port $port is in use"
    echo "$port" >"$dir/port"
    export VENDURE_PORT=$port VENDURE_DB="$dir/vendure.sqlite"
    export VENDURE_ADMIN_USER="${VENDURE_ADMIN_USER:-superadmin}"
    export VENDURE_ADMIN_PASSWORD="${VENDURE_ADMIN_PASSWORD:-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')}"
    local fresh=0 t0=$SECONDS
    if [ ! -f "$dir/vendure.sqlite" ]; then
        fresh=1
        (cd "$app" && node populate.js >"$dir/populate.log" 2>&1) || { tail -30 "$dir/populate.log" >&2; die "populate failed"; }
    fi
    (cd "$app" && exec nohup node server.js >>"$dir/server.log" 2>&1 </dev/null) &
    local pid=$!
    echo "$pid" >"$dir/server.pid"
    wait_ready "$dir" "$port" "$pid"
    if [ "$fresh" = 1 ]; then
        (umask 077 && cd "$app" && VENDURE_URL="http://127.0.0.1:$port" node seed.js >"$dir/seed.json" 2>"$dir/seed.err") \
            || { cat "$dir/seed.err" >&2; kill "$pid"; die "seeding failed"; }
    fi
    local key
    key=$(node -p 'require(process.argv[1]).hubApiKey' "$dir/seed.json")
    (umask 077 && cat >"$dir/env" <<EOT
export VENDURE_URL=http://127.0.0.1:$port
export VENDURE_API_KEY=$key
export VENDURE_PID=$pid
EOT
    )
    echo "Vendure ready at http://127.0.0.1:$port/admin-api (pid $pid, $((SECONDS - t0)) s); the hub's API key is in $dir/env"
}

stop() {
    local dir=$1 pid
    [ -f "$dir/server.pid" ] || die "no Vendure was started in $dir"
    pid=$(cat "$dir/server.pid")
    kill "$pid" 2>/dev/null || { echo "vendure.sh: not running (pid $pid)"; return 0; }
    for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || { echo "vendure.sh: stopped pid $pid"; return 0; }
        sleep 0.2
    done
    kill -9 "$pid" 2>/dev/null || true
    echo "vendure.sh: killed pid $pid (it did not stop within 10 s)"
}

case "${1:-}" in
install) install_app "${2:-$(pwd)/vendure-app}" ;;
start) start "${2:?usage: vendure.sh start DIR [PORT]}" "${3:-auto}" ;;
stop) stop "${2:?usage: vendure.sh stop DIR}" ;;
restart)
    if running "${2:?usage: vendure.sh restart DIR [PORT]}"; then stop "$2"; fi
    start "$2" "${3:-auto}"
    ;;
status) if running "${2:?usage: vendure.sh status DIR}"; then echo "running (pid $(cat "$2/server.pid"))"; else echo "stopped"; exit 3; fi ;;
*) echo "usage: vendure.sh install [APP] | start DIR [PORT] | stop DIR | restart DIR [PORT] | status DIR" >&2; exit 2 ;;
esac
