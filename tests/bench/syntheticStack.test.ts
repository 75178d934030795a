import * as assert from "assert";
import { syntheticRegionOverrides } from "../../bench/syntheticStack";
import { parseDrConfig } from "../../topology";
import { stackRawConfig } from "../support/stackConfig";

describe("the scaling benchmark's synthetic stack", () => {
    for (const count of [2, 16]) {
        it(`is valid config with ${count} GCP and ${count} Linode regions`, () => {
            const cfg = parseDrConfig(stackRawConfig("staging", syntheticRegionOverrides(count)));
            assert.deepStrictEqual([cfg.gcp.regions.length, cfg.linode.regions.length], [count, count]);
            assert.strictEqual(new Set(cfg.gcp.regions.map((r) => r.index)).size, count);
        });
    }
});
