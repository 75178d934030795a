import * as assert from "assert";
import { GkeClusters, GkeClustersArgs } from "../../components";
import { evaluateDeclarations, Evaluation } from "../../offline";
import { diffEvaluations } from "../../plan";
import { rejectsInput } from "../support/inputErrors";
import { ofType } from "../support/resources";

const args: GkeClustersArgs = {
    project: "p-123",
    regions: [
        { name: "us-central1", zones: ["us-central1-a"], index: 0 },
        { name: "us-east4", zones: ["us-east4-a"], index: 7 },
    ],
    nodePort: 30080,
};

const declare = (overrides: Partial<GkeClustersArgs> = {}): Promise<Evaluation> =>
    evaluateDeclarations(() => {
        new GkeClusters("web", { ...args, ...overrides });
        return {};
    });

describe("GkeClusters: what a later update may change", () => {
    it("ignores initialNodeCount on every node pool, so a new nodesPerZone never replaces a pool", async () => {
        const before = await declare({ nodesPerZone: 1 });
        const after = await declare({ nodesPerZone: 2 });
        for (const pool of ofType(after.resources, "gcp:container/nodePool:NodePool")) {
            assert.deepStrictEqual(pool.ignoreChanges, ["initialNodeCount"], pool.name);
        }
        assert.deepStrictEqual(diffEvaluations(before, after).updated, []);
    });

    it("takes each region's address ranges from its index, not its position", async () => {
        const fleet = await declare();
        const subnets = ofType(fleet.resources, "gcp:compute/subnetwork:Subnetwork");
        assert.deepStrictEqual(
            subnets.map((s) => [s.inputs.region, s.inputs.ipCidrRange]),
            [["us-central1", "10.0.0.0/20"], ["us-east4", "10.7.0.0/20"]],
        );
        const clusters = ofType(fleet.resources, "gcp:container/cluster:Cluster");
        assert.deepStrictEqual(clusters.map((c) => c.inputs.privateClusterConfig.masterIpv4CidrBlock), ["172.16.0.0/28", "172.16.7.0/28"]);
    });

    it("refuses two regions with the same index", () =>
        rejectsInput(declare({ regions: [args.regions[0], { ...args.regions[1], index: 0 }] }), "regions", /gives index 0 to more than one region/));

    it("refuses an index the address plan has no room for", () =>
        rejectsInput(declare({ regions: [args.regions[0], { ...args.regions[1], index: 60 }] }), "regions[1].index", /must be at most 59/));
});
