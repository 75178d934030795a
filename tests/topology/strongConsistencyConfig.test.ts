import * as assert from "assert";
import { ConfigError, parseDrConfig } from "../../topology";
import { stackRawConfig } from "../support/stackConfig";

const parseWith = (overrides: Record<string, string>) => parseDrConfig(stackRawConfig("staging", overrides));

function assertConfigError(overrides: Record<string, string>, key: string, allowed: RegExp): void {
    assert.throws(
        () => parseWith(overrides),
        (err: unknown) => err instanceof ConfigError && err.key === `multicloud-dr:${key}` && err.message.includes(key) && allowed.test(err.message),
    );
}

const strong = { "table.consistency": "strong" };
/** Staging with one replica; the GCP site writes in the home region, which still holds the table. */
const oneReplica = { ...strong, "table.replicaRegions": '["us-east-2"]', "writeRegions.gcp": "us-east-1" };

describe("stack config: table.consistency", () => {
    it("defaults to eventual, with no witness", () => {
        const { table } = parseWith({});
        assert.strictEqual(table.consistency, "eventual");
        assert.strictEqual(table.witnessRegion, undefined);
    });

    it("prod runs strong on the US set with no witness; staging stays eventual", () => {
        const prod = parseDrConfig(stackRawConfig("prod")).table;
        assert.deepStrictEqual([prod.consistency, prod.witnessRegion, prod.regions], ["strong", undefined, ["us-east-1", "us-west-2", "us-east-2"]]);
        assert.strictEqual(parseDrConfig(stackRawConfig("staging")).table.consistency, "eventual");
    });

    it("accepts strong on three US regions (staging's home and two replicas)", () => {
        assert.strictEqual(parseWith(strong).table.consistency, "strong");
    });

    it("accepts strong on home, one replica and a witness of the same set", () => {
        const { table } = parseWith({ ...oneReplica, "table.witnessRegion": "us-west-2" });
        assert.strictEqual(table.witnessRegion, "us-west-2");
        assert.deepStrictEqual(table.regions, ["us-east-1", "us-east-2"]);
    });

    it("accepts an EU set", () => {
        const eu = { ...strong, "table.homeRegion": "eu-west-1", "table.replicaRegions": '["eu-west-2","eu-central-1"]', "writeRegions.gcp": "eu-west-2", "writeRegions.linode": "eu-central-1" };
        assert.deepStrictEqual(parseWith(eu).table.regions, ["eu-west-1", "eu-west-2", "eu-central-1"]);
    });

    describe("refuses", () => {
        it("an unknown mode", () => assertConfigError({ "table.consistency": "STRONG" }, "table.consistency", /must be one of eventual, strong/));
        it("a witness in eventual mode", () => assertConfigError({ "table.witnessRegion": "us-west-1" }, "table.witnessRegion", /only used with table.consistency strong/));
        it("a witness that is not an AWS region", () => assertConfigError({ ...oneReplica, "table.witnessRegion": "west" }, "table.witnessRegion", /must be an AWS region/));
        it("one replica and no witness", () =>
            assertConfigError(oneReplica, "table.replicaRegions", /exactly 3 regions.*\(this table has 2\)/));
        it("two replicas and a witness", () => assertConfigError({ ...strong, "table.witnessRegion": "us-west-1" }, "table.witnessRegion", /exactly 3 regions.*\(this table has 4\)/));
        it("a witness that holds the table", () => assertConfigError({ ...oneReplica, "table.witnessRegion": "us-east-2" }, "table.witnessRegion", /must not be a region that holds the table \(us-east-1, us-east-2\)/));
        it("a witness outside the home region's set", () =>
            assertConfigError({ ...oneReplica, "table.witnessRegion": "eu-west-1" }, "table.witnessRegion", /must be in the home region's strong-consistency set \(us-east-1, us-east-2, us-west-2\)/));
        it("a replica outside the home region's set", () =>
            assertConfigError({ ...strong, "table.replicaRegions": '["us-west-2","us-west-1"]' }, "table.replicaRegions", /us-west-1 is not in the home region's strong-consistency set/));
        it("a home region in no set", () =>
            assertConfigError({ ...strong, "table.homeRegion": "sa-east-1" }, "table.homeRegion", /must be in a region set that offers strong consistency \(US: us-east-1, us-east-2, us-west-2; EU: /));
    });
});
