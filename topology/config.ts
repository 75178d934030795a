import { ConfigValue, RawConfig } from "./configReader";
import { APP_DEFAULTS, DATA_DEFAULTS, DNS_DEFAULTS, FAILOVER_DEFAULTS, GKE_DEFAULTS, HEALTH_CHECK_DEFAULTS, LINODE_DEFAULTS, TABLE_DEFAULTS } from "./defaults";
import { mrscRegionsProblem, TABLE_CONSISTENCIES, TableConsistency } from "./strongConsistency";
import { Site, SITES } from "./sites";
import {
    absolutePathProblem,
    adminCidrProblem,
    authorizedNetworkProblem,
    allDrainedProblem,
    billingModeProblem,
    checkerRegionsProblem,
    gcpRegionCountProblem,
    gcpRegionIndexProblem,
    gcpRegionIndicesProblem,
    gcpRegionNameProblem,
    gcpZonesProblem,
    nodesWithinBoundsProblem,
    repeatedProblem,
    searchStringProblem,
    sharedDnsTtlProblem,
    subdomainProblem,
} from "./validators";
import {
    GKE_RELEASE_CHANNELS,
    LINODE_REGION_PATTERN,
    MAX_FAILOVER_TTL,
    NODE_PORT_RANGE,
    ROUTE53_FAILURE_THRESHOLD,
    ROUTE53_REQUEST_INTERVALS,
} from "./platformLimits";

