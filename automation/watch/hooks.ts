import type { Site } from "../../topology";
import type { CertificateReading } from "../probes/certificateDays";
import type { ProbeResult } from "../probes/types";
import type { StackState } from "../stackState";

/** What the watch knows before its first round. */
export interface WatchStart {
    readonly state: StackState;
    readonly intervalSeconds: number;
    readonly threshold: number;
}

/** One round, after its probes and decision. */
export interface WatchRound {
    readonly round: number;
    /** ms since the epoch. */
    readonly at: number;
    readonly state: StackState;
    readonly activeSite: Site;
    readonly results: readonly ProbeResult[];
    readonly certificates: readonly CertificateReading[];
    readonly consecutiveFailures: number;
}

/**
 * What runs beside the loop (metrics, the status page, the lease): `watch.ts` calls these and nothing else of them.
 * With `mayAct`, the watch probes and decides as usual, but only acts (alerts, fails over) while it returns true.
 */
export interface WatchHooks {
    /** Before round 1 (the lease's first claim happens here). */
    start?(start: WatchStart): Promise<void>;
    /** After each round's probes. Also probes every endpoint of the estate, not only the two sites' serving ones. */
    round?(round: WatchRound): void;
    mayAct?(): boolean;
    /** Why this watch does not act (for its log). */
    standingBy?(): string;
    /**
     * A replication lag measurement into `region` (seconds), or `undefined` when it could not be measured: exported as
     * `multicloud_dr_replication_lag_seconds{region}` (undefined removes the series; no value is ever invented).
     */
    replicationLag?(region: string, seconds: number | undefined): void;
}
