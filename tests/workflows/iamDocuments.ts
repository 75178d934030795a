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
