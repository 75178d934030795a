import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DNS_DEFAULTS, integerProblem, repeatedProblem, subdomainProblem } from "../topology";
import { DnsAuthorizationRecord } from "./globalLoadBalancer";
import { InputChecks } from "./inputErrors";

/** A zone under the hosted zone's domain that other name servers answer for. */
export interface ZoneDelegation {
    /** The delegated zone, e.g. `linode.example.com`. */
    readonly zone: string;
    /** Its authoritative name servers, e.g. LINODE_NAME_SERVERS (topology/platformLimits.ts). */
    readonly nameServers: readonly string[];
}

export interface HostedZoneRecordsArgs {
    /** The Route 53 hosted zone. */
    readonly zoneId: pulumi.Input<string>;
    /** The hosted zone's domain; every delegated zone lies under it. */
    readonly domain: string;
    /** Zones delegated to other name servers (an NS record set each). */
    readonly delegations: readonly ZoneDelegation[];
    /** Certificate authorization records by a label for the resource name (`gcp`), e.g. `GlobalLoadBalancer.dnsAuthorizationRecord`. */
    readonly certificateAuthorizations: Readonly<Record<string, pulumi.Input<DnsAuthorizationRecord>>>;
    /**
     * TTL of these records.
     * @default DNS_DEFAULTS.zoneRecordTtl (topology/defaults.ts)
     */
    readonly ttl?: number;
}

/**
 * The hosted zone's records that no flip changes: NS delegations of zones served elsewhere (so their records
 * resolve publicly) and the records certificate authorities check (so certificates renew wherever the app
 * hostname points). The failover pair lives in Route53Failover.
 */
export class HostedZoneRecords extends pulumi.ComponentResource {
    public readonly delegations: Record<string, aws.route53.Record> = {};
    public readonly certificateAuthorizations: Record<string, aws.route53.Record> = {};

    constructor(name: string, args: HostedZoneRecordsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("multicloud-dr:dns:HostedZoneRecords", name, {}, opts);
        const ttl = args.ttl ?? DNS_DEFAULTS.zoneRecordTtl;
        validate(args, ttl);
        const parent = { parent: this };
        for (const { zone, nameServers } of args.delegations) {
            // Route 53 delegates a subdomain with an NS record set of that name in the parent zone
            // (Route 53 Developer Guide, "Routing traffic for subdomains").
            this.delegations[zone] = new aws.route53.Record(
                `${name}-ns-${delegationLabel(zone, args.domain)}`,
                { zoneId: args.zoneId, name: zone, type: "NS", ttl, records: [...nameServers] },
                parent,
            );
        }
        for (const [label, record] of Object.entries(args.certificateAuthorizations)) {
            const value = pulumi.output(record);
            this.certificateAuthorizations[label] = new aws.route53.Record(
                `${name}-${label}-cert-auth`,
                { zoneId: args.zoneId, name: value.name, type: value.type, ttl, records: [value.data] },
                parent,
            );
        }
        this.registerOutputs({});
    }
}

/** `linode.example.com` under `example.com` -> `linode`, for a stable resource name. */
export function delegationLabel(zone: string, domain: string): string {
    return zone.slice(0, zone.length - domain.length - 1).replace(/\./g, "-");
}

function validate(args: HostedZoneRecordsArgs, ttl: number): void {
    const checks = new InputChecks("HostedZoneRecords")
        .check("ttl", integerProblem(ttl, { min: 0 }))
        .check("delegations", repeatedProblem(args.delegations.map((d) => d.zone)));
    args.delegations.forEach((delegation, i) => {
        checks
            .check(`delegations[${i}].zone`, subdomainProblem(delegation.zone, args.domain))
            .check(`delegations[${i}].nameServers`, delegation.nameServers.length > 0 ? undefined : "must list the zone's name servers");
    });
    checks.throwIfAny();
}
