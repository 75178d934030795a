import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EndpointId, FailoverDecision, MAX_FAILOVER_TTL, RecordTarget } from "../topology";

export interface FailoverHealthCheckSettings {
    /**
     * Path the checkers request.
     * @default "/health"
     */
    readonly path?: string;
    /**
     * HTTPS port.
     * @default 443
     */
    readonly port?: number;
    /**
     * Seconds between checks: 10 or 30.
     * @default 10
     */
    readonly intervalSeconds?: number;
    /**
     * Consecutive failures before unhealthy.
     * @default 3
     */
    readonly failureThreshold?: number;
    /**
     * Checker regions, at least three.
     * @default ["us-east-1", "us-west-2", "eu-west-1"]
     */
    readonly regions?: readonly string[];
}

export interface Route53FailoverArgs {
    /** Hosted zone of the record. */
    readonly zoneId: pulumi.Input<string>;
    /** The application's hostname; also the SNI name of every health check. */
    readonly hostname: string;
    /** The endpoints records can serve, by id, each with its public IPv4. Each gets its own health check. */
    readonly endpoints: Readonly<Record<EndpointId, pulumi.Input<string>>>;
    /** What PRIMARY and SECONDARY serve now. */
    readonly decision: FailoverDecision;
    /**
     * TTL of both records, at most 60.
     * @default 60
     */
    readonly ttl?: number;
    readonly healthCheck?: FailoverHealthCheckSettings;
    readonly tags?: Record<string, string>;
}

/** The identities of the two records. They never change: a flip swaps their values in place. */
export const FAILOVER_RECORDS = [
    { role: "PRIMARY", setIdentifier: "primary" },
    { role: "SECONDARY", setIdentifier: "secondary" },
] as const;

/**
 * A Route 53 failover pair for the app hostname, and one HTTPS health check per endpoint. The records' values
 * (IP and health check) come from the failover decision; their set identifiers and failover types are fixed.
 */
export class Route53Failover extends pulumi.ComponentResource {
    public readonly healthChecks: Record<string, aws.route53.HealthCheck> = {};
    public readonly healthCheckIds: Record<string, pulumi.Output<string>> = {};
    public readonly primary: aws.route53.Record;
    public readonly secondary: aws.route53.Record;

    constructor(name: string, args: Route53FailoverArgs, opts?: pulumi.ComponentResourceOptions) {
        super("multicloud-dr:dns:Route53Failover", name, {}, opts);
        const ttl = args.ttl ?? 60;
        if (ttl > MAX_FAILOVER_TTL || ttl < 1) {
            throw new pulumi.ResourceError(`failover TTL must be 1..${MAX_FAILOVER_TTL}, got ${ttl}`, this);
        }
        const { primary, secondary } = args.decision;
        if (primary.endpoint === secondary.endpoint) {
            throw new pulumi.ResourceError(`PRIMARY and SECONDARY both serve ${primary.endpoint}`, this);
        }
        for (const target of [primary, secondary]) {
            if (!(target.endpoint in args.endpoints)) {
                throw new pulumi.ResourceError(`no endpoint "${target.endpoint}" (known: ${Object.keys(args.endpoints).join(", ")})`, this);
            }
        }
        const hc = args.healthCheck ?? {};
        for (const [endpoint, ip] of Object.entries(args.endpoints) as [EndpointId, pulumi.Input<string>][]) {
            const check = new aws.route53.HealthCheck(
                `${name}-hc-${endpoint.replace(":", "-")}`,
                {
                    type: "HTTPS",
                    ipAddress: ip,
                    port: hc.port ?? 443,
                    resourcePath: hc.path ?? "/health",
                    fqdn: args.hostname,
                    enableSni: true,
                    requestInterval: hc.intervalSeconds ?? 10,
                    failureThreshold: hc.failureThreshold ?? 3,
                    regions: [...(hc.regions ?? ["us-east-1", "us-west-2", "eu-west-1"])],
                    measureLatency: false,
                    tags: { ...args.tags, Name: `${args.hostname} ${endpoint}` },
                },
                { parent: this },
            );
            this.healthChecks[endpoint] = check;
            this.healthCheckIds[endpoint] = check.id;
        }
        const record = (role: "PRIMARY" | "SECONDARY", setIdentifier: string, target: RecordTarget) =>
            new aws.route53.Record(
                `${name}-${setIdentifier}`,
                {
                    zoneId: args.zoneId,
                    name: args.hostname,
                    type: "A",
                    ttl,
                    setIdentifier,
                    failoverRoutingPolicies: [{ type: role }],
                    records: [args.endpoints[target.endpoint]],
                    healthCheckId: this.healthChecks[target.endpoint].id,
                },
                { parent: this },
            );
        this.primary = record(FAILOVER_RECORDS[0].role, FAILOVER_RECORDS[0].setIdentifier, primary);
        this.secondary = record(FAILOVER_RECORDS[1].role, FAILOVER_RECORDS[1].setIdentifier, secondary);
        this.registerOutputs({ healthCheckIds: this.healthCheckIds });
    }
}