export const ENVIRONMENTS = ["staging", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export interface DnsConfig {
    /** Route 53 hosted zone name, e.g. `example.com`. */
    readonly domain: string;
    /** Route 53 hosted zone id; when unset the zone is looked up by `domain`. */
    readonly zoneId?: string;
    /** Label of the application under `domain`; the app hostname is `<appHost>.<domain>`. */
    readonly appHost: string;
    /** The app hostname. */
    readonly appHostname: string;
    /** TTL of every DNS record the program owns, in seconds. */
    readonly ttl: number;
}

export interface TableAttribute {
    readonly name: string;
    readonly type: "S" | "N" | "B";
}

export interface TableConfig {
    readonly name: string;
    readonly hashKey: string;
    readonly rangeKey?: string;
    readonly attributes: readonly TableAttribute[];
    readonly homeRegion: string;
    readonly replicaRegions: readonly string[];
    /** On demand only: see `billingModeProblem`. */
    readonly billingMode: "PAY_PER_REQUEST";
    /** Every region that holds the table: home first, then replicas. */
    readonly regions: readonly string[];
    /** `strong`: multi-Region strong consistency, on three regions in one MRSC set (`mrscRegionsProblem`). */
    readonly consistency: TableConsistency;
    /** Strong mode with one replica: the third region, which holds no readable data (never one of `regions`). */
    readonly witnessRegion?: string;
    /** Eventual mode: the longest a fenced switch waits for its fence to replicate; also the lag `watch` alerts on. */
    readonly maxReplicationLagSeconds: number;
    /** How often the fence wait and the replication measurement poll. */
    readonly replicationPollMs: number;
}

export interface GcpRegionConfig {
    readonly name: string;
    /** Zones the node pool spreads over; each must belong to the region. */
    readonly zones: readonly string[];
    /** Backend capacity scaler for this region's instance groups: 0 drains it. */
    readonly capacity: number;
    /** The region's own slot in the GCP address plan (`gcpRegionAddressPlan`); never reused while it exists. */
    readonly index: number;
}

export interface GcpConfig {
    readonly project: string;
    readonly regions: readonly GcpRegionConfig[];
    readonly machineType: string;
    readonly nodesPerZone: number;
    readonly minNodesPerZone: number;
    readonly maxNodesPerZone: number;
    readonly nodePort: number;
    readonly releaseChannel: string;
    /** CIDR blocks allowed to reach the clusters' control planes (master authorized networks). */
    readonly authorizedNetworks: readonly string[];
}

export interface LinodeConfig {
    readonly regions: readonly string[];
    readonly instanceType: string;
    readonly instancesPerRegion: number;
    readonly image: string;
    readonly sshKeys: readonly string[];
    readonly adminCidrs: readonly string[];
    /** The Linode DNS zone, e.g. `linode.example.com`. */
    readonly dnsZone: string;
    readonly soaEmail: string;
    /** Port the application listens on, on each instance's private IP. */
    readonly appPort: number;
}

/** The team's application and the site agent beside it, on both sites. */
export interface AppConfig {
    /** Container image of the application. */
    readonly image: string;
    /** The port the application listens on (in its container and on each Linode instance). */
    readonly port: number;
    /** The application's own health path, which the site agent checks. */
    readonly healthPath: string;
    /** Pods per GKE region (the Linode count is `linode.instancesPerRegion`). */
    readonly replicasPerRegion: number;
    /** Extra non-secret environment for the application. */
    readonly env: Readonly<Record<string, string>>;
    /** Container image of the site agent (`agent/Dockerfile`). */
    readonly agentImage: string;
    /** The port the site agent listens on; every traffic-deciding health check reaches it there. */
    readonly agentPort: number;
}

export interface HealthCheckConfig {
    readonly path: string;
    readonly port: number;
    readonly intervalSeconds: number;
    readonly failureThreshold: number;
    readonly regions: readonly string[];
    /** Text a healthy `/health` body contains. */
    readonly expectedBody: string;
}

export interface FailoverPolicyConfig {
    /** A flip blocks the next one for this long, unless forced. */
    readonly cooldownSeconds: number;
    /** The home site must have been healthy this long before failback. */
    readonly failbackWindowSeconds: number;
    /** Spacing of the health samples taken over the failback window. */
    readonly failbackSampleSeconds: number;
    /** Per-probe timeout. */
    readonly probeTimeoutMs: number;
    /** Deadline for all probes of one health check round. */
    readonly probeDeadlineMs: number;
    /** Recovery-time target a drill is measured against. */
    readonly rtoTargetSeconds: number;
    /** How long a drill holds on the standby site before failing back. */
    readonly drillHoldSeconds: number;
    /** Watch mode: seconds between probe rounds. */
    readonly watchIntervalSeconds: number;
    /** Watch mode: consecutive failures of the active site before it acts. */
    readonly watchFailureThreshold: number;
    /** Watch mode: alert when a served certificate has fewer days left than this. */
    readonly certificateWarningDays: number;
    /** Key of the canary item the DynamoDB probe reads. */
    readonly canaryKey: Readonly<Record<string, string>>;
}

export interface DrConfig {
    readonly environment: Environment;
    readonly activeSite: Site;
    readonly homeSite: Site;
    readonly linodeActiveRegion: string;
    readonly dns: DnsConfig;
    readonly table: TableConfig;
    /** The DynamoDB region each site's applications write to. */
    readonly writeRegions: Readonly<Record<Site, string>>;
    /** The site whose write region takes writes; unset: it follows `activeSite` (see `effectiveDataSite`). */
    readonly dataSite?: Site;
    /** The fencing epoch published with the write region; the failover tool raises it whenever the write region moves. */
    readonly dataEpoch: number;
    readonly gcp: GcpConfig;
    readonly linode: LinodeConfig;
    readonly app: AppConfig;
    readonly healthCheck: HealthCheckConfig;
    readonly failover: FailoverPolicyConfig;
    /** Extra tags on every taggable resource. */
    readonly tags: Readonly<Record<string, string>>;
}

const AWS_REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Reads and validates the whole stack config. Throws one ConfigError naming the first bad key. */
export function parseDrConfig(raw: RawConfig): DrConfig {
    const environment = ConfigValue.root(raw, "environment").oneOf(ENVIRONMENTS);
    const activeSite = ConfigValue.root(raw, "activeSite").oneOf(SITES);
    const homeSite = ConfigValue.root(raw, "homeSite").oneOf(SITES);
    const dns = parseDns(ConfigValue.root(raw, "dns"));
    const table = parseTable(ConfigValue.root(raw, "table"));
    const writeRegions = parseWriteRegions(ConfigValue.root(raw, "writeRegions"), table);
    const dataSiteValue = ConfigValue.root(raw, "dataSite");
    const dataSite = dataSiteValue.isSet ? dataSiteValue.oneOf(SITES) : undefined;
    const dataEpoch = ConfigValue.root(raw, "dataEpoch").integer({ min: 0, max: Number.MAX_SAFE_INTEGER }, DATA_DEFAULTS.epoch);
    const gcp = parseGcp(ConfigValue.root(raw, "gcp"));
    const linode = parseLinode(ConfigValue.root(raw, "linode"));
    // Route 53 delegates the Linode zone: it must lie under the hosted zone's domain.
    ConfigValue.root(raw, "linode").field("dnsZone").check(subdomainProblem(linode.dnsZone, dns.domain));
    const linodeActiveRegionValue = ConfigValue.root(raw, "linodeActiveRegion");
    const linodeActiveRegion = linodeActiveRegionValue.string();
    if (!linode.regions.includes(linodeActiveRegion)) {
        linodeActiveRegionValue.fail(`must be one of the stack's Linode regions (${linode.regions.join(", ")})`);
    }
    const app = parseApp(ConfigValue.root(raw, "app"));
    const healthCheck = parseHealthCheck(ConfigValue.root(raw, "healthCheck"));
    const failover = parseFailover(ConfigValue.root(raw, "failover"), table);
    const tags = parseTags(ConfigValue.root(raw, "tags"));
    return {
        environment, activeSite, homeSite, linodeActiveRegion, dns, table, writeRegions, ...(dataSite !== undefined ? { dataSite } : {}), dataEpoch, gcp, linode, app, healthCheck, failover, tags,
    };
}

function parseDns(value: ConfigValue): DnsConfig {
    const domain = value.field("domain").string();
    if (!DNS_NAME.test(domain)) {
        value.field("domain").fail("must be a DNS domain name such as example.com");
    }
    const appHost = value.field("appHost").string(DNS_DEFAULTS.appHost);
    if (!DNS_LABEL.test(appHost)) {
        value.field("appHost").fail("must be one DNS label (letters, digits, hyphens)");
    }
    const ttlValue = value.field("ttl");
    const ttl = ttlValue.integer({ min: 1, max: MAX_FAILOVER_TTL }, DNS_DEFAULTS.ttl);
    ttlValue.check(sharedDnsTtlProblem(ttl));
    const zoneId = value.field("zoneId").optionalString();
    return { domain, zoneId, appHost, appHostname: `${appHost}.${domain}`, ttl };
}

function parseTable(value: ConfigValue): TableConfig {
    const name = value.field("name").string();
    if (!/^[a-zA-Z0-9_.-]{3,255}$/.test(name)) {
        value.field("name").fail("must be 3-255 characters of a-z, A-Z, 0-9, _ - .");
    }
    const attributes = value.field("attributes").items().map((item) => ({
        name: item.field("name").string(),
        type: item.field("type").oneOf(["S", "N", "B"] as const),
    }));
    const hashKey = value.field("hashKey").string();
    const rangeKeyValue = value.field("rangeKey");
    const rangeKey = rangeKeyValue.optionalString();
    for (const [keyValue, key] of [[value.field("hashKey"), hashKey], [rangeKeyValue, rangeKey]] as const) {
        if (key !== undefined && !attributes.some((a) => a.name === key)) {
            keyValue.fail(`must be one of the table's attributes (${attributes.map((a) => a.name).join(", ")})`);
        }
    }
    const keyNames = [hashKey, rangeKey].filter((k): k is string => k !== undefined);
    const extra = attributes.find((a) => !keyNames.includes(a.name));
    if (extra) {
        // DynamoDB rejects attribute definitions that no key or index uses.
        value.field("attributes").fail(`declares "${extra.name}", which is not a key; DynamoDB only accepts key attributes`);
    }
    const homeRegionValue = value.field("homeRegion");
    const homeRegion = awsRegion(homeRegionValue);
    const replicasValue = value.field("replicaRegions");
    const replicaRegions = replicasValue.stringList({ minItems: 1, unique: true });
    replicasValue.items().forEach((item) => awsRegion(item));
    if (replicaRegions.includes(homeRegion)) {
        replicasValue.fail(`must not include the home region ${homeRegion}`);
    }
    const billingModeValue = value.field("billingMode");
    billingModeValue.check(billingModeProblem(billingModeValue.string("PAY_PER_REQUEST")));
    const { consistency, witnessRegion } = parseConsistency(value, homeRegion, replicaRegions);
    const maxReplicationLagSeconds = value.field("maxReplicationLagSeconds").number({ min: 0.05, max: 3600 }, TABLE_DEFAULTS.maxReplicationLagSeconds);
    const pollValue = value.field("replicationPollMs");
    const replicationPollMs = pollValue.integer({ min: 10, max: 60000 }, TABLE_DEFAULTS.replicationPollMs);
    if (replicationPollMs > maxReplicationLagSeconds * 1000) {
        pollValue.fail(`must be at most table.maxReplicationLagSeconds (${maxReplicationLagSeconds} s): a longer poll never reads before the bound`);
    }
    return {
        name, hashKey, rangeKey, attributes, homeRegion, replicaRegions, billingMode: "PAY_PER_REQUEST", regions: [homeRegion, ...replicaRegions], consistency, witnessRegion,
        maxReplicationLagSeconds, replicationPollMs,
    };
}

function parseConsistency(value: ConfigValue, homeRegion: string, replicaRegions: readonly string[]): Pick<TableConfig, "consistency" | "witnessRegion"> {
    const consistency = value.field("consistency").oneOf(TABLE_CONSISTENCIES, TABLE_DEFAULTS.consistency);
    const witnessValue = value.field("witnessRegion");
    const witnessRegion = witnessValue.isSet ? awsRegion(witnessValue) : undefined;
    if (consistency === "eventual" && witnessRegion !== undefined) {
        witnessValue.fail("is only used with table.consistency strong");
    }
    const problem = consistency === "strong" ? mrscRegionsProblem({ homeRegion, replicaRegions, witnessRegion }) : undefined;
    if (problem !== undefined) {
        value.field(problem.property).fail(problem.reason);
    }
    return { consistency, witnessRegion };
}

function parseWriteRegions(value: ConfigValue, table: TableConfig): Record<Site, string> {
    const result = {} as Record<Site, string>;
    for (const site of SITES) {
        const regionValue = value.field(site);
        const region = awsRegion(regionValue);
        if (!table.regions.includes(region)) {
            regionValue.fail(`must be a region that holds the table (${table.regions.join(", ")})`);
        }
        result[site] = region;
    }
    return result;
}

function parseGcp(value: ConfigValue): GcpConfig {
    const project = value.field("project").string();
    const regionsValue = value.field("regions");
    const regions = regionsValue.items().map((item, position) => parseGcpRegion(item, position));
    regionsValue.check(gcpRegionCountProblem(regions.length));
    regionsValue.check(allDrainedProblem(regions.map((r) => r.capacity)));
    regionsValue.check(repeatedProblem(regions.map((r) => r.name)));
    regionsValue.check(gcpRegionIndicesProblem(regions.map((r) => r.index)));
    const minNodesPerZone = value.field("minNodesPerZone").integer({ min: 0, max: 100 }, GKE_DEFAULTS.minNodesPerZone);
    const maxNodesValue = value.field("maxNodesPerZone");
    const maxNodesPerZone = maxNodesValue.integer({ min: 1, max: 100 }, GKE_DEFAULTS.maxNodesPerZone);
    if (maxNodesPerZone < minNodesPerZone) {
        maxNodesValue.fail(`must be at least minNodesPerZone (${minNodesPerZone})`);
    }
    const nodesValue = value.field("nodesPerZone");
    const nodesPerZone = nodesValue.integer({ min: 1 }, GKE_DEFAULTS.nodesPerZone);
    nodesValue.check(nodesWithinBoundsProblem(nodesPerZone, minNodesPerZone, maxNodesPerZone));
    const networksValue = value.field("authorizedNetworks");
    const authorizedNetworks = networksValue.stringList({ unique: true, fallback: GKE_DEFAULTS.authorizedNetworks });
    if (networksValue.isSet) {
        networksValue.items().forEach((item) => item.check(authorizedNetworkProblem(item.string())));
    }
    return {
        project,
        regions,
        machineType: value.field("machineType").string(GKE_DEFAULTS.machineType),
        nodesPerZone,
        minNodesPerZone,
        maxNodesPerZone,
        nodePort: value.field("nodePort").integer(NODE_PORT_RANGE, GKE_DEFAULTS.nodePort),
        releaseChannel: value.field("releaseChannel").oneOf(GKE_RELEASE_CHANNELS, GKE_DEFAULTS.releaseChannel),
        authorizedNetworks,
    };
}

/**
 * `index` defaults to the region's position in the list, which is what stacks written before the stable index
 * were deployed with, so their stack files keep working and their ranges stay where they are.
 */
function parseGcpRegion(value: ConfigValue, position: number): GcpRegionConfig {
    const name = value.field("name").string();
    value.field("name").check(gcpRegionNameProblem(name));
    const zonesValue = value.field("zones");
    const zones = zonesValue.stringList({ minItems: 1, unique: true });
    zonesValue.check(gcpZonesProblem(name, zones));
    const indexValue = value.field("index");
    const index = indexValue.integer({}, position);
    indexValue.check(gcpRegionIndexProblem(index));
    return { name, zones, capacity: value.field("capacity").number({ min: 0, max: 1 }, GKE_DEFAULTS.capacity), index };
}

function parseLinode(value: ConfigValue): LinodeConfig {
    const regionsValue = value.field("regions");
    const regions = regionsValue.stringList({ minItems: 1, unique: true });
    regionsValue.items().forEach((item) => {
        if (!LINODE_REGION_PATTERN.test(item.string())) {
            item.fail("must be a Linode region id such as us-east");
        }
    });
    const adminCidrsValue = value.field("adminCidrs");
    const adminCidrs = adminCidrsValue.stringList({ minItems: 1, unique: true });
    adminCidrsValue.items().forEach((item) => item.check(adminCidrProblem(item.string())));
    const soaEmail = value.field("soaEmail").string();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(soaEmail)) {
        value.field("soaEmail").fail("must be an email address");
    }
    const dnsZone = value.field("dnsZone").string();
    if (!DNS_NAME.test(dnsZone)) {
        value.field("dnsZone").fail("must be a DNS domain name such as linode.example.com");
    }
    return {
        regions,
        instanceType: value.field("instanceType").string(LINODE_DEFAULTS.instanceType),
        instancesPerRegion: value.field("instancesPerRegion").integer({ min: 1, max: 50 }, LINODE_DEFAULTS.instancesPerRegion),
        image: value.field("image").string(LINODE_DEFAULTS.image),
        sshKeys: value.field("sshKeys").stringList({ minItems: 1 }),
        adminCidrs,
        dnsZone,
        soaEmail,
        appPort: value.field("appPort").integer({ min: 1, max: 65535 }, LINODE_DEFAULTS.appPort),
    };
}

