#!/usr/bin/env bash
# The README's test command (`npm test`): the type check and the mocha suite run side by side. The type
# check is CPU-bound; mocha spends much of its time waiting on the CLI and stub processes it starts, so on
# two cores the pair takes about as long as mocha alone. Either failing fails the run.
set -uo pipefail
cd "$(dirname "$0")/.."
typecheck_log=$(mktemp)
trap 'rm -f "$typecheck_log"' EXIT
node node_modules/typescript/bin/tsc --noEmit -p . >"$typecheck_log" 2>&1 &
typecheck=$!
node node_modules/mocha/bin/mocha.js "$@"
tests=$?
wait "$typecheck"
checked=$?
if [ "$checked" -ne 0 ]; then
  cat "$typecheck_log"
  echo "type check failed (npm run typecheck)" >&2
fi
[ "$tests" -eq 0 ] && [ "$checked" -eq 0 ]
