#!/usr/bin/env bash
# The comparison of the bench action (action.yml): `bench compare BASELINE_FILE RESULTS` as Markdown,
# appended to the job summary; files that cannot be compared (exit 2) get their message as the summary.
# Writes `code=` (compare's exit code: 0 ok, 1 regression, 2 not comparable) and `comparison=` (the
# Markdown file) to $GITHUB_OUTPUT and exits 0: the action's last step fails the job.
# COMPARE_ARGS is split into words as typed.
# Needs: BASELINE_FILE, RESULTS, MAX_SLOWDOWN, MAX_ACCURACY_DROP, MAX_LOSS_INCREASE, ALLOW_ENV_MISMATCH,
# COMPARE_ARGS, GITHUB_ACTION_PATH, RUNNER_TEMP, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY.
set -uo pipefail

args=(--format markdown --max-slowdown "$MAX_SLOWDOWN" --max-accuracy-drop "$MAX_ACCURACY_DROP" --max-loss-increase "$MAX_LOSS_INCREASE")
if [ "$ALLOW_ENV_MISMATCH" = true ]; then args+=(--allow-env-mismatch); fi
read -r -a extra <<< "$COMPARE_ARGS"
args+=(${extra[@]+"${extra[@]}"})
out="$RUNNER_TEMP/bench-comparison.md"
err="$RUNNER_TEMP/bench-compare.err"
node "$GITHUB_ACTION_PATH/bin/bench.js" compare "$BASELINE_FILE" "$RESULTS" "${args[@]}" > "$out" 2> "$err"
code=$?
cat "$err" >&2
if [ "$code" -ge 2 ]; then
  { echo '### ⚠️ bench compare: the files cannot be compared'; echo; echo '```'; cat "$err"; echo '```'; } > "$out"
fi
cat "$out" >> "$GITHUB_STEP_SUMMARY"
{ echo "code=$code"; echo "comparison=$out"; } >> "$GITHUB_OUTPUT"
