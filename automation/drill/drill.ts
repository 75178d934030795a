import { BadInputError, EXIT, otherSite, Site } from "../../topology";
import { evidenceOf, ProbeEvidence } from "../audit";
import { DrContext, OperationResult } from "../operations/context";
import { failback, failover, FlipData } from "../operations/flipOperation";
import { requiredProbesForSite } from "../probes/plan";
import { drillRpo } from "./rpo";
import { checkTargetHealth } from "../rules/targetHealth";
import { readStackState } from "../stackState";
import { DrillReport, DrillStep, DrillStepName, DRILL_STEPS, StepOutcome, writeDrillReport } from "./report";
import { verifySite, VerifyEnvironment } from "./verify";

/** Stacks a drill refuses without `--allow-prod`: by name, and by the environment in their config. */
export function isProductionStack(stackName: string, environment?: string): boolean {
    return stackName === "prod" || stackName === "production" || environment === "prod";
}

export function checkDrillStack(stackName: string, allowProd: boolean, environment?: string): void {
    if (!allowProd && isProductionStack(stackName, environment)) {
        throw new BadInputError(`refusing to drill the production stack "${stackName}" without --allow-prod (a drill moves real traffic twice)`);
    }
}

export interface DrillOptions {
    readonly allowProd: boolean;
    /** Seconds on the standby before failing back; default `failover.drillHoldSeconds`. */
    readonly holdSeconds?: number;
    /** How verification resolves and probes; its timeout defaults to `failover.rtoTargetSeconds`. */
    readonly verify: Omit<VerifyEnvironment, "timeoutSeconds" | "pollSeconds"> & Partial<Pick<VerifyEnvironment, "timeoutSeconds" | "pollSeconds">>;
    /** Where drill-report.json and drill-report.md go. */
    readonly reportDir: string;
}

export const DEFAULT_VERIFY_POLL_SECONDS = 5;

interface StepResult {
    readonly outcome: Exclude<StepOutcome, "skipped">;
    readonly message: string;
    readonly evidence?: readonly ProbeEvidence[];
    readonly exitCode?: number;
}

/**
 * The rehearsal: status -> failover to the standby -> verify -> hold -> failback -> verify. The flips go
 * through the failover tool's operations, so every safety rule applies; the drill approves its own flips,
 * and its failback waives only the cooldown its own failover started (the failback window still applies).
 */
