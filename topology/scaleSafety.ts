import { ResourceChange } from "./flipSafety";

/**
 * What raising the standby's capacity may change: a recovery plan's `scale-standby` step. It is not a flip
 * (`flipSafety.ts`): it creates capacity. It only ever adds Linode instances (each with its root password and
 * its NodeBalancer nodes) or updates GKE node pools in place; it never deletes or replaces anything, so the
 * serving site and the data are untouched whatever the update does.
 */
export const SCALE_CREATES: readonly string[] = [
    "linode:index/instance:Instance",
    "linode:index/nodeBalancerNode:NodeBalancerNode",
    "random:index/randomPassword:RandomPassword",
];

/** Node pool properties a capacity change updates in place (autoscaling bounds, node count). */
export const SCALE_UPDATES: ReadonlyMap<string, readonly string[]> = new Map([["gcp:container/nodePool:NodePool", ["autoscaling", "nodeCount", "initialNodeCount"]]]);

const UNCHANGED = ["same", "read"];

/** Why a preview step is not part of a capacity raise, one line each; empty when it is. */
export function scaleProblems(change: ResourceChange): string[] {
    if (UNCHANGED.includes(change.op) || (change.type === "pulumi:pulumi:Stack" && change.op === "update")) {
        return [];
    }
    const what = `${change.type} "${change.name}"`;
    if (change.op === "create") {
        return SCALE_CREATES.includes(change.type) ? [] : [`create ${what}: a capacity raise only creates instances and their NodeBalancer nodes`];
    }
    if (change.op !== "update") {
        return [`${change.op} ${what}: a capacity raise never deletes or replaces`];
    }
    if (change.replaces.length > 0) {
        return [`update of ${what} replaces it (${change.replaces.join(", ")})`];
    }
    const allowed = SCALE_UPDATES.get(change.type);
    if (!allowed) {
        return [`update of ${what}: a capacity raise never changes a ${change.type}`];
    }
    const others = change.paths.filter((p) => !allowed.some((a) => p === a || p.startsWith(`${a}.`) || p.startsWith(`${a}[`)));
    return others.length > 0 ? [`update of ${what} changes ${others.join(", ")}; a capacity raise changes only ${allowed.join(", ")}`] : [];
}

/** The capacity a stack has, and what a plan asks for: the keys a raise sets (never lowers). */
export interface CapacityRequest {
    /** Config path (`linode.instancesPerRegion`) -> the value asked for. */
    readonly wanted: Readonly<Record<string, number>>;
    /** The same paths -> the value in config now. */
    readonly current: Readonly<Record<string, number>>;
}

/** The paths to raise, in order; a value already at or above the one asked for is left alone (a plan never scales down). */
export function capacityRaises(request: CapacityRequest): Record<string, number> {
    return Object.fromEntries(Object.entries(request.wanted).filter(([key, value]) => value > (request.current[key] ?? 0)));
}

/** GKE's bounds: nodesPerZone within minNodesPerZone..maxNodesPerZone once raised; a message when not. */
export function gkeBoundsProblem(after: { nodesPerZone: number; minNodesPerZone: number; maxNodesPerZone: number }): string | undefined {
    if (after.minNodesPerZone > after.maxNodesPerZone) {
        return `gcp.minNodesPerZone ${after.minNodesPerZone} would exceed gcp.maxNodesPerZone ${after.maxNodesPerZone}`;
    }
    if (after.nodesPerZone < after.minNodesPerZone || after.nodesPerZone > after.maxNodesPerZone) {
        return `gcp.nodesPerZone ${after.nodesPerZone} would be outside the autoscaling bounds ${after.minNodesPerZone}..${after.maxNodesPerZone}`;
    }
    return undefined;
}
