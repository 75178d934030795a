import * as linode from "@pulumi/linode";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import {
    absolutePathProblem,
    adminCidrProblem,
    cloudInitImageProblem,
    DNS_DEFAULTS,
    HEALTH_CHECK_DEFAULTS,
    integerProblem,
    LINODE_DEFAULTS,
    linodeLabel,
    linodeRegionRecordName,
    linodeTtlProblem,
    NODEBALANCER_SOURCE_RANGE,
    nodeBalancerNodeAddress,
    parseCidr,
    repeatedProblem,
} from "../topology";
import { InputChecks } from "./inputErrors";

export interface LinodeSiteArgs {
    /** Linode regions, one NodeBalancer each. */
    readonly regions: readonly string[];
    /** The region whose NodeBalancer the app record targets. */
    readonly activeRegion: string;
    /** Instances per region. */
    readonly instancesPerRegion: number;
    /**
     * Instance plan.
     * @default LINODE_DEFAULTS.instanceType (topology/defaults.ts)
     */
    readonly instanceType?: string;
    /**
     * Instance image.
     * @default LINODE_DEFAULTS.image
     */
    readonly image?: string;
    /** SSH public keys for root. */
    readonly sshKeys: readonly string[];
    /** CIDR blocks allowed to reach SSH, IPv4 or IPv6; never a /0. */
    readonly adminCidrs: readonly string[];
    /**
     * Port NodeBalancers forward to and check on each instance's private IP: the front proxy the user data runs,
     * which sends `healthCheckPath` to the site agent and everything else to the app. The only port the firewall
     * opens to NodeBalancers.
     * @default LINODE_DEFAULTS.appPort
     */
    readonly appPort?: number;
    /**
     * Path NodeBalancer health checks request (the site agent's health path).
     * @default HEALTH_CHECK_DEFAULTS.path
     */
    readonly healthCheckPath?: string;
    /**
     * Text a healthy answer's body contains (`check: http_body`).
     * @default HEALTH_CHECK_DEFAULTS.expectedBody
     */
    readonly healthCheckBody?: string;
    /**
     * Cloud-config per region (secret: it holds the region's client key), given to every instance of the region
     * through the Metadata service. A change replaces the instances. Requires a cloud-init image (CLOUD_INIT_IMAGES).
     * @default none: instances boot the bare image
     */
    readonly userData?: Readonly<Record<string, pulumi.Input<string>>>;
    /** TLS certificate (PEM) the HTTPS config serves. */
    readonly tlsCertificate: pulumi.Input<string>;
    /** TLS private key (PEM) of that certificate. */
    readonly tlsPrivateKey: pulumi.Input<string>;
    /** Linode DNS zone, e.g. `linode.example.com`. */
    readonly dnsZone: string;
    /** SOA email of the zone. */
    readonly soaEmail: string;
    /**
     * Label of the app record in the zone.
     * @default DNS_DEFAULTS.appHost
     */
    readonly appHost?: string;
    /**
     * TTL of the zone's records; must be one Linode keeps.
     * @default DNS_DEFAULTS.ttl
     */
    readonly ttl?: number;
    /**
     * Linode Backup Service on every instance (prod).
     * @default false
     */
    readonly backups?: boolean;
    /** Tags on instances, NodeBalancers, firewall and zone. */
    readonly tags?: readonly string[];
}

/**
 * Linode instances on private IPs behind a NodeBalancer in each region, booting the given cloud-config, a firewall
 * that drops everything but the front port from NodeBalancers and SSH from admins, and a DNS zone whose app record follows the active region.
 */
export class LinodeSite extends pulumi.ComponentResource {
    public readonly nodeBalancers: Record<string, linode.NodeBalancer> = {};
    public readonly nodeBalancerIps: Record<string, pulumi.Output<string>> = {};
    public readonly instances: linode.Instance[] = [];
    public readonly firewall: linode.Firewall;
    public readonly domain: linode.Domain;
    public readonly appRecord: linode.DomainRecord;

