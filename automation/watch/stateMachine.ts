import { Site, standbySite } from "../../topology";

/** The thresholds one watch runs with (from config, flags override). */
export interface WatchPolicy {
    /** Consecutive failed rounds of the active site before acting. */
    readonly threshold: number;
    /** How long the home site must have been healthy before failback is reported possible. */
    readonly failbackWindowSeconds: number;
    /** Fail over by itself (`--auto`) instead of alerting. */
    readonly auto: boolean;
}

/** What one probe round saw. */
export interface WatchObservation {
    /** ms since the epoch. */
    readonly at: number;
    /** The site serving traffic (deployed, else configured). */
    readonly activeSite: Site;
    readonly homeSite: Site;
    readonly activeHealthy: boolean;
    readonly standbyHealthy: boolean;
    /** Why the active site is unhealthy (probe details). */
    readonly activeDetail?: string;
    readonly standbyDetail?: string;
}

/**
 * none: no incident. acted: a failover was started or an alert for one was raised; nothing more until the
 * active site recovers or changes. standby-down: both sites failing; alerted, and waiting for the standby.
 */
export type IncidentState = "none" | "acted" | "standby-down";

export interface WatchState {
    /** The active site the counters refer to. */
    readonly site?: Site;
    readonly consecutiveFailures: number;
    readonly incident: IncidentState;
    /** Since when the home site has been continuously healthy while traffic is elsewhere (ms). */
    readonly homeHealthySince?: number;
    readonly failbackReported: boolean;
}

export const INITIAL_WATCH_STATE: WatchState = { consecutiveFailures: 0, incident: "none", failbackReported: false };

export type WatchAction =
    | { readonly kind: "healthy" }
    | { readonly kind: "degraded"; readonly failures: number; readonly threshold: number; readonly detail: string }
    /** Threshold reached, standby healthy, --auto: fail over now. */
    | { readonly kind: "failover"; readonly from: Site; readonly to: Site; readonly failures: number; readonly detail: string }
    /** Threshold reached and no automatic failover: tell people (standby healthy or not). */
    | { readonly kind: "alert"; readonly from: Site; readonly to: Site; readonly failures: number; readonly standbyHealthy: boolean; readonly detail: string }
    /** The active site is answering again after an incident. */
    | { readonly kind: "recovered"; readonly site: Site }
    /** Traffic is away from home and home has been healthy for the whole failback window. Never acted on. */
    | { readonly kind: "failback-possible"; readonly home: Site; readonly healthySeconds: number };

/** One round of the watch: the pure decision. The loop that probes and flips is in `watch.ts`. */
export function nextWatchState(state: WatchState, seen: WatchObservation, policy: WatchPolicy): { state: WatchState; actions: WatchAction[] } {
    const actions: WatchAction[] = [];
    // A new active site (someone, or this watch, flipped): its own count starts from zero.
    let current: WatchState = state.site === seen.activeSite ? state : { ...INITIAL_WATCH_STATE, site: seen.activeSite };
    const standby = standbySite(seen.activeSite, seen.homeSite);

    if (seen.activeHealthy) {
        if (current.incident !== "none") {
            actions.push({ kind: "recovered", site: seen.activeSite });
        } else {
            actions.push({ kind: "healthy" });
        }
        current = { ...current, consecutiveFailures: 0, incident: "none" };
    } else {
        const failures = current.consecutiveFailures + 1;
        const detail = seen.activeDetail ?? `${seen.activeSite} is unhealthy`;
        current = { ...current, consecutiveFailures: failures };
        if (failures < policy.threshold) {
            actions.push({ kind: "degraded", failures, threshold: policy.threshold, detail });
        } else if (seen.standbyHealthy && current.incident !== "acted") {
            actions.push(
                policy.auto
                    ? { kind: "failover", from: seen.activeSite, to: standby, failures, detail }
                    : { kind: "alert", from: seen.activeSite, to: standby, failures, standbyHealthy: true, detail },
            );
            current = { ...current, incident: "acted" };
        } else if (!seen.standbyHealthy && current.incident === "none") {
            const both = `${detail}; the standby ${standby} is unhealthy too (${seen.standbyDetail ?? "failing"}): no failover possible`;
            actions.push({ kind: "alert", from: seen.activeSite, to: standby, failures, standbyHealthy: false, detail: both });
            current = { ...current, incident: "standby-down" };
        } else {
            actions.push({ kind: "degraded", failures, threshold: policy.threshold, detail });
        }
    }

    // Failback is only ever reported, once per stretch of home health.
    if (seen.activeSite !== seen.homeSite) {
        const homeHealthy = seen.standbyHealthy; // away from home, the standby is the home site
        if (!homeHealthy) {
            current = { ...current, homeHealthySince: undefined, failbackReported: false };
        } else {
            const since = current.homeHealthySince ?? seen.at;
            const healthySeconds = (seen.at - since) / 1000;
            current = { ...current, homeHealthySince: since };
            if (healthySeconds >= policy.failbackWindowSeconds && !current.failbackReported) {
                actions.push({ kind: "failback-possible", home: seen.homeSite, healthySeconds });
                current = { ...current, failbackReported: true };
            }
        }
    } else {
        current = { ...current, homeHealthySince: undefined, failbackReported: false };
    }
    return { state: current, actions };
}

/**
 * The state of a watch that stands by (another holds the lease): it counts failures like the holder, but has acted
 * on nothing, so on taking over it acts at its next round if the active site is still failing. If the holder had
 * already failed over, the next round sees the new active site and starts from zero: no second failover.
 */
export function standingByState(state: WatchState): WatchState {
    return { ...state, incident: "none", failbackReported: false };
}
