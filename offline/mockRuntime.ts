import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import { AddressBook, numericId, PLACEHOLDER_ACCOUNT } from "./placeholders";

/** One resource as the program declared it. */
export interface RecordedResource {
    readonly type: string;
    readonly name: string;
    /** Full URN, with the parent chain in its type part; filled in once the evaluation settles. */
    urn: string;
    /** The URN of the component that owns it, or undefined at top level. */
    parent?: string;
    /** The type of the component that owns it, or undefined at top level. */
    parentType?: string;
    readonly custom: boolean;
    /** The id the cloud would assign (a placeholder); absent in previews. */
    readonly id?: string;
    /** What the program passed in. */
    readonly inputs: Record<string, any>;
    /** Inputs plus the values the cloud would compute (placeholders here). */
    readonly outputs: Record<string, any>;
    /** Names of the output properties that are placeholders, not values from config. */
    readonly placeholders: readonly string[];
    /** URNs of the resources this one depends on (parent excluded). */
    dependencies: string[];
    /** Per input property, the URNs of the resources its value came from. */
    propertyDependencies: Record<string, string[]>;
    /** The `protect` resource option. */
    protect: boolean;
    /** The `ignoreChanges` resource option: input properties an update leaves as they are. */
    ignoreChanges?: string[];
    /** The URNs the resource's aliases resolve to (what a real update would look up in the old state). */
    aliases?: string[];
}

type Computed = { id?: string; outputs: Record<string, any> };
type ComputeFn = (args: pulumi.runtime.MockResourceArgs, addresses: AddressBook) => Computed;

/** What the clouds compute, per resource type. A type not listed gets an id and keeps its inputs. */
const COMPUTED: Record<string, ComputeFn> = {
    "aws:dynamodb/table:Table": ({ name, inputs }) => {
        const region = inputs.region ?? "us-east-1";
        const arn = `arn:aws:dynamodb:${region}:${PLACEHOLDER_ACCOUNT}:table/${inputs.name ?? name}`;
        return { id: inputs.name ?? name, outputs: { arn, streamArn: `${arn}/stream/placeholder` } };
    },
    "aws:ssm/parameter:Parameter": ({ name, inputs }) => ({
        id: inputs.name ?? name,
        outputs: { arn: `arn:aws:ssm:${inputs.region ?? "us-east-1"}:${PLACEHOLDER_ACCOUNT}:parameter${inputs.name ?? name}`, version: 1 },
    }),
    "aws:route53/healthCheck:HealthCheck": ({ name }) => ({
        id: `hc-${numericId(name)}`,
        outputs: { arn: `arn:aws:route53:::healthcheck/hc-${numericId(name)}` },
    }),
    "aws:route53/record:Record": ({ inputs }) => ({
        id: `ZPLACEHOLDER_${inputs.name}_${inputs.type}_${inputs.setIdentifier ?? ""}`,
        outputs: { fqdn: inputs.name },
    }),
    "gcp:compute/globalAddress:GlobalAddress": ({ name }, addresses) => ({
        outputs: { address: addresses.address("public", name), selfLink: gcpSelfLink("global/addresses", name) },
    }),
    "gcp:container/cluster:Cluster": ({ name, inputs }) => ({
        outputs: {
            endpoint: "192.0.2.250",
            selfLink: gcpSelfLink(`locations/${inputs.location}/clusters`, inputs.name ?? name),
            masterAuth: { ...inputs.masterAuth, clusterCaCertificate: "cGxhY2Vob2xkZXItY2E=" },
        },
    }),
    "gcp:serviceaccount/account:Account": ({ name, inputs }) => {
        const email = `${inputs.accountId}@${inputs.project}.iam.gserviceaccount.com`;
        const uniqueId = `1${numericId(name).padStart(20, "0")}`.slice(0, 21);
        return { id: `projects/${inputs.project}/serviceAccounts/${email}`, outputs: { email, member: `serviceAccount:${email}`, uniqueId } };
    },
    "aws:iam/role:Role": ({ name, inputs }) => {
        const roleName = inputs.name ?? `${name}-placeholder`;
        return { id: roleName, outputs: { arn: `arn:aws:iam::${PLACEHOLDER_ACCOUNT}:role/${roleName}`, name: roleName } };
    },
    "gcp:container/nodePool:NodePool": ({ name, inputs }) => {
        const zones: string[] = inputs.nodeLocations ?? [];
        const groupName = (zone: string) => `gke-${name}-${numericId(zone + name).slice(0, 6)}-grp`;
        return {
            outputs: {
                managedInstanceGroupUrls: zones.map((z) => gcpSelfLink(`zones/${z}/instanceGroups`, groupName(z))),
                instanceGroupUrls: zones.map((z) => gcpSelfLink(`zones/${z}/instanceGroupManagers`, groupName(z))),
            },
        };
    },
    "gcp:certificatemanager/dnsAuthorization:DnsAuthorization": ({ name, inputs }) => ({
        id: certificateManagerId("dnsAuthorizations", name),
        // What a FIXED_RECORD authorization asks for: cloud.google.com/certificate-manager/docs/dns-authorizations.
        outputs: {
            dnsResourceRecords: [{
                name: `_acme-challenge.${inputs.domain}.`,
                type: "CNAME",
                data: `${numericId(name)}.placeholder.authorize.certificatemanager.goog.`,
            }],
        },
    }),
    "gcp:certificatemanager/certificate:Certificate": ({ name }) => ({ id: certificateManagerId("certificates", name), outputs: {} }),
    "gcp:certificatemanager/certificateMap:CertificateMap": ({ name }) => ({ id: certificateManagerId("certificateMaps", name), outputs: {} }),
    "linode:index/instance:Instance": ({ name }, addresses) => {
        const ipAddress = addresses.address("instance", name);
        const privateIpAddress = addresses.address("private", name);
        return { id: numericId(name), outputs: { ipAddress, privateIpAddress, ipv4s: [ipAddress, privateIpAddress] } };
    },
    "linode:index/nodeBalancer:NodeBalancer": ({ name }, addresses) => ({
        id: numericId(name),
        outputs: { ipv4: addresses.address("public", name), hostname: `nb-${numericId(name)}.placeholder.invalid` },
    }),
    "random:index/randomPassword:RandomPassword": () => ({ outputs: { result: SECRET_PLACEHOLDER } }),
    // Linode -> AWS identity (components/linodeAwsIdentity.ts): ARNs, and PEMs that are plainly not PEMs.
    "aws:rolesanywhere/trustAnchor:TrustAnchor": ({ name, inputs }) => ({
        outputs: { arn: `arn:aws:rolesanywhere:${inputs.region ?? "us-east-1"}:${PLACEHOLDER_ACCOUNT}:trust-anchor/${numericId(name)}` },
    }),
    "aws:rolesanywhere/profile:Profile": ({ name, inputs }) => ({
        outputs: { arn: `arn:aws:rolesanywhere:${inputs.region ?? "us-east-1"}:${PLACEHOLDER_ACCOUNT}:profile/${numericId(name)}` },
    }),
    "tls:index/privateKey:PrivateKey": () => ({ outputs: { privateKeyPem: SECRET_PLACEHOLDER, publicKeyPem: SECRET_PLACEHOLDER } }),
    "tls:index/selfSignedCert:SelfSignedCert": ({ name }) => ({ outputs: { certPem: `placeholder certificate ${name}` } }),
    "tls:index/certRequest:CertRequest": ({ name }) => ({ outputs: { certRequestPem: `placeholder request ${name}` } }),
    "tls:index/locallySignedCert:LocallySignedCert": ({ name }) => ({ outputs: { certPem: `placeholder certificate ${name}` } }),
};

