import type { RecordedResource } from "../../offline";

/**
 * A happy-path estate shaped like the offline runtime's captures: every resource type the program declares,
 * with the properties it sets and the relationships (propertyDependencies) the engine would report. Built
 * fresh on every call, so a test changes one property of its own copy.
 */

const STACK = "fixture";
const PROJECT = "multicloud-dr";

export function urnOf(type: string, name: string): string {
    return `urn:pulumi:${STACK}::${PROJECT}::${type}::${name}`;
}

/** A value taken from another resource's output: known in a normal capture, unknown (absent) in a preview. */
interface FromOutput {
    readonly from: string;
    readonly value: unknown;
}

function from(urn: string, value: unknown): FromOutput {
    return { from: urn, value };
}

function isFromOutput(value: unknown): value is FromOutput {
    return typeof value === "object" && value !== null && "from" in value && "value" in value && Object.keys(value).length === 2;
}

export interface EstateOptions {
    /** As a first `pulumi preview` sees it: cloud-computed values and everything derived from them unknown. */
    readonly preview?: boolean;
}

class EstateBuilder {
    readonly resources: RecordedResource[] = [];

    constructor(private readonly preview: boolean) {}

    /** Declares a resource; `computed` are the outputs only the cloud knows (left out in preview). */
    add(type: string, name: string, inputs: Record<string, unknown>, computed: Record<string, unknown> = {}): string {
        const urn = urnOf(type, name);
        const propertyDependencies: Record<string, string[]> = {};
        const plainInputs: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(inputs)) {
            const sources = new Set<string>();
            const resolved = this.resolve(value, sources);
            propertyDependencies[key] = [...sources];
            if (resolved !== undefined) {
                plainInputs[key] = resolved;
            }
        }
        const outputs = this.preview ? { ...plainInputs } : { ...plainInputs, ...computed };
        this.resources.push({
            type,
            name,
            urn,
            custom: true,
            id: this.preview ? undefined : String(computed.id ?? `${name}-id`),
            protect: false,
            inputs: plainInputs,
            outputs,
            placeholders: this.preview ? [] : Object.keys(computed),
            dependencies: [...new Set(Object.values(propertyDependencies).flat())],
            propertyDependencies,
        });
        return urn;
    }

    /** Replaces FromOutput markers by their value (or drops it, in preview) and collects their sources. */
    private resolve(value: unknown, sources: Set<string>): unknown {
        if (isFromOutput(value)) {
            sources.add(value.from);
            return this.preview ? undefined : value.value;
        }
        if (Array.isArray(value)) {
            // As captured: an element not known yet stays in place, as undefined.
            return value.map((item) => this.resolve(item, sources));
        }
        if (typeof value === "object" && value !== null) {
            const copy: Record<string, unknown> = {};
            for (const [key, inner] of Object.entries(value)) {
                const resolved = this.resolve(inner, sources);
                if (resolved !== undefined) {
                    copy[key] = resolved;
                }
            }
            return copy;
        }
        return value;
    }
}

export const GCP_PROJECT = "dr-fixture-000000";
const GCP_LINK = `https://www.googleapis.com/compute/v1/projects/${GCP_PROJECT}`;
export const GCP_LB_IP = "203.0.113.10";
export const NODE_SERVICE_ACCOUNT = `dr-fixture-nodes@${GCP_PROJECT}.iam.gserviceaccount.com`;
export const NODEBALANCER_IP = "203.0.113.20";
export const INSTANCE_PRIVATE_IP = "192.168.130.10";
export const INSTANCE_ID = 100001;
const CERTIFICATE_MAP_ID = `projects/${GCP_PROJECT}/locations/global/certificateMaps/lb-cert-map`;
const AUTHORIZATION_RECORD = { name: "_acme-challenge.app.example.com.", type: "CNAME", data: "1234.abcd.authorize.certificatemanager.goog." };
const LINODE_NAME_SERVERS = ["ns1.linode.com", "ns2.linode.com", "ns3.linode.com", "ns4.linode.com", "ns5.linode.com"];
export const FIREWALL_ID = 500001;