    constructor(name: string, args: LinodeSiteArgs, opts?: pulumi.ComponentResourceOptions) {
        super("multicloud-dr:linode:LinodeSite", name, {}, opts);
        const ttl = args.ttl ?? DNS_DEFAULTS.ttl;
        const appPort = args.appPort ?? LINODE_DEFAULTS.appPort;
        const checkPath = args.healthCheckPath ?? HEALTH_CHECK_DEFAULTS.path;
        const appHost = args.appHost ?? DNS_DEFAULTS.appHost;
        const checkBody = args.healthCheckBody ?? HEALTH_CHECK_DEFAULTS.expectedBody;
        const image = args.image ?? LINODE_DEFAULTS.image;
        validate(args, { ttl, appPort, checkPath, image });
        const tags = [...(args.tags ?? [])];
        const parent = { parent: this };

        // Declared before the instances, which name it at creation (firewallId): none boots unprotected.
        this.firewall = new linode.Firewall(
            `${name}-firewall`,
            {
                label: linodeLabel("firewall", name, "firewall"),
                inboundPolicy: "DROP",
                outboundPolicy: "ACCEPT",
                inbounds: [
                    { label: "app-from-nodebalancers", action: "ACCEPT", protocol: "TCP", ports: String(appPort), ipv4s: [NODEBALANCER_SOURCE_RANGE] },
                    {
                        label: "ssh-from-admins",
                        action: "ACCEPT",
                        protocol: "TCP",
                        ports: "22",
                        ipv4s: args.adminCidrs.filter((c) => parseCidr(c)?.family === "ipv4"),
                        ipv6s: args.adminCidrs.filter((c) => parseCidr(c)?.family === "ipv6"),
                    },
                ],
                tags,
            },
            parent,
        );

        const firewallId = this.firewall.id.apply(Number);
        const instancesByRegion: Record<string, linode.Instance[]> = {};
        for (const region of args.regions) {
            instancesByRegion[region] = [];
            for (let i = 0; i < args.instancesPerRegion; i++) {
                const instanceName = `${name}-${region}-${i}`;
                const rootPassword = new random.RandomPassword(`${instanceName}-root`, { length: 32, special: true }, { parent: this, additionalSecretOutputs: ["result"] });
                const instance = new linode.Instance(
                    instanceName,
                    {
                        label: linodeLabel("instance", name, region, String(i)),
                        region,
                        type: args.instanceType ?? LINODE_DEFAULTS.instanceType,
                        image,
                        rootPass: rootPassword.result,
                        authorizedKeys: [...args.sshKeys],
                        privateIp: true,
                        firewallId,
                        backupsEnabled: args.backups ?? false,
                        tags,
                        ...(args.userData ? { metadatas: [{ userData: encodeUserData(args.userData[region]) }] } : {}),
                    },
                    parent,
                );
                this.instances.push(instance);
                instancesByRegion[region].push(instance);
            }
        }

        for (const region of args.regions) {
            const nb = new linode.NodeBalancer(`${name}-${region}-nb`, { label: linodeLabel("nodeBalancer", name, region, "nb"), region, clientConnThrottle: 20, tags }, parent);
            const nodebalancerId = nb.id.apply(Number);
            // Linode API values ("http_body"), as the provider passes them through; the body check is what makes the
            // NodeBalancer agree with Route 53 and the agent about "healthy".
            const check = { check: "http_body", checkPath, checkBody, checkInterval: 10, checkTimeout: 5, checkAttempts: 3, algorithm: "roundrobin" };
            const configs = {
                https: new linode.NodeBalancerConfig(
                    `${name}-${region}-https`,
                    { nodebalancerId, port: 443, protocol: "https", sslCert: args.tlsCertificate, sslKey: args.tlsPrivateKey, ...check },
                    parent,
                ),
                http: new linode.NodeBalancerConfig(`${name}-${region}-http`, { nodebalancerId, port: 80, protocol: "http", ...check }, parent),
            };
            for (const [kind, config] of Object.entries(configs)) {
                instancesByRegion[region].forEach((instance, i) => {
                    new linode.NodeBalancerNode(
                        `${name}-${region}-${kind}-node-${i}`,
                        {
                            nodebalancerId,
                            configId: config.id.apply(Number),
                            label: linodeLabel("nodeBalancerNode", name, region, kind, String(i)),
                            address: instance.privateIpAddress.apply((ip) => nodeBalancerNodeAddress(ip, appPort)),
                            mode: "accept",
                            weight: 100,
                        },
                        parent,
                    );
                });
            }
            this.nodeBalancers[region] = nb;
            this.nodeBalancerIps[region] = nb.ipv4;
        }

        this.domain = new linode.Domain(`${name}-zone`, { domain: args.dnsZone, type: "master", soaEmail: args.soaEmail, ttlSec: ttl, tags }, parent);
        const domainId = this.domain.id.apply(Number);
        this.appRecord = new linode.DomainRecord(
            `${name}-app-record`,
            { domainId, name: appHost, recordType: "A", target: this.nodeBalancerIps[args.activeRegion], ttlSec: ttl },
            parent,
        );
        for (const region of args.regions) {
            new linode.DomainRecord(
                `${name}-${region}-record`,
                { domainId, name: linodeRegionRecordName(appHost, region), recordType: "A", target: this.nodeBalancerIps[region], ttlSec: ttl },
                parent,
            );
        }
        this.registerOutputs({ nodeBalancerIps: this.nodeBalancerIps, appRecord: this.appRecord.id });
    }
}

/** `metadatas[].userData` takes base64 (instance.d.ts); the text holds a private key, so the result stays secret. */
export function encodeUserData(cloudConfig: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.secret(pulumi.output(cloudConfig).apply((text) => Buffer.from(text, "utf8").toString("base64")));
}

function validate(args: LinodeSiteArgs, effective: { ttl: number; appPort: number; checkPath: string; image: string }): void {
    const checks = new InputChecks("LinodeSite")
        .check("regions", args.regions.length > 0 ? repeatedProblem(args.regions) : "must list at least one Linode region")
        .check("activeRegion", args.regions.includes(args.activeRegion) ? undefined : `must be one of the regions (${args.regions.join(", ")})`)
        .check("instancesPerRegion", integerProblem(args.instancesPerRegion, { min: 1 }))
        .check("sshKeys", args.sshKeys.length > 0 ? undefined : "must list at least one public key")
        .check("adminCidrs", args.adminCidrs.length > 0 ? undefined : "must list at least one CIDR block")
        .check("appPort", integerProblem(effective.appPort, { min: 1, max: 65535 }))
        .check("healthCheckPath", absolutePathProblem(effective.checkPath))
        .check("ttl", linodeTtlProblem(effective.ttl))
        .check("healthCheckBody", args.healthCheckBody === "" ? "must not be empty" : undefined);
    if (args.userData) {
        const missing = args.regions.filter((r) => args.userData?.[r] === undefined);
        const extra = Object.keys(args.userData).filter((r) => !args.regions.includes(r));
        checks
            .check("userData", missing.length > 0 ? `has no cloud-config for ${missing.join(", ")}` : extra.length > 0 ? `names regions the site does not have: ${extra.join(", ")}` : undefined)
            .check("image", cloudInitImageProblem(effective.image));
    }
    args.adminCidrs.forEach((cidr, i) => checks.check(`adminCidrs[${i}]`, adminCidrProblem(cidr)));
    checks.throwIfAny();
}