function parseHealthCheck(value: ConfigValue): HealthCheckConfig {
    const path = value.field("path").string(HEALTH_CHECK_DEFAULTS.path);
    value.field("path").check(absolutePathProblem(path));
    const regionsValue = value.field("regions");
    const regions = regionsValue.stringList({ unique: true, fallback: HEALTH_CHECK_DEFAULTS.regions });
    regionsValue.check(checkerRegionsProblem(regions));
    const expectedBody = value.field("expectedBody").string(HEALTH_CHECK_DEFAULTS.expectedBody);
    value.field("expectedBody").check(searchStringProblem(expectedBody));
    return {
        path,
        port: value.field("port").integer({ min: 1, max: 65535 }, HEALTH_CHECK_DEFAULTS.port),
        intervalSeconds: value.field("intervalSeconds").oneOfNumbers(ROUTE53_REQUEST_INTERVALS, HEALTH_CHECK_DEFAULTS.intervalSeconds),
        failureThreshold: value.field("failureThreshold").integer(ROUTE53_FAILURE_THRESHOLD, HEALTH_CHECK_DEFAULTS.failureThreshold),
        regions,
        expectedBody,
    };
}

function parseFailover(value: ConfigValue, table: TableConfig): FailoverPolicyConfig {
    const section = value.isSet ? value : new ConfigValue(value.path, {});
    const canaryValue = section.field("canaryKey");
    const keyNames = [table.hashKey, table.rangeKey].filter((k): k is string => k !== undefined);
    const canaryKey: Record<string, string> = {};
    for (const key of keyNames) {
        canaryKey[key] = canaryValue.isSet ? canaryValue.field(key).string() : "dr-canary";
    }
    const probeTimeoutMs = section.field("probeTimeoutMs").integer({ min: 100, max: 60000 }, 3000);
    const deadlineValue = section.field("probeDeadlineMs");
    const probeDeadlineMs = deadlineValue.integer({ min: 100, max: 300000 }, 10000);
    if (probeDeadlineMs < probeTimeoutMs) {
        deadlineValue.fail(`must be at least probeTimeoutMs (${probeTimeoutMs})`);
    }
    return {
        cooldownSeconds: section.field("cooldownSeconds").integer({ min: 0 }, 900),
        failbackWindowSeconds: section.field("failbackWindowSeconds").integer({ min: 0 }, 600),
        failbackSampleSeconds: section.field("failbackSampleSeconds").integer({ min: 1 }, 30),
        probeTimeoutMs,
        probeDeadlineMs,
        rtoTargetSeconds: section.field("rtoTargetSeconds").integer({ min: 1 }, 300),
        drillHoldSeconds: section.field("drillHoldSeconds").integer({ min: 0 }, 60),
        watchIntervalSeconds: section.field("watchIntervalSeconds").integer({ min: 1 }, 10),
        watchFailureThreshold: section.field("watchFailureThreshold").integer({ min: 1 }, 3),
        certificateWarningDays: section.field("certificateWarningDays").integer({ min: 1, max: 365 }, FAILOVER_DEFAULTS.certificateWarningDays),
        canaryKey,
    };
}

