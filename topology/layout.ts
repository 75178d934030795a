/**
 * Pure layout decisions the components turn into resources: address plans, names and the lookups that
 * connect them. Kept separate so each can be tested without Pulumi.
 */

import { createHash } from "crypto";
import { LINODE_LABEL_RULES, LinodeLabelKind } from "./platformLimits";

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

/**
 * A label Linode accepts for a resource of this kind (LINODE_LABEL_RULES), from name parts joined by `-`.
 * A joined label that is already valid is used as is; any other is sanitized and shortened, and ends in a hash
 * of the joined parts, so that distinct parts (e.g. two long stack names sharing a prefix) stay distinct.
 */
export function linodeLabel(kind: LinodeLabelKind, ...parts: string[]): string {
    const rule = LINODE_LABEL_RULES[kind];
    const joined = parts.join("-");
    let label = [...joined].map((c) => (rule.char.test(c) ? c : "-")).join("");
    if (rule.noDoubledSeparators) {
        label = label.replace(/([-_.])\1+/g, "$1");
    }
    if (rule.alphanumericEnds) {
        label = label.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "");
    }
    return validOrHashed(joined, label, rule.min, rule.max);
}

/**
 * `joined` when sanitizing left it as it was and it fits; otherwise its head, shortened to leave room,
 * then `-` and a hash of `joined`. The hash keeps distinct inputs distinct, and deterministic.
 */
function validOrHashed(joined: string, sanitized: string, min: number, max: number): string {
    if (sanitized === joined && sanitized.length >= min && sanitized.length <= max) {
        return sanitized;
    }
    const hash = createHash("sha256").update(joined).digest("hex").slice(0, LABEL_HASH_LENGTH);
    const head = sanitized.slice(0, max - LABEL_HASH_LENGTH - 1).replace(/[^A-Za-z0-9]+$/, "");
    return head ? `${head}-${hash}` : hash;
}

/**
 * The account id of the stack's GKE node service account: 6-30 characters matching
 * `[a-z]([-a-z0-9]*[a-z0-9])` (IAM API, projects.serviceAccounts.create, `accountId`).
 */
export function gkeNodeServiceAccountId(name: string): string {
    const joined = `${name}-nodes`;
    const sanitized = joined.toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/^[^a-z]+|-+$/g, "");
    const id = validOrHashed(joined, sanitized, 6, 30);
    // A hash alone may start with a digit; the id must start with a letter.
    return /^[a-z]/.test(id) ? id : `g${id}`;
}

const LABEL_HASH_LENGTH = 8;

/** Linode tags from a tag map (Linode tags are plain strings). */
export function linodeTags(tags: Readonly<Record<string, string>>): string[] {
    return Object.entries(tags).map(([k, v]) => `${k}:${v}`);
}
