import { EXIT, ExitCode } from "../topology";

/** The `Exit codes:` section of a command's `--help`: only the codes that command can end with. */
export function exitCodesHelp(meanings: Partial<Record<ExitCode, string>>): string {
    return ["Exit codes:", ...Object.entries(meanings).map(([code, meaning]) => `  ${code}  ${meaning}`)].join("\n");
}

export const FLIP_EXIT_CODES = exitCodesHelp({
    [EXIT.OK]: "done, or already at the target (nothing to do)",
    [EXIT.FAILED]: "failed: an unexpected error",
    [EXIT.BAD_INPUT]: "bad input: unknown stack, site or region, missing --reason, malformed config or stack file; nothing changed",
    [EXIT.CONCURRENT_UPDATE]: "concurrent update: the stack is being updated or locked, or another local run holds the lock; config unchanged",
    [EXIT.REFUSED]: "refused by a safety rule: unhealthy target, cooldown, failback window, no approval, unsafe preview,\n     a fence that did not replicate in time (fence-timeout); config unchanged",
    [EXIT.UP_FAILED]: "`pulumi up` failed: config is left at the target; re-run the same command to converge",
});

export const STATUS_EXIT_CODES = exitCodesHelp({
    [EXIT.OK]: "the site serving traffic is healthy",
    [EXIT.FAILED]: "the site serving traffic is unhealthy, or an unexpected error",
    [EXIT.BAD_INPUT]: "bad input: unknown stack, malformed config or stack file",
});

export const DRILL_EXIT_CODES = exitCodesHelp({
    [EXIT.OK]: "every step passed and the time to recover is within the target",
    [EXIT.FAILED]: "a step failed (the message names it) or the time to recover exceeded the target",
    [EXIT.BAD_INPUT]: "bad input, or a production stack without --allow-prod; nothing changed",
});

export const WATCH_EXIT_CODES = exitCodesHelp({
    [EXIT.OK]: "the active site is healthy at the end (or --auto failed over), including when stopped by SIGTERM/SIGINT",
    [EXIT.FAILED]: "an alert is outstanding: the active site is failing and was not failed over",
    [EXIT.BAD_INPUT]: "bad input (also: the --serve address is in use or not this machine's; --lease without a usable\n     table key or, outside a real run, without a loopback DynamoDB endpoint); nothing changed",
});

export const PLAN_EXIT_CODES = exitCodesHelp({
    [EXIT.OK]: "fine (no change, or a safe flip, and no mandatory policy violation)",
    [EXIT.FAILED]: "an unsafe change (creates, deletes or replaces a resource, or touches a stateful one),\n     a mandatory policy violation, or the program failed (one line names the component and the reason)",
    [EXIT.BAD_INPUT]: "bad input: unknown stack, malformed --set, unknown --to site, invalid config",
});

export const READINESS_EXIT_CODES = exitCodesHelp({
    [EXIT.OK]: "ready: no check failed (skipped checks are listed)",
    [EXIT.FAILED]: "not ready: a check failed (the line names it), or an unexpected error",
    [EXIT.BAD_INPUT]: "bad input: unknown stack, malformed --resolver, malformed config or stack file; nothing checked",
});

export const RUN_PLAN_EXIT_CODES = exitCodesHelp({
    [EXIT.OK]: "every step passed (or --dry-run: every stack previewed); a real run past the recovery-time target still exits 0 with a warning",
    [EXIT.FAILED]: "a step failed (a verify step, an unexpected error), or a --practice run exceeded the recovery-time target",
    [EXIT.BAD_INPUT]: "bad input: invalid plan file (one line names the path), missing --reason, unknown --from-step, plan file changed since\n     the stopped run, no approval before a changing step, a production stack in --practice, missing --remote settings; nothing changed",
    [EXIT.CONCURRENT_UPDATE]: "a stack was being updated or locked: the step halted, that stack's config restored; rerun to resume",
    [EXIT.REFUSED]: "refused by a safety rule on a stack, or an approval step was not given: the step halted; rerun to resume",
    [EXIT.UP_FAILED]: "`pulumi up` failed on a stack: its config is left at the target; rerun to resume and converge",
});
