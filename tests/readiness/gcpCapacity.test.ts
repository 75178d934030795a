import * as assert from "assert";
import { gcpCapacityOutcome, requiredHealthyBackends, servingRegions } from "../../automation/readiness";
import { estateOutputs } from "../../automation/stackState";
import { GcpConfig, parseDrConfig, rawConfigOf, readStackConfig } from "../../topology";

const prodGcp = (): GcpConfig => parseDrConfig(rawConfigOf(readStackConfig("prod").values)).gcp;
const group = (zone: string, healthy: number, total: number) => ({ group: `https://www.googleapis.com/compute/v1/projects/p/zones/${zone}/instanceGroups/grp-${zone}`, healthy, total });

describe("GCP standby capacity: what config requires of each serving region (pure)", () => {
    it("prod: gcp.minNodesPerZone (1) on each zone, not gcp.nodesPerZone (2, the pool's initial size only)", () => {
        const gcp = prodGcp();
        assert.deepStrictEqual([gcp.nodesPerZone, gcp.minNodesPerZone], [2, 1], "Pulumi.prod.yaml as this test reads it");
        assert.deepStrictEqual(gcp.regions.map((r) => [r.name, requiredHealthyBackends(gcp, r)]), [["us-central1", 3], ["us-east4", 3], ["us-west1", 2]]);
    });

    it("never fewer than one healthy backend, even when the autoscaler may empty every zone (minNodesPerZone 0)", () => {
        const gcp = { ...prodGcp(), minNodesPerZone: 0 };
        assert.deepStrictEqual(gcp.regions.map((r) => requiredHealthyBackends(gcp, r)), [1, 1, 1]);
    });

    it("a drained region (capacity 0) needs nothing and is named in the evidence; the others are judged on their totals", () => {
        const base = prodGcp();
        const gcp = { ...base, regions: base.regions.map((r) => (r.name === "us-west1" ? { ...r, capacity: 0 } : r)) };
        assert.deepStrictEqual(servingRegions(gcp).serving.map((r) => r.name), ["us-central1", "us-east4"]);
        const outcome = gcpCapacityOutcome(gcp, [
            { region: "us-central1", groups: [group("us-central1-a", 1, 1), group("us-central1-b", 2, 2), group("us-central1-c", 0, 1)] },
            { region: "us-east4", groups: [group("us-east4-a", 1, 1), group("us-east4-b", 0, 1), group("us-east4-c", 1, 1)] },
        ]);
        assert.deepStrictEqual([outcome.verdict, outcome.detail], ["fail", "gcp us-east4: 2 healthy backend(s) of 3 node(s), config needs 3 (gcp.minNodesPerZone 1 x 3 zone(s))"]);
        assert.deepStrictEqual(outcome.evidence, [
            "gcp us-central1: 3 of 4 node(s) HEALTHY (config: at least 3, gcp.minNodesPerZone 1 x 3 zone(s))",
            "  us-central1-a/grp-us-central1-a: 1 of 1 HEALTHY",
            "  us-central1-b/grp-us-central1-b: 2 of 2 HEALTHY",
            "  us-central1-c/grp-us-central1-c: 0 of 1 HEALTHY",
            "gcp us-east4: 2 of 3 node(s) HEALTHY (config: at least 3, gcp.minNodesPerZone 1 x 3 zone(s))",
            "  us-east4-a/grp-us-east4-a: 1 of 1 HEALTHY",
            "  us-east4-b/grp-us-east4-b: 0 of 1 HEALTHY",
            "  us-east4-c/grp-us-east4-c: 1 of 1 HEALTHY",
            "gcp us-west1: drained (capacity 0), not counted",
        ]);
    });

    it("passes at exactly the required count, with each region's count in the detail", () => {
        const gcp = prodGcp();
        const outcome = gcpCapacityOutcome(gcp, [
            { region: "us-central1", groups: [group("us-central1-a", 1, 1), group("us-central1-b", 1, 1), group("us-central1-c", 1, 1)] },
            { region: "us-east4", groups: [group("us-east4-a", 3, 3)] },
            { region: "us-west1", groups: [group("us-west1-a", 1, 1), group("us-west1-b", 1, 2)] },
        ]);
        assert.deepStrictEqual([outcome.verdict, outcome.detail], ["pass", "gcp: every serving region has its configured backends healthy (us-central1 3 of 3, us-east4 3 of 3, us-west1 2 of 2)"]);
    });

    it("the gcpBackends output is read only when whole: a project, a backend service and at least one region's group URLs", () => {
        const whole = { project: "p", backendService: "dr-prod-backend-1", instanceGroups: { "us-east4": ["https://g/a", "https://g/b"] } };
        assert.deepStrictEqual(estateOutputs({ gcpBackends: whole }).gcpBackends, whole);
        for (const broken of [undefined, "x", { ...whole, project: "" }, { ...whole, backendService: 7 }, { ...whole, instanceGroups: {} }, { ...whole, instanceGroups: { "us-east4": "https://g/a" } }]) {
            assert.strictEqual(estateOutputs({ gcpBackends: broken }).gcpBackends, undefined, JSON.stringify(broken));
        }
        assert.deepStrictEqual(estateOutputs({ gcpBackends: { ...whole, instanceGroups: { "us-east4": ["https://g/a"], bad: [1] } } }).gcpBackends?.instanceGroups, { "us-east4": ["https://g/a"] });
    });
});
