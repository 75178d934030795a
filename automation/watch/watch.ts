import { allEndpoints, BadInputError, EXIT, isSite, Site, standbySite } from "../../topology";
import { DrContext, OperationResult } from "../operations/context";
import { failover } from "../operations/flipOperation";
import { endpointProbeName, requiredProbesForSite } from "../probes/plan";
import { checkTargetHealth } from "../rules/targetHealth";
import { readStackState, StackState } from "../stackState";
import { DrNotification } from "../notify/types";
import { certificateWatcher } from "./certificateWatch";
import { WatchHooks } from "./hooks";
import { replicationWatcher } from "./replicationWatch";
import { INITIAL_WATCH_STATE, nextWatchState, standingByState, WatchAction, WatchPolicy, WatchState } from "./stateMachine";

export interface WatchOptions {
    /** Fail over by itself after the threshold (all safety rules still apply). */
    readonly auto: boolean;
    /** Stop after this many rounds (tests, cron); default: until stopped. */
    readonly maxRounds?: number;
    /** Default `failover.watchIntervalSeconds`. */
    readonly intervalSeconds?: number;
    /** Default `failover.watchFailureThreshold`. */
    readonly threshold?: number;
    /** Stops the loop between rounds; a round in progress finishes. Its reason (e.g. "SIGTERM") is reported. */
    readonly signal?: AbortSignal;
    /** Metrics, the status page and the lease (`hooks.ts`). */
    readonly hooks?: WatchHooks;
}

/** Something worth keeping from a round: everything but plain "healthy". */
export interface WatchEvent {
    readonly round: number;
    readonly at: string;
    readonly kind: WatchAction["kind"] | "failover-result" | "error" | "certificate" | "replication";
    readonly activeSite?: Site;
    readonly message: string;
    /** For alerts and failovers: when the first failed round of the streak was. */
    readonly firstFailureAt?: string;
    readonly exitCode?: number;
}

/** Checks the numbers a watch runs with; bad ones are bad input. */
export function checkWatchNumbers(options: Pick<WatchOptions, "maxRounds" | "intervalSeconds" | "threshold">): void {
    const positive = (name: string, value: number | undefined, integer: boolean) => {
        if (value !== undefined && (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value)))) {
            throw new BadInputError(`${name} must be a positive ${integer ? "whole number" : "number"}, not ${value}`);
        }
    };
    positive("--max-rounds", options.maxRounds, true);
    positive("--interval", options.intervalSeconds, false);
    positive("--threshold", options.threshold, true);
}

/**
 * The probe loop: one round every interval, the decision from `nextWatchState`, and the action: an alert,
 * or with `auto` a failover through the flip operation (lock, cooldown, target health, safe preview).
 * It never fails back; it says when failback has become possible.
 */
