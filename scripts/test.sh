#!/usr/bin/env bash
# The README's test command (`npm test`): the type check and the mocha suite run side by side. The type
# check is CPU-bound; mocha spends much of its time waiting on the CLI and stub processes it starts, so on
# two cores the pair takes about as long as mocha alone. Either failing fails the run.
set -uo pipefail
cd "$(dirname "$0")/.."
# tests/topology/cloudInit.test.ts validates the Linode user data with cloud-init's own schema validator; CI runs
# this as root on a fresh Debian machine, so install Debian's package when it is missing (the test skips, loudly,
# only if this fails).
if ! command -v cloud-init >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update && apt-get install -y --no-install-recommends cloud-init) >/dev/null 2>&1 || echo "could not install cloud-init: the user-data schema test will be skipped" >&2
fi
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
