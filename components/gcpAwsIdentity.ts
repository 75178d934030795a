import * as aws from "@pulumi/aws";
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { appAccessPolicy, googleWebIdentityTrust } from "../topology";
import { InputChecks } from "./inputErrors";

export interface GcpAwsIdentityArgs {
    readonly project: string;
    /** Google service account id (6-30 characters, lower case). */
    readonly accountId: string;
    /** The Kubernetes SAs that act as the Google SA, as `namespace/name`. */
    readonly kubernetesServiceAccounts: readonly string[];
    /** Audience of the ID token the pods request; pinned in the AWS role's trust. */
    readonly tokenAudience: string;
    /** The table's ARN in its home region. */
    readonly tableArn: pulumi.Input<string>;
    /** Every region holding the table. */
    readonly tableRegions: readonly string[];
    /** The published parameter's ARN in every table region. */
    readonly parameterArns: readonly pulumi.Input<string>[];
    readonly tags?: Record<string, string>;
}

const GSA_ID = /^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$/;
const KSA = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/;

/**
 * GKE pods reach AWS with no stored key: the Kubernetes SA acts as one Google SA (Workload Identity Federation for
 * GKE), whose ID token an AWS role for web identity accepts. The role may only do what `appAccessPolicy` allows.
 */
export class GcpAwsIdentity extends pulumi.ComponentResource {
    public readonly serviceAccount: gcp.serviceaccount.Account;
    public readonly role: aws.iam.Role;
    public readonly serviceAccountEmail: pulumi.Output<string>;
    public readonly roleArn: pulumi.Output<string>;

    constructor(name: string, args: GcpAwsIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("multicloud-dr:identity:GcpAwsIdentity", name, {}, opts);
        validate(args);
        const parent = { parent: this };
        this.serviceAccount = new gcp.serviceaccount.Account(
            `${name}-gsa`,
            { project: args.project, accountId: args.accountId, displayName: "multicloud-dr app (GKE -> AWS)" },
            parent,
        );
        // The workload pool is per project, so one member per Kubernetes SA covers it in every cluster
        // (cloud.google.com/kubernetes-engine/docs/how-to/workload-identity).
        args.kubernetesServiceAccounts.forEach((ksa) => {
            new gcp.serviceaccount.IAMMember(
                `${name}-wi-${ksa.replace("/", "-")}`,
                { serviceAccountId: this.serviceAccount.name, role: "roles/iam.workloadIdentityUser", member: `serviceAccount:${args.project}.svc.id.goog[${ksa}]` },
                parent,
            );
        });
        this.role = new aws.iam.Role(
            `${name}-role`,
            {
                assumeRolePolicy: this.serviceAccount.uniqueId.apply((id) => JSON.stringify(googleWebIdentityTrust(id, args.tokenAudience))),
                description: "multicloud-dr app on GKE: web identity from the stack's Google service account",
                maxSessionDuration: 3600,
                tags: args.tags,
            },
            parent,
        );
        new aws.iam.RolePolicy(
            `${name}-access`,
            {
                role: this.role.id,
                policy: pulumi
                    .all([args.tableArn, pulumi.all([...args.parameterArns])])
                    .apply(([tableArn, parameterArns]) => JSON.stringify(appAccessPolicy({ tableArn, tableRegions: args.tableRegions, parameterArns }))),
            },
            parent,
        );
        this.serviceAccountEmail = this.serviceAccount.email;
        this.roleArn = this.role.arn;
        this.registerOutputs({ serviceAccountEmail: this.serviceAccountEmail, roleArn: this.roleArn });
    }
}

function validate(args: GcpAwsIdentityArgs): void {
    new InputChecks("GcpAwsIdentity")
        .check("project", args.project ? undefined : "must be a GCP project id")
        .check("accountId", GSA_ID.test(args.accountId) ? undefined : "must be 6-30 lower-case letters, digits or hyphens, starting with a letter")
        .check("kubernetesServiceAccounts", args.kubernetesServiceAccounts.length === 0 ? "must name at least one namespace/name" : args.kubernetesServiceAccounts.every((k) => KSA.test(k)) ? undefined : "each must be namespace/name")
        .check("tokenAudience", args.tokenAudience ? undefined : "must be the token audience")
        .check("tableRegions", args.tableRegions.length > 0 ? undefined : "must list at least one region")
        .check("parameterArns", args.parameterArns.length > 0 ? undefined : "must list at least one parameter ARN")
        .throwIfAny();
}
