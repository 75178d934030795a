import * as assert from "assert";
import { previewView } from "../../plan";
import { cachedEvaluate } from "../support/cachedEvaluations";

describe("plan: the preview view of one evaluation", () => {
    const cases: [string, Record<string, string>][] = [
        ["staging", {}],
        ["prod", {}],
        ["staging", { activeSite: "linode" }],
    ];
    for (const [stack, overrides] of cases) {
        it(`is what a preview-mode run of ${stack} ${JSON.stringify(overrides)} declares, resource by resource`, async () => {
            const placeholders = await cachedEvaluate(stack, { overrides });
            const preview = await cachedEvaluate(stack, { overrides, preview: true });
            // Registration order differs between runs (resources wait on different outputs); the URN is the identity.
            const derived = new Map(previewView(placeholders.resources).map((r) => [r.urn, r]));
            assert.deepStrictEqual([...derived.keys()].sort(), preview.resources.map((r) => r.urn).sort());
            for (const resource of preview.resources) {
                assert.deepStrictEqual(derived.get(resource.urn), resource, resource.urn);
            }
        });
    }
});
