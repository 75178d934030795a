import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ActiveSiteParameters, aliasToFormerGkeFleet, GcpAwsIdentity, GKE_AGENT_PORT_NAME, GKE_NODE_PORT_NAME, GKE_WORKLOAD_DEFAULTS, GkeClusters, GkeWorkload, GlobalLoadBalancer, GlobalTable, HostedZoneRecords, LinodeAwsIdentity, LinodeSite, Route53Failover } from "./components";
import { agentEnvironment, appAccessPolicy, appContainers, canaryItem, decideFailover, effectiveDataSite, EndpointId, gkeAgentNodePort, healthUrl, LINODE_NAME_SERVERS, linodeEndpoint, linodeTags, parseDrConfig, publishedActiveSite, Site, siteEndpoint, SITES } from "./topology";

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
    consistency: cfg.table.consistency,
    witnessRegion: cfg.table.witnessRegion,
    protect: prod,
    tags,
});

const formerGkeFleet = { transformations: [aliasToFormerGkeFleet(prefix)] };
const gke = new GkeClusters(
    prefix,
    {
        project: cfg.gcp.project,
        regions: cfg.gcp.regions,
        nodePort: cfg.gcp.nodePort,
        agentNodePort: gkeAgentNodePort(cfg.gcp.nodePort),
        machineType: cfg.gcp.machineType,
        nodesPerZone: cfg.gcp.nodesPerZone,
        minNodesPerZone: cfg.gcp.minNodesPerZone,
        maxNodesPerZone: cfg.gcp.maxNodesPerZone,
        releaseChannel: cfg.gcp.releaseChannel,
        authorizedNetworks: cfg.gcp.authorizedNetworks,
        protect: prod,
        labels: { project: "multicloud-dr", stack },
    },
    formerGkeFleet,
);

const gcpLb = new GlobalLoadBalancer(
    prefix,
    {
        project: cfg.gcp.project,
        network: gke.network.id,
        targetTags: [gke.nodeTag],
        regions: cfg.gcp.regions.map((region) => ({ name: region.name, instanceGroups: gke.instanceGroups[region.name], capacity: region.capacity })),
        portName: GKE_NODE_PORT_NAME,
        port: cfg.gcp.nodePort,
        hostname: cfg.dns.appHostname,
        healthCheckPath: cfg.healthCheck.path,
        agent: { portName: GKE_AGENT_PORT_NAME, port: gkeAgentNodePort(cfg.gcp.nodePort) },
    },
    formerGkeFleet,
);

// --- Linode site: Roles Anywhere identity, cloud-config per region (issue #11). Nothing here may follow a flip:
// the user data replaces instances when it changes, so it reads neither activeSite nor linodeActiveRegion.
const publishedParameterName = `/multicloud-dr/${stack}/active-site`;
const published = new ActiveSiteParameters(prefix, {
    parameterName: publishedParameterName,
    regions: table.regions,
    value: publishedActiveSite(cfg),
    tags,
});
const parameterArns = pulumi.all(table.regions.map((region) => published.parameters[region].arn));
const linodeIdentity = new LinodeAwsIdentity(prefix, {
    regions: cfg.linode.regions,
    permissionsPolicy: pulumi
        .all([table.arn, parameterArns])
        .apply(([tableArn, arns]) => JSON.stringify(appAccessPolicy({ tableArn, tableRegions: table.regions, parameterArns: arns }))),
    tags,
});
const linodeSiteWorkload = {
    workload: { ...appContainers(cfg.app), frontPort: cfg.linode.appPort },
    agent: {
        table: cfg.table.name,
        parameterName: publishedParameterName,
        parameterRegions: [cfg.table.homeRegion, ...cfg.table.replicaRegions],
        region: cfg.writeRegions.linode,
        healthPath: cfg.healthCheck.path,
        expectedBody: cfg.healthCheck.expectedBody,
        canaryKey: cfg.failover.canaryKey,
    },
};
const linodeUserData = Object.fromEntries(cfg.linode.regions.map((region) => [region, linodeIdentity.userData(region, linodeSiteWorkload)]));
/** The role the Linode site's app and agent assume through IAM Roles Anywhere. */
export const linodeRoleArn = linodeIdentity.roleArn;
// --- end Linode site inputs

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
    healthCheckBody: cfg.healthCheck.expectedBody,
    userData: linodeUserData,
    tlsCertificate: config.requireSecret("nodeBalancerTlsCert"),
    tlsPrivateKey: config.requireSecret("nodeBalancerTlsKey"),
    dnsZone: cfg.linode.dnsZone,
    soaEmail: cfg.linode.soaEmail,
    appHost: cfg.dns.appHost,
    ttl: cfg.dns.ttl,
    backups: prod,
    tags: linodeTags(tags),
});

