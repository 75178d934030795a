import { randomUUID } from "crypto";
import type { Clock } from "../clock";
import { deployedWriteRegion } from "../fence/dataMove";
import { markerKey } from "../fence/markers";
import { Item, RegionalTable, RegionNotAllowedError } from "../fence/regionalTable";
import { waitUntilVisible } from "../fence/visibility";
import type { DrContext } from "../operations/context";
import type { StackState } from "../stackState";

export interface ReplicationOptions {
    /** The canary's key (`markerKey(cfg, "replication")`). */
    readonly key: Item;
    /** Where the canary is written: the region applications write to. */
    readonly writeRegion: string;
    /** The regions timed: every other region that holds the table. */
    readonly regions: readonly string[];
    /** How long to wait for the canary in each region (`table.maxReplicationLagSeconds`). */
    readonly boundSeconds: number;
    /** How often each region is read (`table.replicationPollMs`): a lag is measured to within this. */
    readonly pollMs: number;
    readonly signal?: AbortSignal;
}

/** One region's lag. seen: `lagSeconds` is an upper bound, at most one poll above the true lag. */
export interface RegionLag {
    readonly region: string;
    readonly status: "seen" | "not-seen" | "error";
    readonly lagSeconds?: number;
    readonly detail: string;
}

export interface ReplicationMeasurement {
    readonly writeRegion: string;
    /** ISO time the canary was written. */
    readonly at: string;
    readonly boundSeconds: number;
    readonly pollSeconds: number;
    readonly regions: readonly RegionLag[];
    /** The largest lag when every region saw the canary within the bound; undefined otherwise. */
    readonly maxLagSeconds?: number;
    /** The canary could not be written: nothing was timed. */
    readonly error?: string;
    /** With `error`: the write region may not be reached from here (outside a real run, no endpoint override). */
    readonly notAllowed?: boolean;
}

/**
 * Writes a canary with a fresh token in the write region, then reads it consistently in every other region
 * (in parallel, every `pollMs`) until that token is there, or until the bound. Returns each region's lag.
 */
export async function measureReplication(table: RegionalTable, clock: Clock, options: ReplicationOptions): Promise<ReplicationMeasurement> {
    const token = randomUUID();
    const at = new Date(clock.now()).toISOString();
    const base = { writeRegion: options.writeRegion, at, boundSeconds: options.boundSeconds, pollSeconds: options.pollMs / 1000 };
    try {
        await table.put(options.writeRegion, { ...options.key, token: { S: token }, writtenAt: { S: at } });
    } catch (err) {
        const error = `the replication canary could not be written in ${options.writeRegion}: ${(err as Error).message}`;
        const notAllowed = err instanceof RegionNotAllowedError ? { notAllowed: true } : {};
        return { ...base, regions: options.regions.map((region) => ({ region, status: "error", detail: error })), error, ...notAllowed };
    }
    const writtenAt = clock.now();
    const regions = await Promise.all(
        options.regions.map(async (region): Promise<RegionLag> => {
            const seen = await waitUntilVisible(table, clock, {
                region,
                key: options.key,
                arrived: (item) => item?.token?.S === token,
                writtenAt,
                boundMs: options.boundSeconds * 1000,
                pollMs: options.pollMs,
                signal: options.signal,
            });
            switch (seen.kind) {
                case "seen":
                    return { region, status: "seen", lagSeconds: seen.lagMs / 1000, detail: `seen after ${(seen.lagMs / 1000).toFixed(2)}s` };
                case "not-seen":
                    return { region, status: "not-seen", detail: `not seen within ${options.boundSeconds}s` };
                case "error":
                    return { region, status: "error", detail: seen.error };
            }
        }),
    );
    const all = regions.every((r) => r.status === "seen");
    return { ...base, regions, ...(all ? { maxLagSeconds: Math.max(0, ...regions.map((r) => r.lagSeconds ?? 0)) } : {}) };
}

/** The measurement for a stack: from the write region the last update published to every other table region. */
export function replicationOptionsFor(state: Pick<StackState, "cfg" | "outputs">, signal?: AbortSignal): ReplicationOptions {
    const { cfg } = state;
    const writeRegion = deployedWriteRegion(state);
    return {
        key: markerKey(cfg, "replication"),
        writeRegion,
        regions: cfg.table.regions.filter((r) => r !== writeRegion),
        boundSeconds: cfg.table.maxReplicationLagSeconds,
        pollMs: cfg.table.replicationPollMs,
        signal,
    };
}

/** `measureReplication` of the stack's table through the context; undefined when the context has no DynamoDB access. */
export async function measureStackReplication(ctx: Pick<DrContext, "openTable" | "clock">, state: Pick<StackState, "cfg" | "outputs">, signal?: AbortSignal): Promise<ReplicationMeasurement | undefined> {
    if (!ctx.openTable) {
        return undefined;
    }
    const table = ctx.openTable(state.outputs.tableName ?? state.cfg.table.name, state.cfg.failover.probeTimeoutMs);
    try {
        return await measureReplication(table, ctx.clock, replicationOptionsFor(state, signal));
    } finally {
        table.close();
    }
}

/** One line: `replication from us-west-2: us-east-2 0.41s, eu-west-1 NOT SEEN within 10s`. */
export function replicationLine(m: ReplicationMeasurement): string {
    if (m.error) {
        return `replication: ${m.error}`;
    }
    const parts = m.regions.map((r) => `${r.region} ${r.status === "seen" ? `${r.lagSeconds!.toFixed(2)}s` : r.status === "not-seen" ? `NOT SEEN within ${m.boundSeconds}s` : `ERROR (${r.detail})`}`);
    return `replication from ${m.writeRegion} (canary, consistent reads every ${m.pollSeconds}s, bound ${m.boundSeconds}s): ${parts.length > 0 ? parts.join(", ") : "no other region"}`;
}

/** The regions over the bound (not seen) or unreadable, for alerts. */
export function laggingRegions(m: ReplicationMeasurement): RegionLag[] {
    return m.regions.filter((r) => r.status !== "seen");
}
