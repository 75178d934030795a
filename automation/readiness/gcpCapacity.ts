import { GcpConfig, GcpRegionConfig } from "../../topology";
import { CheckOutcome, fail, pass } from "./check";

/** What `backendServices.getHealth` said about one zonal instance group: instances HEALTHY, and all its instances. */
export interface GroupHealth {
    readonly group: string;
    readonly healthy: number;
    readonly total: number;
}

export interface RegionHealth {
    readonly region: string;
    readonly groups: readonly GroupHealth[];
}

/**
 * Healthy backends a serving GCP region needs: every node of the region's node pool is one backend instance (its
 * zonal instance groups are the backend service's groups), and the pool's autoscaler keeps at least
 * `gcp.minNodesPerZone` nodes in each of the region's zones. `gcp.nodesPerZone` is only the pool's initial size
 * (`ignoreChanges`): an idle standby scales down to the floor, so that is what config promises. Never fewer than one:
 * a region the load balancer sends traffic to must have a backend to send it to.
 */
export function requiredHealthyBackends(gcp: GcpConfig, region: GcpRegionConfig): number {
    return Math.max(1, gcp.minNodesPerZone * region.zones.length);
}

/** The regions the load balancer sends traffic to (`capacity` above 0), and the drained ones, which need nothing. */
export function servingRegions(gcp: GcpConfig): { readonly serving: readonly GcpRegionConfig[]; readonly drained: readonly GcpRegionConfig[] } {
    return { serving: gcp.regions.filter((r) => r.capacity > 0), drained: gcp.regions.filter((r) => r.capacity <= 0) };
}

/** The verdict on a GCP standby from the health of each serving region's groups: every region at least its required healthy backends. */
export function gcpCapacityOutcome(gcp: GcpConfig, health: readonly RegionHealth[]): CheckOutcome {
    const { drained } = servingRegions(gcp);
    const evidence: string[] = [];
    const short: string[] = [];
    const counts: string[] = [];
    for (const { region, groups } of health) {
        const config = gcp.regions.find((r) => r.name === region);
        if (!config) {
            continue;
        }
        const needed = requiredHealthyBackends(gcp, config);
        const healthy = groups.reduce((n, g) => n + g.healthy, 0);
        const total = groups.reduce((n, g) => n + g.total, 0);
        const rule = `gcp.minNodesPerZone ${gcp.minNodesPerZone} x ${config.zones.length} zone(s)`;
        evidence.push(`gcp ${region}: ${healthy} of ${total} node(s) HEALTHY (config: at least ${needed}, ${rule})`);
        evidence.push(...groups.map((g) => `  ${groupLabel(g.group)}: ${g.healthy} of ${g.total} HEALTHY`));
        counts.push(`${region} ${healthy} of ${needed}`);
        if (healthy < needed) {
            short.push(`gcp ${region}: ${healthy} healthy backend(s) of ${total} node(s), config needs ${needed} (${rule})`);
        }
    }
    evidence.push(...drained.map((r) => `gcp ${r.name}: drained (capacity 0), not counted`));
    return short.length === 0
        ? pass(`gcp: every serving region has its configured backends healthy (${counts.join(", ")})`, evidence)
        : fail(short.join("; "), evidence);
}

/** `<zone>/<group name>` from an instance group URL (`.../zones/<zone>/instanceGroups/<name>`), or the URL. */
function groupLabel(url: string): string {
    const match = /\/zones\/([^/]+)\/instanceGroups\/([^/?]+)/.exec(url);
    return match ? `${match[1]}/${match[2]}` : url;
}
