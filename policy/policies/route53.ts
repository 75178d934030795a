import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
    MAX_FAILOVER_TTL,
    ROUTE53_CHECKER_REGIONS,
    ROUTE53_FAILURE_THRESHOLD,
    ROUTE53_MIN_CHECKER_REGIONS,
    ROUTE53_REQUEST_INTERVALS,
    ROUTE53_SEARCH_STRING_MAX,
    LINODE_NAME_SERVERS,
} from "../../topology/platformLimits";
import { canonicalDnsName } from "../../topology/validators";
import { LINODE_DOMAIN } from "./linode";
import { isKnown, isUnknown, knownItems, requiredFails, validateStackOf, validateType } from "./values";

export const ROUTE53_RECORD = "aws:route53/record:Record";
export const ROUTE53_HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";

const HTTP_CHECK_TYPES = ["HTTP", "HTTPS", "HTTP_STR_MATCH", "HTTPS_STR_MATCH"];

/** The failover type of a record ("PRIMARY" / "SECONDARY"), unknown, or undefined when it is not a failover record. */
export function failoverTypeOf(record: Record<string, any>): string | symbol | undefined {
    const policies = record.failoverRoutingPolicies;
    if (isUnknown(policies)) {
        return policies;
    }
    if (!Array.isArray(policies) || policies.length === 0) {
        return undefined;
    }
    return policies[0]?.type;
}

export const route53FailoverRecordIdentity: ResourceValidationPolicy = {
    name: "route53-failover-record-identity",
    description: "Every Route 53 failover record has a setIdentifier, and a PRIMARY record has a health check.",
    enforcementLevel: "mandatory",
    severity: "critical",
    validateResource: validateType(ROUTE53_RECORD, (record, _args, reportViolation) => {
        const failoverType = failoverTypeOf(record);
        if (failoverType === undefined) {
            return;
        }
        if (requiredFails(record.setIdentifier, (id: string) => id.trim() !== "")) {
            reportViolation("a failover record needs a setIdentifier (Route 53 rejects it without one).");
        }
        if (failoverType === "PRIMARY" && requiredFails(record.healthCheckId, (id: string) => id.trim() !== "")) {
            reportViolation("the PRIMARY failover record has no healthCheckId: Route 53 would treat it as always healthy and never fail over.");
        }
    }),
};

/** The one setIdentifier each failover type keeps: a flip swaps values, never identities (docs/ARCHITECTURE.md). */
export const FAILOVER_SET_IDENTIFIERS: Readonly<Record<string, string>> = { PRIMARY: "primary", SECONDARY: "secondary" };

export const route53FailoverFixedIdentity: ResourceValidationPolicy = {
    name: "route53-failover-fixed-identity",
    description: `Route 53 failover records keep a fixed identity: the PRIMARY record's setIdentifier is "${FAILOVER_SET_IDENTIFIERS.PRIMARY}", the SECONDARY's "${FAILOVER_SET_IDENTIFIERS.SECONDARY}", whichever site is active.`,
    enforcementLevel: "mandatory",
    severity: "critical",
    validateResource: validateType(ROUTE53_RECORD, (record, _args, reportViolation) => {
        const failoverType = failoverTypeOf(record);
        if (typeof failoverType !== "string" || !(failoverType in FAILOVER_SET_IDENTIFIERS) || !isKnown(record.setIdentifier)) {
            return;
        }
        const expected = FAILOVER_SET_IDENTIFIERS[failoverType];
        if (record.setIdentifier !== expected) {
            reportViolation(`the ${failoverType} record's setIdentifier is "${String(record.setIdentifier)}"; it must be "${expected}", or a flip renames records (a delete and create Route 53 may refuse midway).`);
        }
    }),
};

