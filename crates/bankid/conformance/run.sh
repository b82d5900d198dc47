#!/usr/bin/env bash
# Conformance with public BankID clients: the npm package `bankid` (BankIdClientV6) and PyPI
# `pybankid` (1.5) complete auth and sign orders against the standalone `bankid-simulator`.
#
# Builds the binary, installs what is missing (node_modules via `npm ci`, a venv under the cargo
# target directory), starts the simulator on a free port, runs both clients, stops the simulator
# and exits non-zero on any failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cd "$root"
target_dir="${CARGO_TARGET_DIR:-$root/target}"

cargo build --quiet -p bankid --features simulator --bin bankid-simulator

node_dir="$here/node"
if [ ! -d "$node_dir/node_modules/bankid" ] || [ "$node_dir/package-lock.json" -nt "$node_dir/node_modules" ]; then
    (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi

venv="$target_dir/bankid-conformance-venv"
requirements="$here/python/requirements.txt"
if [ ! -x "$venv/bin/python" ] || [ "$requirements" -nt "$venv/.installed" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
    touch "$venv/.installed"
fi

log="$(mktemp)"
"$target_dir/debug/bankid-simulator" --port 0 --step-ms 0 >"$log" 2>&1 &
simulator=$!
cleanup() {
    kill "$simulator" 2>/dev/null || true
    wait "$simulator" 2>/dev/null || true
    rm -f "$log"
}
trap cleanup EXIT

base=""
for _ in $(seq 1 100); do
    base="$(sed -n 's|^bankid-simulator listening on \(http://[^ ]*\)/rp/v6\.0/.*|\1/|p' "$log" | head -n 1)"
    [ -n "$base" ] && break
    if ! kill -0 "$simulator" 2>/dev/null; then
        echo "bankid-simulator did not start:" >&2
        cat "$log" >&2
        exit 1
    fi
    sleep 0.1
done
if [ -z "$base" ]; then
    echo "bankid-simulator did not report its address:" >&2
    cat "$log" >&2
    exit 1
fi
echo "bankid conformance against $base"

status=0
node "$node_dir/conformance.mjs" "$base" || status=1
"$venv/bin/python" "$here/python/conformance.py" "$base" || status=1
exit "$status"
