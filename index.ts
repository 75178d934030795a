import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ActiveSiteParameters, GkeFleet, GlobalTable, LinodeSite, Route53Failover } from "./components";
import { decideFailover, EndpointId, healthUrl, linodeEndpoint, linodeTags, parseDrConfig, publishedActiveSite, Site, siteEndpoint, SITES } from "./topology";

const config = new pulumi.Config();
const cfg = parseDrConfig((key) => config.get(key));
const decision = decideFailover(cfg);
const stack = pulumi.getStack();
const prod = cfg.environment === "prod";
const tags = { ...cfg.tags, project: "multicloud-dr", stack };
const prefix = `dr-${stack}`;

const table = new GlobalTable(prefix, {
    tableName: cfg.table.name,
    hashKey: cfg.table.hashKey,
    rangeKey: cfg.table.rangeKey,
    attributes: cfg.table.attributes,
    homeRegion: cfg.table.homeRegion,
    replicaRegions: cfg.table.replicaRegions,
    billingMode: cfg.table.billingMode,
    protect: prod,
    tags,
});

const gke = new GkeFleet(prefix, {
    project: cfg.gcp.project,
    regions: cfg.gcp.regions,
    appHostname: cfg.dns.appHostname,
    nodePort: cfg.gcp.nodePort,
    healthCheckPath: cfg.healthCheck.path,
    machineType: cfg.gcp.machineType,
    nodesPerZone: cfg.gcp.nodesPerZone,
    minNodesPerZone: cfg.gcp.minNodesPerZone,
    maxNodesPerZone: cfg.gcp.maxNodesPerZone,
    releaseChannel: cfg.gcp.releaseChannel,
    protect: prod,
    labels: { project: "multicloud-dr", stack },
});

const linodeSite = new LinodeSite(prefix, {
    regions: cfg.linode.regions,
    activeRegion: cfg.linodeActiveRegion,
    instancesPerRegion: cfg.linode.instancesPerRegion,
    instanceType: cfg.linode.instanceType,
    image: cfg.linode.image,
    sshKeys: cfg.linode.sshKeys,
    adminCidrs: cfg.linode.adminCidrs,
    appPort: cfg.linode.appPort,
    healthCheckPath: cfg.healthCheck.path,
    tlsCertificate: config.requireSecret("nodeBalancerTlsCert"),
    tlsPrivateKey: config.requireSecret("nodeBalancerTlsKey"),
    dnsZone: cfg.linode.dnsZone,
    soaEmail: cfg.linode.soaEmail,
    appHost: cfg.dns.appHost,
    ttl: cfg.dns.ttl,
    backups: prod,
    tags: linodeTags(tags),
});

const endpointIps: Record<EndpointId, pulumi.Output<string>> = { gcp: gke.address };
for (const region of cfg.linode.regions) {
    endpointIps[linodeEndpoint(region)] = linodeSite.nodeBalancerIps[region];
}

const zoneId = cfg.dns.zoneId ?? aws.route53.getZoneOutput({ name: cfg.dns.domain, privateZone: false }).zoneId;
const failover = new Route53Failover(prefix, {
    zoneId,
    hostname: cfg.dns.appHostname,
    endpoints: endpointIps,
    decision,
    ttl: cfg.dns.ttl,
    healthCheck: cfg.healthCheck,
    tags,
});

const published = new ActiveSiteParameters(prefix, {
    parameterName: `/multicloud-dr/${stack}/active-site`,
    regions: table.regions,
    value: publishedActiveSite(cfg),
    tags,
});

const urlOf = (ip: pulumi.Output<string>) => ip.apply((address) => healthUrl(address, cfg.healthCheck.port, cfg.healthCheck.path));

export const appHostname = cfg.dns.appHostname;
export const appUrl = `https://${cfg.dns.appHostname}`;
export const activeSite = cfg.activeSite;
export const homeSite = cfg.homeSite;
export const linodeActiveRegion = cfg.linodeActiveRegion;
export const healthEndpoints = Object.fromEntries(Object.entries(endpointIps).map(([id, ip]) => [id, urlOf(ip)]));
export const siteEndpoints: Record<Site, pulumi.Output<string>> = Object.fromEntries(SITES.map((site) => [site, urlOf(endpointIps[siteEndpoint(cfg, site)])]));
export const gcpLoadBalancerIp = gke.address;
export const nodeBalancerIps = linodeSite.nodeBalancerIps;
export const tableName = table.tableName;
export const tableArn = table.arn;
export const tableRegions = table.regions;
export const writeRegion = decision.writeRegion;
export const writeRegions = cfg.writeRegions;
export const clusterNames = gke.clusterNames;
export const healthCheckIds = failover.healthCheckIds;
export const activeSiteParameterName = published.parameterName;
/** The failover tool's last audit entry (JSON), kept in stack config; published so CI can carry it between runs. */
export const lastFlip = config.get("lastFlip");
