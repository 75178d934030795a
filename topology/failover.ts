import { DrConfig } from "./config";
import { EndpointId, Site, siteEntries, siteEntry, standbySite } from "./sites";

/** Every endpoint of the estate, site by site in registry order; each has its own Route 53 health check. */
export function allEndpoints(cfg: DrConfig): EndpointId[] {
    return siteEntries().flatMap((entry) => entry.endpoints(cfg));
}

/** The endpoint that serves a site right now. */
export function siteEndpoint(cfg: DrConfig, site: Site): EndpointId {
    return siteEntry(site).activeEndpoint(cfg);
}

export interface RecordTarget {
    readonly site: Site;
    readonly endpoint: EndpointId;
}

/** What the two Route 53 failover records serve. Their identities never change; only these values do. */
export interface FailoverDecision {
    readonly primary: RecordTarget;
    readonly secondary: RecordTarget;
    /** The DynamoDB region applications write to: the one paired with the data site (`effectiveDataSite`). */
    readonly writeRegion: string;
    /** The NodeBalancer region the Linode app record targets. */
    readonly linodeActiveRegion: string;
}

export function decideFailover(cfg: DrConfig): FailoverDecision {
    const standby = standbySite(cfg.activeSite, cfg.homeSite);
    return {
        primary: { site: cfg.activeSite, endpoint: siteEndpoint(cfg, cfg.activeSite) },
        secondary: { site: standby, endpoint: siteEndpoint(cfg, standby) },
        writeRegion: cfg.writeRegions[effectiveDataSite(cfg)],
        linodeActiveRegion: cfg.linodeActiveRegion,
    };
}

/** The site whose write region takes writes: `dataSite` when set, else the active site (data follows traffic). */
export function effectiveDataSite(cfg: Pick<DrConfig, "activeSite" | "dataSite">): Site {
    return cfg.dataSite ?? cfg.activeSite;
}

/**
 * The value published for applications (SSM parameter, stack output). `epoch` rises whenever the write region
 * moves; a fenced write carries it, so a write from an older epoch never overwrites a newer item (README,
 * "Fenced writes").
 */
export interface PublishedActiveSite {
    readonly activeSite: Site;
    readonly writeRegion: string;
    readonly epoch: number;
}

export function publishedActiveSite(cfg: DrConfig): PublishedActiveSite {
    return { activeSite: cfg.activeSite, writeRegion: decideFailover(cfg).writeRegion, epoch: cfg.dataEpoch };
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
