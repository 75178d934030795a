import * as assert from "assert";
import { LinodeAwsIdentity, LinodeAwsIdentityArgs } from "../../components";
import { evaluateDeclarations, Evaluation, SECRET_PLACEHOLDER } from "../../offline";
import { rejectsInput } from "../support/inputErrors";
import { named, ofType } from "../support/resources";

const args: LinodeAwsIdentityArgs = { regions: ["us-east", "us-central"], tags: { project: "multicloud-dr" } };

function declare(overrides: Partial<LinodeAwsIdentityArgs> = {}): Promise<Evaluation> {
    return evaluateDeclarations(() => {
        const identity = new LinodeAwsIdentity("edge", { ...args, ...overrides });
        return {
            roleArn: identity.roleArn,
            profileArn: identity.profileArn,
            keys: Object.fromEntries(Object.entries(identity.clientCertificates).map(([r, c]) => [r, c.privateKeyPem])),
        };
    });
}

describe("LinodeAwsIdentity component", () => {
    let identity: Evaluation;
    before(async () => {
        identity = await declare();
    });

    it("makes a per-stack CA that can only sign certificates and CRLs", () => {
        const ca = named(identity.resources, "edge-ca");
        assert.strictEqual(ca.inputs.isCaCertificate, true);
        assert.deepStrictEqual(ca.inputs.allowedUses, ["cert_signing", "crl_signing"]);
        assert.strictEqual(ca.inputs.privateKeyPem, SECRET_PLACEHOLDER);
    });

    it("trusts the CA's certificate as a CERTIFICATE_BUNDLE anchor", () => {
        const anchor = named(identity.resources, "edge-trust-anchor");
        assert.deepStrictEqual(anchor.inputs.source, { sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: named(identity.resources, "edge-ca").outputs.certPem } });
    });

    it("lets only Roles Anywhere assume the role, from this anchor, for these certificates' common names", () => {
        const anchorArn = named(identity.resources, "edge-trust-anchor").outputs.arn;
        assert.match(anchorArn, /^arn:aws:rolesanywhere:/);
        const trust = JSON.parse(named(identity.resources, "edge-linode-role").inputs.assumeRolePolicy);
        assert.deepStrictEqual(trust, {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Service: "rolesanywhere.amazonaws.com" },
                    Action: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
                    Condition: {
                        ArnEquals: { "aws:SourceArn": anchorArn },
                        StringEquals: { "aws:PrincipalTag/x509Subject/CN": ["edge-linode-us-east", "edge-linode-us-central"] },
                    },
                },
            ],
        });
    });

    it("names the role in the profile", () => {
        const role = named(identity.resources, "edge-linode-role");
        assert.deepStrictEqual(named(identity.resources, "edge-profile").inputs.roleArns, [role.outputs.arn]);
    });

    it("issues one client certificate per region for client auth, signed by the CA, with a secret key", () => {
        const certs = ofType(identity.resources, "tls:index/locallySignedCert:LocallySignedCert");
        assert.deepStrictEqual(certs.map((c) => c.name), ["edge-us-east-client-cert", "edge-us-central-client-cert"]);
        for (const cert of certs) {
            assert.deepStrictEqual(cert.inputs.allowedUses, ["digital_signature", "client_auth"]);
            assert.strictEqual(cert.inputs.caCertPem, named(identity.resources, "edge-ca").outputs.certPem);
            assert.strictEqual(cert.inputs.caPrivateKeyPem, SECRET_PLACEHOLDER);
        }
        const csr = named(identity.resources, "edge-us-central-client-csr");
        assert.strictEqual(csr.inputs.subject.commonName, "edge-linode-us-central");
        assert.deepStrictEqual((identity.outputs as any).keys, { "us-east": SECRET_PLACEHOLDER, "us-central": SECRET_PLACEHOLDER });
    });

    it("attaches no permissions until the least-privilege document is given, then exactly that document", async () => {
        assert.deepStrictEqual(ofType(identity.resources, "aws:iam/rolePolicy:RolePolicy"), []);
        const doc = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ssm:GetParameter", Resource: "*" }] });
        const withPolicy = await declare({ permissionsPolicy: doc });
        const [policy] = ofType(withPolicy.resources, "aws:iam/rolePolicy:RolePolicy");
        assert.deepStrictEqual(JSON.parse(policy.inputs.policy), JSON.parse(doc));
        assert.strictEqual(policy.inputs.role, named(withPolicy.resources, "edge-linode-role").outputs.name);
    });

    it("rejects no regions and repeated regions", async () => {
        await rejectsInput(declare({ regions: [] }), "regions", /at least one/);
        await rejectsInput(declare({ regions: ["us-east", "us-east"] }), "regions", /us-east/);
    });
});
