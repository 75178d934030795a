import { BadInputError, EXIT, ExitCode } from "../../topology";
import { Actor } from "../audit";
import { Clock } from "../clock";
import { DrContext, OperationResult } from "../operations/context";
import { checkReason, requireReason } from "../operations/reason";
import { readStackState } from "../stackState";
import { isProductionStack } from "../drill/drill";
import { decideApproval } from "./approval";
import { blastRadiusSummary, combineBlastRadius, StackPreview } from "./blastRadius";
import { ExecutionRecord, pendingStep, planStateDir, readExecutionRecord, resumePoint, StepRecord, writeExecutionRecord } from "./executionRecord";
import { LoadedPlan } from "./planFile";
import { ApprovalStep, NEEDS_APPROVAL, isStackStep, RecoveryPlan, stepConcurrency, stepStacks } from "./planTypes";
import { practicePlan } from "./practice";
import { PlanReport, PlanReportStep, reportStepOf, writePlanReport } from "./report";
import { StackOperations } from "./stackOperations";
import { runStackStep } from "./stepRunner";

export interface PlanRunOptions {
    readonly reason?: string;
    readonly yes: boolean;
    readonly approver?: string;
    readonly dryRun: boolean;
    readonly practice: boolean;
    readonly remote: boolean;
    readonly fromStep?: string;
    /** The execution record and the default report directory live under `<stateDir>/plans/`. */
    readonly stateDir: string;
    readonly reportDir?: string;
    /** The plan's target, else the caller's default (the stacks' largest failover.rtoTargetSeconds). */
    readonly defaultRtoTargetSeconds: number;
}

export interface PlanEnvironment {
    readonly ops: StackOperations;
    readonly clock: Clock;
    readonly actor: Actor;
    /** One DrContext per stack (its log lines prefixed with the stack). */
    readonly contextFor: (stack: string) => Promise<DrContext>;
    /** Plan-level progress, one whole line. */
    readonly log: (line: string) => void;
    /** Asks the operator; undefined when nobody can answer (no TTY). */
    readonly confirm?: (question: string) => Promise<boolean>;
}

export type PlanRunResult = OperationResult & { readonly report: PlanReport; readonly files: { json: string; markdown: string } };

/**
 * Runs a recovery plan: its steps in order, each over its stacks in parallel (bounded), each stack change the
 * single-stack operation with its own lock, rules and audit. The execution record is written after every
 * step; a rerun resumes at the first step not done (`--from-step` restarts one).
 */