function parseApp(section: ConfigValue): AppConfig {
    const value = section.isSet ? section : new ConfigValue(section.path, {});
    const port = value.field("port").integer({ min: 1, max: 65535 }, APP_DEFAULTS.port);
    const agentPortValue = value.field("agentPort");
    const agentPort = agentPortValue.integer({ min: 1, max: 65535 }, APP_DEFAULTS.agentPort);
    if (agentPort === port) {
        agentPortValue.fail(`must differ from app.port (${port}): the app and the agent share each pod's and instance's network`);
    }
    const healthPathValue = value.field("healthPath");
    const healthPath = healthPathValue.string(APP_DEFAULTS.healthPath);
    healthPathValue.check(absolutePathProblem(healthPath));
    const envValue = value.field("env");
    const env: Record<string, string> = {};
    for (const key of envValue.isSet ? Object.keys(envValue.object()) : []) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) || key.startsWith("MCDR_")) {
            envValue.field(key).fail("must be an environment variable name (letters, digits, _), not one of the agent's MCDR_ names");
        }
        env[key] = envValue.field(key).string();
    }
    return {
        image: value.field("image").string(APP_DEFAULTS.image),
        port,
        healthPath,
        replicasPerRegion: value.field("replicasPerRegion").integer({ min: 1, max: 100 }, APP_DEFAULTS.replicasPerRegion),
        env,
        agentImage: value.field("agentImage").string(APP_DEFAULTS.agentImage),
        agentPort,
    };
}

function parseTags(value: ConfigValue): Record<string, string> {
    if (!value.isSet) {
        return {};
    }
    const tags: Record<string, string> = {};
    for (const key of Object.keys(value.object())) {
        tags[key] = value.field(key).string();
    }
    return tags;
}

function awsRegion(value: ConfigValue): string {
    const region = value.string();
    if (!AWS_REGION.test(region)) {
        value.fail("must be an AWS region such as us-east-1");
    }
    return region;
}
