import { DrConfig } from "./config";
import { otherSite, Site } from "./sites";

/**
 * An endpoint a DNS record can point at and a Route 53 health check can watch: the GCP global load
 * balancer, or one Linode region's NodeBalancer.
 */
export type EndpointId = "gcp" | `linode:${string}`;

export function linodeEndpoint(region: string): EndpointId {
    return `linode:${region}`;
}

/** Every endpoint of the estate; each has its own Route 53 health check. */
export function allEndpoints(cfg: Pick<DrConfig, "linode">): EndpointId[] {
    return ["gcp", ...cfg.linode.regions.map(linodeEndpoint)];
}

/** The endpoint that serves a site right now. */
export function siteEndpoint(cfg: Pick<DrConfig, "linodeActiveRegion">, site: Site): EndpointId {
    return site === "gcp" ? "gcp" : linodeEndpoint(cfg.linodeActiveRegion);
}

export interface RecordTarget {
    readonly site: Site;
    readonly endpoint: EndpointId;
}

/** What the two Route 53 failover records serve. Their identities never change; only these values do. */
export interface FailoverDecision {
    readonly primary: RecordTarget;
    readonly secondary: RecordTarget;
    /** The DynamoDB region applications write to: the one paired with the active site. */
    readonly writeRegion: string;
    /** The NodeBalancer region the Linode app record targets. */
    readonly linodeActiveRegion: string;
}

export function decideFailover(cfg: Pick<DrConfig, "activeSite" | "linodeActiveRegion" | "writeRegions">): FailoverDecision {
    const standby = otherSite(cfg.activeSite);
    return {
        primary: { site: cfg.activeSite, endpoint: siteEndpoint(cfg, cfg.activeSite) },
        secondary: { site: standby, endpoint: siteEndpoint(cfg, standby) },
        writeRegion: cfg.writeRegions[cfg.activeSite],
        linodeActiveRegion: cfg.linodeActiveRegion,
    };
}

/** The value published for applications (SSM parameter, stack output). */
export interface PublishedActiveSite {
    readonly activeSite: Site;
    readonly writeRegion: string;
}

export function publishedActiveSite(cfg: Pick<DrConfig, "activeSite" | "linodeActiveRegion" | "writeRegions">): PublishedActiveSite {
    return { activeSite: cfg.activeSite, writeRegion: decideFailover(cfg).writeRegion };
}

/**
 * Worst-case data-plane failover time: Route 53 needs `interval x threshold` seconds to declare the PRIMARY
 * unhealthy, then resolvers may hold the old answer for one TTL.
 */
export function worstCaseFailoverSeconds(cfg: Pick<DrConfig, "healthCheck" | "dns">): number {
    return detectionSeconds(cfg) + cfg.dns.ttl;
}

export function detectionSeconds(cfg: Pick<DrConfig, "healthCheck">): number {
    return cfg.healthCheck.intervalSeconds * cfg.healthCheck.failureThreshold;
}
