import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    absolutePathProblem,
    checkerRegionsProblem,
    DNS_DEFAULTS,
    EndpointId,
    failureThresholdProblem,
    FailoverDecision,
    HEALTH_CHECK_DEFAULTS,
    integerProblem,
    RecordTarget,
    requestIntervalProblem,
    route53FailoverTtlProblem,
    searchStringProblem,
} from "../topology";
import { InputChecks } from "./inputErrors";

export interface FailoverHealthCheckSettings {
    /**
     * Path the checkers request.
     * @default HEALTH_CHECK_DEFAULTS.path (topology/defaults.ts)
     */
    readonly path?: string;
    /**
     * HTTPS port.
     * @default HEALTH_CHECK_DEFAULTS.port
     */
    readonly port?: number;
    /**
     * Seconds between checks: 10 or 30.
     * @default HEALTH_CHECK_DEFAULTS.intervalSeconds
     */
    readonly intervalSeconds?: number;
    /**
     * Consecutive failures before unhealthy.
     * @default HEALTH_CHECK_DEFAULTS.failureThreshold
     */
    readonly failureThreshold?: number;
    /**
     * Checker regions, at least three.
     * @default HEALTH_CHECK_DEFAULTS.regions
     */
    readonly regions?: readonly string[];
    /**
     * Text a healthy response body contains; the checks search for it (HTTPS_STR_MATCH), at most 255 characters.
     * @default HEALTH_CHECK_DEFAULTS.expectedBody
     */
    readonly expectedBody?: string;
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
     * TTL of both records, at most MAX_FAILOVER_TTL (60).
     * @default DNS_DEFAULTS.ttl (topology/defaults.ts)
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
 * A Route 53 failover pair for the app hostname, and one HTTPS health check per endpoint that also checks the body. The records' values
 * (IP and health check) come from the failover decision; their set identifiers and failover types are fixed.
 */
export class Route53Failover extends pulumi.ComponentResource {
    public readonly healthChecks: Record<string, aws.route53.HealthCheck> = {};
    public readonly healthCheckIds: Record<string, pulumi.Output<string>> = {};
    public readonly primary: aws.route53.Record;
    public readonly secondary: aws.route53.Record;

    constructor(name: string, args: Route53FailoverArgs, opts?: pulumi.ComponentResourceOptions) {
        super("multicloud-dr:dns:Route53Failover", name, {}, opts);
        const ttl = args.ttl ?? DNS_DEFAULTS.ttl;
        const hc = { ...HEALTH_CHECK_DEFAULTS, ...args.healthCheck };
        validate(args, ttl, hc);
        const { primary, secondary } = args.decision;
        for (const [endpoint, ip] of Object.entries(args.endpoints) as [EndpointId, pulumi.Input<string>][]) {
            const check = new aws.route53.HealthCheck(
                `${name}-hc-${endpoint.replace(":", "-")}`,
                {
                    // Route 53 API, HealthCheckConfig: HTTPS_STR_MATCH requests over HTTPS (with SNI from fqdn when
                    // EnableSNI) and is healthy only if SearchString is in the first 5,120 bytes of the body.
                    type: "HTTPS_STR_MATCH",
                    searchString: hc.expectedBody,
                    ipAddress: ip,
                    port: hc.port,
                    resourcePath: hc.path,
                    fqdn: args.hostname,
                    enableSni: true,
                    requestInterval: hc.intervalSeconds,
                    failureThreshold: hc.failureThreshold,
                    regions: [...hc.regions],
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

function validate(args: Route53FailoverArgs, ttl: number, hc: Required<FailoverHealthCheckSettings>): void {
    const { primary, secondary } = args.decision;
    const known = Object.keys(args.endpoints);
    const checks = new InputChecks("Route53Failover")
        .check("ttl", route53FailoverTtlProblem(ttl))
        .check("healthCheck.path", absolutePathProblem(hc.path))
        .check("healthCheck.port", integerProblem(hc.port, { min: 1, max: 65535 }))
        .check("healthCheck.intervalSeconds", requestIntervalProblem(hc.intervalSeconds))
        .check("healthCheck.failureThreshold", failureThresholdProblem(hc.failureThreshold))
        .check("healthCheck.regions", checkerRegionsProblem(hc.regions))
        .check("healthCheck.expectedBody", searchStringProblem(hc.expectedBody))
        .check("decision.secondary.endpoint", primary.endpoint === secondary.endpoint ? `PRIMARY and SECONDARY both serve ${primary.endpoint}` : undefined);
    for (const [role, target] of [["primary", primary], ["secondary", secondary]] as const) {
        checks.check(`decision.${role}.endpoint`, known.includes(target.endpoint) ? undefined : `no endpoint "${target.endpoint}" (known: ${known.join(", ")})`);
    }
    checks.throwIfAny();
}
