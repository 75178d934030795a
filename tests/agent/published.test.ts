import * as assert from "node:assert/strict";
import { parsePublished } from "../../agent/published";
import { SITES as AGENT_SITES } from "../../agent/sites";
import { parseDrConfig, publishedActiveSite, rawConfigOf, readStackConfig, SITES, withOverrides } from "../../topology";

describe("agent: the published active-site value", () => {
    it("parses what the program publishes for each active site", () => {
        for (const activeSite of SITES) {
            const cfg = parseDrConfig(rawConfigOf(withOverrides(readStackConfig("staging").values, { activeSite })));
            // The component publishes JSON.stringify of this object (components/activeSiteParameters.ts).
            assert.deepEqual(parsePublished(JSON.stringify(publishedActiveSite(cfg))), { activeSite, writeRegion: cfg.writeRegions[activeSite], epoch: 0 });
        }
    });

    it("knows the same sites as the program", () => {
        assert.deepEqual([...AGENT_SITES], [...SITES]);
    });

    it("accepts a fencing epoch", () => {
        assert.deepEqual(parsePublished('{"activeSite":"linode","writeRegion":"eu-west-1","epoch":7}'), { activeSite: "linode", writeRegion: "eu-west-1", epoch: 7 });
    });

    const bad: Array<[string, RegExp]> = [
        ["", /not JSON/],
        ["gcp", /not JSON/],
        ['["gcp","us-east-1"]', /not a JSON object/],
        ["null", /not a JSON object/],
        ['{"activeSite":"aws","writeRegion":"us-east-1"}', /activeSite must be/],
        ['{"writeRegion":"us-east-1"}', /activeSite must be/],
        ['{"activeSite":"gcp"}', /writeRegion must be an AWS region/],
        ['{"activeSite":"gcp","writeRegion":"US-EAST-1"}', /writeRegion must be an AWS region/],
        ['{"activeSite":"gcp","writeRegion":"us-east-1","epoch":-1}', /epoch must be/],
        ['{"activeSite":"gcp","writeRegion":"us-east-1","epoch":"3"}', /epoch must be/],
        ['{"activeSite":"gcp","writeRegion":"us-east-1","linodeActiveRegion":"eu-central"}', /unexpected key\(s\) linodeActiveRegion/],
    ];
    for (const [text, problem] of bad) {
        it(`rejects ${text === "" ? "an empty value" : text}`, () => {
            assert.throws(() => parsePublished(text), problem);
        });
    }
});
