#!/usr/bin/env bash
# The production build (`cargo build --release -p server`, as the README tells operators) must
# not contain the BankID simulator: its control API would log anyone in as anyone. Fails if the
# server's default features give bankid its `simulator` feature; checks that the same query
# does see the feature in the development build, so the check itself cannot rot.
set -euo pipefail
cd "$(dirname "$0")/.."
bankid_features() {
    cargo tree -p server -e normal -f '{p} {f}' "$@" 2>/dev/null | grep -m1 ' bankid v' || true
}
production="$(bankid_features)"
development="$(bankid_features --features dev-simulator)"
if [[ "$development" != *simulator* ]]; then
    echo "production build check: cannot see bankid's features ($development); is the check still right?" >&2
    exit 1
fi
if [[ "$production" == *simulator* ]]; then
    echo "production build check: the default server build contains the BankID simulator: $production" >&2
    exit 1
fi
echo "production build check: the default server build has no BankID simulator"