export async function runPlan(loaded: LoadedPlan, options: PlanRunOptions, env: PlanEnvironment): Promise<PlanRunResult> {
    const reason = requireReason(options.reason, "run-plan");
    const plan = options.practice ? practicePlan(loaded.plan).plan : loaded.plan;
    const longestStep = Math.max(...plan.steps.map((s) => s.name.length));
    checkReason(flipReason(reason, plan.name, "x".repeat(longestStep)), "run-plan");
    const dir = planStateDir(options.stateDir, plan, options.practice);
    const record = options.dryRun ? undefined : readExecutionRecord(dir);
    const resume = options.dryRun ? { start: options.fromStep ? indexOfStep(plan, options.fromStep) : 0, kept: [], note: "dry run" } : resumePoint(plan, loaded.digest, record, options.fromStep);
    if (!options.dryRun) {
        checkApprovalsPrecede(plan, resume.start, resume.kept, options);
    }
    const { clock } = env;
    const started = clock.now();
    env.log(`plan ${plan.name}${options.practice ? " (practice)" : ""}${options.dryRun ? " (dry run)" : ""}: ${resume.note}`);
    const steps: StepRecord[] = [...resume.kept];
    const reportSteps: PlanReportStep[] = resume.kept.map((s) => reportStepOf(s, "earlier-run", started));
    const previews: StackPreview[] = [];
    let approved = resume.kept.some((s) => s.kind === "approval" && s.status === "done");
    let failure: { step: string; exitCode: ExitCode; message: string } | undefined;
    const save = (status: ExecutionRecord["status"]): string | undefined =>
        options.dryRun
            ? undefined
            : writeExecutionRecord(dir, {
                  plan: plan.name,
                  file: loaded.file,
                  digest: loaded.digest,
                  practice: options.practice,
                  remote: options.remote,
                  reason,
                  who: env.actor.who,
                  startedAt: record && record.status !== "completed" && resume.kept.length > 0 ? record.startedAt : new Date(started).toISOString(),
                  updatedAt: new Date(clock.now()).toISOString(),
                  status,
                  steps: [...steps, ...plan.steps.slice(steps.length).map((s) => pendingStep(s.name, s.kind))],
              });
    save("running");

    for (const step of plan.steps.slice(resume.start)) {
        if (failure) {
            reportSteps.push({ name: step.name, kind: step.kind, outcome: "not-run", durationMs: 0, message: `not run: step "${failure.step}" failed`, stacks: [] });
            continue;
        }
        const stepStart = clock.now();
        const startedAt = new Date(stepStart).toISOString();
        env.log(`step ${step.name} (${step.kind})...`);
        let stepRecord: StepRecord;
        let skipped = false;
        if (!isStackStep(step)) {
            if (options.dryRun) {
                skipped = true;
                stepRecord = { name: step.name, kind: step.kind, status: "pending", startedAt, durationMs: 0, message: "dry run: approval not asked", stacks: [] };
            } else {
                const outcome = await approve(step, options, env);
                approved = approved || outcome.ok;
                stepRecord = { name: step.name, kind: step.kind, status: outcome.ok ? "done" : "failed", startedAt, durationMs: clock.now() - stepStart, message: outcome.message, ...(outcome.by ? { approvedBy: outcome.by } : {}), stacks: [] };
                if (!outcome.ok) {
                    failure = { step: step.name, exitCode: EXIT.REFUSED, message: outcome.message };
                }
            }
        } else if (options.dryRun && step.kind === "verify") {
            skipped = true;
            stepRecord = { name: step.name, kind: step.kind, status: "pending", startedAt, durationMs: 0, message: "dry run: nothing to verify", stacks: [] };
        } else {
            const stacks = stepStacks(plan, step);
            const concurrency = stepConcurrency(plan, step);
            const flip = { reason: flipReason(reason, plan.name, step.name), force: false, yes: approved || options.yes || options.practice, dryRun: options.dryRun };
            const run = await runStackStep(step, stacks, concurrency, flip, { ops: env.ops, clock, contextFor: options.practice ? practiceContexts(env.contextFor) : env.contextFor });
            previews.push(...run.previews.map((p) => ({ step: step.name, ...p })));
            const failed = run.records.find((r) => r.exitCode !== EXIT.OK);
            const counts = countOutcomes(run.records.map((r) => r.outcome));
            const message = failed ? `halted: stack ${failed.stack} ${failed.outcome} (exit ${failed.exitCode}): ${failed.message}` : `${stacks.length} stack(s): ${counts}`;
            stepRecord = { name: step.name, kind: step.kind, status: failed ? "failed" : "done", startedAt, durationMs: clock.now() - stepStart, concurrency, maxConcurrency: run.maxConcurrency, message, stacks: run.records };
            if (failed) {
                failure = { step: step.name, exitCode: failed.exitCode as ExitCode, message };
            }
        }
        steps.push(stepRecord);
        reportSteps.push(reportStepOf(stepRecord, skipped ? "skipped" : stepRecord.status === "done" ? "passed" : "failed", started));
        env.log(`step ${step.name} ${skipped ? "skipped" : stepRecord.status === "done" ? "passed" : "FAILED"} in ${((stepRecord.durationMs ?? 0) / 1000).toFixed(1)}s: ${stepRecord.message}`);
        save(failure ? "failed" : "running");
    }

    const finished = clock.now();
    const completed = !failure && !options.dryRun;
    const recordFile = save(failure ? "failed" : "completed");
    const rtoTargetSeconds = plan.rtoTargetSeconds ?? options.defaultRtoTargetSeconds;
    const recoverySeconds = steps.reduce((sum, s) => sum + (s.durationMs ?? 0), 0) / 1000;
    const withinTarget = completed ? recoverySeconds <= rtoTargetSeconds : undefined;
    const radius = options.dryRun ? combineBlastRadius(previews) : undefined;
    let exitCode: ExitCode = failure ? failure.exitCode : EXIT.OK;
    let message: string;
    if (failure) {
        message = `plan ${plan.name} stopped at step "${failure.step}": ${failure.message}; rerun the same command to resume`;
    } else if (options.dryRun) {
        message = `dry run of plan ${plan.name}: every stack previewed, nothing changed; ${blastRadiusSummary(radius as NonNullable<typeof radius>)}`;
    } else {
        message = `plan ${plan.name} completed in ${recoverySeconds.toFixed(1)}s (target ${rtoTargetSeconds}s${withinTarget ? "" : ": EXCEEDED"})`;
        if (!withinTarget && options.practice) {
            // A practice run is a rehearsal: like a drill, missing the target fails it.
            exitCode = EXIT.FAILED;
        }
    }
    const report: PlanReport = {
        plan: plan.name,
        file: loaded.file,
        reason,
        practice: options.practice,
        remote: options.remote,
        dryRun: options.dryRun,
        who: env.actor.who,
        host: env.actor.host,
        startedAt: new Date(started).toISOString(),
        finishedAt: new Date(finished).toISOString(),
        durationMs: finished - started,
        outcome: exitCode === EXIT.OK ? "passed" : "failed",
        ...(failure ? { failedStep: failure.step } : {}),
        message,
        exitCode,
        resumed: resume.note,
        recoverySeconds,
        rtoTargetSeconds,
        ...(withinTarget !== undefined ? { withinTarget } : {}),
        steps: reportSteps,
        ...(radius ? { blastRadius: radius } : {}),
        ...(recordFile ? { executionRecord: recordFile } : {}),
    };
    const reportDir = options.reportDir ?? `${dir}/reports/${new Date(started).toISOString().replace(/[:.]/g, "-")}${options.dryRun ? "-dry-run" : ""}`;
    const files = writePlanReport(reportDir, report);
    if (radius) {
        radius.lines.forEach((line) => env.log(`  ${line}`));
    }
    return { exitCode, message, data: { ...report, reportFiles: files }, report, files };
}

