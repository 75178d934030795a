/**
 * Pure layout decisions the components turn into resources: address plans, names and the lookups that
 * connect them. Kept separate so each can be tested without Pulumi.
 */

/** The address plan below has room for this many regions: indices 0..MAX_GCP_REGIONS-1. */
export const MAX_GCP_REGIONS = 60;

export interface RegionAddressPlan {
    /** Primary range of the region's subnetwork (nodes). */
    readonly nodes: string;
    /** Secondary range for pods. */
    readonly pods: string;
    /** Secondary range for services. */
    readonly services: string;
    /** The /28 the private control plane uses; must not overlap anything in the network. */
    readonly master: string;
}

/**
 * Non-overlapping ranges for the region with this address index (`gcp.regions[].index`). The index is the
 * region's own, not its position in the list: removing a region moves no other region's ranges (moving
 * them would replace that region's cluster).
 */
export function gcpRegionAddressPlan(index: number): RegionAddressPlan {
    if (!Number.isInteger(index) || index < 0 || index >= MAX_GCP_REGIONS) {
        throw new RangeError(`GCP region index ${index} is outside 0..${MAX_GCP_REGIONS - 1}`);
    }
    return {
        nodes: `10.${index}.0.0/20`,
        pods: `10.${64 + index}.0.0/16`,
        services: `10.${128 + index}.0.0/20`,
        master: `172.16.${index}.0/28`,
    };
}

/**
 * The zonal instance group (not its manager) of a node pool in one zone. GKE reports one URL per zone;
 * the backend service must list `.../zones/<zone>/instanceGroups/<name>`.
 */
export function instanceGroupForZone(urls: readonly string[], zone: string): string {
    const match = urls.find((url) => url.includes(`/zones/${zone}/instanceGroups/`));
    if (!match) {
        throw new Error(`node pool has no instance group in zone ${zone} (got: ${urls.join(", ") || "none"})`);
    }
    return match;
}

/** DNS label of the per-region record in the Linode zone, e.g. `app-us-east`. */
export function linodeRegionRecordName(appHost: string, region: string): string {
    return `${appHost}-${region}`;
}

/** The `address` of a NodeBalancer node: a private IPv4 and the app port. */
export function nodeBalancerNodeAddress(privateIp: string, port: number): string {
    return `${privateIp}:${port}`;
}

/** The URL a probe (and a person) uses to check one endpoint's health. */
export function healthUrl(address: string, port: number, path: string): string {
    return `https://${address}:${port}${path}`;
}

/** Linode labels: 3-64 characters of letters, digits, `-`, `_`, `.`, starting with a letter. */
export function linodeLabel(...parts: string[]): string {
    const label = parts.join("-").replace(/[^A-Za-z0-9_.-]/g, "-");
    if (!/^[A-Za-z]/.test(label) || label.length < 3 || label.length > 64) {
        throw new Error(`"${label}" is not a valid Linode label (3-64 characters, starting with a letter)`);
    }
    return label;
}

/** Linode tags from a tag map (Linode tags are plain strings). */
export function linodeTags(tags: Readonly<Record<string, string>>): string[] {
    return Object.entries(tags).map(([k, v]) => `${k}:${v}`);
}
