import * as assert from "assert";
import { rejectsInput } from "../support/inputErrors";
import { GlobalTable, GlobalTableArgs } from "../../components";
import { evaluateDeclarations } from "../../offline";
import { ofType } from "../support/resources";

const args: GlobalTableArgs = {
    tableName: "orders",
    hashKey: "pk",
    attributes: [{ name: "pk", type: "S" }],
    homeRegion: "us-east-1",
    replicaRegions: ["us-west-2", "us-east-2"],
};

async function tableInputs(overrides: Partial<GlobalTableArgs>): Promise<Record<string, any>> {
    const { resources } = await evaluateDeclarations(() => (new GlobalTable("orders", { ...args, ...overrides }), {}));
    return ofType(resources, "aws:dynamodb/table:Table")[0].inputs;
}

const declare = (overrides: Partial<GlobalTableArgs>) => evaluateDeclarations(() => (new GlobalTable("orders", { ...args, ...overrides }), {}));

describe("GlobalTable component: consistency", () => {
    it("leaves consistencyMode and the witness unset by default (eventual)", async () => {
        const t = await tableInputs({});
        assert.deepStrictEqual(t.replicas.map((r: any) => r.consistencyMode), [undefined, undefined]);
        assert.strictEqual(t.globalTableWitness, undefined);
    });

    it("strong with two replicas: every replica STRONG, no witness", async () => {
        const t = await tableInputs({ consistency: "strong" });
        assert.deepStrictEqual(t.replicas.map((r: any) => [r.regionName, r.consistencyMode]), [["us-west-2", "STRONG"], ["us-east-2", "STRONG"]]);
        assert.strictEqual(t.globalTableWitness, undefined);
    });

    it("strong with one replica and a witness: the replica STRONG, the witness declared", async () => {
        const t = await tableInputs({ consistency: "strong", replicaRegions: ["us-east-2"], witnessRegion: "us-west-2" });
        assert.deepStrictEqual(t.replicas.map((r: any) => [r.regionName, r.consistencyMode]), [["us-east-2", "STRONG"]]);
        assert.deepStrictEqual(t.globalTableWitness, { regionName: "us-west-2" });
    });

    it("refuses a witness in eventual mode", () => rejectsInput(declare({ replicaRegions: ["us-east-2"], witnessRegion: "us-west-2" }), "witnessRegion", /only used with consistency strong/));
    it("refuses strong with one replica and no witness", () => rejectsInput(declare({ consistency: "strong", replicaRegions: ["us-east-2"] }), "replicaRegions", /exactly 3 regions/));
    it("refuses a witness that holds the table", () =>
        rejectsInput(declare({ consistency: "strong", replicaRegions: ["us-east-2"], witnessRegion: "us-east-1" }), "witnessRegion", /must not be a region that holds the table/));
    it("refuses a replica outside the home region's set", () =>
        rejectsInput(declare({ consistency: "strong", replicaRegions: ["us-west-2", "eu-west-1"] }), "replicaRegions", /eu-west-1 is not in the home region's strong-consistency set/));
});
