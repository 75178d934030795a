import { setProperty } from "./fixtures";
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
        { title: "no release channel", violates: ["gke-release-channel"], change: (e) => setProperty(e, "gke-us-central1", "releaseChannel", undefined) },
    ]);
});
