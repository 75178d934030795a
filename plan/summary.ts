import { decideFailover, detectionSeconds, DrConfig, EndpointId, Site, worstCaseFailoverSeconds } from "../topology";

export interface ServedTarget {
    readonly site: Site;
    readonly endpoint: EndpointId;
}

/** What the DR posture of a stack is, from its parsed config and the failover decision. */
export interface DrSummary {
    readonly environment: string;
    readonly appHostname: string;
    readonly activeSite: Site;
    readonly homeSite: Site;
    /** True when the active site is not the home site (the estate is failed over). */
    readonly failedOver: boolean;
    readonly primary: ServedTarget;
    readonly secondary: ServedTarget;
    readonly linodeActiveRegion: string;
    readonly table: { readonly name: string; readonly homeRegion: string; readonly replicaRegions: readonly string[] };
    readonly writeRegion: string;
    readonly healthCheck: {
        readonly intervalSeconds: number;
        readonly failureThreshold: number;
        readonly checkerRegions: readonly string[];
        /** interval x threshold. */
        readonly detectionSeconds: number;
    };
    readonly dnsTtlSeconds: number;
    /** Data plane: interval x threshold + TTL. */
    readonly worstCaseFailoverSeconds: number;
    readonly rtoTargetSeconds: number;
}

export function drSummary(cfg: DrConfig): DrSummary {
    const decision = decideFailover(cfg);
    return {
        environment: cfg.environment,
        appHostname: cfg.dns.appHostname,
        activeSite: cfg.activeSite,
        homeSite: cfg.homeSite,
        failedOver: cfg.activeSite !== cfg.homeSite,
        primary: { site: decision.primary.site, endpoint: decision.primary.endpoint },
        secondary: { site: decision.secondary.site, endpoint: decision.secondary.endpoint },
        linodeActiveRegion: decision.linodeActiveRegion,
        table: { name: cfg.table.name, homeRegion: cfg.table.homeRegion, replicaRegions: [...cfg.table.replicaRegions] },
        writeRegion: decision.writeRegion,
        healthCheck: {
            intervalSeconds: cfg.healthCheck.intervalSeconds,
            failureThreshold: cfg.healthCheck.failureThreshold,
            checkerRegions: [...cfg.healthCheck.regions],
            detectionSeconds: detectionSeconds(cfg),
        },
        dnsTtlSeconds: cfg.dns.ttl,
        worstCaseFailoverSeconds: worstCaseFailoverSeconds(cfg),
        rtoTargetSeconds: cfg.failover.rtoTargetSeconds,
    };
}
