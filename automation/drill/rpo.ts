import { Site } from "../../topology";
import { deployedWriteRegion } from "../fence/dataMove";
import { markerKey } from "../fence/markers";
import type { DrContext } from "../operations/context";
import { measureReplication, ReplicationMeasurement } from "../probes/replication";
import { readStackState } from "../stackState";

/** The RPO bound of the rehearsed switch, and how it was found. */
export interface DrillRpo {
    /** Upper bound, in seconds, of the writes the switch could lose; undefined: not bounded (not seen within the bound, or no access). */
    readonly rpoSeconds?: number;
    readonly fromRegion: string;
    readonly toRegion: string;
    readonly detail: string;
    readonly measurement?: ReplicationMeasurement;
}

/**
 * Measured right before the rehearsal's failover: a canary written in the write region now in use, timed until a
 * consistent read in the region the standby writes to returns it. Writes the old region acknowledged within that
 * lag before the switch are the ones at risk, so the measured lag (at most one poll above the true lag) is the
 * RPO bound. No move of the write region, or strong mode (MRSC, zero RPO: see `fenceRule.ts`), bounds it at 0.
 */
export async function drillRpo(ctx: DrContext, standby: Site): Promise<DrillRpo> {
    const state = await readStackState(ctx.stack);
    const { cfg } = state;
    const fromRegion = deployedWriteRegion(state);
    const toRegion = cfg.writeRegions[standby];
    const base = { fromRegion, toRegion };
    if (fromRegion === toRegion) {
        return { ...base, rpoSeconds: 0, detail: `the write region (${fromRegion}) does not move` };
    }
    if (cfg.table.consistency === "strong") {
        return { ...base, rpoSeconds: 0, detail: "table.consistency is strong: a write is acknowledged only once the other regions can read it" };
    }
    if (!ctx.openTable) {
        return { ...base, detail: "not measured: this run has no DynamoDB access" };
    }
    const table = ctx.openTable(state.outputs.tableName ?? cfg.table.name, cfg.failover.probeTimeoutMs);
    try {
        const measurement = await measureReplication(table, ctx.clock, {
            key: markerKey(cfg, "replication"),
            writeRegion: fromRegion,
            regions: [toRegion],
            boundSeconds: cfg.table.maxReplicationLagSeconds,
            pollMs: cfg.table.replicationPollMs,
        });
        const lag = measurement.regions[0];
        const how = `${fromRegion} -> ${toRegion}, canary read every ${cfg.table.replicationPollMs / 1000}s`;
        return lag?.status === "seen"
            ? { ...base, rpoSeconds: lag.lagSeconds, detail: how, measurement }
            : { ...base, detail: `${how}: ${lag?.detail ?? measurement.error}`, measurement };
    } finally {
        table.close();
    }
}
