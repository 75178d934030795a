import type { Clock } from "../clock";
import { Item, RegionalTable } from "./regionalTable";

export interface VisibilityWait {
    readonly region: string;
    readonly key: Item;
    /** The item read is the one waited for. */
    readonly arrived: (item: Item | undefined) => boolean;
    /** When the item was written (clock ms): the lag is measured from there. */
    readonly writtenAt: number;
    readonly boundMs: number;
    readonly pollMs: number;
    readonly signal?: AbortSignal;
}

/** seen: read back after `lagMs` (an upper bound: the lag is at most one poll shorter). */
export type Visibility =
    | { readonly kind: "seen"; readonly lagMs: number; readonly reads: number }
    | { readonly kind: "not-seen"; readonly waitedMs: number; readonly reads: number; readonly last?: Item }
    | { readonly kind: "error"; readonly waitedMs: number; readonly reads: number; readonly error: string };

/**
 * Reads the item consistently in `region` every `pollMs` until it has arrived, or until `boundMs` after it was
 * written; the last read is made at the bound, so "not seen" means not there at the bound. A failed read is
 * retried on the next poll; only the last one counts.
 */
export async function waitUntilVisible(table: RegionalTable, clock: Clock, wait: VisibilityWait): Promise<Visibility> {
    let reads = 0;
    let last: Item | undefined;
    let error: string | undefined;
    for (;;) {
        reads++;
        try {
            last = await table.get(wait.region, wait.key);
            error = undefined;
            if (wait.arrived(last)) {
                return { kind: "seen", lagMs: Math.max(0, clock.now() - wait.writtenAt), reads };
            }
        } catch (err) {
            error = (err as Error).message;
        }
        const waited = clock.now() - wait.writtenAt;
        if (waited >= wait.boundMs || wait.signal?.aborted) {
            return error !== undefined ? { kind: "error", waitedMs: waited, reads, error } : { kind: "not-seen", waitedMs: waited, reads, last };
        }
        await clock.sleep(Math.min(wait.pollMs, wait.boundMs - waited), wait.signal);
    }
}
