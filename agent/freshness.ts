import { PublishedActiveSite } from "./published";

/** The last good read of the parameter. */
export interface ParameterRead {
    readonly value: PublishedActiveSite;
    readonly version: number;
    /** The region it was read from. */
    readonly region: string;
    /** Epoch milliseconds. */
    readonly readAt: number;
}

export interface ParameterState {
    readonly last?: ParameterRead;
    /** Set when the latest refresh failed in every region; cleared by a good read. */
    readonly failure?: string;
}

export type Freshness =
    | { readonly usable: true; readonly read: ParameterRead; readonly ageMs: number; readonly stale: boolean; readonly failure?: string }
    | { readonly usable: false; readonly reason: string; readonly read?: ParameterRead; readonly ageMs?: number };

/**
 * Whether the last known value may still be used. It is stale while refreshes fail, and unusable once
 * older than `maxStalenessMs`, whether refreshes fail or have stopped happening at all.
 */
export function freshness(state: ParameterState, now: number, maxStalenessMs: number): Freshness {
    const read = state.last;
    if (read === undefined) {
        return { usable: false, reason: `parameter not read yet${state.failure ? `: ${state.failure}` : ""}` };
    }
    const ageMs = Math.max(0, now - read.readAt);
    if (ageMs > maxStalenessMs) {
        return {
            usable: false,
            reason: `last good read ${ageMs} ms ago exceeds the ${maxStalenessMs} ms bound${state.failure ? `: ${state.failure}` : ""}`,
            read,
            ageMs,
        };
    }
    return state.failure === undefined ? { usable: true, read, ageMs, stale: false } : { usable: true, read, ageMs, stale: true, failure: state.failure };
}