export async function watch(ctx: DrContext, options: WatchOptions): Promise<OperationResult> {
    checkWatchNumbers(options);
    const first = await readStackState(ctx.stack);
    const intervalSeconds = options.intervalSeconds ?? first.cfg.failover.watchIntervalSeconds;
    const threshold = options.threshold ?? first.cfg.failover.watchFailureThreshold;
    const policy: WatchPolicy = { threshold, auto: options.auto, failbackWindowSeconds: first.cfg.failover.failbackWindowSeconds };
    const stack = first.stack;
    ctx.log(
        `watching ${stack}: a round every ${intervalSeconds}s, acting after ${threshold} consecutive failures (${options.auto ? "fails over automatically" : "alerts"})` +
            (options.maxRounds ? `, ${rounds(options.maxRounds)}` : ""),
    );
    const events: WatchEvent[] = [];
    let state: WatchState = INITIAL_WATCH_STATE;
    let streakStart: number | undefined;
    let outstanding: string | undefined;
    let failedOver = false;
    let roundsRun = 0;
    let roundStart = ctx.clock.now();
    const checkCertificates = certificateWatcher(ctx);
    const hooks = options.hooks;
    await hooks?.start?.({ state: first, intervalSeconds, threshold });
    const checkReplication = replicationWatcher(ctx, options.signal, (measurement) => {
        for (const region of measurement.regions) {
            hooks?.replicationLag?.(region.region, region.status === "seen" ? region.lagSeconds : undefined);
        }
    });
    const notify = async (notification: Omit<DrNotification, "stack">) => {
        try {
            await ctx.notify?.({ ...notification, stack });
        } catch {
            // Notifiers do not throw; the watch goes on.
        }
    };

    for (let round = 1; options.maxRounds === undefined || round <= options.maxRounds; round++) {
        if (options.signal?.aborted) {
            break;
        }
        if (round > 1) {
            await ctx.clock.sleep(Math.max(0, intervalSeconds * 1000 - (ctx.clock.now() - roundStart)), options.signal);
            if (options.signal?.aborted) {
                break;
            }
        }
        roundStart = ctx.clock.now();
        roundsRun = round;
        const event = (kind: WatchEvent["kind"], message: string, extra: Partial<WatchEvent> = {}) => {
            events.push({ round, at: new Date(roundStart).toISOString(), kind, message, ...extra });
            ctx.log(`round ${round} ${new Date(roundStart).toISOString()}: ${message}`);
        };
        let current: StackState;
        try {
            current = round === 1 ? first : await readStackState(ctx.stack);
        } catch (err) {
            event("error", `could not read the stack (${(err as Error).message}); trying again next round`);
            continue;
        }
        const { cfg, outputs } = current;
        const active: Site = isSite(outputs.activeSite) ? outputs.activeSite : cfg.activeSite;
        const standby = standbySite(active, cfg.homeSite);
        const required = { active: requiredProbesForSite(cfg, active), standby: requiredProbesForSite(cfg, standby) };
        // Only the holder of the lease (if any) alerts and fails over; the other watch probes, decides and stands by.
        const acting = hooks?.mayAct?.() ?? true;
        const shown = hooks?.round ? allEndpoints(cfg).map(endpointProbeName) : [];
        const [results, certificates, replicationAlerts] = await Promise.all([
            ctx.probe(current, [...new Set([...required.active, ...required.standby, ...shown])]),
            checkCertificates(current, acting),
            checkReplication(current, acting),
        ]);
        for (const message of replicationAlerts) {
            event("replication", message);
            await notify({ kind: "alert", severity: "warning", title: message });
        }
        for (const message of certificates.alerts) {
            event("certificate", message);
            await notify({ kind: "alert", severity: "warning", title: message });
        }
        const activeVerdict = checkTargetHealth(results, required.active, active, false);
        const standbyVerdict = checkTargetHealth(results, required.standby, standby, false);
        if (!activeVerdict.ok && state.consecutiveFailures === 0) {
            streakStart = roundStart;
        }
        const decision = nextWatchState(
            state,
            {
                at: roundStart,
                activeSite: active,
                homeSite: cfg.homeSite,
                activeHealthy: activeVerdict.ok,
                standbyHealthy: standbyVerdict.ok,
                activeDetail: activeVerdict.message,
                standbyDetail: standbyVerdict.message,
            },
            policy,
        );
        state = acting ? decision.state : standingByState(decision.state);
        hooks?.round?.({ round, at: roundStart, state: current, activeSite: active, results, certificates: certificates.readings, consecutiveFailures: state.consecutiveFailures });
        if (!acting) {
            ctx.log(`round ${round}: ${active} ${activeVerdict.ok ? "healthy" : `failing (${activeVerdict.message})`}; ${hooks?.standingBy?.() ?? "standing by"}`);
            continue;
        }
        const firstFailureAt = streakStart !== undefined ? new Date(streakStart).toISOString() : undefined;
        for (const action of decision.actions) {
            switch (action.kind) {
                case "healthy":
                    ctx.log(`round ${round}: ${active} healthy`);
                    break;
                case "degraded":
                    event("degraded", `${active} ${degradedText(action.failures, action.threshold)}: ${action.detail}`, { activeSite: active });
                    break;
                case "recovered":
                    event("recovered", `${active} is healthy again`, { activeSite: active });
                    outstanding = undefined;
                    await notify({ kind: "recovered", severity: "info", title: `${active} is healthy again` });
                    break;
                case "all-clear": {
                    // No chat message (cli/context.ts keeps `all-clear` from the webhook): only the pager is told, and a
                    // resolve for a dedup key with no open alert is dropped by PagerDuty (developer-docs,
                    // docs/events-API-v2/02-Trigger-Events.md, "Alert De-Duplication").
                    const message = action.previousSite
                        ? `traffic moved from ${action.previousSite} to ${active}, which is healthy: resolving any page open for ${stack}`
                        : `${active} healthy; no alert of this watch open: resolving any page another process left open for ${stack}`;
                    event("all-clear", message, { activeSite: active });
                    outstanding = undefined;
                    await notify({ kind: "all-clear", severity: "info", title: message });
                    break;
                }
                case "alert": {
                    const message = action.standbyHealthy
                        ? `ALERT: ${action.from} failed ${action.failures} consecutive rounds and ${action.to} is healthy: fail over with \`failover --stack ${stack} --to ${action.to} --reason ...\` (${action.detail})`
                        : `ALERT: ${action.detail}`;
                    event("alert", message, { activeSite: active, firstFailureAt });
                    outstanding = message;
                    await notify({ kind: "alert", severity: "critical", title: message });
                    break;
                }
                case "failover": {
                    if (hooks?.mayAct && !hooks.mayAct()) {
                        // The lease ran out during this round's probes: the other watch decides now.
                        ctx.log(`round ${round}: not failing over: ${hooks.standingBy?.() ?? "standing by"}`);
                        state = standingByState(state);
                        break;
                    }
                    event("failover", `${action.from} failed ${action.failures} consecutive rounds and ${action.to} is healthy: failing over`, { activeSite: active, firstFailureAt });
                    const reason = `watch: ${action.from} failed ${action.failures} consecutive probe rounds every ${intervalSeconds}s (${action.detail})`;
                    const result = await failover(ctx, action.to, { reason, yes: true, force: false, dryRun: false });
                    if (result.exitCode === EXIT.OK && result.data.outcome === "succeeded") {
                        event("failover-result", `failed over to ${action.to}: ${result.message}`, { exitCode: result.exitCode, activeSite: action.to });
                        failedOver = true;
                        outstanding = undefined;
                    } else {
                        const message = `ALERT: the automatic failover to ${action.to} did not happen: ${result.message}`;
                        event("failover-result", message, { exitCode: result.exitCode, activeSite: active });
                        outstanding = message;
                        await notify({ kind: "alert", severity: "critical", title: message });
                    }
                    break;
                }
                case "failback-possible": {
                    const message = `failback possible: ${action.home} has been healthy for ${Math.round(action.healthySeconds)}s (window ${policy.failbackWindowSeconds}s); run \`failback --stack ${stack}\` when ready`;
                    event("failback-possible", message, { activeSite: active });
                    await notify({ kind: "failback-possible", severity: "info", title: message });
                    break;
                }
            }
        }
    }

    const exitCode = outstanding ? EXIT.FAILED : EXIT.OK;
    const summary = outstanding ?? (failedOver ? "watch failed over automatically; traffic is on the standby site" : "no action needed");
    const stoppedBy = options.signal?.aborted ? String(options.signal.reason) : undefined;
    return {
        exitCode,
        message: `watch ${stack}: ${rounds(roundsRun)}; ${stoppedBy ? `stopped by ${stoppedBy}; ` : ""}${summary}`,
        data: { stack, rounds: roundsRun, intervalSeconds, threshold, auto: options.auto, failedOver, outstandingAlert: outstanding, stoppedBy, events },
    };
}

function rounds(n: number): string {
    return `${n} round${n === 1 ? "" : "s"}`;
}

/** Below the threshold, how far along the count is; past it (already acted on), only how long it has lasted. */
function degradedText(failures: number, threshold: number): string {
    return failures < threshold ? `failing for ${rounds(failures)} (acting after ${threshold})` : `still failing after ${rounds(failures)} (threshold ${threshold} reached)`;
}
