#!/usr/bin/env bash
# Earmark's anonymiser next to the npm package redact-pii on the same day of demo-script segments: speed, values
# leaked (spoken phone numbers, postcodes, e-mails), respondents' names leaked, other segments changed.
# Needs node and npm (and the network once, to install redact-pii into build/redact-pii). Not part of the suite.
set -euo pipefail
cd "$(dirname "$0")/../.."
bench=build/release/tests/bench/bench_anonymise
[ -x "$bench" ] || { cmake --preset release >/dev/null && cmake --build --preset release --target bench_anonymise; }
work=build/redact-pii
mkdir -p "$work"
if [ ! -d "$work/node_modules/redact-pii" ]; then
    (cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund redact-pii@3 >/dev/null)
fi
"$bench" --corpus "$work/corpus.jsonl"
seconds=$(NODE_PATH="$work/node_modules" node tests/bench/redact-pii/redact.js "$work/corpus.jsonl" "$work/redact-pii.jsonl" 2>&1 >/dev/null)
echo "redact-pii $(cd "$work" && npm ls redact-pii --depth=0 | grep -o 'redact-pii@[0-9.]*' | tail -1): $seconds s"
"$bench" --score "$work/redact-pii.jsonl" "$seconds"
