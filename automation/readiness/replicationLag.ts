import { laggingRegions, measureStackReplication, replicationLine } from "../probes/replication";
import { escapeControl } from "../terminalText";
import { fail, pass, ReadinessCheck, skipped } from "./check";

/**
 * Replication lag of the global table, measured as `status` measures it: a canary written in the deployed write
 * region, read consistently in every other table region until it arrives. A region that does not see it within
 * `table.maxReplicationLagSeconds` fails: a switch of the write region now would be refused by its fence.
 */
export const replicationLagCheck: ReadinessCheck = {
    name: "replication-lag",
    description: "a canary written in the write region reaches every other table region within table.maxReplicationLagSeconds",
    async run({ ctx, state }) {
        const measurement = await measureStackReplication(ctx, state);
        if (!measurement) {
            return skipped("no DynamoDB access in this context");
        }
        if (measurement.notAllowed) {
            return skipped(escapeControl(measurement.error ?? "the write region may not be reached from here"));
        }
        const evidence = measurement.regions.map((r) => escapeControl(`${r.region}: ${r.detail}`));
        if (measurement.error) {
            return fail(escapeControl(measurement.error), evidence);
        }
        if (measurement.regions.length === 0) {
            return pass(`the table lives only in ${measurement.writeRegion}: nothing replicates`);
        }
        const lagging = laggingRegions(measurement);
        return lagging.length === 0
            ? pass(escapeControl(replicationLine(measurement)), evidence)
            : fail(`${lagging.map((r) => r.region).join(", ")}: over the ${measurement.boundSeconds}s bound or unreadable from ${measurement.writeRegion}`, evidence);
    },
};
