#!/usr/bin/env bash
# Checks that the committed spec vectors are exactly what their generators produce.
#
# Runs every generator in scripts/corpus/ (all but common.py; each rewrites its file under
# spec-vectors/ in place), then fails, naming the files, when spec-vectors/ differs from what is
# committed (git diff against the index) or when a generator wrote a file git does not track.
# CI runs it (.ci/run). Needs only python3 (standard library) and git.
#
# Not covered: spec-vectors/wpt-*.json (scripts/gen_wpt_*.py read ../shared/reference/, which CI
# does not have) and spec-vectors/recorded/ (browser recordings, scripts/record_engines.py).
#
# After changing a generator on purpose: run this script, review `git diff spec-vectors/` and
# commit the regenerated files with the generator.
set -euo pipefail
cd "$(dirname "$0")/.."

export PYTHONDONTWRITEBYTECODE=1  # leave no __pycache__ in scripts/corpus/

generators=()
for generator in scripts/corpus/*.py; do
  [[ "$(basename "$generator")" == common.py ]] && continue
  generators+=("$generator")
done
if ((${#generators[@]} == 0)); then
  echo "check_corpus: no generators found in scripts/corpus/" >&2
  exit 1
fi

for generator in "${generators[@]}"; do
  echo "check_corpus: python3 $generator"
  if ! python3 "$generator" >/dev/null; then
    echo "check_corpus: FAILED: $generator exited with an error" >&2
    exit 1
  fi
done

diff_status=0
changed=$(git diff --exit-code --name-only -- spec-vectors/) || diff_status=$?
if ((diff_status > 1)); then
  echo "check_corpus: FAILED: git diff exited with status $diff_status" >&2
  exit "$diff_status"
fi
untracked=$(git ls-files --others --exclude-standard -- spec-vectors/)
if ((diff_status != 0)) || [[ -n "$untracked" ]]; then
  {
    echo "check_corpus: FAILED: the committed spec vectors differ from what the generators in"
    echo "scripts/corpus/ produce."
    if [[ -n "$changed" ]]; then
      echo "Differing files:"
      sed 's/^/  /' <<<"$changed"
    fi
    if [[ -n "$untracked" ]]; then
      echo "Files written by a generator but not tracked by git:"
      sed 's/^/  /' <<<"$untracked"
    fi
    echo "The generators have rewritten spec-vectors/ in place (see \`git diff -- spec-vectors/\`)."
    echo "Commit the regenerated files with the generator change, or restore them"
    echo "(\`git checkout -- spec-vectors/\`, and delete untracked ones) and fix the generator."
  } >&2
  git --no-pager diff --stat -- spec-vectors/ >&2
  exit 1
fi
echo "check_corpus: OK: ${#generators[@]} generators reproduce the committed spec-vectors/"