const endpointIps: Record<EndpointId, pulumi.Output<string>> = { gcp: gcpLb.address };
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

new HostedZoneRecords(prefix, {
    zoneId,
    domain: cfg.dns.domain,
    delegations: [{ zone: cfg.linode.dnsZone, nameServers: LINODE_NAME_SERVERS }],
    certificateAuthorizations: { gcp: gcpLb.dnsAuthorizationRecord },
});


// --- The app and its site agent on GKE (issue #11). Nothing here reads the active site: the agent reads it from SSM.
new aws.dynamodb.TableItem(`${prefix}-canary`, {
    region: cfg.table.homeRegion,
    tableName: table.tableName,
    hashKey: cfg.table.hashKey,
    rangeKey: cfg.table.rangeKey,
    item: JSON.stringify(canaryItem(cfg.failover.canaryKey, cfg.table.attributes)),
}, { parent: table });
const gkeKsa = `${GKE_WORKLOAD_DEFAULTS.namespace}/${GKE_WORKLOAD_DEFAULTS.serviceAccountName}`;
const gkeTokenAudience = "sts.amazonaws.com";
const gkeIdentity = new GcpAwsIdentity(prefix, {
    project: cfg.gcp.project,
    accountId: `${prefix}-app`.slice(0, 30),
    kubernetesServiceAccounts: [gkeKsa],
    tokenAudience: gkeTokenAudience,
    tableArn: table.arn,
    tableRegions: table.regions,
    parameterArns: table.regions.map((region) => published.parameters[region].arn),
    tags,
});
const gcpAgentEnv = agentEnvironment({
    site: "gcp",
    region: cfg.writeRegions.gcp,
    table: cfg.table.name,
    parameter: published.parameterName,
    parameterRegions: table.regions,
    appPort: cfg.app.port,
    appHealthPath: cfg.app.healthPath,
    agentPort: cfg.app.agentPort,
    healthPath: cfg.healthCheck.path,
    expectedBody: cfg.healthCheck.expectedBody,
    canaryKey: cfg.failover.canaryKey,
});
for (const region of cfg.gcp.regions) {
    const cluster = gke.clusters[region.name];
    new GkeWorkload(`${prefix}-${region.name}`, {
        cluster: { name: cluster.name, endpoint: cluster.endpoint, caCertificate: cluster.masterAuth.clusterCaCertificate },
        googleServiceAccountEmail: gkeIdentity.serviceAccountEmail,
        awsRoleArn: gkeIdentity.roleArn,
        tokenAudience: gkeTokenAudience,
        ...appContainers(cfg.app),
        replicas: cfg.app.replicasPerRegion,
        agentEnv: gcpAgentEnv,
        healthPath: cfg.healthCheck.path,
        nodePort: cfg.gcp.nodePort,
    }, { dependsOn: [gke.nodePools[region.name]] });
}
// --- end GKE app

const urlOf = (ip: pulumi.Output<string>) => ip.apply((address) => healthUrl(address, cfg.healthCheck.port, cfg.healthCheck.path));

export const appHostname = cfg.dns.appHostname;
export const appUrl = `https://${cfg.dns.appHostname}`;
export const activeSite = cfg.activeSite;
export const homeSite = cfg.homeSite;
export const linodeActiveRegion = cfg.linodeActiveRegion;
export const healthEndpoints = Object.fromEntries(Object.entries(endpointIps).map(([id, ip]) => [id, urlOf(ip)]));
export const siteEndpoints: Record<Site, pulumi.Output<string>> = Object.fromEntries(SITES.map((site) => [site, urlOf(endpointIps[siteEndpoint(cfg, site)])]));
export const gcpLoadBalancerIp = gcpLb.address;
export const nodeBalancerIps = linodeSite.nodeBalancerIps;
export const tableName = table.tableName;
export const tableArn = table.arn;
export const tableRegions = table.regions;
export const writeRegion = decision.writeRegion;
/** The site whose write region takes writes, and the fencing epoch published with it (what the failover tool reads as deployed). */
export const dataSite = effectiveDataSite(cfg);
export const epoch = cfg.dataEpoch;
export const writeRegions = cfg.writeRegions;
export const clusterNames = gke.clusterNames;
export const healthCheckIds = failover.healthCheckIds;
export const activeSiteParameterName = published.parameterName;
/** The failover tool's last audit entry (JSON), kept in stack config; published so CI can carry it between runs. */
export const lastFlip = config.get("lastFlip");
/**
 * The GCP load balancer's backends as Compute Engine names them, for `readiness` (`backendServices.getHealth`): the
 * backend service users' traffic goes to and, per region, the zonal instance groups behind it.
 */
export const gcpBackends = { project: gcpLb.backendService.project, backendService: gcpLb.backendService.name, instanceGroups: gke.instanceGroups };
