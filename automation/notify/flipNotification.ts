import { FlipAction, FlipOutcome } from "../audit";
import { DrNotification } from "./types";

/** The fields of a flip's result the notification uses (the audit entry the flip operation returns). */
export interface FlipSummary {
    readonly stack?: unknown;
    readonly action?: unknown;
    readonly key?: unknown;
    readonly from?: unknown;
    readonly to?: unknown;
    readonly who?: unknown;
    readonly reason?: unknown;
    readonly outcome?: unknown;
    readonly forced?: unknown;
    readonly dryRun?: unknown;
}

/** Flips that changed (or tried to change) the deployed estate are announced; refusals, dry runs and no-ops are not. */
const ANNOUNCED: readonly FlipOutcome[] = ["succeeded", "up-failed"];

export function flipNotification(data: FlipSummary, message: string): DrNotification | undefined {
    const outcome = data.outcome as FlipOutcome | undefined;
    if (data.dryRun || !outcome || !ANNOUNCED.includes(outcome)) {
        return undefined;
    }
    const action = data.action as FlipAction;
    const switchName = String(data.key ?? "").split(":").pop();
    const failed = outcome === "up-failed";
    return {
        kind: action,
        stack: String(data.stack),
        severity: failed ? "critical" : action === "failback" ? "info" : "warning",
        title: failed ? `${action} ${data.from} -> ${data.to} FAILED during the update` : `${switchName} ${data.from} -> ${data.to}`,
        details: [`by ${data.who}: ${data.reason}${data.forced ? " (forced)" : ""}`, message],
    };
}

/** Announces a finished flip, if it is worth announcing; whatever the notifier does, the flip's result stands. */
export async function announceFlip(notify: ((n: DrNotification) => Promise<void>) | undefined, result: { readonly message: string; readonly data: FlipSummary }): Promise<void> {
    const notification = notify ? flipNotification(result.data, result.message) : undefined;
    if (notify && notification) {
        try {
            await notify(notification);
        } catch {
            // A notifier must not throw; if one does, the flip is still done.
        }
    }
}
