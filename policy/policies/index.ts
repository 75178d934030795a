import { EnforcementLevel, Policies } from "@pulumi/policy";
import { dynamodbPolicies } from "./dynamodb";
import { gcpLoadBalancingPolicies } from "./gcpLoadBalancing";
import { gkePolicies } from "./gke";
import { identityPolicies } from "./identity";
import { kubernetesPolicies } from "./kubernetes";
import { linodePolicies } from "./linode";
import { route53Policies } from "./route53";
import { stackPolicies } from "./stack";

/** The pack's name, as `pulumi preview --policy-pack` reports it. */
export const PACK_NAME = "multicloud-dr";

/** The level for a policy that names none (every policy here names its own). */
export const PACK_ENFORCEMENT_LEVEL: EnforcementLevel = "advisory";

/** Every policy of the pack. Importing this starts nothing, so tests and the offline plan run it in-process. */
export const policies: Policies = [
    ...dynamodbPolicies,
    ...route53Policies,
    ...gkePolicies,
    ...gcpLoadBalancingPolicies,
    ...linodePolicies,
    ...stackPolicies,
    ...identityPolicies,
    ...kubernetesPolicies,
];
