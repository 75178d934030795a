import * as assert from "assert";
import { ResourceUpdate, StackDiff, verdictOf } from "../../plan";
import { ruleForPath } from "../../plan/replacementRules";

const update = (type: string, name: string, paths: string[], stateful = false, catalogued = true): ResourceUpdate => {
    const changes = paths.map((path) => ({ path, before: "a", after: "b", beforePlaceholder: false, afterPlaceholder: false, ...(ruleForPath(type, path) ? { rule: ruleForPath(type, path)! } : {}) }));
    return { urn: `urn:${name}`, type, name, stateful, catalogued, action: changes.some((c) => c.rule?.effect === "replace") ? "replace" : "update", changes };
};
const diffOf = (fields: Partial<StackDiff>): StackDiff => ({ created: [], deleted: [], updated: [], outputs: [], ...fields });

describe("plan: verdict", () => {
    it("calls in-place value changes of records and parameters a safe flip", () => {
        const verdict = verdictOf(
            diffOf({
                updated: [update("aws:route53/record:Record", "primary", ["records[0]", "healthCheckId"]), update("aws:ssm/parameter:Parameter", "p", ["insecureValue"])],
            }),
        );
        assert.deepStrictEqual(verdict, { label: "safe flip", safe: true, reasons: [] });
    });

    it("says no change when nothing differs", () => {
        assert.deepStrictEqual(verdictOf(diffOf({})), { label: "no change", safe: true, reasons: [] });
    });

    it("is unsafe when a resource is created or deleted", () => {
        const ref = { urn: "urn:x", type: "gcp:container/cluster:Cluster", name: "c", stateful: true };
        const verdict = verdictOf(diffOf({ created: [ref], deleted: [{ ...ref, name: "d" }] }));
        assert.strictEqual(verdict.safe, false);
        assert.deepStrictEqual(verdict.reasons, ['creates gcp:container/cluster:Cluster "c"', 'deletes gcp:container/cluster:Cluster "d"']);
    });

    it("is unsafe when a property forces replacement, naming the property and its source", () => {
        const verdict = verdictOf(diffOf({ updated: [update("aws:route53/record:Record", "primary", ["setIdentifier"])] }));
        assert.strictEqual(verdict.label, "unsafe");
        assert.match(verdict.reasons[0], /^replaces aws:route53\/record:Record "primary": setIdentifier forces replacement \(hashicorp\/terraform-provider-aws/);
    });

    it("is unsafe when a stateful resource changes even in place", () => {
        const verdict = verdictOf(diffOf({ updated: [update("aws:route53/healthCheck:HealthCheck", "hc", ["ipAddress"], true)] }));
        assert.deepStrictEqual(verdict.reasons, ['changes stateful aws:route53/healthCheck:HealthCheck "hc" (ipAddress)']);
    });

    it("is unsafe when a record's failover type changes", () => {
        const verdict = verdictOf(diffOf({ updated: [update("aws:route53/record:Record", "primary", ["failoverRoutingPolicies[0].type"])] }));
        assert.strictEqual(verdict.safe, false);
        assert.match(verdict.reasons[0], /^changes failoverRoutingPolicies\[0\]\.type of aws:route53\/record:Record "primary"/);
    });

    it("is unsafe when a type missing from the replacement table changes", () => {
        const verdict = verdictOf(diffOf({ updated: [update("gcp:compute/backendService:BackendService", "b", ["backends[0].capacityScaler"], false, false)] }));
        assert.deepStrictEqual(verdict.reasons, ['changes gcp:compute/backendService:BackendService "b", a type with no entry in the replacement table']);
    });
});
