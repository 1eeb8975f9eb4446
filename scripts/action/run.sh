#!/usr/bin/env bash
# The run of the bench action (action.yml): `bench run SUITE` on BACKEND into RESULTS (its folder made
# first; an existing file from an earlier step is replaced), with RUN_ARGS split into words as typed.
# A failed trial exits 1 and fails the job before anything is uploaded or compared.
# Needs: SUITE, BACKEND, RESULTS, RUN_ARGS, GITHUB_ACTION_PATH.
set -euo pipefail

mkdir -p "$(dirname "$RESULTS")"
read -r -a extra <<< "$RUN_ARGS"
node "$GITHUB_ACTION_PATH/bin/bench.js" run "$SUITE" --backend "$BACKEND" --out "$RESULTS" --force ${extra[@]+"${extra[@]}"}
