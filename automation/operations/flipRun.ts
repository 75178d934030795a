import { ConcurrentUpdateError, DrConfig, EXIT, ExitCode } from "../../topology";
import { AuditEntry, FlipOutcome, lastFlipOf, newAuditId, ProbeEvidence, updateMessage } from "../audit";
import { StepTimer } from "../clock";
import { DataMove, deployedDataSite, planDataMove } from "../fence/dataMove";
import { applyFlip, FlipResult } from "../flip";
import { FLIP_RULES } from "../rules/flipRules";
import { flipState } from "../rules/flipState";
import { FlipFacts, Refusal, runRules } from "../rules/rule";
import { Verdict } from "../rules/verdict";
import { PreviewReport } from "../stackAdapter";
import { CONFIG_KEY, readStackState, StackState } from "../stackState";
import { DrContext, OperationResult } from "./context";
import { auditedResult, FlipData, FlipRequestInfo, recordLastFlip, SwitchKey, unreadRefusal } from "./flipRecord";
import { completeInterruptedFlip } from "./interruptedFlip";

export interface FlipIntent extends FlipRequestInfo {
    readonly yes: boolean;
    /** The target, from the state (failback goes to the home site). Throws ConfigError on a bad one. */
    readonly target: (cfg: DrConfig) => string;
    readonly requiredProbes: (cfg: DrConfig, target: string) => string[];
    readonly sampledWindow: boolean;
}

type Finish = (outcome: FlipOutcome, exitCode: ExitCode, message: string, extra?: Partial<AuditEntry>, data?: Partial<FlipData>, record?: boolean) => Promise<OperationResult<FlipData>>;

/** One flip under the local lock: read the stack, evaluate the rule pipeline around the preview, update, audit. */
export async function runLockedFlip(ctx: DrContext, intent: FlipIntent, startedAt: number): Promise<OperationResult<FlipData>> {
    const timer = new StepTimer(ctx.clock);
    let state: StackState;
    try {
        state = await timer.time("readState", () => readStackState(ctx.stack));
    } catch (err) {
        if (err instanceof ConcurrentUpdateError) {
            return unreadRefusal(ctx, intent, startedAt, "concurrent-update", EXIT.CONCURRENT_UPDATE, `${err.message} (reading the stack)`);
        }
        throw err;
    }
    const completion = await completeInterruptedFlip(ctx, state);
    state = completion.state;
    const note = completion.note ? `${completion.note}; ` : "";
    const { cfg } = state;
    const target = intent.target(cfg);
    const key = CONFIG_KEY[intent.switchKey];
    const { configured, deployed } = switchValues(state, intent.switchKey);
    const where = flipState(configured, deployed, target);
    const dataMove = where === "at-target" ? undefined : planDataMove(state, intent.switchKey, target);
    const from = where === "converge" ? (deployed ?? configured) : configured;
    const verdicts: Verdict[] = [];
    const health: ProbeEvidence[] = [];
    const base = {
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
        rules: verdicts,
        health,
        ...(where === "undo" ? { undo: true } : {}),
        ...(dataMove?.moves ? { data: { fromRegion: dataMove.fromRegion, toRegion: dataMove.toRegion, epoch: dataMove.epoch, consistency: dataMove.consistency } } : {}),
    };
    const entryOf = (outcome: FlipOutcome, message: string, extra: Partial<AuditEntry> = {}): AuditEntry => ({
        ...base,
        outcome,
        message,
        ...extra,
        durationsMs: { ...timer.durationsMs, total: timer.total() },
    });
    const finish: Finish = async (outcome, exitCode, message, extra = {}, data = {}, record = false) => {
        const entry = entryOf(outcome, `${note}${message}`, extra);
        const result = auditedResult(ctx, entry, exitCode, intent.dryRun, data);
        if (record) {
            await recordLastFlip(ctx, entry);
        }
        return result;
    };

    if (where === "at-target") {
        const message = `${note}${intent.switchKey} is already ${target} on stack ${state.stack}: nothing to do`;
        return { exitCode: EXIT.OK, message, data: { ...base, outcome: "at-target", message, durationsMs: {}, dryRun: intent.dryRun } };
    }
    if (where === "converge") {
        ctx.log(`config already says ${intent.switchKey}=${target} but the last update deployed ${deployed}: resuming that flip`);
    }
    if (where === "undo") {
        ctx.log(`the last update deployed ${intent.switchKey}=${target} and a flip to ${configured} failed: undoing it`);
    }
    const rules = ctx.rules ?? FLIP_RULES;
    const facts: Omit<FlipFacts, "verdicts"> = {
        ctx,
        state,
        action: intent.action,
        switchKey: intent.switchKey,
        from,
        target,
        where,
        force: intent.force,
        yes: intent.yes,
        dryRun: intent.dryRun,
        sampledWindow: intent.sampledWindow,
        requiredProbes: intent.requiredProbes(cfg, target),
        health,
        dataMove,
    };
    const early = await runRules(rules, "before-preview", facts, verdicts, timer);
    if (early) {
        return finish(early.rule.refusalOutcome ?? "refused", EXIT.REFUSED, refusalMessage(early));
    }

    // The switch, then the data keys that go with it (`planDataMove`): written, and restored, as one change set.
    const changes: Record<string, string> = { [key]: target };
    const previous: Record<string, string | undefined> = { [key]: state.config[key] };
    for (const [name, value] of Object.entries(dataMove?.changes ?? {})) {
        const dataKey = CONFIG_KEY[name as "dataSite" | "dataEpoch"];
        changes[dataKey] = value;
        previous[dataKey] = state.config[dataKey];
    }
    const pending = lastFlipOf(entryOf("pending", "update in progress"));
    if (!intent.dryRun) {
        changes[CONFIG_KEY.lastFlip] = JSON.stringify(pending);
        previous[CONFIG_KEY.lastFlip] = state.config[CONFIG_KEY.lastFlip];
    }
    ctx.log(`${intent.dryRun ? "previewing" : "flipping"} ${intent.switchKey}: ${from} -> ${target} on stack ${state.stack}`);
    const result = await applyFlip(
        ctx.stack,
        {
            changes,
            previous,
            dryRun: intent.dryRun,
            message: updateMessage(pending),
            onOutput: ctx.onUpOutput,
            checkPreview: (preview) => runRules(rules, "on-preview", { ...facts, preview }, verdicts, timer),
            onDrift: (lines) => lines.forEach((line) => ctx.log(line)),
        },
        timer,
    );
    const drift = result.drift.length > 0 ? { drift: result.drift } : {};
    return finishFlip(result, { ...facts, verdicts }, (outcome, exitCode, message, extra = {}, ...rest) => finish(outcome, exitCode, message, { ...drift, ...extra }, ...rest));
}

