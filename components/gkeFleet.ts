import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { GOOGLE_HEALTH_CHECK_RANGES, gcpRegionAddressPlan, instanceGroupForZone } from "../topology";

export interface GkeFleetRegion {
    /** A GCP region; the cluster's location. */
    readonly name: string;
    /** Zones the node pool spreads over. */
    readonly zones: readonly string[];
    /**
     * Share of the region's capacity the load balancer uses; 0 drains the region.
     * @default 1
     */
    readonly capacity?: number;
}

export interface GkeFleetArgs {
    readonly project: string;
    /** One regional cluster per region; at least two. */
    readonly regions: readonly GkeFleetRegion[];
    /** Hostname of the application, for the Google-managed certificate. */
    readonly appHostname: string;
    /** NodePort the application's Service exposes on every node. */
    readonly nodePort: number;
    /**
     * Path the load balancer health check requests.
     * @default "/health"
     */
    readonly healthCheckPath?: string;
    /**
     * Node machine type.
     * @default "e2-standard-4"
     */
    readonly machineType?: string;
    /**
     * Initial nodes per zone.
     * @default 1
     */
    readonly nodesPerZone?: number;
    /**
     * Autoscaling lower bound per zone.
     * @default 1
     */
    readonly minNodesPerZone?: number;
    /**
     * Autoscaling upper bound per zone.
     * @default 3
     */
    readonly maxNodesPerZone?: number;
    /**
     * GKE release channel.
     * @default "REGULAR"
     */
    readonly releaseChannel?: string;
    /**
     * Block cluster deletion (prod).
     * @default false
     */
    readonly protect?: boolean;
    /** Labels on clusters and nodes. */
    readonly labels?: Record<string, string>;
}

/** Name of the named port the backend service sends traffic to. */
const PORT_NAME = "http";

/**
 * Regional GKE clusters, one per region, behind one global external Application Load Balancer whose backend
 * service lists every zonal instance group of every node pool.
 */
export class GkeFleet extends pulumi.ComponentResource {
    public readonly network: gcp.compute.Network;
    public readonly clusters: Record<string, gcp.container.Cluster> = {};
    public readonly nodePools: Record<string, gcp.container.NodePool> = {};
    public readonly backendService: gcp.compute.BackendService;
    public readonly address: pulumi.Output<string>;
    public readonly clusterNames: Record<string, pulumi.Output<string>> = {};

    constructor(name: string, args: GkeFleetArgs, opts?: pulumi.ComponentResourceOptions) {
        super("multicloud-dr:gcp:GkeFleet", name, {}, opts);
        if (args.regions.length < 2) {
            throw new pulumi.ResourceError("a GKE fleet needs at least two regions", this);
        }
        const project = args.project;
        const healthCheckPath = args.healthCheckPath ?? "/health";
        const minNodes = args.minNodesPerZone ?? 1;
        const maxNodes = args.maxNodesPerZone ?? 3;
        const nodeTag = `${name}-node`;
        const parent = { parent: this };

        this.network = new gcp.compute.Network(`${name}-network`, { project, autoCreateSubnetworks: false, routingMode: "GLOBAL" }, parent);

        const backends: pulumi.Input<gcp.types.input.compute.BackendServiceBackend>[] = [];
        args.regions.forEach((region, index) => {
            const plan = gcpRegionAddressPlan(index);
            const prefix = `${name}-${region.name}`;
            const subnet = new gcp.compute.Subnetwork(
                `${prefix}-subnet`,
                {
                    project,
                    region: region.name,
                    network: this.network.id,
                    ipCidrRange: plan.nodes,
                    privateIpGoogleAccess: true,
                    secondaryIpRanges: [
                        { rangeName: "pods", ipCidrRange: plan.pods },
                        { rangeName: "services", ipCidrRange: plan.services },
                    ],
                },
                parent,
            );
            // Private nodes have no public address: Cloud NAT gives them egress for images and updates.
            const router = new gcp.compute.Router(`${prefix}-router`, { project, region: region.name, network: this.network.id }, parent);
            new gcp.compute.RouterNat(
                `${prefix}-nat`,
                {
                    project,
                    region: region.name,
                    router: router.name,
                    natIpAllocateOption: "AUTO_ONLY",
                    sourceSubnetworkIpRangesToNat: "ALL_SUBNETWORKS_ALL_IP_RANGES",
                },
                parent,
            );
            const cluster = new gcp.container.Cluster(
                `${prefix}-cluster`,
                {
                    project,
                    location: region.name,
                    network: this.network.id,
                    subnetwork: subnet.id,
                    removeDefaultNodePool: true,
                    initialNodeCount: 1,
                    ipAllocationPolicy: { clusterSecondaryRangeName: "pods", servicesSecondaryRangeName: "services" },
                    privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: false, masterIpv4CidrBlock: plan.master },
                    workloadIdentityConfig: { workloadPool: `${project}.svc.id.goog` },
                    enableShieldedNodes: true,
                    enableLegacyAbac: false,
                    masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
                    releaseChannel: { channel: args.releaseChannel ?? "REGULAR" },
                    deletionProtection: args.protect ?? false,
                    resourceLabels: args.labels,
                },
                { parent: this, protect: args.protect ?? false },
            );
            const pool = new gcp.container.NodePool(
                `${prefix}-pool`,
                {
                    project,
                    cluster: cluster.name,
                    location: region.name,
                    nodeLocations: [...region.zones],
                    initialNodeCount: args.nodesPerZone ?? 1,
                    autoscaling: { minNodeCount: minNodes, maxNodeCount: maxNodes },
                    management: { autoRepair: true, autoUpgrade: true },
                    nodeConfig: {
                        machineType: args.machineType ?? "e2-standard-4",
                        tags: [nodeTag],
                        labels: args.labels,
                        oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
                        shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
                        workloadMetadataConfig: { mode: "GKE_METADATA" },
                    },
                },
                parent,
            );
            this.clusters[region.name] = cluster;
            this.nodePools[region.name] = pool;
            this.clusterNames[region.name] = cluster.name;

            for (const zone of region.zones) {
                const group = pool.managedInstanceGroupUrls.apply((urls) => instanceGroupForZone(urls, zone));
                new gcp.compute.InstanceGroupNamedPort(`${prefix}-${zone}-port`, { project, zone, group, name: PORT_NAME, port: args.nodePort }, parent);
                backends.push({ group, balancingMode: "UTILIZATION", maxUtilization: 0.8, capacityScaler: region.capacity ?? 1 });
            }
        });

