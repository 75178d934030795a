#!/usr/bin/env bash
# The README's test command (`npm test`): the type check and the mocha suite run side by side. The type
# check is CPU-bound; mocha spends much of its time waiting on the CLI and stub processes it starts, so on
# two cores the pair takes about as long as mocha alone. Either failing fails the run.
set -uo pipefail
cd "$(dirname "$0")/.."
# tests/topology/cloudInit.test.ts validates the Linode user data with cloud-init's own schema validator; CI runs
# this as root on a fresh Debian machine, so install Debian's package when it is missing (the test skips, loudly,
# only if this fails).
# tests/watch/statusPage.test.ts drives Debian's Chromium (/usr/bin/chromium) with playwright-core; that test fails,
# never skips, when the browser is missing, so install it the same way.
missing=()
command -v cloud-init >/dev/null 2>&1 || missing+=(cloud-init)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update >/dev/null 2>&1
  for package in "${missing[@]}"; do
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$package" >/dev/null 2>&1 || case "$package" in
      cloud-init) echo "could not install cloud-init: the user-data schema test will be skipped" >&2 ;;
      chromium) echo "could not install chromium: the status page's browser test will fail" >&2 ;;
    esac
  done
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
