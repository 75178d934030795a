import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { cachedEvaluate } from "../support/cachedEvaluations";
import { knownStacks, otherSite, parseDrConfig, PROJECT_ROOT, rawConfigOf, readStackConfig, Site } from "../../topology";
import { configuredNames } from "./pipelineRules";
import { loadPipelineFiles } from "./workflowFiles";
import { MARKERS } from "../../automation/fence/markers";
import {
    AwsStatement,
    awsWriteActions,
    FLIP_PERMISSION_BY_TYPE,
    gcpWritePermissions,
    grantedPermissions,
    IAM_DIR,
    linodeWriteScopes,
    list,
    readJson,
    REFRESH_READS_BY_TYPE,
} from "./iamDocuments";

const dir = IAM_DIR(PROJECT_ROOT);
const aws = () => readJson(path.join(dir, "failover-runner-aws-policy.json")) as { Version: string; Statement: AwsStatement[] };
const gcp = () => readJson(path.join(dir, "failover-runner-gcp-role.json")) as { title: string; stage: string; includedPermissions: string[] };
const linode = () => readJson(path.join(dir, "failover-runner-linode-token.json")) as { scopes: string[]; why: Record<string, string> };

/** Every action the failover runner may be granted: the flip, the probe, and what `up` reads on the way. */
const ALLOWED_AWS_ACTIONS = new Set([
    "route53:ChangeResourceRecordSets",
    "route53:ListResourceRecordSets",
    "route53:GetHostedZone",
    "route53:ListHostedZones",
    "route53:ListHostedZonesByName",
    "route53:GetChange",
    "route53:GetHealthCheck",
    "route53:GetHealthCheckStatus",
    "route53:GetHealthCheckLastFailureReason",
    "route53:ListTagsForResource",
    "ssm:PutParameter",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:DescribeParameters",
    "ssm:ListTagsForResource",
    "dynamodb:DescribeTable",
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:DescribeContinuousBackups",
    "dynamodb:DescribeTimeToLive",
    "dynamodb:ListTagsOfResource",
    "kms:DescribeKey",
]);
/** Actions AWS cannot scope to a resource; nothing else may use Resource "*". */
const NO_RESOURCE_LEVEL = new Set(["ssm:DescribeParameters", "route53:ListHostedZones", "route53:ListHostedZonesByName"]);

