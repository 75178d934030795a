import { BadInputError, DrConfig, EXIT, ExitCode, isSite, linodeEndpoint, Site } from "../../topology";
import { appendAuditLog, AuditEntry, evidenceOf, FlipAction, FlipOutcome, newAuditId, ProbeEvidence, updateMessage } from "../audit";
import { StepTimer } from "../clock";
import { applyFlip, FlipResult } from "../flip";
import { acquireLock, LockHeldError, LocalLock } from "../lock";
import { announceFlip } from "../notify/flipNotification";
import { endpointProbeName, requiredProbesForSite } from "../probes/plan";
import { checkCooldown } from "../rules/cooldown";
import { checkFailbackWindow, HealthSample, samplesForWindow } from "../rules/failbackWindow";
import { flipState } from "../rules/flipState";
import { checkTargetHealth } from "../rules/targetHealth";
import { pass, refuse, Verdict } from "../rules/verdict";
import { CONFIG_KEY, readStackState, StackState } from "../stackState";
import { DrContext, OperationResult } from "./context";

export interface FlipOptions {
    readonly reason?: string;
    readonly force: boolean;
    readonly yes: boolean;
    readonly dryRun: boolean;
}

interface FlipIntent extends FlipOptions {
    readonly action: FlipAction;
    readonly switchKey: "activeSite" | "linodeActiveRegion";
    /** The target, from the state (failback goes to the home site). Throws ConfigError on a bad one. */
    readonly target: (cfg: DrConfig) => string;
    readonly requiredProbes: (cfg: DrConfig, target: string) => string[];
    readonly sampledWindow: boolean;
}

/** The checks that need no stack: run them before opening one. */
export function checkFailoverInput(to: string, options: Pick<FlipOptions, "reason">): void {
    if (!isSite(to)) {
        throw new BadInputError(`unknown site "${to}": use gcp or linode`);
    }
    requireReason(options, "failover");
}

export function checkLinodeRegionInput(to: string, options: Pick<FlipOptions, "reason">): void {
    if (!to || !/^[a-z]{2}-[a-z]+(-\d)?$/.test(to)) {
        throw new BadInputError(`unknown Linode region "${to}": use a Linode region id such as us-east`);
    }
    requireReason(options, "linode-region");
}

export function failover(ctx: DrContext, to: string, options: FlipOptions): Promise<OperationResult> {
    checkFailoverInput(to, options);
    return runFlip(ctx, {
        ...options,
        action: "failover",
        switchKey: "activeSite",
        target: () => to,
        requiredProbes: (cfg, target) => requiredProbesForSite(cfg, target as Site),
        sampledWindow: false,
    });
}

/** Back to the home site: only after a sampled healthy window, with approval; `--force` skips the cooldown only. */
export function failback(ctx: DrContext, options: FlipOptions): Promise<OperationResult> {
    return runFlip(ctx, {
        ...options,
        reason: options.reason ?? "failback to the home site",
        action: "failback",
        switchKey: "activeSite",
        target: (cfg) => cfg.homeSite,
        requiredProbes: (cfg, target) => requiredProbesForSite(cfg, target as Site),
        sampledWindow: true,
    });
}

export function moveLinodeRegion(ctx: DrContext, to: string, options: FlipOptions): Promise<OperationResult> {
    checkLinodeRegionInput(to, options);
    return runFlip(ctx, {
        ...options,
        action: "linode-region",
        switchKey: "linodeActiveRegion",
        target: (cfg) => {
            if (!cfg.linode.regions.includes(to)) {
                throw new BadInputError(`unknown Linode region "${to}" for this stack: use one of ${cfg.linode.regions.join(", ")}`);
            }
            return to;
        },
        requiredProbes: (_cfg, target) => [endpointProbeName(linodeEndpoint(target))],
        sampledWindow: false,
    });
}

function requireReason(options: Pick<FlipOptions, "reason">, command: string): void {
    if (!options.reason || options.reason.trim() === "") {
        throw new BadInputError(`${command} needs --reason "<why>" (it goes into the audit log)`);
    }
}

async function runFlip(ctx: DrContext, intent: FlipIntent): Promise<OperationResult> {
    let lock: LocalLock;
    try {
        lock = acquireLock(ctx.lockDir, ctx.stack.name, `${intent.action}`);
    } catch (err) {
        if (err instanceof LockHeldError) {
            return { exitCode: EXIT.CONCURRENT_UPDATE, message: err.message, data: { outcome: "concurrent-update", lock: err.file } };
        }
        throw err;
    }
    let result: OperationResult;
    try {
        result = await runLockedFlip(ctx, intent);
    } finally {
        lock.release();
    }
    await announceFlip(ctx.notify, result);
    return result;
}

