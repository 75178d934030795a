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
    /**
     * A page for this stack may be open that this watch did not open: it has just started, taken over the lease, or
     * the active site changed under it (a flip by hand from elsewhere). Its first healthy acting round resolves it.
     */
    readonly foreignPageMayBeOpen: boolean;
}

/** A watch that has just started: it knows of no incident, and not whether another process left a page open. */
export const INITIAL_WATCH_STATE: WatchState = { consecutiveFailures: 0, incident: "none", failbackReported: false, foreignPageMayBeOpen: true };

export type WatchAction =
    | { readonly kind: "healthy" }
    | { readonly kind: "degraded"; readonly failures: number; readonly threshold: number; readonly detail: string }
    /** Threshold reached, standby healthy, --auto: fail over now. */
    | { readonly kind: "failover"; readonly from: Site; readonly to: Site; readonly failures: number; readonly detail: string }
    /** Threshold reached and no automatic failover: tell people (standby healthy or not). */
    | { readonly kind: "alert"; readonly from: Site; readonly to: Site; readonly failures: number; readonly standbyHealthy: boolean; readonly detail: string }
    /** The active site is answering again after an incident. */
    | { readonly kind: "recovered"; readonly site: Site }
    /**
     * The active site is healthy and this watch has no alert of its own open, but a page opened elsewhere may be
     * (see `foreignPageMayBeOpen`): resolve it. `previousSite` when the active site changed under this watch.
     */
    | { readonly kind: "all-clear"; readonly site: Site; readonly previousSite?: Site }
    /** Traffic is away from home and home has been healthy for the whole failback window. Never acted on. */
    | { readonly kind: "failback-possible"; readonly home: Site; readonly healthySeconds: number };

/** One round of the watch: the pure decision. The loop that probes and flips is in `watch.ts`. */
export function nextWatchState(state: WatchState, seen: WatchObservation, policy: WatchPolicy): { state: WatchState; actions: WatchAction[] } {
    const actions: WatchAction[] = [];
    // A new active site (someone, or this watch, flipped): its own count starts from zero.
    let current: WatchState =
        state.site === seen.activeSite ? state : state.site === undefined ? { ...state, site: seen.activeSite } : { ...INITIAL_WATCH_STATE, site: seen.activeSite };
    const standby = standbySite(seen.activeSite, seen.homeSite);

    if (seen.activeHealthy) {
        if (current.incident !== "none") {
            actions.push({ kind: "recovered", site: seen.activeSite });
        } else if (current.foreignPageMayBeOpen) {
            const previousSite = state.site !== undefined && state.site !== seen.activeSite ? state.site : undefined;
            actions.push(previousSite ? { kind: "all-clear", site: seen.activeSite, previousSite } : { kind: "all-clear", site: seen.activeSite });
        } else {
            actions.push({ kind: "healthy" });
        }
        current = { ...current, consecutiveFailures: 0, incident: "none", foreignPageMayBeOpen: false };
    } else {
        const failures = current.consecutiveFailures + 1;
        const detail = seen.activeDetail ?? `${seen.activeSite} is unhealthy`;
        current = { ...current, consecutiveFailures: failures };
        if (failures < policy.threshold) {
            actions.push({ kind: "degraded", failures, threshold: policy.threshold, detail });
        } else if (seen.standbyHealthy && current.incident !== "acted") {
            // This watch's own alert (same dedup key) now stands for any page left open; its recovery resolves it.
            current = { ...current, foreignPageMayBeOpen: policy.auto && current.foreignPageMayBeOpen };
            actions.push(
                policy.auto
                    ? { kind: "failover", from: seen.activeSite, to: standby, failures, detail }
                    : { kind: "alert", from: seen.activeSite, to: standby, failures, standbyHealthy: true, detail },
            );
            current = { ...current, incident: "acted" };
        } else if (!seen.standbyHealthy && current.incident === "none") {
            const both = `${detail}; the standby ${standby} is unhealthy too (${seen.standbyDetail ?? "failing"}): no failover possible`;
            actions.push({ kind: "alert", from: seen.activeSite, to: standby, failures, standbyHealthy: false, detail: both });
            current = { ...current, incident: "standby-down", foreignPageMayBeOpen: false };
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
 * already failed over, the next round sees the new active site and starts from zero: no second failover. The holder
 * may have paged: the first healthy round after taking over resolves that page.
 */
export function standingByState(state: WatchState): WatchState {
    return { ...state, incident: "none", failbackReported: false, foreignPageMayBeOpen: true };
}