/** The happy-path estate: one of each part of both sites, wired as the program wires them. */
export function happyEstate(options: EstateOptions = {}): RecordedResource[] {
    const b = new EstateBuilder(options.preview ?? false);
    const tags = { team: "platform", "cost-center": "dr-fixture" };

    b.add("aws:dynamodb/table:Table", "table", {
        name: "dr-app-fixture",
        billingMode: "PAY_PER_REQUEST",
        hashKey: "pk",
        rangeKey: "sk",
        attributes: [{ name: "pk", type: "S" }, { name: "sk", type: "S" }],
        streamEnabled: true,
        streamViewType: "NEW_AND_OLD_IMAGES",
        pointInTimeRecovery: { enabled: true },
        deletionProtectionEnabled: true,
        serverSideEncryption: { enabled: true },
        replicas: [
            { regionName: "us-west-2", pointInTimeRecovery: true, propagateTags: true },
            { regionName: "us-east-2", pointInTimeRecovery: true, propagateTags: true },
        ],
        region: "us-east-1",
        tags,
    }, { arn: "arn:aws:dynamodb:us-east-1:123456789012:table/dr-app-fixture" });

    // Site gcp: one regional cluster behind the global external Application Load Balancer.
    const network = b.add("gcp:compute/network:Network", "gcp-network", { autoCreateSubnetworks: false }, { selfLink: `${GCP_LINK}/global/networks/gcp-network` });
    const subnetwork = b.add("gcp:compute/subnetwork:Subnetwork", "gcp-subnet-us-central1", {
        network: from(network, `${GCP_LINK}/global/networks/gcp-network`), region: "us-central1", ipCidrRange: "10.10.0.0/20",
    });
    const router = b.add("gcp:compute/router:Router", "gcp-router-us-central1", { network: from(network, "gcp-network"), region: "us-central1" });
    b.add("gcp:compute/routerNat:RouterNat", "gcp-nat-us-central1", {
        router: from(router, "gcp-router-us-central1"), region: "us-central1", natIpAllocateOption: "AUTO_ONLY", sourceSubnetworkIpRangesToNat: "ALL_SUBNETWORKS_ALL_IP_RANGES",
    });
    const nodeAccount = b.add("gcp:serviceaccount/account:Account", "gke-nodes", { accountId: "dr-fixture-nodes", displayName: "GKE nodes" },
        { email: NODE_SERVICE_ACCOUNT, member: `serviceAccount:${NODE_SERVICE_ACCOUNT}` });
    b.add("gcp:projects/iAMMember:IAMMember", "gke-nodes-role", {
        project: GCP_PROJECT, role: "roles/container.defaultNodeServiceAccount", member: from(nodeAccount, `serviceAccount:${NODE_SERVICE_ACCOUNT}`),
    });
    const cluster = b.add("gcp:container/cluster:Cluster", "gke-us-central1", {
        location: "us-central1",
        removeDefaultNodePool: true,
        initialNodeCount: 1,
        network: from(network, "gcp-network"),
        subnetwork: from(subnetwork, "gcp-subnet-us-central1"),
        privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: false, masterIpv4CidrBlock: "172.16.0.0/28" },
        workloadIdentityConfig: { workloadPool: `${GCP_PROJECT}.svc.id.goog` },
        enableShieldedNodes: true,
        releaseChannel: { channel: "REGULAR" },
        enableLegacyAbac: false,
        ipAllocationPolicy: { clusterIpv4CidrBlock: "/16", servicesIpv4CidrBlock: "/22" },
        masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
        masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: "203.0.113.0/24", displayName: "admins" }] },
        deletionProtection: false,
    }, { endpoint: "192.0.2.250" });
    const zones = ["us-central1-a", "us-central1-b"];
    const groupUrls = zones.map((z) => `${GCP_LINK}/zones/${z}/instanceGroups/gke-pool-us-central1-grp`);
    const pool = b.add("gcp:container/nodePool:NodePool", "pool-us-central1", {
        cluster: from(cluster, "gke-us-central1"),
        location: "us-central1",
        nodeLocations: zones,
        initialNodeCount: 1,
        autoscaling: { minNodeCount: 1, maxNodeCount: 2 },
        nodeConfig: {
            machineType: "e2-standard-2",
            tags: ["gke-node"],
            shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
            workloadMetadataConfig: { mode: "GKE_METADATA" },
            oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
            serviceAccount: from(nodeAccount, NODE_SERVICE_ACCOUNT),
        },
        management: { autoRepair: true, autoUpgrade: true },
    }, {
        managedInstanceGroupUrls: groupUrls,
        instanceGroupUrls: zones.map((z) => `${GCP_LINK}/zones/${z}/instanceGroupManagers/gke-pool-us-central1-grp`),
    });
    zones.forEach((zone, i) => b.add("gcp:compute/instanceGroupNamedPort:InstanceGroupNamedPort", `named-port-${zone}`, {
        group: from(pool, groupUrls[i]), zone, name: "http", port: 30080,
    }));
    const lbCheck = b.add("gcp:compute/healthCheck:HealthCheck", "lb-health", { httpHealthCheck: { port: 30080, requestPath: "/health" } },
        { id: `projects/${GCP_PROJECT}/global/healthChecks/lb-health` });
    const backendService = b.add("gcp:compute/backendService:BackendService", "lb-backend", {
        loadBalancingScheme: "EXTERNAL_MANAGED",
        protocol: "HTTP",
        portName: "http",
        healthChecks: from(lbCheck, `projects/${GCP_PROJECT}/global/healthChecks/lb-health`),
        backends: groupUrls.map((url) => ({ group: from(pool, url), balancingMode: "UTILIZATION", capacityScaler: 1 })),
    });
    const urlMap = b.add("gcp:compute/uRLMap:URLMap", "lb-urlmap", { defaultService: from(backendService, "lb-backend-id") });
    const authorization = b.add("gcp:certificatemanager/dnsAuthorization:DnsAuthorization", "lb-dns-auth", { domain: "app.example.com" }, {
        id: `projects/${GCP_PROJECT}/locations/global/dnsAuthorizations/lb-dns-auth`, dnsResourceRecords: [AUTHORIZATION_RECORD],
    });
    const certificate = b.add("gcp:certificatemanager/certificate:Certificate", "lb-cert", {
        scope: "DEFAULT", managed: { domains: ["app.example.com"], dnsAuthorizations: [from(authorization, `projects/${GCP_PROJECT}/locations/global/dnsAuthorizations/lb-dns-auth`)] },
    }, { id: `projects/${GCP_PROJECT}/locations/global/certificates/lb-cert` });
    const certificateMap = b.add("gcp:certificatemanager/certificateMap:CertificateMap", "lb-cert-map", {}, { id: CERTIFICATE_MAP_ID, name: "lb-cert-map" });
    b.add("gcp:certificatemanager/certificateMapEntry:CertificateMapEntry", "lb-cert-map-entry", {
        map: from(certificateMap, "lb-cert-map"), hostname: "app.example.com", certificates: [from(certificate, `projects/${GCP_PROJECT}/locations/global/certificates/lb-cert`)],
    });
    const httpsProxy = b.add("gcp:compute/targetHttpsProxy:TargetHttpsProxy", "lb-https-proxy", {
        urlMap: from(urlMap, "lb-urlmap-id"), certificateMap: from(certificateMap, `//certificatemanager.googleapis.com/${CERTIFICATE_MAP_ID}`),
    });
    const httpProxy = b.add("gcp:compute/targetHttpProxy:TargetHttpProxy", "lb-http-proxy", { urlMap: from(urlMap, "lb-urlmap-id") });
    const address = b.add("gcp:compute/globalAddress:GlobalAddress", "lb-ip", {}, { address: GCP_LB_IP });
    b.add("gcp:compute/globalForwardingRule:GlobalForwardingRule", "lb-https-rule", {
        target: from(httpsProxy, "lb-https-proxy-id"), ipAddress: from(address, GCP_LB_IP), portRange: "443", loadBalancingScheme: "EXTERNAL_MANAGED",
    });
    b.add("gcp:compute/globalForwardingRule:GlobalForwardingRule", "lb-http-rule", {
        target: from(httpProxy, "lb-http-proxy-id"), ipAddress: from(address, GCP_LB_IP), portRange: "80", loadBalancingScheme: "EXTERNAL_MANAGED",
    });
    b.add("gcp:compute/firewall:Firewall", "lb-firewall", {
        network: from(network, "gcp-network"),
        direction: "INGRESS",
        sourceRanges: ["35.191.0.0/16", "130.211.0.0/22"],
        allows: [{ protocol: "tcp", ports: ["30080"] }],
        targetTags: ["gke-node"],
    });

    // Site linode: an instance on a private IP behind a NodeBalancer and a firewall, and the Linode DNS zone.
    const firewall = b.add("linode:index/firewall:Firewall", "linode-firewall-us-east", {
        label: "dr-fixture-us-east",
        inboundPolicy: "DROP",
        outboundPolicy: "ACCEPT",
        inbounds: [
            { label: "nodebalancer", action: "ACCEPT", protocol: "TCP", ports: "80", ipv4s: ["192.168.255.0/24"] },
            { label: "admin-ssh", action: "ACCEPT", protocol: "TCP", ports: "22", ipv4s: ["203.0.113.0/24"] },
        ],
    }, { id: String(FIREWALL_ID) });
    const instance = b.add("linode:index/instance:Instance", "linode-us-east-0", {
        label: "dr-fixture-us-east-0",
        region: "us-east",
        type: "g6-standard-1",
        image: "linode/debian12",
        rootPass: "[secret]",
        authorizedKeys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPlaceholderFixtureKey oncall@example.com"],
        privateIp: true,
        firewallId: from(firewall, FIREWALL_ID),
        backupsEnabled: false,
        tags: ["dr-fixture"],
    }, { id: String(INSTANCE_ID), ipAddress: "198.51.100.10", privateIpAddress: INSTANCE_PRIVATE_IP });
    const balancer = b.add("linode:index/nodeBalancer:NodeBalancer", "nb-us-east", { label: "dr-fixture-us-east", region: "us-east", tags: ["dr-fixture"] },
        { id: "200001", ipv4: NODEBALANCER_IP });
    const balancerConfig = b.add("linode:index/nodeBalancerConfig:NodeBalancerConfig", "nb-us-east-https", {
        nodebalancerId: from(balancer, 200001),
        port: 443,
        protocol: "https",
        check: "http",
        checkPath: "/health",
        checkInterval: 10,
        checkTimeout: 5,
        checkAttempts: 3,
        sslCert: "[secret]",
        sslKey: "[secret]",
        algorithm: "roundrobin",
    }, { id: "300001" });
    b.add("linode:index/nodeBalancerNode:NodeBalancerNode", "nb-us-east-node-0", {
        nodebalancerId: from(balancer, 200001),
        configId: from(balancerConfig, 300001),
        label: "dr-fixture-us-east-0",
        address: from(instance, `${INSTANCE_PRIVATE_IP}:80`),
        weight: 100,
        mode: "accept",
    });
    const domain = b.add("linode:index/domain:Domain", "linode-zone", { domain: "linode.example.com", type: "master", soaEmail: "dns-admin@example.com", ttlSec: 30 },
        { id: "400001" });
    b.add("linode:index/domainRecord:DomainRecord", "linode-app-record", {
        domainId: from(domain, 400001), name: "app", recordType: "A", target: from(balancer, NODEBALANCER_IP), ttlSec: 30,
    });

    // Front door: the Route 53 failover pair, one health check per site.
    const gcpCheck = b.add("aws:route53/healthCheck:HealthCheck", "health-gcp", healthCheckInputs(from(address, GCP_LB_IP)), { id: "hc-gcp" });
    const linodeCheck = b.add("aws:route53/healthCheck:HealthCheck", "health-linode", healthCheckInputs(from(balancer, NODEBALANCER_IP)), { id: "hc-linode" });
    b.add("aws:route53/record:Record", "app-primary", recordInputs("primary", "PRIMARY", from(address, GCP_LB_IP), from(gcpCheck, "hc-gcp")));
    b.add("aws:route53/record:Record", "app-secondary", recordInputs("secondary", "SECONDARY", from(balancer, NODEBALANCER_IP), from(linodeCheck, "hc-linode")));
    // Records no flip changes: the certificate's authorization and the Linode zone's delegation.
    b.add("aws:route53/record:Record", "cert-auth", {
        zoneId: "ZFIXTURE", name: from(authorization, AUTHORIZATION_RECORD.name), type: from(authorization, "CNAME"), ttl: 300, records: [from(authorization, AUTHORIZATION_RECORD.data)],
    });
    b.add("aws:route53/record:Record", "linode-delegation", { zoneId: "ZFIXTURE", name: "linode.example.com", type: "NS", ttl: 300, records: LINODE_NAME_SERVERS });
    b.add("aws:ssm/parameter:Parameter", "active-site", { name: "/dr-fixture/active-site", type: "String", value: "gcp", region: "us-east-1" });
    const role = b.add("aws:iam/role:Role", "app-role", { assumeRolePolicy: APP_ROLE_TRUST }, { id: "app-role", arn: "arn:aws:iam::123456789012:role/app-role" });
    b.add("aws:iam/rolePolicy:RolePolicy", "app-access", { role: from(role, "app-role"), policy: APP_ROLE_POLICY });
    const labels = { app: "multicloud-dr" };
    const container = (name: string, probe: string) => ({
        name,
        image: `example/${name}:1`,
        env: [{ name: "AWS_ROLE_ARN", value: from(role, "arn:aws:iam::123456789012:role/app-role") }],
        [probe]: { httpGet: { path: "/health", port: 9090 } },
        resources: { requests: { cpu: "100m", memory: "128Mi" } },
    });
    b.add("kubernetes:apps/v1:Deployment", "app-us-central1", {
        metadata: { name: "app", namespace: "multicloud-dr" },
        spec: {
            replicas: 2,
            selector: { matchLabels: labels },
            template: {
                metadata: { labels },
                spec: {
                    containers: [container("app", "livenessProbe"), container("agent", "readinessProbe")],
                    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: labels } }],
                },
            },
        },
    });
    b.add("kubernetes:policy/v1:PodDisruptionBudget", "pdb-us-central1", { metadata: { name: "app", namespace: "multicloud-dr" }, spec: { maxUnavailable: 1, selector: { matchLabels: labels } } });
    return b.resources;
}

