import * as assert from "assert";
import { GkeFleet, GkeFleetArgs } from "../../components";
import { evaluateDeclarations, Evaluation } from "../../offline";
import { ofType } from "../support/resources";

const args: GkeFleetArgs = {
    project: "p-123",
    regions: [
        { name: "us-central1", zones: ["us-central1-a", "us-central1-b"] },
        { name: "us-east4", zones: ["us-east4-a"], capacity: 0 },
    ],
    appHostname: "app.example.com",
    nodePort: 30080,
    releaseChannel: "STABLE",
};

describe("GkeFleet component", () => {
    let fleet: Evaluation;
    before(async () => {
        fleet = await evaluateDeclarations(() => {
            const f = new GkeFleet("web", args);
            return { address: f.address, clusterNames: f.clusterNames };
        });
    });

    it("declares one regional cluster per region: default pool removed, private nodes, workload identity, shielded nodes, release channel", () => {
        const clusters = ofType(fleet.resources, "gcp:container/cluster:Cluster");
        assert.deepStrictEqual(clusters.map((c) => c.inputs.location), ["us-central1", "us-east4"]);
        const masters = new Set<string>();
        for (const { inputs } of clusters) {
            assert.strictEqual(inputs.removeDefaultNodePool, true);
            assert.strictEqual(inputs.privateClusterConfig.enablePrivateNodes, true);
            masters.add(inputs.privateClusterConfig.masterIpv4CidrBlock);
            assert.strictEqual(inputs.workloadIdentityConfig.workloadPool, "p-123.svc.id.goog");
            assert.strictEqual(inputs.enableShieldedNodes, true);
            assert.strictEqual(inputs.enableLegacyAbac, false);
            assert.deepStrictEqual(inputs.releaseChannel, { channel: "STABLE" });
        }
        assert.strictEqual(masters.size, 2, "each control plane gets its own /28");
    });

    it("gives each cluster an autoscaled node pool with explicit zones and shielded, workload-identity nodes", () => {
        const pools = ofType(fleet.resources, "gcp:container/nodePool:NodePool");
        assert.deepStrictEqual(pools.map((p) => p.inputs.nodeLocations).sort(), [["us-central1-a", "us-central1-b"], ["us-east4-a"]]);
        for (const { inputs } of pools) {
            assert.deepStrictEqual(inputs.autoscaling, { minNodeCount: 1, maxNodeCount: 3 });
            assert.strictEqual(inputs.nodeConfig.workloadMetadataConfig.mode, "GKE_METADATA");
            assert.strictEqual(inputs.nodeConfig.shieldedInstanceConfig.enableSecureBoot, true);
        }
    });

    it("names the node port on every zonal instance group", () => {
        const ports = ofType(fleet.resources, "gcp:compute/instanceGroupNamedPort:InstanceGroupNamedPort");
        assert.deepStrictEqual(ports.map((p) => p.inputs.zone).sort(), ["us-central1-a", "us-central1-b", "us-east4-a"]);
        for (const p of ports) {
            assert.strictEqual(p.inputs.port, 30080);
            assert.match(p.inputs.group, new RegExp(`/zones/${p.inputs.zone}/instanceGroups/`));
        }
    });

    it("lists every zonal instance group (not manager) in one backend service with per-region capacity", () => {
        const [backend] = ofType(fleet.resources, "gcp:compute/backendService:BackendService");
        assert.strictEqual(backend.inputs.loadBalancingScheme, "EXTERNAL_MANAGED");
        assert.strictEqual(backend.inputs.portName, "http");
        assert.ok(backend.inputs.healthChecks, "the backend service has a health check");
        const groups = backend.inputs.backends.map((b: any) => [b.group.split("/zones/")[1].split("/")[0], b.capacityScaler]);
        assert.deepStrictEqual(groups, [["us-central1-a", 1], ["us-central1-b", 1], ["us-east4-a", 0]]);
        for (const b of backend.inputs.backends) {
            assert.doesNotMatch(b.group, /instanceGroupManagers/);
        }
    });

    it("health-checks the node port's /health", () => {
        const [check] = ofType(fleet.resources, "gcp:compute/healthCheck:HealthCheck");
        assert.deepStrictEqual(check.inputs.httpHealthCheck, { port: 30080, requestPath: "/health" });
    });

    it("serves HTTPS with a Google-managed certificate for the app hostname and redirects HTTP to HTTPS", () => {
        const [cert] = ofType(fleet.resources, "gcp:compute/managedSslCertificate:ManagedSslCertificate");
        assert.deepStrictEqual(cert.inputs.managed.domains, ["app.example.com"]);
        const rules = ofType(fleet.resources, "gcp:compute/globalForwardingRule:GlobalForwardingRule");
        assert.deepStrictEqual(rules.map((r) => r.inputs.portRange).sort(), ["443", "80"]);
        const redirect = ofType(fleet.resources, "gcp:compute/uRLMap:URLMap").find((m) => m.inputs.defaultUrlRedirect);
        assert.strictEqual(redirect?.inputs.defaultUrlRedirect.httpsRedirect, true);
        assert.strictEqual(fleet.outputs.address, rules[0].inputs.ipAddress);
    });

    it("admits Google's health-check and front-end ranges to the node port", () => {
        const [firewall] = ofType(fleet.resources, "gcp:compute/firewall:Firewall");
        assert.deepStrictEqual(firewall.inputs.sourceRanges, ["35.191.0.0/16", "130.211.0.0/22"]);
        assert.deepStrictEqual(firewall.inputs.allows, [{ protocol: "tcp", ports: ["30080"] }]);
        for (const pool of ofType(fleet.resources, "gcp:container/nodePool:NodePool")) {
            assert.deepStrictEqual(firewall.inputs.targetTags, pool.inputs.nodeConfig.tags);
        }
    });

    it("gives each region its own subnetwork with pod and service ranges", () => {
        const subnets = ofType(fleet.resources, "gcp:compute/subnetwork:Subnetwork");
        assert.deepStrictEqual(subnets.map((s) => [s.inputs.region, s.inputs.ipCidrRange]), [["us-central1", "10.0.0.0/20"], ["us-east4", "10.1.0.0/20"]]);
        assert.deepStrictEqual(subnets[0].inputs.secondaryIpRanges.map((r: any) => r.rangeName), ["pods", "services"]);
    });

    it("refuses a fleet of one region", async () => {
        await assert.rejects(evaluateDeclarations(() => (new GkeFleet("web", { ...args, regions: [args.regions[0]] }), {})), /at least two regions/);
    });
});
