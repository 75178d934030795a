import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { isWholeInternet } from "../../topology/cidr";
import { GCE_DEFAULT_SERVICE_ACCOUNT, GKE_RELEASE_CHANNELS } from "../../topology/platformLimits";
import { dependenciesOf, knownFails, isKnown, isUnknown, knownItems, requiredFails, validateStackOf, validateType } from "./values";

export const GKE_CLUSTER = "gcp:container/cluster:Cluster";
export const GKE_NODE_POOL = "gcp:container/nodePool:NodePool";
export const GCP_SERVICE_ACCOUNT = "gcp:serviceaccount/account:Account";

/** A GCP region ("us-central1"), as opposed to a zone ("us-central1-a"). */
export function isGcpRegion(location: string): boolean {
    return /^[a-z]+(-[a-z]+)+\d+$/.test(location);
}

export const gkeRegionalCluster: ResourceValidationPolicy = {
    name: "gke-regional-cluster",
    description: "GKE clusters are regional (location is a region), so the control plane and nodes survive a zone outage.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateType(GKE_CLUSTER, (cluster, _args, reportViolation) => {
        if (requiredFails(cluster.location, isGcpRegion)) {
            reportViolation(`location is ${String(cluster.location ?? "unset")}; it must be a region such as us-central1, not a zone.`);
        }
    }),
};

export const gkeRemoveDefaultNodePool: ResourceValidationPolicy = {
    name: "gke-remove-default-node-pool",
    description: "GKE clusters remove the default node pool and run separately managed, autoscaled node pools.",
    enforcementLevel: "mandatory",
    severity: "medium",
    validateResource: validateType(GKE_CLUSTER, (cluster, _args, reportViolation) => {
        if (requiredFails(cluster.removeDefaultNodePool, (remove) => remove === true)) {
            reportViolation("removeDefaultNodePool must be true: changes to the default pool replace the whole cluster.");
        }
    }),
};

export const gkePrivateNodes: ResourceValidationPolicy = {
    name: "gke-private-nodes",
    description: "GKE clusters run private nodes (no public node IPs).",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateType(GKE_CLUSTER, (cluster, _args, reportViolation) => {
        if (requiredFails(cluster.privateClusterConfig?.enablePrivateNodes, (on) => on === true)) {
            reportViolation("privateClusterConfig.enablePrivateNodes must be true.");
        }
    }),
};

export const gkeWorkloadIdentity: ResourceValidationPolicy = {
    name: "gke-workload-identity",
    description: "GKE clusters enable Workload Identity and their node pools use the GKE metadata server.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: [
        validateType(GKE_CLUSTER, (cluster, _args, reportViolation) => {
            if (requiredFails(cluster.workloadIdentityConfig?.workloadPool, (pool: string) => pool.endsWith(".svc.id.goog"))) {
                reportViolation(`workloadIdentityConfig.workloadPool is ${String(cluster.workloadIdentityConfig?.workloadPool ?? "unset")}; it must be "<project>.svc.id.goog".`);
            }
        }),
        validateType(GKE_NODE_POOL, (pool, _args, reportViolation) => {
            if (requiredFails(pool.nodeConfig?.workloadMetadataConfig?.mode, (mode) => mode === "GKE_METADATA")) {
                reportViolation("nodeConfig.workloadMetadataConfig.mode must be GKE_METADATA, or pods can read the node's credentials.");
            }
        }),
    ],
};

export const gkeNoLegacyAuth: ResourceValidationPolicy = {
    name: "gke-no-legacy-auth",
    description: "GKE clusters use neither legacy ABAC nor basic auth or client certificates.",
    enforcementLevel: "mandatory",
    severity: "critical",
    validateResource: validateType(GKE_CLUSTER, (cluster, _args, reportViolation) => {
        if (cluster.enableLegacyAbac === true) {
            reportViolation("enableLegacyAbac must not be true.");
        }
        const masterAuth = cluster.masterAuth ?? {};
        if (isKnown(masterAuth.username) || isKnown(masterAuth.password)) {
            reportViolation("masterAuth must not set a username or password (basic auth).");
        }
        if (masterAuth.clientCertificateConfig?.issueClientCertificate === true) {
            reportViolation("masterAuth.clientCertificateConfig.issueClientCertificate must not be true.");
        }
    }),
};