/** The GKE app role's trust and access, as the program writes them (JSON strings). */
const APP_ROLE_TRUST = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{
        Effect: "Allow",
        Principal: { Federated: "accounts.google.com" },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { "accounts.google.com:aud": "1234567890", "accounts.google.com:sub": "1234567890", "accounts.google.com:oaud": "sts.amazonaws.com" } },
    }],
});
const APP_ROLE_POLICY = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
        { Sid: "TableItems", Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: ["arn:aws:dynamodb:us-east-1:123456789012:table/dr-app", "arn:aws:dynamodb:us-east-1:123456789012:table/dr-app/index/*"] },
        { Sid: "ActiveSiteParameter", Effect: "Allow", Action: ["ssm:GetParameter"], Resource: "arn:aws:ssm:us-east-1:123456789012:parameter/dr-fixture/active-site" },
    ],
});

function healthCheckInputs(ip: FromOutput): Record<string, unknown> {
    return {
        type: "HTTPS_STR_MATCH",
        searchString: "ok",
        ipAddress: ip,
        port: 443,
        resourcePath: "/health",
        fqdn: "app.example.com",
        enableSni: true,
        requestInterval: 10,
        failureThreshold: 3,
        regions: ["us-east-1", "us-west-2", "eu-west-1"],
        measureLatency: true,
        tags: { team: "platform" },
    };
}