/** A practice run never touches a production stack, by name or by the `environment` in its config (as a drill). */
function practiceContexts(contextFor: (stack: string) => Promise<DrContext>): (stack: string) => Promise<DrContext> {
    const checked = new Map<string, Promise<DrContext>>();
    return (stack) => {
        let ctx = checked.get(stack);
        if (!ctx) {
            ctx = contextFor(stack).then(async (c) => {
                const state = await readStackState(c.stack);
                if (isProductionStack(state.stack, state.cfg.environment)) {
                    throw new BadInputError(`--practice: stack "${stack}" is a production stack (environment ${state.cfg.environment}): name a staging stack as its practice stack`);
                }
                return c;
            });
            checked.set(stack, ctx);
        }
        return ctx;
    };
}

/** The reason each stack's flip records in its audit entry: the operator's, and which plan step made it. */
export function flipReason(reason: string, plan: string, step: string): string {
    return `${reason} [plan ${plan}, step ${step}]`;
}

function indexOfStep(plan: RecoveryPlan, name: string): number {
    const index = plan.steps.findIndex((s) => s.name === name);
    if (index < 0) {
        throw new BadInputError(`--from-step "${name}" is not a step of plan ${plan.name}: use one of ${plan.steps.map((s) => s.name).join(", ")}`);
    }
    return index;
}

/** Every step that moves writes or traffic comes after an approval (this run's, or one an earlier run passed), unless --yes or practice. */
function checkApprovalsPrecede(plan: RecoveryPlan, start: number, kept: readonly StepRecord[], options: PlanRunOptions): void {
    if (options.yes || options.practice) {
        return;
    }
    let approval = kept.some((s) => s.kind === "approval" && s.status === "done");
    for (const step of plan.steps.slice(start)) {
        approval = approval || step.kind === "approval";
        if (NEEDS_APPROVAL.includes(step.kind) && !approval) {
            throw new BadInputError(`plan ${plan.name}: step "${step.name}" moves writes or traffic but no approval step comes before it: add one, or pass --yes`);
        }
    }
}

async function approve(step: ApprovalStep, options: PlanRunOptions, env: PlanEnvironment): Promise<{ ok: boolean; message: string; by?: string }> {
    const decision = decideApproval(step, { yes: options.yes, approver: options.approver, operator: env.actor.who, interactive: env.confirm !== undefined, practice: options.practice });
    if (decision.kind === "refused") {
        return { ok: false, message: decision.message };
    }
    if (decision.kind === "approved") {
        return { ok: true, message: `approved by ${decision.by} (${decision.how})`, by: decision.by };
    }
    const question = `${step.message ?? `Plan step "${step.name}": continue with the steps that follow?`}`;
    const yes = await env.confirm?.(question);
    return yes ? { ok: true, message: `approved interactively by ${decision.who}`, by: decision.who } : { ok: false, message: `not approved by ${decision.who}` };
}

function countOutcomes(outcomes: readonly string[]): string {
    const counts = new Map<string, number>();
    outcomes.forEach((o) => counts.set(o, (counts.get(o) ?? 0) + 1));
    return [...counts].map(([o, n]) => `${n} ${o}`).join(", ");
}