export const gkeShieldedNodes: ResourceValidationPolicy = {
    name: "gke-shielded-nodes",
    description: "GKE clusters run Shielded Nodes, and node pools that configure shielded instances keep integrity monitoring on.",
    enforcementLevel: "mandatory",
    severity: "medium",
    validateResource: [
        validateType(GKE_CLUSTER, (cluster, _args, reportViolation) => {
            if (requiredFails(cluster.enableShieldedNodes, (on) => on === true)) {
                reportViolation("enableShieldedNodes must be true.");
            }
        }),
        validateType(GKE_NODE_POOL, (pool, _args, reportViolation) => {
            if (knownFails(pool.nodeConfig?.shieldedInstanceConfig?.enableIntegrityMonitoring, (on) => on === true)) {
                reportViolation("nodeConfig.shieldedInstanceConfig.enableIntegrityMonitoring must not be turned off.");
            }
        }),
    ],
};

export const gkeReleaseChannel: ResourceValidationPolicy = {
    name: "gke-release-channel",
    description: `GKE clusters subscribe to a release channel (${GKE_RELEASE_CHANNELS.join(", ")}), so control planes and nodes get patched.`,
    enforcementLevel: "mandatory",
    severity: "medium",
    validateResource: validateType(GKE_CLUSTER, (cluster, _args, reportViolation) => {
        if (requiredFails(cluster.releaseChannel?.channel, (channel: string) => GKE_RELEASE_CHANNELS.includes(channel))) {
            reportViolation(`releaseChannel.channel is ${String(cluster.releaseChannel?.channel ?? "unset")}; it must be one of ${GKE_RELEASE_CHANNELS.join(", ")}.`);
        }
    }),
};

export const gkeNodeServiceAccount: StackValidationPolicy = {
    name: "gke-node-service-account",
    description: "GKE node pools run as a dedicated service account (nodeConfig.serviceAccount), not the Compute Engine default one.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateStack: validateStackOf([GKE_NODE_POOL], (resources, _args, reportViolation) => {
        const accounts = new Set(resources.filter((r) => r.type === GCP_SERVICE_ACCOUNT).map((r) => r.urn));
        for (const pool of resources.filter((r) => r.type === GKE_NODE_POOL)) {
            const account = pool.props.nodeConfig?.serviceAccount;
            // Before the account exists its email is unknown, and a preview capture drops the nested value.
            const notKnownYet = isUnknown(account) || isUnknown(pool.props.nodeConfig) || [...dependenciesOf(pool, "nodeConfig")].some((urn) => accounts.has(urn));
            if (isKnown(account) ? account === "default" || GCE_DEFAULT_SERVICE_ACCOUNT.test(account) : !notKnownYet) {
                reportViolation(`node pool ${pool.name} runs as ${String(account ?? "the Compute Engine default service account")}; give it a dedicated least-privilege account.`, pool.urn);
            }
        }
    }),
};

export const gkeMasterAuthorizedNetworks: ResourceValidationPolicy = {
    name: "gke-master-authorized-networks",
    description: "GKE clusters limit who reaches the control plane (masterAuthorizedNetworksConfig), never to 0.0.0.0/0 or ::/0.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateType(GKE_CLUSTER, (cluster, _args, reportViolation) => {
        const config = cluster.masterAuthorizedNetworksConfig;
        if (config === undefined || config === null) {
            reportViolation("masterAuthorizedNetworksConfig is unset: any address can reach the control plane's public endpoint.");
            return;
        }
        const open = knownItems<Record<string, any>>(config.cidrBlocks).map((b) => b.cidrBlock).filter((c) => isKnown(c) && isWholeInternet(String(c)));
        if (open.length > 0) {
            reportViolation(`masterAuthorizedNetworksConfig admits ${open.join(", ")}: the whole internet reaches the control plane.`);
        }
    }),
};

export const gkePolicies = [
    gkeRegionalCluster,
    gkeRemoveDefaultNodePool,
    gkePrivateNodes,
    gkeWorkloadIdentity,
    gkeNoLegacyAuth,
    gkeShieldedNodes,
    gkeReleaseChannel,
    gkeNodeServiceAccount,
    gkeMasterAuthorizedNetworks,
];
