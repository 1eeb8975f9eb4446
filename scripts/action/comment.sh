#!/usr/bin/env bash
# The pull-request comment of the bench action (action.yml): posts COMPARISON (Markdown) on pull request
# PR, or edits the comment it posted before for the same SUITE (found by a hidden marker), so a pull
# request has one comment per gated suite however often it is pushed. A token that may not comment (a
# pull request from a fork) is a warning, not a failure: the job summary has the table.
# Needs: COMPARISON, PR, SUITE, GH_TOKEN, GITHUB_REPOSITORY.
set -uo pipefail

marker="<!-- bench-action suite=$(printf '%s' "$SUITE" | tr -c 'A-Za-z0-9._/-' '_') -->"
body="$marker
$(cat "$COMPARISON")"
id=$(gh api "repos/$GITHUB_REPOSITORY/issues/$PR/comments" --paginate \
  --jq ".[] | select(.body | startswith(\"$marker\")) | .id" | head -n 1) || id=''
if [ -n "$id" ]; then
  gh api -X PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$id" -f body="$body" > /dev/null && echo "bench: updated comment $id" && exit 0
else
  gh api -X POST "repos/$GITHUB_REPOSITORY/issues/$PR/comments" -f body="$body" > /dev/null && echo "bench: commented on #$PR" && exit 0
fi
echo "::warning::bench: could not comment on pull request #$PR (a fork's read-only token?); the job summary has the comparison"