export const route53FailoverTtl: ResourceValidationPolicy = {
    name: "route53-failover-ttl",
    description: "Route 53 failover records have a TTL no longer than a configurable maximum, so resolvers follow a failover quickly.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: {
        properties: {
            maxTtlSeconds: { type: "integer", minimum: 0, default: MAX_FAILOVER_TTL, description: "The longest TTL a failover record may have." },
        },
    },
    validateResource: validateType(ROUTE53_RECORD, (record, args, reportViolation) => {
        const { maxTtlSeconds = MAX_FAILOVER_TTL } = args.getConfig<{ maxTtlSeconds?: number }>();
        if (failoverTypeOf(record) === undefined || (Array.isArray(record.aliases) && record.aliases.length > 0)) {
            return;
        }
        if (requiredFails(record.ttl, (ttl: number) => ttl <= maxTtlSeconds)) {
            reportViolation(`failover record TTL is ${String(record.ttl ?? "unset")}; at most ${maxTtlSeconds} seconds allowed.`);
        }
    }),
};

export const route53HealthCheckInterval: ResourceValidationPolicy = {
    name: "route53-health-check-interval",
    description: `Route 53 health checks set a request interval Route 53 accepts (${ROUTE53_REQUEST_INTERVALS.join(" or ")} seconds).`,
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateType(ROUTE53_HEALTH_CHECK, (check, _args, reportViolation) => {
        if (requiredFails(check.requestInterval, (interval: number) => ROUTE53_REQUEST_INTERVALS.includes(interval))) {
            reportViolation(`requestInterval is ${String(check.requestInterval ?? "unset")}; it must be set to one of ${ROUTE53_REQUEST_INTERVALS.join(", ")}.`);
        }
    }),
};

export const route53HealthCheckThreshold: ResourceValidationPolicy = {
    name: "route53-health-check-threshold",
    description: `Route 53 health checks use a failure threshold within ${ROUTE53_FAILURE_THRESHOLD.min}..${ROUTE53_FAILURE_THRESHOLD.max} and at most a configurable maximum, which bounds detection time.`,
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: {
        properties: {
            maxFailureThreshold: {
                type: "integer",
                minimum: ROUTE53_FAILURE_THRESHOLD.min,
                maximum: ROUTE53_FAILURE_THRESHOLD.max,
                default: 3,
                description: "The highest failure threshold a health check may use (detection takes interval x threshold).",
            },
        },
    },
    validateResource: validateType(ROUTE53_HEALTH_CHECK, (check, args, reportViolation) => {
        const { maxFailureThreshold = 3 } = args.getConfig<{ maxFailureThreshold?: number }>();
        const max = Math.min(maxFailureThreshold, ROUTE53_FAILURE_THRESHOLD.max);
        if (requiredFails(check.failureThreshold, (t: number) => Number.isInteger(t) && t >= ROUTE53_FAILURE_THRESHOLD.min && t <= max)) {
            reportViolation(`failureThreshold is ${String(check.failureThreshold ?? "unset")}; it must be within ${ROUTE53_FAILURE_THRESHOLD.min}..${max}.`);
        }
    }),
};

export const route53HealthCheckRegions: ResourceValidationPolicy = {
    name: "route53-health-check-regions",
    description: `Route 53 health checks run from at least ${ROUTE53_MIN_CHECKER_REGIONS} distinct checker regions, all from Route 53's list.`,
    enforcementLevel: "mandatory",
    severity: "medium",
    configSchema: {
        properties: {
            minRegions: {
                type: "integer",
                minimum: ROUTE53_MIN_CHECKER_REGIONS,
                maximum: ROUTE53_CHECKER_REGIONS.length,
                default: ROUTE53_MIN_CHECKER_REGIONS,
                description: "The fewest checker regions a health check may use.",
            },
        },
    },
    validateResource: validateType(ROUTE53_HEALTH_CHECK, (check, args, reportViolation) => {
        const { minRegions = ROUTE53_MIN_CHECKER_REGIONS } = args.getConfig<{ minRegions?: number }>();
        if (isUnknown(check.regions)) {
            return;
        }
        const regions = knownItems<string>(check.regions);
        const invalid = regions.filter((r) => !ROUTE53_CHECKER_REGIONS.includes(r));
        if (invalid.length > 0) {
            reportViolation(`checker regions ${invalid.join(", ")} are not Route 53 checker regions (${ROUTE53_CHECKER_REGIONS.join(", ")}).`);
        }
        const distinct = new Set(regions.filter((r) => ROUTE53_CHECKER_REGIONS.includes(r)));
        if (distinct.size < minRegions) {
            reportViolation(`the health check names ${distinct.size} valid checker region(s); at least ${minRegions} required (unset means Route 53 picks them).`);
        }
    }),
};