async function runLockedFlip(ctx: DrContext, intent: FlipIntent): Promise<OperationResult> {
    const timer = new StepTimer(ctx.clock);
    const startedAt = ctx.clock.now();
    const state = await timer.time("readState", () => readStackState(ctx.stack));
    const { cfg } = state;
    const target = intent.target(cfg);
    const key = CONFIG_KEY[intent.switchKey];
    const configured = cfg[intent.switchKey];
    const deployed = state.outputs[intent.switchKey];
    const where = flipState(configured, deployed, target);
    const from = where === "converge" ? (deployed ?? configured) : configured;
    if (where === "at-target") {
        return {
            exitCode: EXIT.OK,
            message: `${intent.switchKey} is already ${target} on stack ${state.stack}: nothing to do`,
            data: { stack: state.stack, action: intent.action, key, from, to: target, outcome: "at-target" },
        };
    }
    if (where === "converge") {
        ctx.log(`config already says ${intent.switchKey}=${target} but the last update deployed ${deployed}: resuming that flip`);
    }
    const rules: Verdict[] = [];
    let health: ProbeEvidence[] = [];
    const auditEntry = (outcome: FlipOutcome | "pending", message: string, durationsMs: AuditEntry["durationsMs"], extra: Partial<AuditEntry> = {}): AuditEntry => ({
        id: newAuditId(startedAt),
        stack: state.stack,
        action: intent.action,
        key,
        from,
        to: target,
        who: ctx.actor.who,
        host: ctx.actor.host,
        at: new Date(startedAt).toISOString(),
        reason: intent.reason ?? "",
        forced: intent.force,
        outcome,
        message,
        rules,
        health,
        ...extra,
        durationsMs,
    });
    const finish = (outcome: FlipOutcome, exitCode: ExitCode, message: string, extra: Partial<AuditEntry> = {}, data: Record<string, unknown> = {}) => {
        const entry = auditEntry(outcome, message, { ...timer.durationsMs, total: timer.total() }, extra);
        if (!intent.dryRun) {
            appendAuditLog(ctx.auditLog, entry);
        }
        return { exitCode, message, data: { ...entry, dryRun: intent.dryRun, auditLog: intent.dryRun ? undefined : ctx.auditLog, ...data } };
    };

    // Rule 3: anti-flap. A converging run resumes a flip already made, so its cooldown does not apply.
    const cooldown =
        where === "converge"
            ? pass("cooldown", "resuming a flip whose update failed: cooldown does not apply")
            : checkCooldown(lastFlipTime(state), ctx.clock.now(), cfg.failover.cooldownSeconds, intent.force);
    rules.push(cooldown);
    if (!cooldown.ok) {
        return finish("refused", EXIT.REFUSED, `refused: ${cooldown.message}; use --force with --reason to override`);
    }

    // Rules 1 and 2: the target must be healthy (failback: over a sampled window, never forced).
    const required = intent.requiredProbes(cfg, target);
    const healthVerdict = await timer.time("probe", async () => {
        if (intent.sampledWindow) {
            const sampled = await sampleWindow(ctx, state, required, target);
            health = sampled.evidence;
            return sampled.verdict;
        }
        const results = await ctx.probe(state);
        health = evidenceOf(results, ctx.clock.now());
        return checkTargetHealth(results, required, target, intent.force);
    });
    rules.push(healthVerdict);
    if (!healthVerdict.ok) {
        const hint = intent.sampledWindow ? "" : "; use --force with --reason to override";
        return finish("refused", EXIT.REFUSED, `refused: ${healthVerdict.message}${hint}`);
    }
    if (healthVerdict.overridden) {
        ctx.log(`WARNING: ${healthVerdict.message}`);
    }

    // Rule 2 (and every flip): explicit approval, interactive or --yes. A dry run changes nothing and needs none.
    if (!intent.dryRun) {
        const approval = await timer.time("approval", () => approve(ctx, intent, state, from, target));
        rules.push(approval);
        if (!approval.ok) {
            return finish("refused", EXIT.REFUSED, `refused: ${approval.message}`);
        }
    }

    const pending = auditEntry("pending", "update in progress", { ...timer.durationsMs });
    const changes: Record<string, string> = { [key]: target };
    const previous: Record<string, string | undefined> = { [key]: state.config[key] };
    if (!intent.dryRun) {
        changes[CONFIG_KEY.lastFlip] = JSON.stringify(pending);
        previous[CONFIG_KEY.lastFlip] = state.config[CONFIG_KEY.lastFlip];
    }
    ctx.log(`${intent.dryRun ? "previewing" : "flipping"} ${intent.switchKey}: ${from} -> ${target} on stack ${state.stack}`);
    const result = await applyFlip(ctx.stack, { changes, previous, dryRun: intent.dryRun, message: updateMessage(pending), onOutput: ctx.onUpOutput }, timer);
    return finishFlip(ctx, result, rules, intent, target, finish);
}

