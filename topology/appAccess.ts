/**
 * What the application and the site agent may do in AWS, on both sites, and who may assume the GKE site's role.
 * Pure: IAM documents as plain objects, built from the ARNs the table and the parameters report.
 */

export interface PolicyStatement {
    readonly Sid?: string;
    readonly Effect: "Allow" | "Deny";
    readonly Action: readonly string[] | string;
    readonly Resource?: readonly string[] | string;
    readonly Principal?: Readonly<Record<string, string>>;
    readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface PolicyDocument {
    readonly Version: "2012-10-17";
    readonly Statement: readonly PolicyStatement[];
}

/**
 * The item-level DynamoDB actions an application needs, and nothing that manages the table
 * (docs.aws.amazon.com/amazondynamodb/latest/developerguide/api-permissions-reference.html). `ConditionCheckItem`
 * is what TransactWriteItems checks need; BatchGetItem/BatchWriteItem are authorized per table.
 */
export const APP_DYNAMODB_ACTIONS = [
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:Query",
    "dynamodb:ConditionCheckItem",
    "dynamodb:BatchGetItem",
    "dynamodb:BatchWriteItem",
] as const;

export const APP_SSM_ACTIONS = ["ssm:GetParameter"] as const;

/** `arn:aws:dynamodb:<region>:<account>:table/<name>` with another region: a global table's replicas share name and account. */
export function tableArnInRegion(tableArn: string, region: string): string {
    const parts = tableArn.split(":");
    if (parts.length < 6 || parts[2] !== "dynamodb" || !parts[5].startsWith("table/")) {
        throw new Error(`not a DynamoDB table ARN: ${tableArn}`);
    }
    return [...parts.slice(0, 3), region, ...parts.slice(4)].join(":");
}

export interface AppAccessInput {
    /** The table's ARN in its home region (`aws.dynamodb.Table.arn`). */
    readonly tableArn: string;
    /** Every region holding the table. */
    readonly tableRegions: readonly string[];
    /** The published parameter's ARN in every table region (`aws.ssm.Parameter.arn`). */
    readonly parameterArns: readonly string[];
}

/** Least privilege for the app and its agent: item actions on the table (and its indexes) everywhere, one parameter read. */
export function appAccessPolicy(input: AppAccessInput): PolicyDocument {
    if (input.tableRegions.length === 0 || input.parameterArns.length === 0) {
        throw new Error("appAccessPolicy needs at least one table region and one parameter ARN");
    }
    const tables = input.tableRegions.map((region) => tableArnInRegion(input.tableArn, region));
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "TableItems", Effect: "Allow", Action: [...APP_DYNAMODB_ACTIONS], Resource: tables.flatMap((arn) => [arn, `${arn}/index/*`]) },
            { Sid: "ActiveSiteParameter", Effect: "Allow", Action: [...APP_SSM_ACTIONS], Resource: [...input.parameterArns] },
        ],
    };
}

/** The federated principal of Google-issued ID tokens. */
export const GOOGLE_FEDERATED_PRINCIPAL = "accounts.google.com";

/**
 * Trust for a Google service account's ID token (what the GKE metadata server issues to a pod under Workload
 * Identity). AWS maps a Google token's claims to keys ("Available keys for AWS web identity federation",
 * docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif):
 * `accounts.google.com:aud` is the `azp` claim when present, `accounts.google.com:oaud` the `aud` claim then,
 * `accounts.google.com:sub` the `sub` claim. A service account's ID token carries its unique id in both `azp` and
 * `sub`, and the audience it was requested for in `aud`: all three are pinned.
 */
export function googleWebIdentityTrust(serviceAccountUniqueId: string, audience: string): PolicyDocument {
    if (!/^[0-9]+$/.test(serviceAccountUniqueId)) {
        throw new Error(`a Google service account's unique id is numeric, not ${JSON.stringify(serviceAccountUniqueId)}`);
    }
    return {
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Principal: { Federated: GOOGLE_FEDERATED_PRINCIPAL },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
                StringEquals: {
                    "accounts.google.com:aud": serviceAccountUniqueId,
                    "accounts.google.com:sub": serviceAccountUniqueId,
                    "accounts.google.com:oaud": audience,
                },
            },
        }],
    };
}

/** The key of the canary item as a DynamoDB item (attribute-value JSON), typed as the table declares its keys. */
export function canaryItem(key: Readonly<Record<string, string>>, attributes: ReadonlyArray<{ readonly name: string; readonly type: "S" | "N" | "B" }>): Record<string, Record<string, string>> {
    const item: Record<string, Record<string, string>> = {};
    for (const [name, value] of Object.entries(key)) {
        const type = attributes.find((a) => a.name === name)?.type;
        if (type === undefined) {
            throw new Error(`canary key attribute ${name} is not one of the table's attributes`);
        }
        item[name] = { [type]: value };
    }
    return item;
}