export const route53HealthCheckHttp: ResourceValidationPolicy = {
    name: "route53-health-check-http",
    description: "Route 53 health checks probe the application over HTTP(S) on a path, not just a TCP connect.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateType(ROUTE53_HEALTH_CHECK, (check, _args, reportViolation) => {
        if (requiredFails(check.type, (type: string) => HTTP_CHECK_TYPES.includes(type))) {
            reportViolation(`type is ${String(check.type ?? "unset")}; it must be one of ${HTTP_CHECK_TYPES.join(", ")}.`);
            return;
        }
        if (requiredFails(check.resourcePath, (path: string) => path.startsWith("/"))) {
            reportViolation(`resourcePath is ${String(check.resourcePath ?? "unset")}; it must be an absolute path such as /health.`);
        }
        if (!isKnown(check.ipAddress) && !isKnown(check.fqdn) && !isUnknown(check.ipAddress) && !isUnknown(check.fqdn)) {
            reportViolation("the health check names neither an ipAddress nor an fqdn to probe.");
        }
    }),
};

export const route53HealthCheckBody: ResourceValidationPolicy = {
    name: "route53-health-check-body",
    description: `Route 53 failover health checks are HTTPS_STR_MATCH with a searchString of 1..${ROUTE53_SEARCH_STRING_MAX} characters: a 200 with the wrong body is not healthy.`,
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateType(ROUTE53_HEALTH_CHECK, (check, _args, reportViolation) => {
        if (requiredFails(check.type, (type: string) => type === "HTTPS_STR_MATCH")) {
            reportViolation(`type is ${String(check.type ?? "unset")}; it must be HTTPS_STR_MATCH, which also checks the body.`);
        }
        // Route 53 API Reference, HealthCheckConfig: SearchString "Maximum length of 255".
        if (requiredFails(check.searchString, (text: string) => text.length > 0 && text.length <= ROUTE53_SEARCH_STRING_MAX)) {
            reportViolation(`searchString is ${JSON.stringify(check.searchString ?? "unset")}; it must be the text a healthy body contains, 1..${ROUTE53_SEARCH_STRING_MAX} characters.`);
        }
    }),
};

export const linodeZoneDelegated: StackValidationPolicy = {
    name: "linode-zone-delegated",
    description: "Every Linode DNS zone is delegated from Route 53 by an NS record set naming Linode's name servers, so its records resolve publicly.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateStack: validateStackOf([LINODE_DOMAIN], (resources, _args, reportViolation) => {
        const nsRecords = resources.filter((r) => r.type === ROUTE53_RECORD && r.props.type === "NS" && isKnown(r.props.name));
        for (const zone of resources.filter((r) => r.type === LINODE_DOMAIN && isKnown(r.props.domain))) {
            const delegation = nsRecords.find((r) => canonicalDnsName(r.props.name) === canonicalDnsName(zone.props.domain));
            if (!delegation) {
                reportViolation(`Linode zone ${zone.props.domain} has no NS record in Route 53: nothing delegates it, so its records never resolve.`, zone.urn);
                continue;
            }
            const servers = knownItems<string>(delegation.props.records).map(canonicalDnsName);
            const missing = isUnknown(delegation.props.records) ? [] : LINODE_NAME_SERVERS.filter((ns) => !servers.includes(ns));
            if (missing.length > 0) {
                reportViolation(`the delegation of ${zone.props.domain} does not name Linode's name servers ${missing.join(", ")}.`, delegation.urn);
            }
        }
    }),
};

export const route53Policies = [
    route53FailoverRecordIdentity,
    route53FailoverFixedIdentity,
    route53FailoverTtl,
    route53HealthCheckInterval,
    route53HealthCheckThreshold,
    route53HealthCheckRegions,
    route53HealthCheckHttp,
    route53HealthCheckBody,
    linodeZoneDelegated,
];
