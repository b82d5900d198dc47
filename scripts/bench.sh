#!/usr/bin/env bash
# `just bench`: the release server under wrk on SQLite and on PostgreSQL, each figure beside a
# reference measured in the same run on this machine, written to target/bench/results.{md,json}.
# Only ever against 127.0.0.1, bounded in time. Scale and durations from the environment:
#   BENCH_CITIZENS (200000), BENCH_CASES_PER_CITIZEN (5), BENCH_SECONDS (10),
#   BENCH_DATABASES ("sqlite postgres"), BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres)
set -euo pipefail
cd "$(dirname "$0")/.."
citizens="${BENCH_CITIZENS:-200000}"
per="${BENCH_CASES_PER_CITIZEN:-5}"
seconds="${BENCH_SECONDS:-10}"
databases="${BENCH_DATABASES:-sqlite postgres}"
pg_base="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
out=target/bench
mkdir -p "$out"
work="$(mktemp -d -t mina-sidor-bench.XXXXXX)"
server=""
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null || true
    for db in $(psql "$pg_base" -Atc "select datname from pg_database where datname like 'ms\_bench\_%'" 2>/dev/null); do
        psql "$pg_base" -qc "drop database if exists \"$db\" with (force)" || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"; $sudo apt-get install -y -qq wrk; }
cargo build --release -p server --features dev-simulator
bin=target/release/mina-sidor
export BENCH_LUA="$PWD/scripts/bench"
results="$work/results.jsonl"
: > "$results"

# One wrk run; its summary line, tagged, goes to the results.
measure() { # name database threads connections script url
    local name=$1 database=$2 threads=$3 connections=$4 script=$5 url=$6
    local line
    line=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s -s "scripts/bench/$script" "$url" \
        | grep '^BENCH ' | sed 's/^BENCH //')
    echo "{\"name\":\"$name\",\"database\":\"$database\",\"connections\":$connections,\"wrk\":$line}" >> "$results"
    echo "  $name ($database, $connections connections): $line"
}
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
record() { # name database value unit
    echo "{\"name\":\"$1\",\"database\":\"$2\",\"value\":$3,\"unit\":\"$4\"}" >> "$results"
    echo "  $1 ($2): $3 $4"
}

for database in $databases; do
    echo "== $database"
    if [ "$database" = sqlite ]; then
        url="sqlite://$work/bench.db?mode=rwc"
    else
        name="ms_bench_$(date +%s)"
        psql "$pg_base" -qc "create database $name"
        url="${pg_base%/*}/$name"
    fi
    export APP_ENV=development APP__DATABASE__URL="$url" APP__DATABASE__MAX_CONNECTIONS=16 \
        APP__AUTH__JWT_SECRET="bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz" \
        APP__STORAGE__ATTACHMENTS_DIR="$work/files" APP__SERVER__STATIC_DIR="$work/no-spa" \
        APP__BANKID__SIMULATOR_STEP_SECONDS=0 APP__LOG__LEVEL=error APP__NOTIFY__WORKER=false \
        APP__LIMITS__OPEN_DRAFTS_PER_CITIZEN=1000000
    for budget in bankid_start bankid_poll draft_create write; do
        export "APP__RATE_LIMIT__BUDGETS__${budget^^}__PER_IP=100000000"
        export "APP__RATE_LIMIT__BUDGETS__${budget^^}__PER_USER=100000000"
    done
    started=$(date +%s)
    # 1 000 logged-in citizens at a time (their sessions are seeded; a warm-up touches each).
    "$bin" bench-seed "$citizens" "$per" 1000 "$work/tokens.txt"
    record seed_seconds "$database" "$(( $(date +%s) - started ))" s
    export BENCH_TOKENS="$work/tokens.txt"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    APP__SERVER__PORT=$port "$bin" serve &
    server=$!
    base="http://127.0.0.1:$port"
    for _ in $(seq 1 200); do curl -fs "$base/readyz" >/dev/null && break; sleep 0.1; done
    sleep 2
    record rss_idle "$database" "$(rss_kb "$server")" kB

    wrk -t2 -c32 -d3s -s scripts/bench/overview.lua "$base/api/v1/cases" > /dev/null
    measure livez "$database" 2 32 plain.lua "$base/livez"
    measure overview "$database" 2 32 overview.lua "$base/api/v1/cases"
    for clients in 8 32; do
        measure submission "$database" "$clients" "$clients" submit.lua "$base/"
    done
    record rss_after_load "$database" "$(rss_kb "$server")" kB
    measure bankid_logins "$database" 2 1000 login.lua "$base/"

    if [ "$database" = sqlite ]; then
        # Reference: bare SQLite inserts, one commit each, in the server's journal mode (WAL).
        record sqlite_insert_commits "$database" "$(python3 - "$work/ref.db" "$seconds" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("pragma journal_mode=wal"); db.execute("create table t (id integer primary key, v text)")
n, end = 0, time.time() + min(float(sys.argv[2]), 5)
while time.time() < end:
    db.execute("begin"); db.execute("insert into t (v) values ('x')"); db.execute("commit"); n += 1
print(int(n / min(float(sys.argv[2]), 5)))
PY
)" per_s
    else
        psql "$url" -qc "create table bench_ref (id bigserial primary key, v text)"
        echo "insert into bench_ref (v) values ('x');" > "$work/insert.sql"
        tps=$(pgbench -n -c 8 -j 2 -T 5 -f "$work/insert.sql" "$url" 2>/dev/null \
            | awk '/^tps/ {print int($3)}')
        record pgbench_insert_tps "$database" "$tps" per_s
    fi
    kill "$server"; wait "$server" 2>/dev/null || true; server=""
done

# P3: what a browser downloads on the first visit (the build's brotli files).
if ls frontend/dist/*_bg.wasm.br >/dev/null 2>&1; then
    first_load=$(cat frontend/dist/*.wasm.br frontend/dist/*.js.br frontend/dist/*.css.br | wc -c)
    record spa_first_load_brotli none "$first_load" bytes
fi

python3 scripts/bench_report.py "$results" "$out" "$(nproc)" "$(git rev-parse --short HEAD)" \
    "$citizens" "$per"
