import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { isKnown, validateStackOf, validateType } from "./values";

export const AWS_ACCESS_KEY = "aws:iam/accessKey:AccessKey";
export const AWS_USER = "aws:iam/user:User";
export const AWS_ROLE = "aws:iam/role:Role";
export const AWS_ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";

/** The service principal of IAM Roles Anywhere (docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html). */
const ROLES_ANYWHERE = "rolesanywhere.amazonaws.com";

type Statement = Record<string, any>;

/** The statements of a policy given as JSON or an object; undefined while unknown (preview) or unreadable. */
function statementsOf(policy: unknown): Statement[] | undefined {
    if (!isKnown(policy)) {
        return undefined;
    }
    let document: unknown = policy;
    if (typeof policy === "string") {
        try {
            document = JSON.parse(policy);
        } catch {
            return undefined;
        }
    }
    const statement = (document as Record<string, unknown> | null)?.Statement;
    return Array.isArray(statement) ? (statement as Statement[]) : statement && typeof statement === "object" ? [statement as Statement] : undefined;
}

function listOf(value: unknown): unknown[] {
    return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** `*`, or a wildcard in an ARN's partition, service, region or account: a grant beyond the estate's own resources. */
export function wildcardResource(resource: string): boolean {
    if (resource === "*") {
        return true;
    }
    const parts = resource.split(":");
    return parts.length < 6 || parts.slice(0, 5).some((part) => part.includes("*")) || parts[5] === "*";
}

export const awsNoLongLivedKeys: StackValidationPolicy = {
    name: "aws-no-long-lived-keys",
    description: "The stack declares no IAM user and no access key: sites reach AWS with short-lived role credentials only.",
    enforcementLevel: "mandatory",
    severity: "critical",
    validateStack: validateStackOf([AWS_ACCESS_KEY, AWS_USER], (resources, _args, reportViolation) => {
        for (const r of resources.filter((r) => r.type === AWS_ACCESS_KEY || r.type === AWS_USER)) {
            reportViolation(`${r.type === AWS_USER ? "IAM user" : "access key"} ${r.name}: long-lived keys leak and never expire; use a role (web identity or Roles Anywhere).`, r.urn);
        }
    }),
};

export const awsAppRoleNoWildcardResource: ResourceValidationPolicy = {
    name: "aws-app-role-no-wildcard-resource",
    description: "An app role's policy statements name the estate's resources, never `*` (nor NotResource).",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateType(AWS_ROLE_POLICY, (rolePolicy, _args, reportViolation) => {
        for (const [i, statement] of (statementsOf(rolePolicy.policy) ?? []).entries()) {
            const which = `statement ${String(statement.Sid ?? i)}`;
            if (statement.NotResource !== undefined) {
                reportViolation(`${which} uses NotResource: it grants everything else.`);
            }
            for (const resource of listOf(statement.Resource).filter((r): r is string => typeof r === "string" && wildcardResource(r))) {
                reportViolation(`${which} grants on ${resource}: name the table and parameter ARNs.`);
            }
        }
    }),
};

/** Why a trust statement is not federated, or undefined when it is. */
export function unfederatedTrustProblem(statement: Statement): string | undefined {
    if (statement.Effect !== "Allow") {
        return undefined;
    }
    const principal = statement.Principal;
    const keys = principal && typeof principal === "object" ? Object.keys(principal) : [];
    const actions = listOf(statement.Action).map(String);
    if (keys.length === 1 && keys[0] === "Federated") {
        if (actions.some((a) => a !== "sts:AssumeRoleWithWebIdentity")) {
            return `a federated principal may only sts:AssumeRoleWithWebIdentity, not ${actions.join(", ")}`;
        }
        const pinned = Object.values(statement.Condition ?? {}).some((c) => c && typeof c === "object" && Object.keys(c).some((k) => k.endsWith(":sub")));
        return pinned ? undefined : "web identity trust must pin the subject (a `<provider>:sub` condition), or any identity of the provider may assume it";
    }
    if (keys.length === 1 && keys[0] === "Service" && listOf(principal.Service).every((s) => s === ROLES_ANYWHERE)) {
        return undefined;
    }
    return `principal ${JSON.stringify(principal)} is neither a web identity provider nor ${ROLES_ANYWHERE}`;
}

export const awsAppRoleFederatedTrust: ResourceValidationPolicy = {
    name: "aws-app-role-federated-trust",
    description: `Every role's trust is federated: web identity pinned to a subject, or IAM Roles Anywhere (${ROLES_ANYWHERE}).`,
    enforcementLevel: "mandatory",
    severity: "critical",
    validateResource: validateType(AWS_ROLE, (role, _args, reportViolation) => {
        for (const statement of statementsOf(role.assumeRolePolicy) ?? []) {
            const problem = unfederatedTrustProblem(statement);
            if (problem) {
                reportViolation(problem);
            }
        }
    }),
};

export const identityPolicies = [awsNoLongLivedKeys, awsAppRoleNoWildcardResource, awsAppRoleFederatedTrust];
