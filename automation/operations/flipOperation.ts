import { BadInputError, EXIT, isSite, linodeEndpoint, Site } from "../../topology";
import { LINODE_REGION_PATTERN } from "../../topology/platformLimits";
import { checkAuditLogWritable } from "../audit";
import { acquireLock, LockHeldError, LocalLock } from "../lock";
import { announceFlip } from "../notify/flipNotification";
import { dynamoProbeName, endpointProbeName, requiredProbesForSite } from "../probes/plan";
import { DrContext, OperationResult } from "./context";
import { FlipData, unreadRefusal } from "./flipRecord";
import { FlipIntent, runLockedFlip } from "./flipRun";
import { checkReason, requireReason } from "./reason";

export type { FlipData } from "./flipRecord";

export interface FlipOptions {
    readonly reason?: string;
    readonly force: boolean;
    readonly yes: boolean;
    readonly dryRun: boolean;
}

/** The checks that need no stack: run them before opening one. */
export function checkFailoverInput(to: string, options: Pick<FlipOptions, "reason">): void {
    if (!isSite(to)) {
        throw new BadInputError(`unknown site "${to}": use gcp or linode`);
    }
    requireReason(options.reason, "failover");
}

export function checkLinodeRegionInput(to: string, options: Pick<FlipOptions, "reason">): void {
    if (!to || !LINODE_REGION_PATTERN.test(to)) {
        throw new BadInputError(`unknown Linode region "${to}": use a Linode region id such as us-east`);
    }
    requireReason(options.reason, "linode-region");
}

export function failover(ctx: DrContext, to: string, options: FlipOptions): Promise<OperationResult<FlipData>> {
    checkFailoverInput(to, options);
    return runFlip(ctx, {
        ...options,
        action: "failover",
        switchKey: "activeSite",
        requested: to,
        target: () => to,
        requiredProbes: (cfg, target) => requiredProbesForSite(cfg, target as Site),
        sampledWindow: false,
    });
}

/** Back to the home site: only after a sampled healthy window, with approval; `--force` skips the cooldown only. */
export function failback(ctx: DrContext, options: FlipOptions): Promise<OperationResult<FlipData>> {
    if (options.reason !== undefined) {
        checkReason(options.reason, "failback");
    }
    return runFlip(ctx, {
        ...options,
        reason: options.reason ?? "failback to the home site",
        action: "failback",
        switchKey: "activeSite",
        target: (cfg) => cfg.homeSite,
        requiredProbes: (cfg, target) => requiredProbesForSite(cfg, target as Site),
        sampledWindow: true,
    });
}

export function checkSwitchDataInput(to: string, options: Pick<FlipOptions, "reason">): void {
    if (!isSite(to)) {
        throw new BadInputError(`unknown site "${to}": use gcp or linode`);
    }
    requireReason(options.reason, "switch-data");
}

/**
 * Moves only the write region: `dataSite` (and `dataEpoch`, with the fence, when the region changes); traffic
 * stays where it is. The target site's write region must pass its DynamoDB probe (`--force` overrides).
 */
export function switchData(ctx: DrContext, to: string, options: FlipOptions): Promise<OperationResult<FlipData>> {
    checkSwitchDataInput(to, options);
    return runFlip(ctx, {
        ...options,
        action: "switch-data",
        switchKey: "dataSite",
        requested: to,
        target: () => to,
        requiredProbes: (_cfg, target) => [dynamoProbeName(target as Site)],
        sampledWindow: false,
    });
}

export function moveLinodeRegion(ctx: DrContext, to: string, options: FlipOptions): Promise<OperationResult<FlipData>> {
    checkLinodeRegionInput(to, options);
    return runFlip(ctx, {
        ...options,
        action: "linode-region",
        switchKey: "linodeActiveRegion",
        requested: to,
        target: (cfg) => {
            if (!cfg.linode.regions.includes(to)) {
                throw new BadInputError(`unknown Linode region "${to}" for this stack: use one of ${cfg.linode.regions.join(", ")}`);
            }
            return to;
        },
        requiredProbes: (_cfg, target) => [endpointProbeName(linodeEndpoint(target))],
        sampledWindow: false,
    });
}

async function runFlip(ctx: DrContext, intent: FlipIntent): Promise<OperationResult<FlipData>> {
    const startedAt = ctx.clock.now();
    if (!intent.dryRun) {
        checkAuditLogWritable(ctx.auditLog);
    }
    let lock: LocalLock;
    try {
        lock = acquireLock(ctx.lockDir, ctx.stack.name, `${intent.action}`);
    } catch (err) {
        if (err instanceof LockHeldError) {
            return unreadRefusal(ctx, intent, startedAt, "concurrent-update", EXIT.CONCURRENT_UPDATE, err.message);
        }
        throw err;
    }
    let result: OperationResult<FlipData>;
    try {
        result = await runLockedFlip(ctx, intent, startedAt);
    } finally {
        lock.release();
    }
    await announceFlip(ctx.notify, result);
    return result;
}
