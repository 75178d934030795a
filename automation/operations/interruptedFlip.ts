import { AuditEntry, LastFlip, lastFlipOf } from "../audit";
import { EstateOutputs, StackState } from "../stackState";
import { escapeControl } from "../terminalText";
import { DrContext } from "./context";
import { recordLastFlip, writeAudit } from "./flipRecord";

/**
 * A `pending` lastFlip means a run stopped after writing config (killed, or its machine died). "deployed":
 * its update went through (the stack outputs show its target), so only the record is missing.
 */
export type InterruptedFlip = "none" | "deployed" | "not-deployed";

export function interruptedFlipState(last: LastFlip | undefined, outputs: EstateOutputs): InterruptedFlip {
    if (!last || last.outcome !== "pending") {
        return "none";
    }
    const switchName = last.key.split(":").pop();
    const deployed =
        switchName === "activeSite" ? outputs.activeSite : switchName === "linodeActiveRegion" ? outputs.linodeActiveRegion : switchName === "dataSite" ? outputs.dataSite : undefined;
    return deployed !== undefined && deployed === last.to ? "deployed" : "not-deployed";
}

/** Completes (audits and records as succeeded) an interrupted flip whose update deployed it; returns the state to go on with. */
export async function completeInterruptedFlip(ctx: DrContext, state: StackState): Promise<{ readonly state: StackState; readonly note?: string }> {
    const last = state.lastFlip;
    if (!last || interruptedFlipState(last, state.outputs) !== "deployed") {
        return { state };
    }
    const entry: AuditEntry = {
        ...lastFlipOf(last),
        stack: state.stack,
        host: "unknown",
        outcome: "succeeded",
        message: `completed by a later run: the run was interrupted after its update started, and the update deployed ${last.to}`,
        rules: [],
        health: [],
        durationsMs: {},
        completedBy: ctx.actor.who,
        completedAt: new Date(ctx.clock.now()).toISOString(),
    };
    const warning = writeAudit(ctx, entry);
    await recordLastFlip(ctx, entry);
    const note = escapeControl(`completed the interrupted ${last.action} ${last.from} -> ${last.to} by ${last.who} (audit id ${last.id}): its update had deployed it`);
    ctx.log(note);
    return { state: { ...state, lastFlip: lastFlipOf(entry) }, note: warning ? `${note}; ${warning}` : note };
}
