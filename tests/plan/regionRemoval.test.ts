import * as assert from "assert";
import { runPlanCommand } from "../../cli/planCommand";
import { PlanJson } from "../../plan";
import { parseDrConfig, rawConfigOf, readStackConfig } from "../../topology";
import { cachedEvaluate } from "../support/cachedEvaluations";

const ADDRESSED = ["gcp:container/cluster:Cluster", "gcp:compute/subnetwork:Subnetwork"];

describe("plan: removing a GCP region from the middle of the list (prod)", () => {
    const regions = parseDrConfig(rawConfigOf(readStackConfig("prod").values)).gcp.regions;
    const [first, middle, last] = regions;
    let plan: PlanJson;
    before(async () => {
        assert.strictEqual(regions.length, 3, "prod lists three GCP regions");
        const kept = [first, last].map(({ name, zones, index }) => ({ name, zones, index }));
        plan = (await runPlanCommand({ stack: "prod", set: [`gcp.regions=${JSON.stringify(kept)}`] }, { evaluate: cachedEvaluate, policyRunner: null })).plan;
    });

    it("deletes that region's resources, and only those", () => {
        const deleted = plan.change!.deleted;
        assert.ok(deleted.some((r) => r.type === "gcp:container/cluster:Cluster"), "its cluster is deleted");
        assert.deepStrictEqual(deleted.filter((r) => !r.name.includes(middle.name)).map((r) => r.name), []);
        assert.deepStrictEqual(plan.change!.created, []);
    });

    it("changes no other region's cluster or subnetwork (their address ranges stay)", () => {
        const touched = plan.change!.updated.filter((u) => ADDRESSED.includes(u.type));
        assert.deepStrictEqual(touched.map((u) => `${u.name}: ${u.changes.map((c) => c.path).join(", ")}`), []);
    });
});
