#!/usr/bin/env bash
# Earmark's anonymiser next to the npm packages redact-pii and openredaction on the anonymiser's corpus
# (tests/anonymise/corpus: the dev and held-out sets, each where it exists), scored alike by
# `bench_anonymise --corpus-score`. The packages are pinned by tests/bench/peers/package.json and its lock file
# and installed into build/peers; tests/bench/peers/run.js runs them. Needs node and npm (and the network once,
# to install). Not part of the suite.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "compare-anonymisers: needs node and npm" >&2
    exit 1
fi

# EARMARK_BUILD=build/dev uses an existing build instead of the release one (the scores are the same).
build=${EARMARK_BUILD:-build/release}
bench=$build/tests/bench/bench_anonymise
if [ "$build" = build/release ]; then
    [ -f build/release/CMakeCache.txt ] || cmake --preset release >/dev/null
    cmake --build --preset release --target bench_anonymise >/dev/null   # a no-op when it is up to date
else
    cmake --build "$build" --target bench_anonymise >/dev/null
fi

peers=build/peers
if ! cmp -s tests/bench/peers/package-lock.json "$peers/package-lock.json" \
    || [ ! -d "$peers/node_modules/redact-pii" ] || [ ! -d "$peers/node_modules/openredaction" ]; then
    mkdir -p "$peers"
    cp tests/bench/peers/package.json tests/bench/peers/package-lock.json "$peers/"
    npm ci --prefix "$peers" --no-audit --no-fund >/dev/null
fi

tools=(redact-pii openredaction)
for set in dev dev2 dev3 heldout heldout2; do
    corpus=tests/anonymise/corpus/$set.jsonl
    if [ ! -f "$corpus" ]; then
        echo "$corpus: not there yet, skipped"
        continue
    fi
    echo "== $corpus"
    "$bench" --corpus-score "$corpus"
    for tool in "${tools[@]}"; do
        version=$(node -p "require('./$peers/node_modules/$tool/package.json').version")
        out=$peers/$tool-$set.jsonl
        # run.js prints the seconds spent in the tool on stderr, and notes, if any, on stdout.
        if ! NODE_PATH="$peers/node_modules" node tests/bench/peers/run.js "$tool" "$corpus" "$out" 2>"$out.seconds"; then
            cat "$out.seconds" >&2
            exit 1
        fi
        "$bench" --corpus-score "$corpus" "$out" "$tool $version" "$(cat "$out.seconds")"
    done
done
