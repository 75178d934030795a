import * as assert from "assert";
import * as path from "path";
import { evaluateDeclarations, offlineStackConfig } from "../../offline";
import { ConfigError, PROJECT_ROOT } from "../../topology";

/** Runs the real index.ts with a config override and returns the error it stopped with and what it declared. */
async function runProgram(overrides: Record<string, string>) {
    const { config, secretKeys } = offlineStackConfig("staging", overrides);
    let error: unknown;
    const evaluation = await evaluateDeclarations(
        () => {
            const program = require.resolve(path.join(PROJECT_ROOT, "index"));
            delete require.cache[program];
            try {
                require(program);
            } catch (err) {
                error = err;
            }
            return {};
        },
        { config, secretKeys, stack: "staging" },
    );
    return { error, declared: evaluation.resources.length };
}

describe("the program with bad config", () => {
    const cases: [string, Record<string, string>, RegExp][] = [
        ["an unknown site", { activeSite: "azure" }, /activeSite/],
        ["a Linode active region outside the stack", { linodeActiveRegion: "ap-south" }, /linodeActiveRegion/],
        ["a replica in the home region", { "table.replicaRegions": '["us-east-1"]' }, /replicaRegions/],
        ["a write region with no replica", { "writeRegions.gcp": "ca-central-1" }, /writeRegions\.gcp/],
        ["a TTL Linode does not keep", { "dns.ttl": "50" }, /dns\.ttl/],
        ["a Route 53 interval of 20", { "healthCheck.intervalSeconds": "20" }, /intervalSeconds/],
        ["one GCP region", { "gcp.regions": '[{"name":"us-east4","zones":["us-east4-a"]}]' }, /gcp\.regions/],
        ["zero Linode instances", { "linode.instancesPerRegion": "0" }, /instancesPerRegion/],
    ];
    for (const [what, overrides, key] of cases) {
        it(`fails on ${what} before declaring any resource`, async () => {
            const { error, declared } = await runProgram(overrides);
            assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${error}`);
            assert.match(error.message, key);
            assert.strictEqual(declared, 0);
        });
    }

    it("declares the estate when the same config is valid (the harness can see declarations)", async () => {
        const { error, declared } = await runProgram({});
        assert.strictEqual(error, undefined);
        assert.ok(declared > 50);
    });
});
