import * as assert from "assert";
import { checkSafePreview } from "../../automation/rules/safePreview";
import { PreviewReport } from "../../automation/stackAdapter";
import { RecordedResource } from "../../offline";
import { diffEvaluations, replacementTable, rulesFor, verdictOf } from "../../plan";
import { flipTouches } from "../../topology";

// Written from docs/ARCHITECTURE.md ("The failover switch"), not from the code: the only properties a flip may change.
const FLIP_PROPERTIES: Record<string, string[]> = {
    "aws:route53/record:Record": ["records", "healthCheckId"],
    "aws:ssm/parameter:Parameter": ["value", "insecureValue"],
    "linode:index/domainRecord:DomainRecord": ["target"],
};
// In-place changes of a flip's types that are still not a flip.
const IN_PLACE_NON_FLIP: [string, string][] = [
    ["aws:route53/record:Record", "ttl"],
    ["aws:ssm/parameter:Parameter", "description"],
    ["linode:index/domainRecord:DomainRecord", "ttlSec"],
];

const expectedSafe = (type: string, property: string) => FLIP_PROPERTIES[type]?.includes(property) === true;

function resource(type: string, inputs: Record<string, unknown>): RecordedResource {
    return {
        type, name: "r", urn: `urn:pulumi:staging::multicloud-dr::${type}::r`, custom: true, inputs, outputs: inputs,
        placeholders: [], dependencies: [], propertyDependencies: {}, protect: false,
    };
}

/** The offline plan's verdict on one property of one resource changing from "a" to "b". */
function offlineSafe(type: string, property: string): boolean {
    const before = { stack: "staging", resources: [resource(type, { [property]: "a" })], outputs: {} };
    const after = { stack: "staging", resources: [resource(type, { [property]: "b" })], outputs: {} };
    return verdictOf(diffEvaluations(before, after)).safe;
}

/** The live check on the preview step the engine would report for the same change. */
function liveSafe(type: string, property: string): boolean {
    const replaces = rulesFor(type)?.rules.some((r) => r.property === property && r.effect === "replace") === true;
    const op = replaces ? "replace" : "update";
    const report: PreviewReport = {
        changeSummary: { same: 10, [op]: 1 },
        steps: [{ op, type, urn: `urn:pulumi:staging::multicloud-dr::${type}::r`, replaces: replaces ? [property] : [], diffs: [property] }],
    };
    return checkSafePreview(report).ok;
}

describe("one definition of a safe flip: the live check and the offline verdict agree", () => {
    const cases: [string, string][] = [
        ...replacementTable().flatMap((entry) => entry.rules.map((r): [string, string] => [entry.type, r.property])),
        ...Object.entries(FLIP_PROPERTIES).flatMap(([type, properties]) => properties.map((p): [string, string] => [type, p])),
        ...IN_PLACE_NON_FLIP,
        ["gcp:compute/backendService:BackendService", "backends"],
    ];
    for (const [type, property] of cases) {
        it(`${type} ${property}: ${expectedSafe(type, property) ? "safe" : "unsafe"}`, () => {
            assert.strictEqual(offlineSafe(type, property), expectedSafe(type, property), "offline verdict");
            assert.strictEqual(liveSafe(type, property), expectedSafe(type, property), "live check");
        });
    }

    it("reads the engine's detailed diff paths (records[0]) as the property they lie under", () => {
        const report: PreviewReport = {
            changeSummary: { update: 1 },
            steps: [{ op: "update", type: "aws:route53/record:Record", urn: "urn:x::r", replaces: [], diffs: ["records", "records[0]", "failoverRoutingPolicies[0].type"] }],
        };
        assert.match(checkSafePreview(report).message, /changes failoverRoutingPolicies\[0\]\.type/);
    });

    it("refuses an update whose changed properties the engine did not report", () => {
        const report: PreviewReport = { changeSummary: { update: 1 }, steps: [{ op: "update", type: "aws:route53/record:Record", urn: "urn:x::r", replaces: [], diffs: [] }] };
        assert.strictEqual(checkSafePreview(report).ok, false);
    });

    it("lets a flip touch only types whose in-place updates the replacement table documents", () => {
        for (const type of flipTouches().keys()) {
            assert.ok(rulesFor(type), `${type} has no entry in the replacement table`);
        }
    });
});
