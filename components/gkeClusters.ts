import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import {
    authorizedNetworkProblem,
    GKE_DEFAULTS,
    GKE_NODE_SERVICE_ACCOUNT_ROLES,
    gkeNodeServiceAccountId,
    gcpRegionAddressPlan,
    gcpRegionCountProblem,
    gcpRegionIndexProblem,
    gcpRegionIndicesProblem,
    gcpRegionNameProblem,
    gcpZonesProblem,
    instanceGroupForZone,
    integerProblem,
    nodePortProblem,
    nodesWithinBoundsProblem,
    releaseChannelProblem,
    repeatedProblem,
} from "../topology";
import { InputChecks } from "./inputErrors";

export interface GkeClustersRegion {
    /** A GCP region; the cluster's location. */
    readonly name: string;
    /** Zones the node pool spreads over; each must belong to the region. */
    readonly zones: readonly string[];
    /**
     * The region's own slot in the address plan (`gcpRegionAddressPlan`), unique among the regions. Keep it
     * while the region exists: a new index gives the region new ranges, which replaces its cluster.
     */
    readonly index: number;
}

export interface GkeClustersArgs {
    readonly project: string;
    /** One regional cluster per region; at least two. */
    readonly regions: readonly GkeClustersRegion[];
    /** NodePort the application's Service exposes on every node; named on every zonal instance group. */
    readonly nodePort: number;
    /**
     * The site agent's NodePort, named `GKE_AGENT_PORT_NAME` on every zonal instance group (the load balancer's
     * health check and the health path's route use it).
     * @default undefined: no agent port is named
     */
    readonly agentNodePort?: number;
    /**
     * Node machine type.
     * @default GKE_DEFAULTS.machineType (topology/defaults.ts)
     */
    readonly machineType?: string;
    /**
     * Initial nodes per zone.
     * @default GKE_DEFAULTS.nodesPerZone
     */
    readonly nodesPerZone?: number;
    /**
     * Autoscaling lower bound per zone.
     * @default GKE_DEFAULTS.minNodesPerZone
     */
    readonly minNodesPerZone?: number;
    /**
     * Autoscaling upper bound per zone.
     * @default GKE_DEFAULTS.maxNodesPerZone
     */
    readonly maxNodesPerZone?: number;
    /**
     * GKE release channel.
     * @default GKE_DEFAULTS.releaseChannel
     */
    readonly releaseChannel?: string;
    /**
     * CIDR blocks allowed to reach the control planes' public endpoint (master authorized networks); never a /0.
     * @default GKE_DEFAULTS.authorizedNetworks (none: only Google-internal and private access)
     */
    readonly authorizedNetworks?: readonly string[];
    /**
     * Block cluster deletion (prod).
     * @default false
     */
    readonly protect?: boolean;
    /** Labels on clusters and nodes. */
    readonly labels?: Record<string, string>;
}

/** Name of the port every zonal instance group exposes the NodePort as; a backend service addresses it. */
export const GKE_NODE_PORT_NAME = "http";
/** Name of the port every zonal instance group exposes the site agent's NodePort as. */
export const GKE_AGENT_PORT_NAME = "agent";

/**
 * One private regional GKE cluster per region on a shared VPC, each with an autoscaled node pool whose zonal
 * instance groups name the application's NodePort. Put them behind a load balancer with `instanceGroups`.
 */
export class GkeClusters extends pulumi.ComponentResource {
    public readonly network: gcp.compute.Network;
    public readonly clusters: Record<string, gcp.container.Cluster> = {};
    public readonly nodePools: Record<string, gcp.container.NodePool> = {};
    public readonly clusterNames: Record<string, pulumi.Output<string>> = {};
    /** Per region, the zonal instance groups (not their managers) of its node pool, one per zone. */
    public readonly instanceGroups: Record<string, pulumi.Output<string>[]> = {};
    /** Network tag on every node, for firewall rules. */
    public readonly nodeTag: string;
    /** The least-privilege identity every node runs as, instead of the Compute Engine default account. */
    public readonly nodeServiceAccount: gcp.serviceaccount.Account;

