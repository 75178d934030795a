import { BadInputError, EXIT } from "../../topology";
import { Clock } from "../clock";
import { DrContext, OperationResult } from "../operations/context";
import { FlipOptions } from "../operations/flipOperation";
import { PreviewStep } from "../stackAdapter";
import { runBounded } from "./boundedRun";
import { StackOutcome, StackRecord } from "./executionRecord";
import { StackStep } from "./planTypes";
import { StackOperations } from "./stackOperations";

export interface StackStepRun {
    readonly records: readonly StackRecord[];
    readonly maxConcurrency: number;
    /** The preview steps of each stack (dry runs). */
    readonly previews: ReadonlyArray<{ readonly stack: string; readonly steps: readonly PreviewStep[] }>;
}

export interface StepRunEnvironment {
    readonly ops: StackOperations;
    readonly clock: Clock;
    readonly contextFor: (stack: string) => Promise<DrContext>;
}

type Flip = OperationResult<{ readonly outcome: string; readonly steps?: readonly PreviewStep[] }>;

/** A stack's result halts the step unless it succeeded (or had nothing to do). */
export const haltsStep = (record: StackRecord): boolean => record.exitCode !== EXIT.OK;

/**
 * Runs one step over its stacks, `concurrency` at a time. A stack that fails halts the step: no other stack
 * starts, those running finish, and each operation has left its own stack as a single flip does.
 */
export async function runStackStep(step: StackStep, stacks: readonly string[], concurrency: number, flip: FlipOptions, env: StepRunEnvironment): Promise<StackStepRun> {
    const previews: Array<{ stack: string; steps: readonly PreviewStep[] }> = [];
    const run = await runBounded(
        stacks,
        concurrency,
        async (stack) => {
            const started = env.clock.now();
            let record: Omit<StackRecord, "durationMs">;
            try {
                const ctx = await env.contextFor(stack);
                const result = await runOne(step, ctx, flip, env.ops);
                if ("result" in result) {
                    record = { stack, ...outcomeOf(result.result, flip.dryRun) };
                    if (result.result.data.steps) {
                        previews.push({ stack, steps: result.result.data.steps });
                    }
                } else {
                    record = { stack, outcome: result.ok ? "passed" : "failed", exitCode: result.ok ? EXIT.OK : EXIT.FAILED, message: result.message };
                }
            } catch (err) {
                const exitCode = err instanceof BadInputError ? EXIT.BAD_INPUT : ((err as { exitCode?: number }).exitCode ?? EXIT.FAILED);
                record = { stack, outcome: "failed", exitCode, message: `${(err as Error).name}: ${(err as Error).message}` };
            }
            return { ...record, durationMs: env.clock.now() - started };
        },
        haltsStep,
    );
    const records = stacks.map((stack, i) => run.results[i] ?? { stack, outcome: "not-started" as const, exitCode: EXIT.OK, message: "not started: the step halted", durationMs: 0 });
    return { records, maxConcurrency: run.maxInFlight, previews };
}

async function runOne(step: StackStep, ctx: DrContext, flip: FlipOptions, ops: StackOperations): Promise<{ result: Flip } | { ok: boolean; message: string }> {
    switch (step.kind) {
        case "scale-standby":
            return { result: await ops.scale(ctx, { site: step.site, linode: step.linode, gcp: step.gcp }, { reason: flip.reason ?? "", dryRun: flip.dryRun }) };
        case "switch-data":
            return { result: await ops.switchData(ctx, step.to, flip) };
        case "switch-traffic":
            return { result: step.activeSite ? await ops.failover(ctx, step.activeSite, flip) : await ops.moveLinodeRegion(ctx, step.linodeActiveRegion ?? "", flip) };
        case "verify": {
            const outcome = await ops.verify(ctx, step.site, step.timeoutSeconds);
            return { ok: outcome.ok, message: outcome.message };
        }
    }
}

function outcomeOf(result: Flip, dryRun: boolean): { outcome: StackOutcome; exitCode: number; message: string } {
    const ok = result.exitCode === EXIT.OK;
    const outcome: StackOutcome = !ok ? (result.exitCode === EXIT.REFUSED ? "refused" : "failed") : result.data.outcome === "at-target" ? "at-target" : dryRun ? "dry-run" : "succeeded";
    return { outcome, exitCode: result.exitCode, message: result.message };
}