/** The switch's value in config and as deployed. The data site, unset, follows the active site in both. */
function switchValues(state: StackState, switchKey: SwitchKey): { readonly configured: string; readonly deployed?: string } {
    if (switchKey === "dataSite") {
        const deployed = state.outputs.dataSite !== undefined || state.outputs.activeSite !== undefined ? deployedDataSite(state) : undefined;
        return { configured: state.cfg.dataSite ?? state.cfg.activeSite, deployed };
    }
    return { configured: state.cfg[switchKey], deployed: state.outputs[switchKey] };
}

/** Appended to a success (or dry-run) message when the write region moves. */
function dataNote(move: DataMove | undefined, dryRun = false): string {
    if (!move?.moves) {
        return "";
    }
    if (!dryRun) {
        return `; writes go to ${move.toRegion} (epoch ${move.epoch})`;
    }
    const fence = move.consistency === "strong" ? "no fence needed (strong consistency)" : `fenced first: the fence is written in ${move.fromRegion} and awaited in ${move.toRegion}`;
    return `; the write region would move ${move.fromRegion} -> ${move.toRegion} (epoch ${move.epoch}), ${fence}`;
}

function refusalMessage(refusal: Refusal, restoreNote = ""): string {
    const hint = refusal.rule.refusalHint ? `; ${refusal.rule.refusalHint}` : "";
    return `${refusal.rule.refusalOutcome ?? "refused"}: ${refusal.verdict.message}${hint}${restoreNote}`;
}

function restoreNote(errors: readonly string[]): string {
    return errors.length > 0 ? `; WARNING: ${errors.join("; ")}` : "; config restored";
}

async function finishFlip(result: FlipResult<Refusal>, flip: FlipFacts, finish: Finish): Promise<OperationResult<FlipData>> {
    const stack = flip.state.stack;
    const changed = (preview: PreviewReport) => preview.steps.filter((s) => s.op !== "same");
    switch (result.kind) {
        case "succeeded": {
            const message =
                flip.where === "undo"
                    ? `undid the failed flip to ${flip.from}: ${flip.switchKey} is back to ${flip.target} (config and deployed) on stack ${stack}`
                    : `${flip.switchKey} is now ${flip.target} on stack ${stack}${dataNote(flip.dataMove)}`;
            return finish("succeeded", EXIT.OK, message, { changeSummary: result.preview.changeSummary }, {}, true);
        }
        case "dry-run": {
            const last = flip.verdicts[flip.verdicts.length - 1];
            const restore = result.restoreErrors.length ? restoreNote(result.restoreErrors) : "";
            return finish("dry-run", EXIT.OK, `dry run: ${last?.message ?? "every rule passed"}${dataNote(flip.dataMove, true)}; nothing changed${restore}`, { changeSummary: result.preview.changeSummary }, { steps: changed(result.preview) });
        }
        case "refused":
            return finish(result.refusal.rule.refusalOutcome ?? "refused", EXIT.REFUSED, refusalMessage(result.refusal, restoreNote(result.restoreErrors)), { changeSummary: result.preview.changeSummary }, { steps: changed(result.preview) });
        case "concurrent":
            return finish("concurrent-update", EXIT.CONCURRENT_UPDATE, `${result.error.message} (at ${result.step})${restoreNote(result.restoreErrors)}`);
        case "refresh-failed":
            return finish("aborted", EXIT.FAILED, `aborted: could not refresh the resources a flip touches (${result.error.message}); nothing changed`);
        case "config-failed":
            return finish("aborted", EXIT.FAILED, `aborted: could not write stack config (${result.error.message})${restoreNote(result.restoreErrors)}`);
        case "preview-failed":
            return finish("aborted", EXIT.FAILED, `aborted: ${result.error.message}${restoreNote(result.restoreErrors)}`);
        case "up-failed":
            return finish(
                "up-failed",
                EXIT.UP_FAILED,
                `the update failed: ${result.error.message}. Config is left at ${flip.switchKey}=${flip.target}; re-run the same command to converge, or flip back to ${flip.from} to undo`,
                { changeSummary: result.preview.changeSummary },
                {},
                true,
            );
    }
}
