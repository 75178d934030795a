import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { integerProblem, linodeClientCommonName, linodeCloudConfig, LinodeUserDataInput, renderCloudConfig, repeatedProblem, rolesAnywhereTrustPolicy } from "../topology";
import { InputChecks } from "./inputErrors";

export const LINODE_IDENTITY_DEFAULTS = {
    /** Ten years: the CA is the trust anchor; replacing it re-issues every client certificate. */
    caValidityHours: 87600,
    /** Two years. A new certificate changes the user data and so replaces the region's instances (no early renewal). */
    clientValidityHours: 17520,
} as const;

export interface LinodeAwsIdentityArgs {
    /** Linode regions: one client certificate each. */
    readonly regions: readonly string[];
    /**
     * The least-privilege permissions document (JSON) the role gets as its inline policy
     * (`topology/appAccess.ts`, built for both sites).
     * @default none: the role can assume nothing until a document is given.
     */
    readonly permissionsPolicy?: pulumi.Input<string>;
    /**
     * Validity of each client certificate.
     * @default LINODE_IDENTITY_DEFAULTS.clientValidityHours
     */
    readonly clientValidityHours?: number;
    readonly tags?: Readonly<Record<string, string>>;
}

export interface LinodeClientCertificate {
    readonly commonName: string;
    readonly certificatePem: pulumi.Output<string>;
    /** Secret. */
    readonly privateKeyPem: pulumi.Output<string>;
}

/**
 * Linode -> AWS without long-lived keys: a per-stack private CA (`@pulumi/tls`), an IAM Roles Anywhere trust anchor
 * holding its certificate, a profile naming the role, the role (trusting only that anchor and these certificates'
 * common names), and one client certificate per Linode region signed by the CA.
 */
export class LinodeAwsIdentity extends pulumi.ComponentResource {
    public readonly caCertificatePem: pulumi.Output<string>;
    public readonly trustAnchorArn: pulumi.Output<string>;
    public readonly profileArn: pulumi.Output<string>;
    public readonly roleArn: pulumi.Output<string>;
    public readonly clientCertificates: Record<string, LinodeClientCertificate> = {};

    constructor(name: string, args: LinodeAwsIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("multicloud-dr:linode:LinodeAwsIdentity", name, {}, opts);
        const clientValidityHours = args.clientValidityHours ?? LINODE_IDENTITY_DEFAULTS.clientValidityHours;
        new InputChecks("LinodeAwsIdentity")
            .check("regions", args.regions.length > 0 ? repeatedProblem(args.regions) : "must list at least one Linode region")
            .check("clientValidityHours", integerProblem(clientValidityHours, { min: 24 }))
            .throwIfAny();
        const parent = { parent: this };
        const tags = { ...args.tags };
        // The Roles Anywhere types of @pulumi/aws 7.48 take no `region` (rolesanywhere/*.d.ts): they live in the
        // provider's region, `aws:region`, which both stacks set to the table's home region.

        const caKey = new tls.PrivateKey(`${name}-ca-key`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, parent);
        const ca = new tls.SelfSignedCert(
            `${name}-ca`,
            {
                privateKeyPem: caKey.privateKeyPem,
                subject: { commonName: `${name} Linode CA`, organization: "multicloud-dr" },
                isCaCertificate: true,
                validityPeriodHours: LINODE_IDENTITY_DEFAULTS.caValidityHours,
                allowedUses: ["cert_signing", "crl_signing"],
            },
            parent,
        );
        this.caCertificatePem = ca.certPem;

        const anchor = new aws.rolesanywhere.TrustAnchor(
            `${name}-trust-anchor`,
            { name: `${name}-linode`, enabled: true, source: { sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: ca.certPem } }, tags },
            parent,
        );
        const commonNames = args.regions.map((r) => linodeClientCommonName(name, r));
        const role = new aws.iam.Role(
            `${name}-linode-role`,
            {
                name: `${name}-linode-app`,
                description: "The Linode site's app and agent, through IAM Roles Anywhere",
                assumeRolePolicy: anchor.arn.apply((arn) => JSON.stringify(rolesAnywhereTrustPolicy(arn, commonNames))),
                tags,
            },
            parent,
        );
        if (args.permissionsPolicy !== undefined) {
            new aws.iam.RolePolicy(`${name}-linode-access`, { role: role.name, name: "least-privilege", policy: args.permissionsPolicy }, parent);
        }
        const profile = new aws.rolesanywhere.Profile(`${name}-profile`, { name: `${name}-linode`, enabled: true, roleArns: [role.arn], tags }, parent);

        for (const linodeRegion of args.regions) {
            const key = new tls.PrivateKey(`${name}-${linodeRegion}-client-key`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, parent);
            const request = new tls.CertRequest(
                `${name}-${linodeRegion}-client-csr`,
                { privateKeyPem: key.privateKeyPem, subject: { commonName: linodeClientCommonName(name, linodeRegion), organization: "multicloud-dr" } },
                parent,
            );
            const cert = new tls.LocallySignedCert(
                `${name}-${linodeRegion}-client-cert`,
                {
                    certRequestPem: request.certRequestPem,
                    caPrivateKeyPem: caKey.privateKeyPem,
                    caCertPem: ca.certPem,
                    validityPeriodHours: clientValidityHours,
                    allowedUses: ["digital_signature", "client_auth"],
                },
                parent,
            );
            this.clientCertificates[linodeRegion] = {
                commonName: linodeClientCommonName(name, linodeRegion),
                certificatePem: cert.certPem,
                privateKeyPem: pulumi.secret(key.privateKeyPem),
            };
        }
        this.trustAnchorArn = anchor.arn;
        this.profileArn = profile.arn;
        this.roleArn = role.arn;
        this.registerOutputs({ trustAnchorArn: this.trustAnchorArn, profileArn: this.profileArn, roleArn: this.roleArn, caCertificatePem: this.caCertificatePem });
    }

    /** A region's cloud-config carrying this identity (secret: it holds the region's client key). */
    userData(region: string, site: Omit<LinodeUserDataInput, "aws">): pulumi.Output<string> {
        const cert = this.clientCertificates[region];
        if (!cert) {
            throw new Error(`LinodeAwsIdentity has no client certificate for region ${region}`);
        }
        const values = pulumi.all([this.trustAnchorArn, this.profileArn, this.roleArn, cert.certificatePem, cert.privateKeyPem]);
        return pulumi.secret(
            values.apply(([trustAnchorArn, profileArn, roleArn, certificatePem, privateKeyPem]) =>
                renderCloudConfig(linodeCloudConfig({ ...site, aws: { trustAnchorArn, profileArn, roleArn, certificatePem, privateKeyPem } })),
            ),
        );
    }
}