type Finish = (outcome: FlipOutcome, exitCode: ExitCode, message: string, extra?: Partial<AuditEntry>, data?: Record<string, unknown>) => OperationResult;

async function finishFlip(ctx: DrContext, result: FlipResult, rules: Verdict[], intent: FlipIntent, target: string, finish: Finish): Promise<OperationResult> {
    const restoreNote = (errors: string[]) => (errors.length > 0 ? `; WARNING: ${errors.join("; ")}` : "; config restored");
    switch (result.kind) {
        case "succeeded": {
            rules.push(result.safety);
            const outcome = finish("succeeded", EXIT.OK, `${intent.switchKey} is now ${target} on stack ${ctx.stack.name}`, { changeSummary: result.preview.changeSummary });
            await recordLastFlip(ctx, outcome);
            return outcome;
        }
        case "dry-run":
            rules.push(result.safety);
            return finish("dry-run", EXIT.OK, `dry run: ${result.safety.message}; nothing changed${result.restoreErrors.length ? restoreNote(result.restoreErrors) : ""}`, { changeSummary: result.preview.changeSummary }, { steps: result.preview.steps.filter((s) => s.op !== "same") });
        case "unsafe":
            rules.push(result.safety);
            return finish("aborted", EXIT.REFUSED, `aborted: ${result.safety.message}${restoreNote(result.restoreErrors)}`, { changeSummary: result.preview.changeSummary }, { steps: result.preview.steps.filter((s) => s.op !== "same") });
        case "concurrent":
            return finish("concurrent-update", EXIT.CONCURRENT_UPDATE, `${result.error.message} (at ${result.step})${restoreNote(result.restoreErrors)}`);
        case "preview-failed":
            return finish("aborted", EXIT.FAILED, `aborted: ${result.error.message}${restoreNote(result.restoreErrors)}`);
        case "up-failed": {
            rules.push(result.safety);
            const outcome = finish(
                "up-failed",
                EXIT.UP_FAILED,
                `the update failed: ${result.error.message}. Config is left at ${intent.switchKey}=${target}; re-run the same command to converge`,
                { changeSummary: result.preview.changeSummary },
            );
            await recordLastFlip(ctx, outcome);
            return outcome;
        }
    }
}

/** The final audit entry replaces the pending one in stack config. */
async function recordLastFlip(ctx: DrContext, outcome: OperationResult): Promise<void> {
    const { dryRun: _dryRun, auditLog: _auditLog, ...entry } = outcome.data;
    try {
        await ctx.stack.setConfig(CONFIG_KEY.lastFlip, JSON.stringify(entry));
    } catch (err) {
        ctx.log(`WARNING: could not record the audit entry in stack config: ${(err as Error).message}`);
    }
}

function lastFlipTime(state: StackState): number | undefined {
    const last = state.lastFlip;
    // Only flips that changed config count; refused and restored attempts are not in stack config anyway.
    return last && ["succeeded", "up-failed", "pending"].includes(last.outcome) ? Date.parse(last.at) : undefined;
}

async function sampleWindow(ctx: DrContext, state: StackState, required: string[], target: string): Promise<{ verdict: Verdict; evidence: ProbeEvidence[] }> {
    const { failbackWindowSeconds: window, failbackSampleSeconds: every } = state.cfg.failover;
    const count = samplesForWindow(window, every);
    const samples: HealthSample[] = [];
    const evidence: ProbeEvidence[] = [];
    ctx.log(`sampling ${target} health ${count} time(s), every ${every}s over ${window}s, before failing back`);
    for (let i = 0; i < count; i++) {
        if (i > 0) {
            await ctx.clock.sleep(every * 1000);
        }
        const at = ctx.clock.now();
        const results = await ctx.probe(state, required);
        const verdict = checkTargetHealth(results, required, target, false);
        samples.push({ at, healthy: verdict.ok, detail: verdict.message });
        evidence.push(...evidenceOf(results, at));
        if (!verdict.ok) {
            break; // one bad sample already fails the window
        }
    }
    return { verdict: checkFailbackWindow(samples, ctx.clock.now(), window, every), evidence };
}

async function approve(ctx: DrContext, intent: FlipIntent, state: StackState, from: string, target: string): Promise<Verdict> {
    if (intent.yes) {
        return pass("approval", "approved with --yes");
    }
    if (!ctx.confirm) {
        return refuse("approval", `${intent.action} needs approval: run it in a terminal to be asked, or pass --yes`);
    }
    const yes = await ctx.confirm(`${intent.action} on stack ${state.stack}: ${intent.switchKey} ${from} -> ${target}. Proceed?`);
    return yes ? pass("approval", "approved interactively") : refuse("approval", "not approved by the operator");
}
