import { randomUUID } from "crypto";
import type { Clock } from "../clock";
import { Item, RegionalTable, WriteCondition } from "./regionalTable";
import { waitUntilVisible } from "./visibility";

/** One fence: the new epoch, written where writes went until now, awaited where they will go. */
export interface FenceRequest {
    /** The fence item's key (`markerKey(cfg, "fence")`). */
    readonly key: Item;
    readonly epoch: number;
    /** The old write region: the fence is written there. */
    readonly fromRegion: string;
    /** The new write region: the fence is read there. */
    readonly toRegion: string;
    /** `table.maxReplicationLagSeconds`, in ms. */
    readonly maxLagMs: number;
    readonly pollMs: number;
    readonly signal?: AbortSignal;
}

export type FenceOutcome =
    /** Read back in the new region `waitedMs` after it was written. */
    | { readonly kind: "arrived"; readonly waitedMs: number; readonly reads: number }
    | { readonly kind: "timeout"; readonly waitedMs: number; readonly reads: number; readonly seenEpoch?: number }
    | { readonly kind: "read-failed"; readonly waitedMs: number; readonly error: string }
    | { readonly kind: "write-failed"; readonly error: string }
    /** The old region already holds a fence with a higher epoch: config's dataEpoch is behind. */
    | { readonly kind: "superseded" };

/**
 * Never lets an older fence replace a newer one. Syntax: Developer Guide, "Condition and filter expressions,
 * operators, and functions" (`condition OR condition`, `attribute_not_exists (path)`, `a <= b` on numbers); a
 * failed condition is `ConditionalCheckFailedException` (API Reference, PutItem).
 */
export function fenceCondition(epoch: number): WriteCondition {
    return { expression: "attribute_not_exists(#epoch) OR #epoch <= :epoch", names: { "#epoch": "epoch" }, values: { ":epoch": { N: String(epoch) } } };
}

export function epochOf(item: Item | undefined): number | undefined {
    const value = item?.epoch?.N;
    return value === undefined ? undefined : Number(value);
}

/**
 * Writes the fence item with the new epoch in the old write region, then reads it consistently in the new write
 * region every `pollMs` until it is this very write (or one with a newer epoch), at most `maxLagMs` after it. Its
 * arrival shows that replication from the old region has caught up to the moment of the fence. DynamoDB does not
 * document an order of replication across items, so this is evidence, not proof, that every earlier write has
 * arrived too; what keeps a late write from overwriting newer data is the fenced-write protocol (README).
 */
export async function runFence(table: RegionalTable, clock: Clock, request: FenceRequest): Promise<FenceOutcome> {
    // A fresh id per write: a retry with the same epoch must not take an earlier attempt's fence for its own.
    const fenceId = randomUUID();
    const item: Item = {
        ...request.key,
        epoch: { N: String(request.epoch) },
        fenceId: { S: fenceId },
        writeRegion: { S: request.toRegion },
        fencedAt: { S: new Date(clock.now()).toISOString() },
    };
    let written: boolean;
    try {
        written = await table.put(request.fromRegion, item, fenceCondition(request.epoch));
    } catch (err) {
        return { kind: "write-failed", error: (err as Error).message };
    }
    if (!written) {
        return { kind: "superseded" };
    }
    const writtenAt = clock.now();
    const seen = await waitUntilVisible(table, clock, {
        region: request.toRegion,
        key: request.key,
        arrived: (read) => read?.fenceId?.S === fenceId || (epochOf(read) ?? -1) > request.epoch,
        writtenAt,
        boundMs: request.maxLagMs,
        pollMs: request.pollMs,
        signal: request.signal,
    });
    switch (seen.kind) {
        case "seen":
            return { kind: "arrived", waitedMs: seen.lagMs, reads: seen.reads };
        case "not-seen":
            return { kind: "timeout", waitedMs: seen.waitedMs, reads: seen.reads, seenEpoch: epochOf(seen.last) };
        case "error":
            return { kind: "read-failed", waitedMs: seen.waitedMs, error: seen.error };
    }
}

/** One sentence for the verdict and the audit entry. */
export function fenceSentence(outcome: FenceOutcome, request: Pick<FenceRequest, "epoch" | "fromRegion" | "toRegion" | "maxLagMs">): string {
    const bound = `${request.maxLagMs / 1000}s`;
    const fence = `the fence (epoch ${request.epoch}) written in ${request.fromRegion}`;
    switch (outcome.kind) {
        case "arrived":
            return `${fence} was read in ${request.toRegion} after ${(outcome.waitedMs / 1000).toFixed(2)}s (bound ${bound})`;
        case "timeout":
            return `${fence} did not arrive in ${request.toRegion} within ${bound} (table.maxReplicationLagSeconds; ${outcome.reads} consistent read(s), the last saw ${outcome.seenEpoch === undefined ? "no fence" : `epoch ${outcome.seenEpoch}`}): replication is behind or paused`;
        case "read-failed":
            return `${fence} could not be read in ${request.toRegion} within ${bound}: ${outcome.error}`;
        case "write-failed":
            return `the fence (epoch ${request.epoch}) could not be written in ${request.fromRegion}: ${outcome.error}`;
        case "superseded":
            return `${request.fromRegion} already holds a fence with an epoch above ${request.epoch}: dataEpoch in config is behind the table (set it to at least that epoch)`;
    }
}