        new gcp.compute.Firewall(
            `${name}-allow-google-lb`,
            {
                project,
                network: this.network.id,
                direction: "INGRESS",
                sourceRanges: [...GOOGLE_HEALTH_CHECK_RANGES],
                allows: [{ protocol: "tcp", ports: [String(args.nodePort)] }],
                targetTags: [nodeTag],
                description: "Google health checkers and front ends reach the application's NodePort.",
            },
            parent,
        );

        const healthCheck = new gcp.compute.HealthCheck(
            `${name}-health`,
            { project, checkIntervalSec: 5, timeoutSec: 5, healthyThreshold: 2, unhealthyThreshold: 2, httpHealthCheck: { port: args.nodePort, requestPath: healthCheckPath } },
            parent,
        );
        this.backendService = new gcp.compute.BackendService(
            `${name}-backend`,
            {
                project,
                loadBalancingScheme: "EXTERNAL_MANAGED",
                protocol: "HTTP",
                portName: PORT_NAME,
                timeoutSec: 30,
                healthChecks: healthCheck.id,
                backends,
            },
            parent,
        );
        const globalAddress = new gcp.compute.GlobalAddress(`${name}-address`, { project }, parent);
        const urlMap = new gcp.compute.URLMap(`${name}-urlmap`, { project, defaultService: this.backendService.id }, parent);
        const certificate = new gcp.compute.ManagedSslCertificate(`${name}-cert`, { project, managed: { domains: [args.appHostname] } }, parent);
        const httpsProxy = new gcp.compute.TargetHttpsProxy(`${name}-https-proxy`, { project, urlMap: urlMap.id, sslCertificates: [certificate.id] }, parent);
        new gcp.compute.GlobalForwardingRule(
            `${name}-https`,
            { project, target: httpsProxy.id, ipAddress: globalAddress.address, portRange: "443", ipProtocol: "TCP", loadBalancingScheme: "EXTERNAL_MANAGED" },
            parent,
        );
        const redirectMap = new gcp.compute.URLMap(
            `${name}-redirect`,
            { project, defaultUrlRedirect: { httpsRedirect: true, stripQuery: false, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT" } },
            parent,
        );
        const httpProxy = new gcp.compute.TargetHttpProxy(`${name}-http-proxy`, { project, urlMap: redirectMap.id }, parent);
        new gcp.compute.GlobalForwardingRule(
            `${name}-http`,
            { project, target: httpProxy.id, ipAddress: globalAddress.address, portRange: "80", ipProtocol: "TCP", loadBalancingScheme: "EXTERNAL_MANAGED" },
            parent,
        );
        this.address = globalAddress.address;
        this.registerOutputs({ address: this.address, clusterNames: this.clusterNames });
    }
}
