#!/usr/bin/env bash
# schemathesis (all checks; examples, coverage, fuzzing and stateful phases) over the served
# OpenAPI document of a freshly started server (SQLite in a temp dir, BankID simulator),
# authenticated as a citizen with a bearer token from a real BankID login in the simulator.
# Logging out (DELETE /api/v1/session) is left out: it would end the run's own session; the
# admin routes need an administrator (both are covered by the integration tests).
# Usage: scripts/schemathesis.sh [max-examples]  (needs target/debug/mina-sidor)
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import schemathesis" 2>/dev/null \
    || pip install --quiet --disable-pip-version-check schemathesis
examples="${1:-30}"
port=18181
dir="$(mktemp -d -t mina-sidor-st.XXXXXX)"
finish() {
    status=$?
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    if [ "$status" -ne 0 ]; then
        echo "--- last lines of the server's log ---" >&2
        tail -n 40 "$dir/server.log" >&2 || true
    fi
    rm -rf "$dir"
}
trap finish EXIT
# Thousands of requests from one address: every budget is raised so the limits do not hide the
# routes (the limits themselves are tested in tests/api/rate_limits.rs).
for budget in bankid_start bankid_poll bankid_qr staff_login draft_create upload download cosign_invite \
    profile_write message webhook write; do
    export "APP__RATE_LIMIT__BUDGETS__${budget^^}__PER_IP=1000000"
    export "APP__RATE_LIMIT__BUDGETS__${budget^^}__PER_USER=1000000"
done
APP_ENV=development APP__SERVER__PORT=$port APP__SERVER__STATIC_DIR="$dir/none" \
APP__DATABASE__URL="sqlite://$dir/st.db?mode=rwc" APP__STORAGE__ATTACHMENTS_DIR="$dir/files" \
APP__BANKID__SIMULATOR_STEP_SECONDS=0 \
APP__LOG__LEVEL=warn ./target/debug/mina-sidor serve >"$dir/server.log" 2>&1 &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -fs "$base/readyz" >/dev/null && break; sleep 0.2; done
# A bearer login is bound to a verifier the client keeps (PKCE S256).
verifier="schemathesis-$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')"
challenge=$(python3 -c 'import base64,hashlib,sys; print(base64.urlsafe_b64encode(hashlib.sha256(sys.argv[1].encode()).digest()).decode().rstrip("="))' "$verifier")
login=$(curl -fs -X POST "$base/api/v1/auth/bankid" -H 'content-type: application/json' \
    -d "{\"device\":\"this_device\",\"token_delivery\":\"bearer\",\"code_challenge\":\"$challenge\"}")
login_id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["login_id"])' <<<"$login")
order=$(curl -fs "$base/bankid-sim/control/orders" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)[-1]["orderRef"])')
curl -fs -X POST "$base/bankid-sim/control/orders/$order/approve" \
    -H 'content-type: application/json' -d '{"personalNumber":"198112189876"}' >/dev/null
token=""
for _ in $(seq 1 50); do
    token=$(curl -fs -X POST "$base/api/v1/auth/bankid/$login_id/collect" \
        -H 'content-type: application/json' -H "x-code-verifier: $verifier" -d '{}' \
        | python3 -c 'import json,sys; print(json.load(sys.stdin).get("token") or "")')
    [ -n "$token" ] && break
    sleep 0.2
done
[ -n "$token" ] || { echo "could not log in through the simulator" >&2; exit 1; }
cat >"$dir/schemathesis.toml" <<TOML
[auth.openapi.bearer]
bearer = "\${MINA_SIDOR_TOKEN}"

# Answers that are right for schema-valid data: 422 is a business rule the schema cannot say
# (e.g. SMS notifications need a mobile number), 409 a state that forbids the action.
[checks.positive_data_acceptance]
expected-statuses = [200, 201, 204, 401, 403, 404, 409, 422, 429]
TOML
MINA_SIDOR_TOKEN="$token" st --config-file "$dir/schemathesis.toml" run "$base/api/openapi.json" \
    --checks all --max-examples "$examples" --workers 2 --no-color \
    --exclude-path-regex '^/api/v1/admin/' --exclude-name 'DELETE /api/v1/session' "${@:2}"
