import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { leaseKey } from "../../automation/lease";
import { knownStacks, parseDrConfig, PROJECT_ROOT, rawConfigOf, readStackConfig } from "../../topology";
import { AwsStatement, IAM_DIR, list, readJson } from "./iamDocuments";

/**
 * The watcher's lease document (docs/iam/watcher-lease-aws-policy.json), granted on top of the failover runner's.
 * `dynamodb:LeadingKeys` is the partition key of the items a request touches (Amazon DynamoDB Developer Guide, "Using
 * IAM policy conditions for fine-grained access control", docs.aws.amazon.com/amazondynamodb/latest/developerguide/
 * specifying-conditions.html); the IAM User Guide's item-level example (reference_policies_examples_dynamodb_items)
 * grants GetItem/PutItem/DeleteItem with `ForAllValues:StringEquals` on it, as this document does.
 */
const lease = () => readJson(path.join(IAM_DIR(PROJECT_ROOT), "watcher-lease-aws-policy.json")) as { Version: string; Statement: AwsStatement[] };

/** The DynamoDB calls the lease store makes, read from its source: `new XCommand(` is the action `dynamodb:X`. */
function leaseStoreActions(): string[] {
    const source = fs.readFileSync(path.join(PROJECT_ROOT, "automation", "lease", "dynamoLease.ts"), "utf8");
    return [...new Set([...source.matchAll(/new (\w+)Command\(/g)].map((m) => `dynamodb:${m[1]}`))].sort();
}

describe("the watcher's least privilege for the lease (docs/iam)", () => {
    it("grants exactly the calls the lease store makes, and nothing else", () => {
        const granted = lease().Statement.flatMap((s) => list(s.Action)).sort();
        assert.deepStrictEqual(leaseStoreActions(), ["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem"], "the store's calls (update the document if they change)");
        assert.deepStrictEqual(granted, leaseStoreActions());
    });

    it("on the stack's table in its home region, limited to the lease item's partition key for every stack", () => {
        const policy = lease();
        assert.strictEqual(policy.Version, "2012-10-17");
        for (const statement of policy.Statement) {
            assert.strictEqual(statement.Effect, "Allow");
            assert.deepStrictEqual(list(statement.Resource), ["arn:aws:dynamodb:<HOME_REGION>:<ACCOUNT_ID>:table/<TABLE_NAME>"], statement.Sid);
            assert.deepStrictEqual(Object.keys(statement.Condition ?? {}), ["ForAllValues:StringEquals"], statement.Sid);
            const keys = statement.Condition?.["ForAllValues:StringEquals"]?.["dynamodb:LeadingKeys"];
            const written = knownStacks(PROJECT_ROOT).map((stack) => {
                const cfg = parseDrConfig(rawConfigOf(readStackConfig(stack).values));
                return leaseKey(cfg)[cfg.table.hashKey].S;
            });
            assert.ok(written.length > 0);
            assert.deepStrictEqual(keys, [...new Set(written)], "the partition key value the lease store writes");
        }
    });

    it("the failover runner's own document grants no lease write (a manual failover never needs one): its item writes are limited to other keys", () => {
        const runner = readJson(path.join(IAM_DIR(PROJECT_ROOT), "failover-runner-aws-policy.json")) as { Statement: AwsStatement[] };
        const leaseKeys = new Set(lease().Statement.flatMap((s) => list(s.Condition?.["ForAllValues:StringEquals"]?.["dynamodb:LeadingKeys"] ?? [])));
        const writes = runner.Statement.filter((s) => list(s.Action).some((a) => a === "dynamodb:PutItem" || a === "dynamodb:DeleteItem"));
        assert.ok(!writes.some((s) => list(s.Action).includes("dynamodb:DeleteItem")), "no DeleteItem at all");
        for (const statement of writes) {
            const keys = list(statement.Condition?.["ForAllValues:StringEquals"]?.["dynamodb:LeadingKeys"] ?? []);
            assert.ok(keys.length > 0, `${statement.Sid}: item writes limited by dynamodb:LeadingKeys`);
            assert.deepStrictEqual(keys.filter((k) => leaseKeys.has(k)), [], `${statement.Sid}: no lease key`);
        }
    });
});
