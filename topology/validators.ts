/**
 * Named validators shared by the config parser and the components. Each returns why a value is refused, or
 * undefined when it is fine, so the parser can report a config key and a component an input property path.
 */
import { parseCidr } from "./cidr";
import { MAX_GCP_REGIONS } from "./layout";
import {
    GKE_RELEASE_CHANNELS,
    LINODE_LABEL_RULES,
    LINODE_TTLS,
    LinodeLabelKind,
    MAX_FAILOVER_TTL,
    NODE_PORT_RANGE,
    ROUTE53_CHECKER_REGIONS,
    ROUTE53_FAILURE_THRESHOLD,
    ROUTE53_MIN_CHECKER_REGIONS,
    ROUTE53_REQUEST_INTERVALS,
    ROUTE53_SEARCH_STRING_MAX,
} from "./platformLimits";

export type Problem = string | undefined;

export function integerProblem(value: number, range: { readonly min?: number; readonly max?: number }): Problem {
    if (!Number.isInteger(value)) {
        return "must be an integer";
    }
    if (range.min !== undefined && value < range.min) {
        return `must be at least ${range.min}`;
    }
    return range.max !== undefined && value > range.max ? `must be at most ${range.max}` : undefined;
}

/** A TTL Route 53 failover records may have: short, so resolvers follow a failover quickly. */
export function route53FailoverTtlProblem(ttl: number): Problem {
    return integerProblem(ttl, { min: 1, max: MAX_FAILOVER_TTL });
}

/** The one TTL the program gives both the Route 53 failover records and the Linode records. */
export function sharedDnsTtlProblem(ttl: number): Problem {
    if (route53FailoverTtlProblem(ttl) !== undefined || linodeTtlProblem(ttl) !== undefined) {
        return `must be a TTL Linode keeps and at most ${MAX_FAILOVER_TTL}: ${LINODE_TTLS.filter((t) => t > 0 && t <= MAX_FAILOVER_TTL).join(", ")}`;
    }
    return undefined;
}

/** A TTL Linode DNS keeps as given (any other shows as drift). */
export function linodeTtlProblem(ttl: number): Problem {
    return LINODE_TTLS.includes(ttl) ? undefined : `must be a TTL Linode keeps (${LINODE_TTLS.join(", ")})`;
}

export function checkerRegionsProblem(regions: readonly string[]): Problem {
    if (regions.length < ROUTE53_MIN_CHECKER_REGIONS) {
        return `must list at least ${ROUTE53_MIN_CHECKER_REGIONS} Route 53 checker regions`;
    }
    const unknown = regions.find((r) => !ROUTE53_CHECKER_REGIONS.includes(r));
    return unknown === undefined ? undefined : `lists "${unknown}", which is not a Route 53 checker region (${ROUTE53_CHECKER_REGIONS.join(", ")})`;
}

export function requestIntervalProblem(seconds: number): Problem {
    return ROUTE53_REQUEST_INTERVALS.includes(seconds) ? undefined : `must be one of ${ROUTE53_REQUEST_INTERVALS.join(", ")}`;
}

export function failureThresholdProblem(threshold: number): Problem {
    return integerProblem(threshold, ROUTE53_FAILURE_THRESHOLD);
}

export function repeatedProblem(values: readonly string[]): Problem {
    const repeated = values.find((v, i) => values.indexOf(v) !== i);
    return repeated === undefined ? undefined : `lists "${repeated}" more than once`;
}

/**
 * The table's billing mode. Only on-demand: the program sets no read/write capacity or autoscaling on the table
 * or its replicas, and DynamoDB refuses to create a PROVISIONED table without capacity.
 */
export function billingModeProblem(mode: string): Problem {
    return mode === "PAY_PER_REQUEST"
        ? undefined
        : "must be PAY_PER_REQUEST: the program sets no read/write capacity or autoscaling for the table and its replicas, and DynamoDB cannot create a PROVISIONED table without them";
}

export function gcpRegionCountProblem(count: number): Problem {
    if (count < 2) {
        return "must list at least 2 GCP regions (one regional cluster each)";
    }
    return count > MAX_GCP_REGIONS ? `must list at most ${MAX_GCP_REGIONS} GCP regions` : undefined;
}

/** A region's address index: an integer the address plan has room for. */
export function gcpRegionIndexProblem(index: number): Problem {
    return integerProblem(index, { min: 0, max: MAX_GCP_REGIONS - 1 });
}

