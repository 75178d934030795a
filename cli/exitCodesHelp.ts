/** The exit-code table printed in `--help` and the runbook. */
export const EXIT_CODES_HELP = [
    "Exit codes:",
    "  0  done, or already at the target (nothing to do)",
    "  1  failed: an unexpected error, or `status` found the active site unhealthy",
    "  2  bad input: unknown stack, site or region, missing --reason, malformed config; nothing changed",
    "  3  concurrent update: the stack is being updated or locked, or another local run holds the lock; config unchanged",
    "  4  refused by a safety rule: unhealthy target, cooldown, failback window, no approval, unsafe preview; config unchanged",
    "  5  `pulumi up` failed: config is left at the target; re-run the same command to converge",
].join("\n");