function recordInputs(setIdentifier: string, failoverType: string, target: FromOutput, healthCheck: FromOutput): Record<string, unknown> {
    return {
        zoneId: "ZFIXTURE",
        name: "app.example.com",
        type: "A",
        ttl: 60,
        records: [target],
        setIdentifier,
        failoverRoutingPolicies: [{ type: failoverType }],
        healthCheckId: healthCheck,
    };
}

/** The one resource with this name. */
export function resourceNamed(estate: RecordedResource[], name: string): RecordedResource {
    const found = estate.find((r) => r.name === name);
    if (!found) {
        throw new Error(`fixture has no resource named ${name}`);
    }
    return found;
}

/**
 * Changes one property of a resource in inputs and outputs alike (undefined deletes it). `path` is dotted;
 * a numeric part indexes an array. The top-level property then no longer comes from other resources (the
 * program sets it directly), unless `from` names the resources it now comes from.
 */
export function setProperty(estate: RecordedResource[], name: string, path: string, value: unknown, from: string[] = []): RecordedResource[] {
    const resource = resourceNamed(estate, name);
    resource.propertyDependencies[path.split(".")[0]] = from;
    for (const bag of [resource.inputs, resource.outputs]) {
        const parts = path.split(".");
        let target: any = bag;
        for (const part of parts.slice(0, -1)) {
            target = target[part];
        }
        const last = parts[parts.length - 1];
        if (value === undefined) {
            delete target[last];
        } else {
            target[last] = structuredClone(value);
        }
    }
    return estate;
}

/** Removes resources (and nothing else: what pointed at them keeps its now-dangling dependencies). */
export function withoutResources(estate: RecordedResource[], ...names: string[]): RecordedResource[] {
    return estate.filter((r) => !names.includes(r.name));
}
