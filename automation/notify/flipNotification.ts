import type { FlipData } from "../operations/flipRecord";
import { DrNotification } from "./types";

/** What a notification needs of a flip's result. */
export type FlipSummary = Pick<FlipData, "stack" | "action" | "key" | "from" | "to" | "who" | "reason" | "outcome" | "forced" | "dryRun"> & Partial<Pick<FlipData, "undo">>;

/** Flips that changed (or tried to change) the deployed estate are announced; refusals, dry runs and no-ops are not. */
const ANNOUNCED: readonly FlipSummary["outcome"][] = ["succeeded", "up-failed"];

export function flipNotification(data: FlipSummary, message: string): DrNotification | undefined {
    if (data.dryRun || !ANNOUNCED.includes(data.outcome)) {
        return undefined;
    }
    const switchName = data.key.split(":").pop();
    const failed = data.outcome === "up-failed";
    return {
        kind: data.action,
        stack: data.stack,
        severity: failed ? "critical" : data.action === "failback" ? "info" : "warning",
        title: failed ? `${data.action} ${data.from} -> ${data.to} FAILED during the update` : `${switchName} ${data.from} -> ${data.to}${data.undo ? " (undo of a failed flip)" : ""}`,
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
