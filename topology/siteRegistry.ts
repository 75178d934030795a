import type { DrConfig } from "./config";
import { BadInputError } from "./errors";

/** A site's id: `gcp`, `linode`, or whatever a registry entry adds. */
export type Site = string;

/**
 * An endpoint a DNS record can point at and a Route 53 health check can watch: `<site>` when the site has
 * one (the GCP global load balancer), `<site>:<member>` when it has one per member (a Linode region's NodeBalancer).
 */
export type EndpointId = string;

export function endpointId(site: Site, member?: string): EndpointId {
    return member === undefined ? site : `${site}:${member}`;
}

/** A resource type a flip may update in place, and the input properties (Pulumi names) it may change. */
export interface FlipTouch {
    readonly type: string;
    readonly properties: readonly string[];
    /** Why a flip changes these: which switch moves them. */
    readonly why: string;
}

/** Everything the rest of the code knows about one site. Adding a site is one entry plus its component. */
export interface SiteEntry {
    readonly id: Site;
    readonly description: string;
    /** Every endpoint of the site in a stack's config; each has a Route 53 health check and a stack output `healthEndpoints[<id>]`. */
    endpoints(cfg: DrConfig): EndpointId[];
    /** The endpoint that serves the site now. */
    activeEndpoint(cfg: DrConfig): EndpointId;
    /** The `<module>` of the site's component tokens (`multicloud-dr:<module>:<Type>`). */
    readonly componentModule: string;
    /** What a flip may change on this site, besides the shared DNS records and parameters. */
    readonly flipTouches: readonly FlipTouch[];
}

const entries: SiteEntry[] = [];

/** The registered sites' ids, in registration order (a live view: registration updates it in place). */
export const SITES: Site[] = [];

/** Adds a site; returns a function that removes it again (tests register fake sites). */
export function registerSite(entry: SiteEntry): () => void {
    if (entries.some((e) => e.id === entry.id)) {
        throw new Error(`site "${entry.id}" is registered twice`);
    }
    entries.push(entry);
    SITES.push(entry.id);
    return () => {
        const at = entries.indexOf(entry);
        if (at >= 0) {
            entries.splice(at, 1);
            SITES.splice(SITES.indexOf(entry.id), 1);
        }
    };
}

export function siteEntries(): readonly SiteEntry[] {
    return entries;
}

export function isSite(value: unknown): value is Site {
    return typeof value === "string" && SITES.includes(value);
}

export function siteEntry(site: Site): SiteEntry {
    const entry = entries.find((e) => e.id === site);
    if (!entry) {
        throw new BadInputError(`unknown site "${site}": must be one of ${SITES.join(", ")}`);
    }
    return entry;
}

/** The site a component type (`multicloud-dr:gcp:GkeFleet`) belongs to, if any. */
export function siteOfComponent(componentType: string): Site | undefined {
    const module = componentType.split(":")[1];
    return entries.find((e) => e.componentModule === module)?.id;
}

/** The site traffic fails over to from `active`: home, unless home is the active site. */
export function standbySite(active: Site, home: Site): Site {
    return home !== active ? home : otherSite(active);
}

/** The first other registered site. */
export function otherSite(site: Site): Site {
    const other = SITES.find((s) => s !== site);
    if (other === undefined) {
        throw new Error(`no site other than "${site}" is registered`);
    }
    return other;
}
