import * as assert from "assert";
import { GkeClusters, GkeClustersArgs } from "../../components";
import { evaluateDeclarations, Evaluation } from "../../offline";
import { rejectsInput, rejectsInputs } from "../support/inputErrors";
import { ofType } from "../support/resources";

const args: GkeClustersArgs = {
    project: "p-123",
    regions: [
        { name: "us-central1", zones: ["us-central1-a", "us-central1-b"], index: 0 },
        { name: "us-east4", zones: ["us-east4-a"], index: 1 },
    ],
    nodePort: 30080,
    releaseChannel: "STABLE",
};

function declare(overrides: Partial<GkeClustersArgs> = {}): Promise<Evaluation> {
    return evaluateDeclarations(() => {
        const clusters = new GkeClusters("web", { ...args, ...overrides });
        return { clusterNames: clusters.clusterNames, instanceGroups: clusters.instanceGroups, nodeTag: clusters.nodeTag };
    });
}

describe("GkeClusters component", () => {
    let fleet: Evaluation;
    before(async () => {
        fleet = await declare();
    });

    it("declares one regional cluster per region: default pool removed, private nodes, workload identity, shielded nodes, release channel", () => {
        const clusters = ofType(fleet.resources, "gcp:container/cluster:Cluster");
        assert.deepStrictEqual(clusters.map((c) => c.inputs.location), ["us-central1", "us-east4"]);
        const masters = new Set<string>();
        for (const { inputs, parentType } of clusters) {
            assert.strictEqual(parentType, "multicloud-dr:gcp:GkeClusters");
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

    it("gives each cluster an autoscaled node pool of e2-standard-4 nodes with explicit zones, shielded and workload identity", () => {
        const pools = ofType(fleet.resources, "gcp:container/nodePool:NodePool");
        assert.deepStrictEqual(pools.map((p) => p.inputs.nodeLocations).sort(), [["us-central1-a", "us-central1-b"], ["us-east4-a"]]);
        for (const { inputs } of pools) {
            assert.deepStrictEqual(inputs.autoscaling, { minNodeCount: 1, maxNodeCount: 3 });
            assert.strictEqual(inputs.initialNodeCount, 1);
            assert.strictEqual(inputs.nodeConfig.machineType, "e2-standard-4");
            assert.deepStrictEqual(inputs.nodeConfig.tags, ["web-node"]);
            assert.strictEqual(inputs.nodeConfig.workloadMetadataConfig.mode, "GKE_METADATA");
            assert.strictEqual(inputs.nodeConfig.shieldedInstanceConfig.enableSecureBoot, true);
        }
        assert.strictEqual(fleet.outputs.nodeTag, "web-node");
    });

    it("runs every node pool as one dedicated service account holding only the default node role, bound before the pools", () => {
        const [account] = ofType(fleet.resources, "gcp:serviceaccount/account:Account");
        assert.strictEqual(account.inputs.accountId, "web-nodes");
        const members = ofType(fleet.resources, "gcp:projects/iAMMember:IAMMember");
        assert.deepStrictEqual(members.map((m) => [m.inputs.role, m.propertyDependencies.member]), [["roles/container.defaultNodeServiceAccount", [account.urn]]]);
        for (const pool of ofType(fleet.resources, "gcp:container/nodePool:NodePool")) {
            assert.deepStrictEqual(pool.propertyDependencies.nodeConfig, [account.urn]);
            assert.strictEqual(pool.inputs.nodeConfig.serviceAccount, account.outputs.email);
            assert.deepStrictEqual(pool.inputs.nodeConfig.oauthScopes, ["https://www.googleapis.com/auth/cloud-platform"]);
            assert.ok(pool.dependencies.includes(members[0].urn), "the pool waits for the role binding");
        }
    });

    it("admits no network to the control plane unless told, then exactly the given ones", async () => {
        for (const cluster of ofType(fleet.resources, "gcp:container/cluster:Cluster")) {
            assert.deepStrictEqual(cluster.inputs.masterAuthorizedNetworksConfig, { cidrBlocks: [] });
        }
        const open = await declare({ authorizedNetworks: ["203.0.113.0/24"] });
        for (const cluster of ofType(open.resources, "gcp:container/cluster:Cluster")) {
            assert.deepStrictEqual(cluster.inputs.masterAuthorizedNetworksConfig.cidrBlocks, [{ cidrBlock: "203.0.113.0/24", displayName: "203.0.113.0/24" }]);
        }
    });

    it("names the node port on every zonal instance group and exposes those groups per region", () => {
        const ports = ofType(fleet.resources, "gcp:compute/instanceGroupNamedPort:InstanceGroupNamedPort");
        assert.deepStrictEqual(ports.map((p) => p.inputs.zone).sort(), ["us-central1-a", "us-central1-b", "us-east4-a"]);
        for (const p of ports) {
            assert.strictEqual(p.inputs.port, 30080);
            assert.strictEqual(p.inputs.name, "http");
            assert.match(p.inputs.group, new RegExp(`/zones/${p.inputs.zone}/instanceGroups/`));
        }
        const groups = fleet.outputs.instanceGroups as Record<string, string[]>;
        assert.deepStrictEqual(Object.keys(groups), ["us-central1", "us-east4"]);
        assert.deepStrictEqual(Object.values(groups).flat().sort(), ports.map((p) => p.inputs.group).sort());
    });

    it("names the agent's NodePort too, on the same groups, when given", async () => {
        const withAgent = await declare({ agentNodePort: 30081 });
        const ports = ofType(withAgent.resources, "gcp:compute/instanceGroupNamedPort:InstanceGroupNamedPort");
        const agent = ports.filter((p) => p.inputs.name === "agent");
        assert.deepStrictEqual(agent.map((p) => [p.inputs.zone, p.inputs.port]).sort(), [["us-central1-a", 30081], ["us-central1-b", 30081], ["us-east4-a", 30081]]);
        assert.deepStrictEqual(agent.map((p) => p.inputs.group).sort(), ports.filter((p) => p.inputs.name === "http").map((p) => p.inputs.group).sort());
    });

    it("gives each region its own subnetwork with pod and service ranges", () => {
        const subnets = ofType(fleet.resources, "gcp:compute/subnetwork:Subnetwork");
        assert.deepStrictEqual(subnets.map((s) => [s.inputs.region, s.inputs.ipCidrRange]), [["us-central1", "10.0.0.0/20"], ["us-east4", "10.1.0.0/20"]]);
        assert.deepStrictEqual(subnets[0].inputs.secondaryIpRanges.map((r: any) => r.rangeName), ["pods", "services"]);
    });

    it("declares no load balancing: that is GlobalLoadBalancer's job", () => {
        assert.deepStrictEqual(ofType(fleet.resources, "gcp:compute/backendService:BackendService"), []);
        assert.deepStrictEqual(ofType(fleet.resources, "gcp:compute/firewall:Firewall"), []);
    });

    describe("refuses bad args, naming the property", () => {
        it("one region", () => rejectsInput(declare({ regions: [args.regions[0]] }), "regions", /at least 2 GCP regions/));
        it("a zone of another region", () =>
            rejectsInput(declare({ regions: [args.regions[0], { name: "us-east4", zones: ["us-east4-a", "us-west1-a"], index: 1 }] }), "regions[1].zones", /"us-west1-a", which is not a zone of us-east4/));
        it("a zone given as a region", () =>
            rejectsInput(declare({ regions: [{ name: "us-central1-a", zones: ["us-central1-a-a"], index: 0 }, args.regions[1]] }), "regions[0].name", /a region, not a zone/));
        it("a region listed twice", () => rejectsInput(declare({ regions: [args.regions[0], { ...args.regions[0], index: 1 }] }), "regions", /"us-central1" more than once/));
        it("a node port outside the NodePort range", () => rejectsInput(declare({ nodePort: 8080 }), "nodePort", /at least 30000/));
        it("an unknown release channel", () => rejectsInput(declare({ releaseChannel: "NIGHTLY" }), "releaseChannel", /one of RAPID, REGULAR/));
        it("a control plane open to the whole internet", () => rejectsInput(declare({ authorizedNetworks: ["0.0.0.0/0"] }), "authorizedNetworks[0]", /whole internet/));
        it("several at once", () => rejectsInputs(declare({ nodePort: 80, nodesPerZone: 9 }), ["nodePort", "nodesPerZone"]));
    });
});
