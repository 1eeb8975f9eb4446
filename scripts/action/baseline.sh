#!/usr/bin/env bash
# The baseline of the bench action (action.yml). BASELINE is a results file in the workspace, used as
# is, or the name of an artifact that this action uploaded in the default branch's latest successful
# run of this workflow (not a pull request's run), downloaded with GitHub's CLI. Writes `file=PATH` to
# $GITHUB_OUTPUT; with no such run or artifact yet it writes nothing and says so in the job summary.
# WORKFLOW_REF is github.workflow_ref, DEFAULT_BRANCH the repository's default branch.
# Needs: BASELINE, GH_TOKEN, GITHUB_REPOSITORY, DEFAULT_BRANCH, WORKFLOW_REF, RUNNER_TEMP, GITHUB_OUTPUT,
# GITHUB_STEP_SUMMARY.
set -euo pipefail

note() { echo "$1" | tee -a "$GITHUB_STEP_SUMMARY"; }

if [ -f "$BASELINE" ]; then
  echo "file=$BASELINE" >> "$GITHUB_OUTPUT"
  exit 0
fi
# An artifact name has no slash; a path that names no file is a mistake, not an artifact.
case "$BASELINE" in
  */* | *.json) echo "::error::baseline $BASELINE: no such file"; exit 2 ;;
esac

workflow=${WORKFLOW_REF%@*}   # owner/repo/.github/workflows/gate.yml@refs/heads/x
workflow=${workflow##*/}
run_id=$(gh run list --repo "$GITHUB_REPOSITORY" --workflow "$workflow" --branch "$DEFAULT_BRANCH" --status success \
  --limit 20 --json databaseId,event \
  --jq '[.[] | select(.event != "pull_request" and .event != "pull_request_target")][0].databaseId // empty')
if [ -z "$run_id" ]; then
  note "bench: no successful run of $workflow on $DEFAULT_BRANCH yet: nothing to compare against."
  exit 0
fi
dir="$RUNNER_TEMP/bench-baseline"
rm -rf "$dir"
if ! gh run download "$run_id" --repo "$GITHUB_REPOSITORY" --name "$BASELINE" --dir "$dir"; then
  note "bench: run $run_id of $workflow on $DEFAULT_BRANCH has no artifact $BASELINE: nothing to compare against."
  exit 0
fi
file=$(find "$dir" -type f -name '*.json' | LC_ALL=C sort | head -n 1)
if [ -z "$file" ]; then
  echo "::error::artifact $BASELINE of run $run_id holds no .json results file"
  exit 2
fi
echo "bench: baseline $BASELINE from run $run_id of $workflow on $DEFAULT_BRANCH"
echo "file=$file" >> "$GITHUB_OUTPUT"