    constructor(name: string, args: GkeClustersArgs, opts?: pulumi.ComponentResourceOptions) {
        super("multicloud-dr:gcp:GkeClusters", name, {}, opts);
        const minNodes = args.minNodesPerZone ?? GKE_DEFAULTS.minNodesPerZone;
        const maxNodes = args.maxNodesPerZone ?? GKE_DEFAULTS.maxNodesPerZone;
        const nodesPerZone = args.nodesPerZone ?? GKE_DEFAULTS.nodesPerZone;
        const releaseChannel = args.releaseChannel ?? GKE_DEFAULTS.releaseChannel;
        const authorizedNetworks = args.authorizedNetworks ?? GKE_DEFAULTS.authorizedNetworks;
        validate(args, { minNodes, maxNodes, nodesPerZone, releaseChannel, authorizedNetworks });
        const project = args.project;
        this.nodeTag = `${name}-node`;
        const parent = { parent: this };

        this.nodeServiceAccount = new gcp.serviceaccount.Account(
            `${name}-nodes`,
            { project, accountId: gkeNodeServiceAccountId(name), displayName: `GKE nodes of ${name}` },
            parent,
        );
        const nodeRoles = GKE_NODE_SERVICE_ACCOUNT_ROLES.map(
            (role) => new gcp.projects.IAMMember(`${name}-nodes-${role.replace(/^roles\//, "")}`, { project, role, member: this.nodeServiceAccount.member }, parent),
        );

        this.network = new gcp.compute.Network(`${name}-network`, { project, autoCreateSubnetworks: false, routingMode: "GLOBAL" }, parent);

        args.regions.forEach((region) => {
            const plan = gcpRegionAddressPlan(region.index);
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
                    masterAuthorizedNetworksConfig: { cidrBlocks: authorizedNetworks.map((cidrBlock) => ({ cidrBlock, displayName: cidrBlock })) },
                    releaseChannel: { channel: releaseChannel },
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
                    initialNodeCount: nodesPerZone,
                    autoscaling: { minNodeCount: minNodes, maxNodeCount: maxNodes },
                    management: { autoRepair: true, autoUpgrade: true },
                    nodeConfig: {
                        machineType: args.machineType ?? GKE_DEFAULTS.machineType,
                        tags: [this.nodeTag],
                        labels: args.labels,
                        serviceAccount: this.nodeServiceAccount.email,
                        // The account's IAM roles, not scopes, limit what nodes may do.
                        oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
                        shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
                        workloadMetadataConfig: { mode: "GKE_METADATA" },
                    },
                },
                // The autoscaler moves the node count away from initialNodeCount, and a change of it replaces the pool
                // (plan/replacementRules.ts): it only matters at creation. Nodes that start before their roles exist
                // fail to write logs and metrics.
                { parent: this, ignoreChanges: ["initialNodeCount"], dependsOn: nodeRoles },
            );
            this.clusters[region.name] = cluster;
            this.nodePools[region.name] = pool;
            this.clusterNames[region.name] = cluster.name;
            this.instanceGroups[region.name] = region.zones.map((zone) => {
                const group = pool.managedInstanceGroupUrls.apply((urls) => instanceGroupForZone(urls, zone));
                new gcp.compute.InstanceGroupNamedPort(`${prefix}-${zone}-port`, { project, zone, group, name: GKE_NODE_PORT_NAME, port: args.nodePort }, parent);
                if (args.agentNodePort !== undefined) {
                    new gcp.compute.InstanceGroupNamedPort(`${prefix}-${zone}-agent-port`, { project, zone, group, name: GKE_AGENT_PORT_NAME, port: args.agentNodePort }, parent);
                }
                return group;
            });
        });
        this.registerOutputs({ clusterNames: this.clusterNames, instanceGroups: this.instanceGroups });
    }
}

function validate(
    args: GkeClustersArgs,
    effective: { minNodes: number; maxNodes: number; nodesPerZone: number; releaseChannel: string; authorizedNetworks: readonly string[] },
): void {
    const checks = new InputChecks("GkeClusters")
        .check("project", args.project ? undefined : "must be a GCP project id")
        .check("regions", gcpRegionCountProblem(args.regions.length))
        .check("regions", repeatedProblem(args.regions.map((r) => r.name)))
        .check("regions", gcpRegionIndicesProblem(args.regions.map((r) => r.index)))
        .check("nodePort", nodePortProblem(args.nodePort))
        .check("agentNodePort", args.agentNodePort === undefined ? undefined : args.agentNodePort === args.nodePort ? "must differ from nodePort" : nodePortProblem(args.agentNodePort))
        .check("minNodesPerZone", integerProblem(effective.minNodes, { min: 0 }))
        .check("maxNodesPerZone", integerProblem(effective.maxNodes, { min: Math.max(1, effective.minNodes) }))
        .check("nodesPerZone", nodesWithinBoundsProblem(effective.nodesPerZone, effective.minNodes, effective.maxNodes))
        .check("releaseChannel", releaseChannelProblem(effective.releaseChannel));
    effective.authorizedNetworks.forEach((cidr, i) => checks.check(`authorizedNetworks[${i}]`, authorizedNetworkProblem(cidr)));
    args.regions.forEach((region, i) => {
        checks
            .check(`regions[${i}].name`, gcpRegionNameProblem(region.name))
            .check(`regions[${i}].zones`, gcpZonesProblem(region.name, region.zones))
            .check(`regions[${i}].index`, gcpRegionIndexProblem(region.index));
    });
    checks.throwIfAny();
}
