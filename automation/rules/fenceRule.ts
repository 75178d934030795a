import { fenceSentence, runFence } from "../fence/fence";
import { markerKey } from "../fence/markers";
import type { FlipFacts, FlipRule } from "./rule";
import { overrideIfForced, pass, refuse, Verdict } from "./verdict";

/**
 * In strong mode (MRSC) a write is not acknowledged until it is readable in the other regions: AWS describes MRSC
 * as zero RPO, and its MRSC example reads a write from another region with a consistent read and "no wait time
 * needed" (AWS News Blog, "multi-Region strong consistency" GA, 2025; AWS Code Library, "Create and manage
 * DynamoDB global tables with Multi-Region Strong Consistency"). There is nothing to wait for.
 */
export const STRONG_MODE_SKIP = "no fence wait: table.consistency is strong (multi-Region strong consistency acknowledges a write only once the other regions can read it)";

/**
 * The last rule, right before `up` publishes a new write region: fence the old one (`runFence`). The wait is
 * after approval so that an operator never approves a stale fence; it runs only when the write region moves.
 */
export const fenceRule: FlipRule = {
    name: "fence",
    phase: "on-preview",
    refusalOutcome: "fence-timeout",
    refusalHint: "nothing was published; check replication (`status` shows the lag per region) and re-run, or --force --reason to switch without it (writes the old region took that have not replicated may be lost)",
    // A dry run writes nothing: its message says what the fence would do (`dataNote`).
    appliesTo: (flip) => flip.dataMove?.moves === true && !flip.dryRun,
    check: (flip) => checkFence(flip),
};

async function checkFence(flip: FlipFacts): Promise<Verdict> {
    const move = flip.dataMove!;
    const { cfg } = flip.state;
    const what = `write region ${move.fromRegion} -> ${move.toRegion}, epoch ${move.epoch}`;
    if (move.consistency === "strong") {
        flip.ctx.log(`fence: ${STRONG_MODE_SKIP}`);
        return pass("fence", `${what}: ${STRONG_MODE_SKIP}`);
    }
    const maxLagMs = cfg.table.maxReplicationLagSeconds * 1000;
    if (!flip.ctx.openTable) {
        return overrideIfForced(refuse("fence", `${what}: this run has no DynamoDB access to fence with`), flip.force);
    }
    const request = { key: markerKey(cfg, "fence"), epoch: move.epoch, fromRegion: move.fromRegion, toRegion: move.toRegion, maxLagMs, pollMs: cfg.table.replicationPollMs };
    flip.ctx.log(`fence: writing epoch ${move.epoch} in ${move.fromRegion}, waiting up to ${cfg.table.maxReplicationLagSeconds}s for it in ${move.toRegion}`);
    const table = flip.ctx.openTable(flip.state.outputs.tableName ?? cfg.table.name, cfg.failover.probeTimeoutMs);
    const started = flip.ctx.clock.now();
    let outcome;
    try {
        outcome = await runFence(table, flip.ctx.clock, request);
    } finally {
        table.close();
    }
    const sentence = fenceSentence(outcome, request);
    flip.health.push({
        name: "fence",
        target: `${table.tableName}: ${move.fromRegion} -> ${move.toRegion}`,
        status: outcome.kind === "arrived" ? "healthy" : outcome.kind === "timeout" ? "timeout" : "error",
        detail: sentence,
        ms: flip.ctx.clock.now() - started,
    });
    return outcome.kind === "arrived" ? pass("fence", sentence) : overrideIfForced(refuse("fence", sentence), flip.force);
}