describe("the failover runner's least privilege (docs/iam)", () => {
    it("the AWS policy is an IAM policy document of Allow statements naming only the allowed actions", () => {
        const policy = aws();
        assert.strictEqual(policy.Version, "2012-10-17");
        for (const statement of policy.Statement) {
            assert.strictEqual(statement.Effect, "Allow");
            for (const action of list(statement.Action)) {
                assert.ok(ALLOWED_AWS_ACTIONS.has(action), `${statement.Sid}: ${action} is not an allowed action`);
            }
        }
    });

    it("the AWS policy uses Resource \"*\" only for actions that have no resource-level permission", () => {
        for (const statement of aws().Statement) {
            if (list(statement.Resource).includes("*")) {
                assert.deepStrictEqual(list(statement.Action).filter((a) => !NO_RESOURCE_LEVEL.has(a)), [], statement.Sid);
            }
        }
    });

    it("record changes are limited to the app hostname's A records; parameter writes to the stack's path", () => {
        const policy = aws();
        const change = policy.Statement.find((s) => list(s.Action).includes("route53:ChangeResourceRecordSets"))!;
        assert.deepStrictEqual(list(change.Resource), ["arn:aws:route53:::hostedzone/<HOSTED_ZONE_ID>"]);
        const only = change.Condition?.["ForAllValues:StringEquals"] ?? {};
        assert.deepStrictEqual(only["route53:ChangeResourceRecordSetsNormalizedRecordNames"], ["<APP_HOSTNAME>"]);
        assert.deepStrictEqual(only["route53:ChangeResourceRecordSetsRecordTypes"], ["A"]);
        const put = policy.Statement.find((s) => list(s.Action).includes("ssm:PutParameter"))!;
        assert.deepStrictEqual(list(put.Resource), ["arn:aws:ssm:*:<ACCOUNT_ID>:parameter/multicloud-dr/<STACK>/*"]);
    });

    describe("what a refresh of the table and the canary probe read", () => {
        const stacks = () => knownStacks(PROJECT_ROOT).map((stack) => parseDrConfig(rawConfigOf(readStackConfig(stack).values)));

        it("reads only the canary item: every GetItem grant is conditioned on the stacks' canary partition keys", () => {
            const reads = aws().Statement.filter((s) => list(s.Action).includes("dynamodb:GetItem") && !list(s.Action).includes("dynamodb:PutItem"));
            assert.ok(reads.length > 0, "the probe reads the canary item");
            const canaryKeys = [...new Set(stacks().map((cfg) => cfg.failover.canaryKey[cfg.table.hashKey]))].sort();
            for (const statement of reads) {
                assert.deepStrictEqual(list(statement.Action), ["dynamodb:GetItem"], `${statement.Sid}: the condition must not narrow other actions`);
                assert.deepStrictEqual([...(statement.Condition?.["ForAllValues:StringEquals"]?.["dynamodb:LeadingKeys"] ?? [])].sort(), canaryKeys);
            }
        });

        it("writes only the fence and the replication canary: every PutItem grant is conditioned on their partition keys", () => {
            const writes = aws().Statement.filter((s) => list(s.Action).includes("dynamodb:PutItem"));
            assert.strictEqual(writes.length, 1, "the fence and the replication measurement write their items");
            assert.deepStrictEqual(list(writes[0].Action).sort(), ["dynamodb:GetItem", "dynamodb:PutItem"]);
            const markers = Object.values(MARKERS).map((m) => m.text).sort();
            assert.deepStrictEqual([...(writes[0].Condition?.["ForAllValues:StringEquals"]?.["dynamodb:LeadingKeys"] ?? [])].sort(), markers);
        });

        it("may describe the DynamoDB default KMS key (alias/aws/dynamodb), and only it, in every region of every stack's table", () => {
            const describes = aws().Statement.filter((s) => list(s.Action).includes("kms:DescribeKey"));
            assert.strictEqual(describes.length, 1);
            const [statement] = describes;
            assert.deepStrictEqual(statement.Condition?.StringEquals?.["kms:RequestAlias"], ["alias/aws/dynamodb"]);
            const regions = list(statement.Resource).map((arn) => /^arn:aws:kms:([a-z0-9-]+):<ACCOUNT_ID>:key\/\*$/.exec(arn)?.[1]);
            assert.ok(regions.every((r) => r !== undefined), `KMS resources are key ARNs of one region each: ${list(statement.Resource).join(", ")}`);
            assert.deepStrictEqual(regions.sort(), [...new Set(stacks().flatMap((cfg) => cfg.table.regions))].sort());
        });

        it("covers every call a refresh of the refreshed types makes (records, parameters, Linode record, table)", () => {
            const granted = grantedPermissions(aws(), linode(), gcp());
            for (const [type, reads] of Object.entries(REFRESH_READS_BY_TYPE)) {
                assert.deepStrictEqual(reads.filter((r) => !granted.has(r)), [], `refreshing ${type}`);
            }
        });
    });

    it("the GCP role is a loadable custom role that only reads", () => {
        const role = gcp();
        assert.ok(role.title && role.stage === "GA");
        assert.ok(role.includedPermissions.includes("compute.backendServices.get"));
        assert.deepStrictEqual(gcpWritePermissions(role), []);
    });

    it("the Linode token writes DNS only, and explains every scope", () => {
        const token = linode();
        assert.deepStrictEqual(linodeWriteScopes(token), ["domains:read_write"]);
        assert.deepStrictEqual(Object.keys(token.why).sort(), [...token.scopes].sort());
        for (const scope of token.scopes) {
            assert.match(scope, /^[a-z_]+:(read_only|read_write)$/);
        }
    });

    describe("covers what a flip changes, and nothing more", () => {
        let changedTypes: string[] = [];

        before(async function () {
            this.timeout(120000);
            const stack = "staging";
            const cfg = parseDrConfig(rawConfigOf(readStackConfig(stack).values));
            const otherRegion = cfg.linode.regions.find((r) => r !== cfg.linodeActiveRegion);
            assert.ok(otherRegion, "the staging stack needs two Linode regions to flip between");
            const base = await cachedEvaluate(stack);
            // Both switches at once: the Route 53 pair and the parameter (site), the Linode record (region).
            const flipped = await cachedEvaluate(stack, {
                overrides: { activeSite: otherSite(cfg.activeSite as Site), linodeActiveRegion: otherRegion },
            });
            const before = new Map(base.resources.map((r) => [r.urn, JSON.stringify(r.inputs)]));
            assert.deepStrictEqual(flipped.resources.map((r) => r.urn).sort(), [...before.keys()].sort(), "a flip must not create or delete resources");
            changedTypes = [...new Set(flipped.resources.filter((r) => before.get(r.urn) !== JSON.stringify(r.inputs)).map((r) => r.type))].sort();
        });

        it("every resource type a flip changes has its write permission in the documents", () => {
            assert.ok(changedTypes.length > 0, "the flip changed nothing");
            const granted = new Set([
                ...awsWriteActions(aws()).map((a) => `aws:${a}`),
                ...linodeWriteScopes(linode()).map((s) => `linode:${s}`),
                ...gcpWritePermissions(gcp()).map((p) => `gcp:${p}`),
            ]);
            for (const type of changedTypes) {
                const needed = FLIP_PERMISSION_BY_TYPE[type];
                assert.ok(needed, `a flip changes ${type}, which the failover runner's documents do not cover`);
                assert.ok(granted.has(needed), `${type} needs ${needed}`);
            }
        });

        it("every write permission in the documents is needed by a type a flip changes (or writes the fence's items)", () => {
            // The fence and the replication canary write items, not resources: limited to their keys (checked above).
            const needed = new Set([...changedTypes.map((t) => FLIP_PERMISSION_BY_TYPE[t]), "aws:dynamodb:PutItem"]);
            const writes = [
                ...awsWriteActions(aws()).map((a) => `aws:${a}`),
                ...linodeWriteScopes(linode()).map((s) => `linode:${s}`),
                ...gcpWritePermissions(gcp()).map((p) => `gcp:${p}`),
            ];
            assert.deepStrictEqual(writes.filter((w) => !needed.has(w)), []);
        });
    });
});

describe("the README's CI section", () => {
    const doc = () => fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");

    it("names every secret and variable the pipelines read, so a team knows what to configure", () => {
        const text = doc();
        for (const file of loadPipelineFiles(PROJECT_ROOT)) {
            const { secrets, vars } = configuredNames(file.content);
            for (const name of [...secrets, ...vars]) {
                assert.ok(text.includes(`\`${name}\``), `${file.relativePath} reads ${name}, which the README does not mention`);
            }
        }
    });

    it("names every workflow and IAM document", () => {
        const text = doc();
        const files = [...loadPipelineFiles(PROJECT_ROOT).map((f) => f.relativePath), ...fs.readdirSync(IAM_DIR(PROJECT_ROOT)).map((f) => `docs/iam/${f}`)];
        for (const file of files) {
            assert.ok(text.includes(file), `the README does not mention ${file}`);
        }
        assert.ok(knownStacks(PROJECT_ROOT).every((s) => text.includes(s)));
    });
});
