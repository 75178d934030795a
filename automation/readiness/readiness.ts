import { EXIT, isSite, Site, standbySite } from "../../topology";
import { DrNotification } from "../notify/types";
import { DrContext, OperationResult } from "../operations/context";
import { readStackState } from "../stackState";
import { escapeControl } from "../terminalText";
import { CheckResult, ReadinessCheck, ReadinessEnvironment, ReadinessInput } from "./check";
import { READINESS_CHECKS } from "./checks";

export type ReadinessData = {
    readonly stack: string;
    readonly ready: boolean;
    readonly activeSite: Site;
    readonly standbySite: Site;
    readonly linodeActiveRegion: string;
    readonly checkedAt: string;
    readonly counts: Readonly<Record<CheckResult["verdict"], number>>;
    readonly checks: readonly CheckResult[];
};

/**
 * Would a failover work right now? Every check runs (at once) against the stack as deployed; the stack is ready
 * when none fails (a skipped check is reported, never counted as passed). Tells the notifiers `not-ready` or
 * `ready` on every run, so a pager opened by one run is closed by the next run that passes. Changes nothing.
 */
export async function readiness(ctx: DrContext, env: ReadinessEnvironment, checks: readonly ReadinessCheck[] = READINESS_CHECKS): Promise<OperationResult<ReadinessData>> {
    const state = await readStackState(ctx.stack);
    const { cfg, outputs } = state;
    const activeSite = isSite(outputs.activeSite) ? outputs.activeSite : cfg.activeSite;
    const input: ReadinessInput = {
        ctx,
        env,
        state,
        activeSite,
        standbySite: standbySite(activeSite, cfg.homeSite),
        linodeRegion: outputs.linodeActiveRegion ?? cfg.linodeActiveRegion,
    };
    const checkedAt = new Date(ctx.clock.now()).toISOString();
    const results = await Promise.all(checks.map((check) => runCheck(check, input)));
    const counts = { pass: 0, fail: 0, skipped: 0 };
    for (const r of results) {
        counts[r.verdict]++;
    }
    const ready = counts.fail === 0;
    const failed = results.filter((r) => r.verdict === "fail");
    const tally = `${counts.pass} passed, ${counts.fail} failed, ${counts.skipped} skipped`;
    const head = `stack ${state.stack}: ${ready ? "READY" : "NOT READY"} for failover (${tally}); active site ${activeSite}, standby ${input.standbySite}, Linode region ${input.linodeRegion}`;
    const lines = [head, ...results.flatMap(resultLines)].map(escapeControl);
    await tell(ctx, {
        kind: ready ? "ready" : "not-ready",
        stack: state.stack,
        severity: ready ? "info" : "critical",
        title: ready ? `ready for failover (${tally})` : `NOT READY for failover: ${failed.map((r) => r.name).join(", ")} failed`,
        details: failed.map((r) => escapeControl(`${r.name}: ${r.detail}`)),
    });
    return {
        exitCode: ready ? EXIT.OK : EXIT.FAILED,
        message: lines.join("\n"),
        failureLine: ready ? undefined : escapeControl(`stack ${state.stack} is NOT READY for failover: ${failed.map((r) => `${r.name} (${r.detail})`).join("; ")}`),
        data: { stack: state.stack, ready, activeSite, standbySite: input.standbySite, linodeActiveRegion: input.linodeRegion, checkedAt, counts, checks: results },
    };
}

async function runCheck(check: ReadinessCheck, input: ReadinessInput): Promise<CheckResult> {
    const started = input.ctx.clock.now();
    try {
        const outcome = await check.run(input);
        return { name: check.name, ...outcome, ms: input.ctx.clock.now() - started };
    } catch (err) {
        return { name: check.name, verdict: "fail", detail: `could not check: ${(err as Error).message.split("\n")[0]}`, ms: input.ctx.clock.now() - started };
    }
}

/** A failed check shows its evidence; the others one line each (all evidence is in --json). */
function resultLines(r: CheckResult): string[] {
    const mark = { pass: "pass   ", fail: "FAIL   ", skipped: "skipped" }[r.verdict];
    return [`  ${mark} ${r.name}: ${r.detail}`, ...(r.verdict === "fail" ? (r.evidence ?? []).map((e) => `            ${e}`) : [])];
}

async function tell(ctx: DrContext, notification: DrNotification): Promise<void> {
    try {
        await ctx.notify?.(notification);
    } catch {
        // Notifiers do not throw; the verdict stands whatever they do.
    }
}
