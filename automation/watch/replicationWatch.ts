import { DrContext } from "../operations/context";
import { laggingRegions, measureStackReplication, ReplicationMeasurement } from "../probes/replication";
import { StackState } from "../stackState";

/**
 * Each round's replication check: an alert when a region did not see the canary within
 * `table.maxReplicationLagSeconds`, once per region until it catches up again. A region that cannot be written or
 * read is only logged: the DynamoDB probes already judge a write region's health, and outside a real run without
 * an endpoint override nothing is measured at all.
 * A measurement runs in the background and is reported at the next round, so a stalled replication never
 * lengthens a round (and never delays a failover decision). Returns the alert lines of this round; every finished
 * measurement also goes to `onMeasurement` (the metrics).
 */
export function replicationWatcher(
    ctx: DrContext,
    signal?: AbortSignal,
    onMeasurement?: (measurement: ReplicationMeasurement) => void,
): (state: StackState, acting?: boolean) => Promise<string[]> {
    let inFlight = false;
    let finished: ReplicationMeasurement | undefined;
    const alerted = new Set<string>();
    let lastProblem: string | undefined;
    return async (state, acting = true) => {
        const lines: string[] = [];
        if (finished) {
            const m = finished;
            finished = undefined;
            onMeasurement?.(m);
            const lagging = new Map(laggingRegions(m).filter((r) => r.status === "not-seen").map((r) => [r.region, r]));
            const unmeasured = laggingRegions(m).filter((r) => r.status === "error");
            const problem = unmeasured.length > 0 ? `replication not measured: ${m.error ?? unmeasured.map((r) => `${r.region}: ${r.detail}`).join("; ")}` : undefined;
            if (problem && problem !== lastProblem) {
                ctx.log(problem);
            }
            lastProblem = problem;
            for (const [region, lag] of lagging) {
                // A watch standing by (another holds the lease) alerts nothing; it alerts once it acts.
                if (acting && !alerted.has(region)) {
                    alerted.add(region);
                    lines.push(
                        `ALERT: replication from ${m.writeRegion} to ${region} exceeds the bound: ${lag.detail} (table.maxReplicationLagSeconds ${m.boundSeconds}s); a switch of the write region would be refused by its fence`,
                    );
                }
            }
            for (const region of [...alerted].filter((r) => !lagging.has(r))) {
                alerted.delete(region);
                ctx.log(`replication from ${m.writeRegion} to ${region} is within the bound again`);
            }
        }
        if (!inFlight && ctx.openTable) {
            inFlight = true;
            // The watch's stop signal ends a measurement in flight at once (its wait for the canary stops).
            measureStackReplication(ctx, state, signal)
                .then((m) => {
                    finished = m;
                })
                .catch((err) => ctx.log(`replication check failed: ${(err as Error).message}`))
                .finally(() => {
                    inFlight = false;
                });
        }
        return lines;
    };
}
