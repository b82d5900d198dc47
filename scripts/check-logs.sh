#!/usr/bin/env bash
# Checks a server log from a test run for things that must never be logged: session tokens
# (JWTs start with "eyJ"), the personal identity numbers of the simulator's test persons, in
# any of their written forms, and every form value the browser tests type (the string literals
# given to `.fill(…)` and `keyboard.type(…)` in e2e/tests, at least 6 characters). Also checks
# that the log is a real one (logins were logged), so that an empty or silenced log cannot pass.
set -euo pipefail
log="${1:?usage: check-logs.sh LOGFILE}"
persons_rs="$(dirname "$0")/../crates/bankid/src/simulator/persons.rs"

if ! grep -q '"login completed"\|login completed' "$log"; then
    echo "log check: $log has no 'login completed' line; is logging at info level?" >&2
    exit 1
fi
failures=0
if grep -n 'eyJ' "$log" | head -5 | grep -q .; then
    echo "log check: a token (eyJ...) was logged:" >&2
    grep -n 'eyJ' "$log" | head -5 >&2
    failures=1
fi
for pnr in $(grep -o 'personal_number: "[0-9]\{12\}"' "$persons_rs" | grep -o '[0-9]\{12\}'); do
    short="${pnr:2}"
    for form in "$pnr" "${pnr:0:8}-${pnr:8}" "$short" "${short:0:6}-${short:6}"; do
        if grep -qF "$form" "$log"; then
            echo "log check: the personal identity number $form was logged:" >&2
            grep -nF "$form" "$log" | head -3 >&2
            failures=1
        fi
    done
done
tests_dir="$(dirname "$0")/../e2e/tests"
typed=0
while IFS= read -r value; do
    [ "${#value}" -ge 6 ] || continue
    typed=$((typed + 1))
    if grep -qF -- "$value" "$log"; then
        echo "log check: a value typed into a form was logged: $value" >&2
        grep -nF -- "$value" "$log" | head -3 >&2
        failures=1
    fi
done < <(grep -ohE "(\.fill|keyboard\.type|typeInto\(page, [^,]+,) *\(? *'[^']+'" "$tests_dir"/*.ts \
    | sed -E "s/.*'([^']+)'$/\1/" | sort -u)
if [ "$typed" -lt 20 ]; then
    echo "log check: found only $typed typed values in $tests_dir; is the pattern still right?" >&2
    exit 1
fi
if [ "$failures" -ne 0 ]; then
    exit 1
fi
echo "log check: $(wc -l < "$log") log lines, no tokens, no personal identity numbers and none of the $typed values typed into forms"
