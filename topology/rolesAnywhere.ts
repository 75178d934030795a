/**
 * IAM Roles Anywhere for the Linode site (issue #11): the names and the role's trust policy, pure.
 *
 * Trust policy after the IAM Roles Anywhere user guide ("Trust policy"): the service principal
 * `rolesanywhere.amazonaws.com` may `sts:AssumeRole`, `sts:TagSession` and `sts:SetSourceIdentity`; the
 * `aws:SourceArn` condition pins the stack's trust anchor, and `aws:PrincipalTag/x509Subject/CN` (the session tag the
 * service sets from the certificate's subject) pins the client certificates this stack issued.
 */

import { PolicyDocument } from "./appAccess";

/** Common name of the client certificate of one Linode region. */
export function linodeClientCommonName(prefix: string, region: string): string {
    return `${prefix}-linode-${region}`;
}

export function rolesAnywhereTrustPolicy(trustAnchorArn: string, commonNames: readonly string[]): PolicyDocument {
    if (commonNames.length === 0) {
        throw new Error("a Roles Anywhere trust policy needs at least one certificate common name");
    }
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "rolesanywhere.amazonaws.com" },
                Action: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
                Condition: {
                    ArnEquals: { "aws:SourceArn": trustAnchorArn },
                    StringEquals: { "aws:PrincipalTag/x509Subject/CN": [...commonNames] },
                },
            },
        ],
    };
}