/** Each region needs its own index: two with the same one would get the same address ranges. */
export function gcpRegionIndicesProblem(indices: readonly number[]): Problem {
    const repeated = indices.find((v, i) => indices.indexOf(v) !== i);
    return repeated === undefined ? undefined : `gives index ${repeated} to more than one region (each index is a region's own address ranges)`;
}

export function gcpRegionNameProblem(name: string): Problem {
    return /^[a-z]+-[a-z]+\d+$/.test(name) ? undefined : "must be a GCP region such as us-central1 (a region, not a zone)";
}

export function gcpZonesProblem(region: string, zones: readonly string[]): Problem {
    if (zones.length === 0) {
        return "must list at least 1";
    }
    const foreign = zones.find((z) => !new RegExp(`^${region}-[a-z]$`).test(z));
    return foreign === undefined ? repeatedProblem(zones) : `lists "${foreign}", which is not a zone of ${region}`;
}

/** A backend capacity scaler: 0 (drained) to 1. */
export function capacityProblem(capacity: number): Problem {
    return Number.isFinite(capacity) && capacity >= 0 && capacity <= 1 ? undefined : "must be a number from 0 to 1";
}

export function allDrainedProblem(capacities: readonly number[]): Problem {
    return capacities.some((c) => c > 0) ? undefined : "must leave at least one region with capacity above 0 (the backend service needs one)";
}

export function nodePortProblem(port: number): Problem {
    return integerProblem(port, NODE_PORT_RANGE);
}

export function releaseChannelProblem(channel: string): Problem {
    return GKE_RELEASE_CHANNELS.includes(channel) ? undefined : `must be one of ${GKE_RELEASE_CHANNELS.join(", ")}`;
}

/** The initial node count must lie within the autoscaling bounds. */
export function nodesWithinBoundsProblem(nodes: number, min: number, max: number): Problem {
    return nodes < min || nodes > max ? `must be within the autoscaling bounds ${min}..${max}` : undefined;
}

/** An SSH source block: a CIDR of either family, never the whole internet. */
export function adminCidrProblem(text: string): Problem {
    const cidr = parseCidr(text);
    if (!cidr) {
        return "must be a CIDR block such as 203.0.113.0/24 or 2001:db8::/48";
    }
    return cidr.prefix === 0 ? "must not open SSH to the whole internet" : undefined;
}

/** A block allowed to reach a GKE control plane: a CIDR, never a /0. */
export function authorizedNetworkProblem(text: string): Problem {
    const cidr = parseCidr(text);
    if (!cidr) {
        return "must be a CIDR block such as 203.0.113.0/24";
    }
    return cidr.prefix === 0 ? "must not open the control plane to the whole internet" : undefined;
}

export function absolutePathProblem(path: string): Problem {
    return path.startsWith("/") ? undefined : "must start with /";
}

/** The text an HTTPS_STR_MATCH health check looks for in the body: non-empty, and no longer than Route 53 takes. */
export function searchStringProblem(text: string): Problem {
    if (text.length === 0) {
        return "must be the text a healthy response body contains";
    }
    return text.length > ROUTE53_SEARCH_STRING_MAX ? `must be at most ${ROUTE53_SEARCH_STRING_MAX} characters (Route 53 SearchString)` : undefined;
}

/** A DNS name as DNS compares it: case-insensitive, trailing dot optional. */
export function canonicalDnsName(name: string): string {
    return name.toLowerCase().replace(/\.$/, "");
}

/** A zone delegated from a parent zone must lie strictly under it (`linode.example.com` under `example.com`). */
export function subdomainProblem(zone: string, parent: string): Problem {
    const [child, domain] = [zone, parent].map(canonicalDnsName);
    return child.endsWith(`.${domain}`) ? undefined : `must be a subdomain of ${parent}, the zone that delegates it`;
}

/** Why Linode would refuse `label` for a resource of this kind (see LINODE_LABEL_RULES). */
export function linodeLabelProblem(kind: LinodeLabelKind, label: string): Problem {
    const rule = LINODE_LABEL_RULES[kind];
    if (label.length < rule.min || label.length > rule.max) {
        return `must be ${rule.min}-${rule.max} characters (got ${label.length})`;
    }
    const bad = [...label].find((c) => !rule.char.test(c));
    if (bad !== undefined) {
        return `must not contain "${bad}"`;
    }
    if (rule.alphanumericEnds && !/^[A-Za-z0-9](.*[A-Za-z0-9])?$/.test(label)) {
        return "must begin and end with a letter or digit";
    }
    return rule.noDoubledSeparators && /--|__|\.\./.test(label) ? "must not contain --, __ or .. in a row" : undefined;
}
