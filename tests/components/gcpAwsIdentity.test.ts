import * as assert from "assert";
import { GcpAwsIdentity, GcpAwsIdentityArgs } from "../../components";
import { evaluateDeclarations, Evaluation } from "../../offline";
import { rejectsInput } from "../support/inputErrors";
import { ofType } from "../support/resources";

const args: GcpAwsIdentityArgs = {
    project: "p-123",
    accountId: "dr-prod-app",
    kubernetesServiceAccounts: ["multicloud-dr/app"],
    tokenAudience: "sts.amazonaws.com",
    tableArn: "arn:aws:dynamodb:us-east-1:123456789012:table/dr-app",
    tableRegions: ["us-east-1", "us-west-2"],
    parameterArns: ["arn:aws:ssm:us-east-1:123456789012:parameter/p", "arn:aws:ssm:us-west-2:123456789012:parameter/p"],
};

const declare = (overrides: Partial<GcpAwsIdentityArgs> = {}): Promise<Evaluation> =>
    evaluateDeclarations(() => {
        const identity = new GcpAwsIdentity("id", { ...args, ...overrides });
        return { email: identity.serviceAccountEmail, roleArn: identity.roleArn };
    });

describe("GcpAwsIdentity component", () => {
    let ev: Evaluation;
    before(async () => {
        ev = await declare();
    });

    it("lets the Kubernetes SA act as one Google SA (Workload Identity)", () => {
        const [gsa] = ofType(ev.resources, "gcp:serviceaccount/account:Account");
        assert.strictEqual(gsa.inputs.accountId, "dr-prod-app");
        const members = ofType(ev.resources, "gcp:serviceaccount/iAMMember:IAMMember");
        assert.deepStrictEqual(members.map((m) => [m.inputs.role, m.inputs.member, m.inputs.serviceAccountId]), [
            ["roles/iam.workloadIdentityUser", "serviceAccount:p-123.svc.id.goog[multicloud-dr/app]", gsa.outputs.name],
        ]);
    });

    it("trusts only that Google SA's tokens, by its unique id", () => {
        const [gsa] = ofType(ev.resources, "gcp:serviceaccount/account:Account");
        const [role] = ofType(ev.resources, "aws:iam/role:Role");
        const trust = JSON.parse(role.inputs.assumeRolePolicy);
        assert.deepStrictEqual(trust.Statement[0].Principal, { Federated: "accounts.google.com" });
        assert.deepStrictEqual(trust.Statement[0].Condition.StringEquals, {
            "accounts.google.com:aud": gsa.outputs.uniqueId,
            "accounts.google.com:sub": gsa.outputs.uniqueId,
            "accounts.google.com:oaud": "sts.amazonaws.com",
        });
        assert.strictEqual(ev.outputs.roleArn, role.outputs.arn);
    });

    it("attaches the app access policy for every table and parameter region", () => {
        const [policy] = ofType(ev.resources, "aws:iam/rolePolicy:RolePolicy");
        const doc = JSON.parse(policy.inputs.policy);
        assert.deepStrictEqual(doc.Statement[0].Resource.filter((r: string) => !r.endsWith("/index/*")), [
            "arn:aws:dynamodb:us-east-1:123456789012:table/dr-app",
            "arn:aws:dynamodb:us-west-2:123456789012:table/dr-app",
        ]);
        assert.deepStrictEqual(doc.Statement[1].Resource, args.parameterArns);
    });

    it("refuses a Kubernetes SA that is not namespace/name, naming the property", async () => {
        await rejectsInput(declare({ kubernetesServiceAccounts: ["app"] }), "kubernetesServiceAccounts", /namespace\/name/);
    });

    it("refuses a Google SA id out of range, naming the property", async () => {
        await rejectsInput(declare({ accountId: "ab" }), "accountId", /6-30/);
    });
});
