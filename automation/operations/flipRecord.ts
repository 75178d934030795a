import { ExitCode } from "../../topology";
import { appendAuditLog, AuditEntry, FlipAction, FlipOutcome, lastFlipOf, newAuditId } from "../audit";
import { PreviewStep } from "../stackAdapter";
import { CONFIG_KEY } from "../stackState";
import { escapeControl } from "../terminalText";
import { DrContext, OperationResult } from "./context";

/** A flip's result for `--json`, notifications and drills: its audit entry, plus what the run adds. */
export type FlipData = Omit<AuditEntry, "outcome"> & {
    readonly outcome: FlipOutcome | "at-target";
    readonly dryRun: boolean;
    readonly auditLog?: string;
    readonly steps?: readonly PreviewStep[];
};

export type SwitchKey = "activeSite" | "linodeActiveRegion" | "dataSite";

/** What is known of a flip before the stack is read. */
export interface FlipRequestInfo {
    readonly action: FlipAction;
    readonly switchKey: SwitchKey;
    /** The target given on the command line (failback's comes from config). */
    readonly requested?: string;
    readonly reason?: string;
    readonly force: boolean;
    readonly dryRun: boolean;
}

/** Appends the entry; a failure after the flip acted becomes a WARNING (returned and logged), never another outcome. */
export function writeAudit(ctx: DrContext, entry: AuditEntry): string | undefined {
    try {
        appendAuditLog(ctx.auditLog, entry);
        return undefined;
    } catch (err) {
        const warning = `WARNING: the audit log ${ctx.auditLog} could not be written (${(err as Error).message}); the entry is in stack config (lastFlip) and in --json`;
        ctx.log(warning);
        return warning;
    }
}

/** The small record of the flip in stack config (the cooldown and `status` read it). */
export async function recordLastFlip(ctx: DrContext, entry: AuditEntry): Promise<void> {
    try {
        await ctx.stack.setConfig(CONFIG_KEY.lastFlip, JSON.stringify(lastFlipOf(entry)));
    } catch (err) {
        ctx.log(`WARNING: could not record the last flip in stack config: ${(err as Error).message}`);
    }
}

/** Audits the entry (not for dry runs) and makes the result; a failed audit write keeps the exit code. */
export function auditedResult(ctx: DrContext, raw: AuditEntry, exitCode: ExitCode, dryRun: boolean, extra: Partial<FlipData> = {}): OperationResult<FlipData> {
    // Messages can quote stored or foreign text (a lock file, the CLI's stderr): never raw to a terminal.
    const entry = { ...raw, message: escapeControl(raw.message) };
    const warning = dryRun ? undefined : writeAudit(ctx, entry);
    return {
        exitCode,
        message: warning ? `${entry.message}; ${warning}` : entry.message,
        data: { ...entry, dryRun, auditLog: dryRun ? undefined : ctx.auditLog, ...extra },
    };
}

/** A refusal before the stack could be read (the local lock, a locked stack): audited with what is known. */
export function unreadRefusal(ctx: DrContext, request: FlipRequestInfo, startedAt: number, outcome: FlipOutcome, exitCode: ExitCode, message: string): OperationResult<FlipData> {
    const entry: AuditEntry = {
        id: newAuditId(startedAt),
        stack: ctx.stack.name,
        action: request.action,
        key: CONFIG_KEY[request.switchKey],
        from: "unknown",
        to: request.requested ?? "(home site)",
        who: ctx.actor.who,
        host: ctx.actor.host,
        at: new Date(startedAt).toISOString(),
        reason: request.reason ?? "",
        forced: request.force,
        outcome,
        message,
        rules: [],
        health: [],
        durationsMs: {},
    };
    return auditedResult(ctx, entry, exitCode, request.dryRun);
}