/** Shown instead of any secret value; secrets are never decrypted or printed offline. */
export const SECRET_PLACEHOLDER = "[secret]";

/**
 * Normalizes what the program passed: unknown values (previews) become absent, as policies and diffs treat
 * "not known yet"; secret values become SECRET_PLACEHOLDER, so nothing downstream can print them.
 */
function withoutUnknowns(value: unknown): unknown {
    if (pulumi.isUnknown(value)) {
        return undefined;
    }
    if (typeof value === "object" && value !== null && (value as Record<string, unknown>)[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig) {
        return secretPlaceholder((value as Record<string, unknown>).value);
    }
    if (Array.isArray(value)) {
        return value.map(withoutUnknowns);
    }
    if (typeof value === "object" && value !== null) {
        const result: Record<string, unknown> = {};
        for (const [key, inner] of Object.entries(value)) {
            const cleaned = withoutUnknowns(inner);
            if (cleaned !== undefined) {
                result[key] = cleaned;
            }
        }
        return result;
    }
    return value;
}

/**
 * A secret built around other secrets (the Linode user data, base64, holds the client key) gets a digest of its offline
 * plaintext, so the plan still sees it change as `pulumi preview` would. Such a plaintext embeds those secrets only
 * as SECRET_PLACEHOLDER (config secrets and generated keys are placeholders offline), never a real secret.
 */
function secretPlaceholder(plaintext: unknown): unknown {
    // A secret list or object keeps its shape (a preview shows `metadatas: [{ userData }]` too); every leaf is hidden.
    if (Array.isArray(plaintext)) {
        return plaintext.map(secretPlaceholder);
    }
    if (typeof plaintext === "object" && plaintext !== null) {
        return Object.fromEntries(Object.entries(plaintext).map(([k, v]) => [k, secretPlaceholder(v)]));
    }
    if (typeof plaintext !== "string" || plaintext === SECRET_PLACEHOLDER || !embedsSecretPlaceholder(plaintext)) {
        return SECRET_PLACEHOLDER;
    }
    return `${SECRET_PLACEHOLDER} #${createHash("sha256").update(plaintext).digest("hex").slice(0, 12)}`;
}

/** Plainly, or base64-encoded as Linode's user data is. */
function embedsSecretPlaceholder(text: string): boolean {
    return text.includes(SECRET_PLACEHOLDER) || Buffer.from(text, "base64").toString("utf8").includes(SECRET_PLACEHOLDER);
}

function gcpSelfLink(path: string, name: string): string {
    return `https://www.googleapis.com/compute/v1/projects/placeholder/${path}/${name}`;
}

/** Certificate Manager ids: `projects/{project}/locations/global/<collection>/{name}` (the types' import formats). */
function certificateManagerId(collection: string, name: string): string {
    return `projects/placeholder/locations/global/${collection}/${name}-placeholder`;
}

function defaultId(args: pulumi.runtime.MockResourceArgs): string {
    return args.type.startsWith("linode:") ? numericId(args.name) : `${args.name}-id`;
}

/** Invokes the program may make, answered with placeholders. Any other invoke is a bug and throws. */
const INVOKES: Record<string, (inputs: any) => Record<string, any>> = {
    "aws:route53/getZone:getZone": (inputs) => ({
        zoneId: `ZPLACEHOLDER${(inputs.name ?? "").replace(/[^A-Za-z0-9]/g, "").toUpperCase()}`.slice(0, 32),
        id: "ZPLACEHOLDER",
        name: inputs.name,
    }),
};

/**
 * Pulumi mocks that record every resource, give cloud-computed outputs deterministic placeholders, and throw
 * on an invoke they do not know. In preview mode nothing is computed, so those outputs stay unknown, as in a
 * first `pulumi preview`.
 */
export class ResourceRecorder implements pulumi.runtime.Mocks {
    readonly resources: RecordedResource[] = [];
    private readonly addresses = new AddressBook();

    constructor(private readonly preview = false) {}

    newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
        const inputs = withoutUnknowns(args.inputs) as Record<string, any>;
        const computed = this.preview ? { outputs: {} } : this.compute(args);
        const outputs = { ...inputs, ...computed.outputs };
        const id = this.preview ? undefined : computed.id ?? defaultId(args);
        this.resources.push({
            type: args.type,
            name: args.name,
            urn: "",
            id,
            custom: args.custom ?? true,
            inputs,
            outputs,
            placeholders: Object.keys(computed.outputs),
            dependencies: [],
            propertyDependencies: {},
            protect: false,
        });
        return { id, state: outputs };
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
        const answer = INVOKES[args.token];
        if (!answer) {
            throw new Error(`unexpected invoke ${args.token}(${JSON.stringify(args.inputs)}): add it to the mocks if the program really needs it`);
        }
        return answer(args.inputs);
    }

    private compute(args: pulumi.runtime.MockResourceArgs): Computed {
        const fn = COMPUTED[args.type];
        const computed = fn ? fn(args, this.addresses) : { outputs: {} };
        if (args.type.startsWith("gcp:") && args.inputs.name === undefined && computed.outputs.name === undefined) {
            // GCP resources are auto-named from the Pulumi name plus a random suffix; keep it stable here.
            computed.outputs.name = `${args.name}-placeholder`;
        }
        return computed;
    }
}

