import * as assert from "assert";
import { appAccessPolicy, canaryItem, googleWebIdentityTrust, tableArnInRegion } from "../../topology";

const TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/dr-app";
const PARAMS = ["us-east-1", "us-west-2"].map((r) => `arn:aws:ssm:${r}:123456789012:parameter/multicloud-dr/prod/active-site`);

describe("app access (IAM documents)", () => {
    const doc = JSON.parse(JSON.stringify(appAccessPolicy({ tableArn: TABLE, tableRegions: ["us-east-1", "us-west-2"], parameterArns: PARAMS })));

    it("allows exactly the item actions on the table and its indexes in every table region", () => {
        const [items] = doc.Statement;
        assert.strictEqual(items.Effect, "Allow");
        assert.deepStrictEqual([...items.Action].sort(), [
            "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem", "dynamodb:DeleteItem",
            "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem",
        ]);
        assert.deepStrictEqual(items.Resource, [
            "arn:aws:dynamodb:us-east-1:123456789012:table/dr-app",
            "arn:aws:dynamodb:us-east-1:123456789012:table/dr-app/index/*",
            "arn:aws:dynamodb:us-west-2:123456789012:table/dr-app",
            "arn:aws:dynamodb:us-west-2:123456789012:table/dr-app/index/*",
        ]);
    });

    it("allows only reading the published parameter, in every region", () => {
        assert.deepStrictEqual(doc.Statement[1], { Sid: "ActiveSiteParameter", Effect: "Allow", Action: ["ssm:GetParameter"], Resource: PARAMS });
        assert.strictEqual(doc.Statement.length, 2);
    });

    it("never grants on *", () => {
        const resources: string[] = doc.Statement.flatMap((s: { Resource: string[] }) => s.Resource);
        assert.ok(resources.every((r) => r !== "*" && r.startsWith("arn:aws:")));
    });

    it("refuses what is not a table ARN", () => {
        assert.throws(() => tableArnInRegion("arn:aws:ssm:us-east-1:1:parameter/x", "us-west-2"), /not a DynamoDB table ARN/);
        assert.strictEqual(tableArnInRegion("arn:aws-cn:dynamodb:cn-north-1:1:table/t", "cn-northwest-1"), "arn:aws-cn:dynamodb:cn-northwest-1:1:table/t");
    });

    it("trusts only Google ID tokens of one service account for one audience", () => {
        const trust = JSON.parse(JSON.stringify(googleWebIdentityTrust("109876543210", "sts.amazonaws.com")));
        assert.deepStrictEqual(trust.Statement, [{
            Effect: "Allow",
            Principal: { Federated: "accounts.google.com" },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { StringEquals: { "accounts.google.com:aud": "109876543210", "accounts.google.com:sub": "109876543210", "accounts.google.com:oaud": "sts.amazonaws.com" } },
        }]);
        assert.throws(() => googleWebIdentityTrust("app@p.iam.gserviceaccount.com", "x"), /unique id is numeric/);
    });

    it("writes the canary key typed as the table declares it", () => {
        assert.deepStrictEqual(
            canaryItem({ pk: "dr-canary", sk: "7" }, [{ name: "pk", type: "S" }, { name: "sk", type: "N" }]),
            { pk: { S: "dr-canary" }, sk: { N: "7" } },
        );
        assert.throws(() => canaryItem({ id: "x" }, [{ name: "pk", type: "S" }]), /not one of the table's attributes/);
    });
});
