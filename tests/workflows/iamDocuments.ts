import * as fs from "fs";
import * as path from "path";

/** The failover runner's least-privilege documents in docs/iam, and what each grants. */
export interface AwsStatement {
    Sid?: string;
    Effect: string;
    Action: string | string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string[]>>;
}

export const IAM_DIR = (root: string) => path.join(root, "docs", "iam");

export function readJson(file: string): any {
    return JSON.parse(fs.readFileSync(file, "utf8"));
}

export const list = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

const READ_VERBS = /^(Get|List|Describe)/;

/** AWS actions that change something (anything that is not Get*, List*, Describe*). */
export function awsWriteActions(policy: { Statement: AwsStatement[] }): string[] {
    return policy.Statement.flatMap((s) => list(s.Action)).filter((a) => !READ_VERBS.test(a.split(":")[1] ?? ""));
}

/** GCP permissions that change something (a verb other than get, list, getHealth). */
export function gcpWritePermissions(role: { includedPermissions: string[] }): string[] {
    return role.includedPermissions.filter((p) => !/\.(get|list|getHealth)$/.test(p));
}

export function linodeWriteScopes(token: { scopes: string[] }): string[] {
    return token.scopes.filter((s) => !s.endsWith(":read_only"));
}

/** What each resource type a flip changes needs, written as `<cloud>:<permission>`. */
export const FLIP_PERMISSION_BY_TYPE: Record<string, string> = {
    "aws:route53/record:Record": "aws:route53:ChangeResourceRecordSets",
    "aws:ssm/parameter:Parameter": "aws:ssm:PutParameter",
    "linode:index/domainRecord:DomainRecord": "linode:domains:read_write",
};

/**
 * What a refresh of each resource type the failover runner refreshes calls, written as `<cloud>:<permission>`,
 * from the providers' read functions (terraform-provider-aws `internal/service/...`; the Linode provider's
 * domain record read is GET /domains/{domainId}/records/{recordId}).
 */
export const REFRESH_READS_BY_TYPE: Record<string, string[]> = {
    // route53/record.go, resourceRecordRead: the record set (ListResourceRecordSets) in its zone (GetHostedZone).
    "aws:route53/record:Record": ["aws:route53:ListResourceRecordSets", "aws:route53:GetHostedZone"],
    // ssm/parameter.go, resourceParameterRead: GetParameter (WithDecryption), DescribeParameters for the
    // metadata (tier, description), and transparent tagging (ListTagsForResource).
    "aws:ssm/parameter:Parameter": ["aws:ssm:GetParameter", "aws:ssm:DescribeParameters", "aws:ssm:ListTagsForResource"],
    // dynamodb/table.go, resourceTableRead: findTableByName (DescribeTable), continuous backups, TTL, tags, and
    // clearSSEDefaultKey / clearReplicaDefaultKeys -> kms.FindDefaultKeyARNForService, i.e. DescribeKey of
    // alias/aws/dynamodb in the table's region and in each replica's.
    "aws:dynamodb/table:Table": [
        "aws:dynamodb:DescribeTable",
        "aws:dynamodb:DescribeContinuousBackups",
        "aws:dynamodb:DescribeTimeToLive",
        "aws:dynamodb:ListTagsOfResource",
        "aws:kms:DescribeKey",
    ],
    "linode:index/domainRecord:DomainRecord": ["linode:domains:read_only"],
};

/** Every `<cloud>:<permission>` the documents grant; a Linode read_write scope also grants its read_only. */
export function grantedPermissions(aws: { Statement: AwsStatement[] }, linode: { scopes: string[] }, gcp: { includedPermissions: string[] }): Set<string> {
    return new Set([
        ...aws.Statement.flatMap((s) => list(s.Action)).map((a) => `aws:${a}`),
        ...linode.scopes.flatMap((s) => [`linode:${s}`, `linode:${s.replace(/:read_write$/, ":read_only")}`]),
        ...gcp.includedPermissions.map((p) => `gcp:${p}`),
    ]);
}
