import { endpointId, registerSite } from "./siteRegistry";

export { EndpointId, endpointId, FlipTouch, isSite, otherSite, registerSite, Site, SiteEntry, siteEntries, siteEntry, SITES, siteOfComponent, standbySite } from "./siteRegistry";

/** The built-in sites. A new site is one more entry here and the component that builds it. */

registerSite({
    id: "gcp",
    description: "regional GKE clusters behind one global external Application Load Balancer",
    endpoints: () => [endpointId("gcp")],
    activeEndpoint: () => endpointId("gcp"),
    componentModule: "gcp",
    // The load balancer's address never moves: a flip only re-points the shared Route 53 records at it.
    flipTouches: [],
});

export const linodeEndpoint = (region: string) => endpointId("linode", region);

registerSite({
    id: "linode",
    description: "Linode instances behind a NodeBalancer per region; a Linode DNS record targets the active region",
    endpoints: (cfg) => cfg.linode.regions.map(linodeEndpoint),
    activeEndpoint: (cfg) => linodeEndpoint(cfg.linodeActiveRegion),
    componentModule: "linode",
    flipTouches: [
        {
            type: "linode:index/domainRecord:DomainRecord",
            properties: ["target"],
            why: "linodeActiveRegion re-points the app record at that region's NodeBalancer (target is updated in place: @pulumi/linode domainRecord.d.ts)",
        },
    ],
});
