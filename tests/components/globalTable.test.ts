import * as assert from "assert";
import { rejectsInput } from "../support/inputErrors";
import { GlobalTable, GlobalTableArgs } from "../../components";
import { evaluateDeclarations } from "../../offline";
import { ofType } from "../support/resources";

const args: GlobalTableArgs = {
    tableName: "orders",
    hashKey: "pk",
    rangeKey: "sk",
    attributes: [{ name: "pk", type: "S" }, { name: "sk", type: "S" }],
    homeRegion: "us-east-1",
    replicaRegions: ["us-west-2", "eu-west-1"],
    tags: { team: "platform" },
};

describe("GlobalTable component", () => {
    it("declares one table with replicas, streams, PITR everywhere, deletion protection and encryption", async () => {
        const { resources, outputs } = await evaluateDeclarations(() => {
            const table = new GlobalTable("orders", args);
            return { regions: table.regions, arn: table.arn };
        });
        const [table] = ofType(resources, "aws:dynamodb/table:Table");
        assert.strictEqual(ofType(resources, "aws:dynamodb/table:Table").length, 1);
        assert.strictEqual(table.name, "orders-table");
        assert.strictEqual(table.parentType, "multicloud-dr:data:GlobalTable");
        const t = table.inputs;
        assert.strictEqual(t.name, "orders");
        assert.strictEqual(t.region, "us-east-1");
        assert.strictEqual(t.billingMode, "PAY_PER_REQUEST");
        assert.strictEqual(t.streamEnabled, true);
        assert.strictEqual(t.streamViewType, "NEW_AND_OLD_IMAGES");
        assert.deepStrictEqual(t.pointInTimeRecovery, { enabled: true });
        assert.strictEqual(t.deletionProtectionEnabled, true);
        assert.deepStrictEqual(t.serverSideEncryption, { enabled: true });
        assert.deepStrictEqual(t.replicas.map((r: any) => [r.regionName, r.pointInTimeRecovery]), [["us-west-2", true], ["eu-west-1", true]]);
        assert.deepStrictEqual(t.tags, { team: "platform" });
        assert.strictEqual(table.protect, false);
        assert.deepStrictEqual(outputs.regions, ["us-east-1", "us-west-2", "eu-west-1"]);
        assert.match(String(outputs.arn), /^arn:aws:dynamodb:us-east-1:\d{12}:table\/orders$/);
    });

    it("protects the table when asked (prod)", async () => {
        const { resources } = await evaluateDeclarations(() => (new GlobalTable("orders", { ...args, protect: true }), {}));
        assert.strictEqual(ofType(resources, "aws:dynamodb/table:Table")[0].protect, true);
    });

    const declare = (overrides: Partial<GlobalTableArgs>) => evaluateDeclarations(() => (new GlobalTable("orders", { ...args, ...overrides }), {}));

    it("refuses a replica in the home region", () => rejectsInput(declare({ replicaRegions: ["us-east-1"] }), "replicaRegions", /must not include the home region us-east-1/));
    it("refuses a replica region listed twice", () => rejectsInput(declare({ replicaRegions: ["us-west-2", "us-west-2"] }), "replicaRegions", /"us-west-2" more than once/));
    it("refuses a table with no replica", () => rejectsInput(declare({ replicaRegions: [] }), "replicaRegions", /at least one replica region/));
    it("refuses a key that is not a declared attribute", () => rejectsInput(declare({ rangeKey: "ts" }), "rangeKey", /must be one of the attributes/));
    it("refuses PROVISIONED billing, which it sets no capacity for", () =>
        rejectsInput(declare({ billingMode: "PROVISIONED" as "PAY_PER_REQUEST" }), "billingMode", /must be PAY_PER_REQUEST: the program sets no read\/write capacity/));
});