export async function runDrill(ctx: DrContext, options: DrillOptions): Promise<OperationResult & { readonly report: DrillReport; readonly files: { json: string; markdown: string } }> {
    const { clock } = ctx;
    const started = clock.now();
    const steps: DrillStep[] = [];
    const timing: Partial<Record<DrillStepName, { start: number; end: number }>> = {};
    let environment: string | undefined;
    let rtoTargetSeconds: number | undefined;
    let holdSeconds = options.holdSeconds ?? 0;
    let home: Site | undefined;
    let standby: Site | undefined;
    let verifyEnv: VerifyEnvironment | undefined;

    const step = async (name: DrillStepName, work: () => Promise<StepResult>): Promise<boolean> => {
        const start = clock.now();
        ctx.log(`drill: ${name}...`);
        let outcome: StepResult;
        try {
            outcome = await work();
        } catch (err) {
            if (err instanceof BadInputError) {
                throw err;
            }
            outcome = { outcome: "failed", message: `${(err as Error).name}: ${(err as Error).message}` };
        }
        const end = clock.now();
        timing[name] = { start, end };
        steps.push({
            name,
            startedAt: new Date(start).toISOString(),
            offsetSeconds: (start - started) / 1000,
            durationMs: end - start,
            outcome: outcome.outcome,
            message: outcome.message,
            ...(outcome.exitCode !== undefined ? { exitCode: outcome.exitCode } : {}),
            evidence: outcome.evidence ?? [],
        });
        ctx.log(`drill: ${name} ${outcome.outcome} in ${((end - start) / 1000).toFixed(1)}s: ${outcome.message}`);
        return outcome.outcome === "passed";
    };
    const skip = (name: DrillStepName, why: string) => {
        const now = clock.now();
        steps.push({ name, startedAt: new Date(now).toISOString(), offsetSeconds: (now - started) / 1000, durationMs: 0, outcome: "skipped", message: why, evidence: [] });
    };

    const statusOk = await step("status", async () => {
        const state = await readStackState(ctx.stack);
        const { cfg, outputs } = state;
        environment = cfg.environment;
        checkDrillStack(state.stack, options.allowProd, cfg.environment);
        rtoTargetSeconds = cfg.failover.rtoTargetSeconds;
        holdSeconds = options.holdSeconds ?? cfg.failover.drillHoldSeconds;
        home = cfg.homeSite;
        standby = otherSite(cfg.homeSite);
        verifyEnv = {
            ...options.verify,
            pollSeconds: options.verify.pollSeconds ?? DEFAULT_VERIFY_POLL_SECONDS,
            timeoutSeconds: options.verify.timeoutSeconds ?? cfg.failover.rtoTargetSeconds,
        };
        const results = await ctx.probe(state);
        const evidence = evidenceOf(results, clock.now());
        const problems: string[] = [];
        if (outputs.activeSite !== undefined && outputs.activeSite !== cfg.activeSite) {
            problems.push(`a flip is pending (config says ${cfg.activeSite}, the last update deployed ${outputs.activeSite}): converge it first`);
        }
        if (cfg.activeSite !== cfg.homeSite) {
            problems.push(`the stack is already failed over (active ${cfg.activeSite}, home ${cfg.homeSite}): a drill starts from the home site`);
        }
        for (const site of [cfg.homeSite, otherSite(cfg.homeSite)]) {
            const verdict = checkTargetHealth(results, requiredProbesForSite(cfg, site), site, false);
            if (!verdict.ok) {
                problems.push(verdict.message);
            }
        }
        return problems.length > 0
            ? { outcome: "failed", message: problems.join("; "), evidence }
            : { outcome: "passed", message: `active and home site ${cfg.homeSite}, standby ${standby} healthy; rehearsing ${cfg.homeSite} -> ${standby} -> ${cfg.homeSite}`, evidence };
    });

    let failedOver = false;
    let configChanged = false;
    let rpo: DrillReport["rpo"];
    if (statusOk && home && standby && verifyEnv) {
        const to = standby;
        rpo = await drillRpo(ctx, to);
        const env = verifyEnv;
        failedOver = await step("failover", async () => {
            const result = await failover(ctx, to, { reason: `drill: rehearsal failover ${home} -> ${to}`, yes: true, force: false, dryRun: false });
            configChanged = result.data.outcome === "succeeded" || result.data.outcome === "up-failed";
            return flipStep(result);
        });
        const verified = failedOver ? await step("verify-failover", () => verifyStep(ctx, env, to)) : false;
        if (!failedOver) {
            skip("verify-failover", "the failover did not complete");
        }
        if (verified) {
            const hold = holdSeconds;
            await step("hold", async () => {
                await clock.sleep(hold * 1000);
                return { outcome: "passed", message: `held traffic on ${to} for ${hold}s` };
            });
        } else {
            skip("hold", "traffic was not verified on the standby: returning home without holding");
        }
        if (configChanged) {
            const back = home;
            const failedBack = await step("failback", async () =>
                flipStep(
                    await failback(ctx, {
                        reason: `drill: failback ${to} -> ${back} after the rehearsal (cooldown waived: the drill's own failover started it)`,
                        yes: true,
                        force: true,
                        dryRun: false,
                    }),
                ),
            );
            if (failedBack) {
                await step("verify-failback", () => verifyStep(ctx, env, back));
            } else {
                skip("verify-failback", "the failback did not complete");
            }
        } else {
            skip("failback", "nothing to undo: the failover changed nothing");
            skip("verify-failback", "nothing to undo");
        }
    } else {
        for (const name of DRILL_STEPS.slice(1)) {
            skip(name, "the status check failed: nothing was changed");
        }
    }

    const finished = clock.now();
    const span = (from: DrillStepName, to: DrillStepName) => {
        const a = timing[from];
        const b = timing[to];
        const ok = steps.find((s) => s.name === to)?.outcome === "passed";
        return a && b && ok ? (b.end - a.start) / 1000 : undefined;
    };
    const timeToRecoverSeconds = span("failover", "verify-failover");
    const failbackSeconds = span("failback", "verify-failback");
    const failedStep = steps.find((s) => s.outcome === "failed");
    const withinTarget = timeToRecoverSeconds !== undefined && rtoTargetSeconds !== undefined ? timeToRecoverSeconds <= rtoTargetSeconds : undefined;
    let message: string;
    if (failedStep) {
        message = `drill failed at step "${failedStep.name}": ${failedStep.message}`;
    } else if (withinTarget === false) {
        message = `drill failed: time to recover ${timeToRecoverSeconds?.toFixed(1)}s exceeds the target of ${rtoTargetSeconds}s`;
    } else {
        message = `drill passed: ${home} -> ${standby} -> ${home}; time to recover ${timeToRecoverSeconds?.toFixed(1)}s (target ${rtoTargetSeconds}s)`;
    }
    const passed = !failedStep && withinTarget === true;
    const exitCode = passed ? EXIT.OK : EXIT.FAILED;
    const report: DrillReport = {
        stack: ctx.stack.name,
        environment,
        who: ctx.actor.who,
        host: ctx.actor.host,
        startedAt: new Date(started).toISOString(),
        finishedAt: new Date(finished).toISOString(),
        durationMs: finished - started,
        outcome: passed ? "passed" : "failed",
        ...(failedStep ? { failedStep: failedStep.name } : {}),
        message,
        exitCode,
        from: home,
        to: standby,
        holdSeconds,
        timeToRecoverSeconds,
        rtoTargetSeconds,
        withinTarget,
        failbackSeconds,
        ...(rpo ? { rpoSeconds: rpo.rpoSeconds, rpo } : {}),
        steps,
    };
    const files = writeDrillReport(options.reportDir, report);
    const notify = ctx.notify;
    if (notify) {
        try {
            await notify({
                kind: "drill",
                stack: ctx.stack.name,
                severity: passed ? "info" : "critical",
                title: message,
                details: steps.map((s) => `${s.name}: ${s.outcome} (${(s.durationMs / 1000).toFixed(1)}s)`),
            });
        } catch {
            // Notifiers do not throw; the drill's result stands either way.
        }
    }
    return { exitCode, message, data: { ...report, reportFiles: files }, report, files };
}

function flipStep(result: OperationResult<FlipData>): StepResult {
    const evidence = result.data.health;
    const succeeded = result.exitCode === EXIT.OK && result.data.outcome === "succeeded";
    return { outcome: succeeded ? "passed" : "failed", message: result.message, evidence, exitCode: result.exitCode };
}

async function verifyStep(ctx: DrContext, env: VerifyEnvironment, site: Site): Promise<StepResult> {
    const outcome = await verifySite(ctx, env, site);
    return { outcome: outcome.ok ? "passed" : "failed", message: outcome.message, evidence: outcome.evidence };
}