/**
 * The mock monitor hands mocks only a resource's type, name and inputs. This wraps its registerResource so
 * each recorded resource also gets its URN and the dependencies the engine would see (policies use them).
 */
export function captureRegistrations(monitor: any, recorder: ResourceRecorder): void {
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, callback: (err: unknown, resp: unknown) => void) => {
        register(req, (err: unknown, resp: any) => {
            if (!err && resp) {
                const resource = [...recorder.resources].reverse().find((r) => r.name === req.getName() && r.type === req.getType() && r.urn === "");
                if (resource) {
                    resource.urn = resp.getUrn();
                    const parent: string = req.getParent();
                    resource.parent = parent || undefined;
                    resource.parentType = parent ? parent.split("::")[2]?.split("$").pop() : undefined;
                    resource.protect = req.getProtect() === true;
                    resource.ignoreChanges = req.getIgnorechangesList();
                    resource.dependencies = req.getDependenciesList().filter((u: string) => u !== parent);
                    resource.aliases = req.getAliasesList().map((alias: any) => aliasUrn(alias, req, resource.urn));
                    req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
                        resource.propertyDependencies[key] = deps.getUrnsList();
                    });
                }
            }
            callback(err, resp);
        });
    };
}

/**
 * The URN an alias names, resolved as the engine resolves an alias spec: unset name, type, stack and project
 * are the resource's own; the parent is the spec's parent URN, none with `noParent`, else the resource's parent.
 */
function aliasUrn(alias: any, req: any, urn: string): string {
    if (alias.getUrn()) {
        return alias.getUrn();
    }
    const spec = alias.getSpec();
    const [ownStack, ownProject] = urn.slice("urn:pulumi:".length).split("::");
    const parentUrn: string = spec.getNoparent() ? "" : spec.getParenturn() || req.getParent();
    const chain = parentUrn ? `${parentUrn.split("::")[2]}$` : "";
    const type = spec.getType() || req.getType();
    return `urn:pulumi:${spec.getStack() || ownStack}::${spec.getProject() || ownProject}::${chain}${type}::${spec.getName() || req.getName()}`;
}
