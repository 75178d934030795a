import * as assert from "assert";
import { Evaluation } from "../../offline";
import { cachedEvaluate } from "../support/cachedEvaluations";
import { formatFinding, mandatoryFindings, runPolicies } from "../../policy/runInProcess";

/** The whole pack over the real program's resources, captured under mocks as a first `pulumi preview` sees them. */
describe("policy: the real stacks (preview captures)", () => {
    const captures: Record<string, Evaluation> = {};
    before(async () => {
        for (const stack of ["staging", "prod"]) {
            captures[stack] = await cachedEvaluate(stack, { preview: true });
        }
    });

    for (const stack of ["staging", "prod"]) {
        it(`${stack}: no mandatory violation`, async () => {
            const findings = await runPolicies(captures[stack].resources);
            assert.deepStrictEqual(mandatoryFindings(findings).map(formatFinding), []);
        });
    }

    it("staging without its NodeBalancer nodes: every Linode instance is flagged, so the relationships are really checked", async () => {
        const resources = captures.staging.resources.filter((r) => r.type !== "linode:index/nodeBalancerNode:NodeBalancerNode");
        const instances = resources.filter((r) => r.type === "linode:index/instance:Instance");
        const flagged = (await runPolicies(resources)).filter((f) => f.policyName === "linode-instance-behind-nodebalancer");
        assert.ok(instances.length > 0);
        assert.deepStrictEqual(flagged.map((f) => f.urn).sort(), instances.map((r) => r.urn).sort());
    });

    it("prod with both failover records on one health check: flagged by failover-target-health-check", async () => {
        const resources = structuredClone(captures.prod.resources);
        const records = resources.filter((r) => r.type === "aws:route53/record:Record" && r.inputs.failoverRoutingPolicies);
        assert.strictEqual(records.length, 2);
        records[1].propertyDependencies.healthCheckId = [...records[0].propertyDependencies.healthCheckId];
        const names = (await runPolicies(resources)).map((f) => f.policyName);
        assert.ok(names.includes("failover-target-health-check"), names.join(", "));
    });
});
