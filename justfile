# Mina sidor: `just run` starts the app, `just test` runs everything CI checks.

set shell := ["bash", "-euo", "pipefail", "-c"]

export TRUNK_SKIP_VERSION_CHECK := "true"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := "1"
export CARGO_TERM_COLOR := env_var_or_default("CARGO_TERM_COLOR", "never")

# PostgreSQL server for the PostgreSQL test run; each test creates its own database on it.
pg_url := env_var_or_default("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
trunk_version := "0.21.14"
wasm_bindgen_version := "0.2.130"

# List the recipes.
default:
    @just --list

# Build everything and start on SQLite (./data/) with the BankID simulator and demo data.
run: setup build
    APP_ENV=development ./target/debug/mina-sidor serve

# Everything CI checks: format, lints, tests on SQLite and PostgreSQL, OpenAPI, browser e2e.
test: setup setup-e2e lint test-sqlite test-postgres test-cluster check-openapi schemathesis conformance build-frontend e2e

# Install what is missing: wasm target, trunk, wasm-bindgen-cli, npm packages (the SPA's and
# the test OpenID provider's).
setup:
    #!/usr/bin/env bash
    set -euo pipefail
    rustup target list --installed | grep -qx wasm32-unknown-unknown \
        || rustup target add wasm32-unknown-unknown
    # brotli, to pre-compress the SPA build (wasm-opt comes with the frontend's npm packages).
    if ! command -v brotli >/dev/null; then
        sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq
        $sudo apt-get install -y -qq brotli
    fi
    if ! trunk --version 2>/dev/null | grep -q "{{trunk_version}}"; then
        echo "Installing trunk {{trunk_version}} (about 7 minutes, once)..."
        cargo install --locked trunk --version {{trunk_version}}
    fi
    if ! wasm-bindgen --version 2>/dev/null | grep -q "{{wasm_bindgen_version}}"; then
        echo "Installing wasm-bindgen-cli {{wasm_bindgen_version}} (about 2 minutes, once)..."
        # Not --locked: its lock file pins a crate version the registry no longer has.
        cargo install wasm-bindgen-cli --version {{wasm_bindgen_version}}
    fi
    if [ ! -d frontend/node_modules ] || [ frontend/package-lock.json -nt frontend/node_modules ]; then
        (cd frontend && npm ci --no-audit --no-fund)
    fi
    # The real OpenID provider the server's tests of the staff login start.
    if [ ! -d tools/oidc-provider/node_modules ] || [ tools/oidc-provider/package-lock.json -nt tools/oidc-provider/node_modules ]; then
        (cd tools/oidc-provider && npm ci --no-audit --no-fund)
    fi
    # The real SMTP server (aiosmtpd) the notification tests deliver to.
    python3 -c "import aiosmtpd" 2>/dev/null || python3 -m pip install --quiet -r tools/smtp-sink/requirements.txt
    # The real S3-compatible server (moto) the object storage and cluster tests start.
    python3 -c "import moto.server" 2>/dev/null || python3 -m pip install --quiet -r tools/s3/requirements.txt

# Install what the browser tests need: Debian's Chromium and the e2e npm packages.
setup-e2e:
    #!/usr/bin/env bash
    set -euo pipefail
    if [ ! -x /usr/bin/chromium ]; then
        sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq
        $sudo apt-get install -y -qq chromium
    fi
    if [ ! -d e2e/node_modules ] || [ e2e/package-lock.json -nt e2e/node_modules ]; then
        (cd e2e && npm ci --no-audit --no-fund)
    fi

# Build the SPA (Trunk, release) and the server (debug).
build: build-frontend build-server

# Build the SPA into frontend/dist.
build-frontend:
    cargo fetch --quiet
    PATH="$PWD/frontend/node_modules/.bin:$PATH" trunk build --release
    bash scripts/precompress.sh frontend/dist

# Build the server binary target/debug/mina-sidor.
build-server:
    cargo build -p server --features dev-simulator

# Formatting, clippy with warnings as errors (host and wasm), no case status literals in the server.
lint:
    bash scripts/check-status-literals.sh
    cargo fmt --all --check
    cargo clippy --workspace --all-targets --features server/dev-simulator,server/cluster-test -- -D warnings
    cargo clippy -p server -- -D warnings
    bash scripts/check-production-build.sh
    cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

# Unit and integration tests on SQLite.
test-sqlite:
    cargo test --workspace --exclude frontend --features server/dev-simulator
    cargo test -p server --lib

# Integration tests on PostgreSQL (one database per test, dropped afterwards).
test-postgres:
    #!/usr/bin/env bash
    set -euo pipefail
    trap 'just drop-test-databases' EXIT
    TEST_DATABASE_URL="{{pg_url}}" cargo test -p server --tests --features dev-simulator

# The scale-out test: HAProxy (deploy/haproxy.cfg) in front of two nodes on PostgreSQL and an
# S3 server (moto), with the BankID simulator as the shared BankID.
test-cluster: setup-cluster
    #!/usr/bin/env bash
    set -euo pipefail
    trap 'just drop-test-databases' EXIT
    cargo build -p bankid --features simulator --bin bankid-simulator
    TEST_DATABASE_URL="{{pg_url}}" cargo test -p server --features cluster-test --test cluster -- --nocapture

# Install what the scale-out test needs: Debian's HAProxy and moto.
setup-cluster:
    #!/usr/bin/env bash
    set -euo pipefail
    if ! command -v haproxy >/dev/null; then
        sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq
        $sudo apt-get install -y -qq haproxy
    fi
    python3 -c "import moto.server" 2>/dev/null || python3 -m pip install --quiet -r tools/s3/requirements.txt

# Drop databases left by PostgreSQL test runs.
drop-test-databases:
    #!/usr/bin/env bash
    set -euo pipefail
    for db in $(psql "{{pg_url}}" -Atc "select datname from pg_database where datname like 'ms\_test\_%'"); do
        psql "{{pg_url}}" -qc "drop database if exists \"$db\" with (force)"
    done

# The BankID simulator against public clients: npm `bankid` and PyPI `pybankid`.
conformance:
    bash crates/bankid/conformance/run.sh

# Validate the committed OpenAPI document against the OpenAPI 3.1 schema.
check-openapi:
    #!/usr/bin/env bash
    set -euo pipefail
    python3 -c "import openapi_spec_validator" 2>/dev/null \
        || pip install --quiet --disable-pip-version-check openapi-spec-validator
    python3 -m openapi_spec_validator api-spec/openapi.json

# schemathesis (all checks, every phase including stateful) over the served spec, logged in as a
# citizen; 0 failures is the bar.
schemathesis examples="30": build-server
    bash scripts/schemathesis.sh {{examples}}

# Regenerate api-spec/openapi.json from the code (commit the result).
openapi:
    cargo run --quiet -p server --features dev-simulator -- openapi > api-spec/openapi.json

# Browser journeys with axe in Debian Chromium against a freshly started server; then the
# server's log of the run is checked for tokens and personal identity numbers.
e2e: build-server
    #!/usr/bin/env bash
    set -euo pipefail
    log="$(mktemp -t mina-sidor-e2e-log.XXXXXX)"
    (cd e2e && E2E_SERVER_LOG_FILE="$log" E2E_SERVER_LOG_LEVEL=info APP__LOG__FORMAT=json npx playwright test)
    bash scripts/check-logs.sh "$log"
    rm -f "$log"

# Benchmarks on a release build: wrk against the server on SQLite and PostgreSQL with a seeded
# data set, each figure beside a same-run reference; results in target/bench/results.{md,json}.
# Scale with BENCH_CITIZENS, BENCH_CASES_PER_CITIZEN, BENCH_SECONDS (see scripts/bench.sh).
bench:
    cargo bench -p domain --bench parsers
    bash scripts/bench.sh
