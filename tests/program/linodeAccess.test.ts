import * as assert from "assert";
import { cachedEvaluate } from "../support/cachedEvaluations";
import { ofType } from "../support/resources";

/** The Linode site's Roles Anywhere role gets the same least privilege as the GKE site's role: the table and the parameter. */
describe("the Linode site's AWS access", () => {
    it("allows item actions on the stack's table in every table region and reading the published parameter, nothing else", async () => {
        const evaluation = await cachedEvaluate("staging");
        const [policy] = ofType(evaluation.resources, "aws:iam/rolePolicy:RolePolicy").filter((r) => r.name === "dr-staging-linode-access");
        assert.ok(policy, "the Linode role has an inline least-privilege policy");
        const document = JSON.parse(policy.inputs.policy);
        const statements: { Action: string | string[]; Resource: string | string[] }[] = document.Statement;
        const resources = statements.flatMap((s) => [s.Resource].flat());
        const actions = statements.flatMap((s) => [s.Action].flat());
        assert.ok(!resources.some((r) => r.includes("*") && !r.endsWith("/index/*")), `no wildcard resource: ${resources.join(", ")}`);
        assert.ok(actions.every((a) => a.startsWith("dynamodb:") || a === "ssm:GetParameter"), actions.join(", "));
        for (const region of ["us-east-1", "us-west-2", "us-east-2"]) {
            assert.ok(resources.some((r) => r.startsWith(`arn:aws:dynamodb:${region}:`) && r.endsWith(":table/dr-app-staging")), `the table in ${region}`);
            assert.ok(resources.some((r) => r.startsWith(`arn:aws:ssm:${region}:`) && r.endsWith(":parameter/multicloud-dr/staging/active-site")), `the parameter in ${region}`);
        }
        assert.ok(actions.includes("dynamodb:GetItem") && actions.includes("dynamodb:PutItem") && actions.includes("ssm:GetParameter"));
    });
});
