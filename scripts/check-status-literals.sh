#!/usr/bin/env bash
# The domain's CaseStatus decides a case's status; server code never spells a status as a
# string. The only place the names are written is the stored enum in entities/cases.rs
# (`string_value`). Fails listing every other occurrence.
set -euo pipefail
cd "$(dirname "$0")/.."
found=$(grep -rnE '"(draft|submitted|in_progress|awaiting_cosignature|closed)"' crates/server/src \
    | grep -vE 'string_value' || true)
if [ -n "$found" ]; then
    echo "Case status literals in crates/server/src (use domain::CaseStatus):" >&2
    echo "$found" >&2
    exit 1
fi
echo "No case status literals in crates/server/src."
