import { setProperty, urnOf } from "./fixtures";

const nodeAccount = urnOf("gcp:serviceaccount/account:Account", "gke-nodes");
import { describeCases } from "./helpers";

describe("policy: GKE", () => {
    describeCases([
        { title: "a zonal cluster", violates: ["gke-regional-cluster"], change: (e) => setProperty(e, "gke-us-central1", "location", "us-central1-a") },
        { title: "default node pool kept", violates: ["gke-remove-default-node-pool"], change: (e) => setProperty(e, "gke-us-central1", "removeDefaultNodePool", false) },
        { title: "public nodes", violates: ["gke-private-nodes"], change: (e) => setProperty(e, "gke-us-central1", "privateClusterConfig.enablePrivateNodes", false) },
        { title: "no workload identity pool", violates: ["gke-workload-identity"], change: (e) => setProperty(e, "gke-us-central1", "workloadIdentityConfig", undefined) },
        { title: "a node pool exposing the node metadata server", violates: ["gke-workload-identity"], change: (e) => setProperty(e, "pool-us-central1", "nodeConfig.workloadMetadataConfig.mode", "GCE_METADATA") },
        { title: "legacy ABAC on", violates: ["gke-no-legacy-auth"], change: (e) => setProperty(e, "gke-us-central1", "enableLegacyAbac", true) },
        { title: "client certificates issued", violates: ["gke-no-legacy-auth"], change: (e) => setProperty(e, "gke-us-central1", "masterAuth.clientCertificateConfig.issueClientCertificate", true) },
        { title: "shielded nodes off", violates: ["gke-shielded-nodes"], change: (e) => setProperty(e, "gke-us-central1", "enableShieldedNodes", false) },
        { title: "node pool integrity monitoring off", violates: ["gke-shielded-nodes"], change: (e) => setProperty(e, "pool-us-central1", "nodeConfig.shieldedInstanceConfig.enableIntegrityMonitoring", false) },
        { title: "release channel UNSPECIFIED", violates: ["gke-release-channel"], change: (e) => setProperty(e, "gke-us-central1", "releaseChannel.channel", "UNSPECIFIED") },
        { title: "a node pool without a service account (the Compute Engine default)", violates: ["gke-node-service-account"], change: (e) => setProperty(e, "pool-us-central1", "nodeConfig.serviceAccount", undefined) },
        {
            title: "a node pool on the Compute Engine default account",
            violates: ["gke-node-service-account"],
            change: (e) => setProperty(e, "pool-us-central1", "nodeConfig.serviceAccount", "123456789012-compute@developer.gserviceaccount.com"),
        },
        { title: "a node pool on \"default\"", violates: ["gke-node-service-account"], change: (e) => setProperty(e, "pool-us-central1", "nodeConfig.serviceAccount", "default") },
        { title: "the account's email not known yet", preview: true, violates: [], change: (e) => setProperty(e, "pool-us-central1", "nodeConfig.serviceAccount", undefined, [nodeAccount]) },
        { title: "no master authorized networks", violates: ["gke-master-authorized-networks"], change: (e) => setProperty(e, "gke-us-central1", "masterAuthorizedNetworksConfig", undefined) },
        {
            title: "the control plane open to 0.0.0.0/0",
            violates: ["gke-master-authorized-networks"],
            change: (e) => setProperty(e, "gke-us-central1", "masterAuthorizedNetworksConfig.cidrBlocks.0.cidrBlock", "0.0.0.0/0"),
        },
        { title: "no release channel", violates: ["gke-release-channel"], change: (e) => setProperty(e, "gke-us-central1", "releaseChannel", undefined) },
    ]);
});
