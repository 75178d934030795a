import { StackValidationPolicy } from "@pulumi/policy";
import { GOOGLE_HEALTH_CHECK_RANGES } from "../../topology/platformLimits";
import { GCP_BACKEND_SERVICE } from "./gcpLoadBalancing";
import {
    LINODE_FIREWALL,
    LINODE_FIREWALL_DEVICE,
    LINODE_INSTANCE,
    LINODE_NODEBALANCER_NODE,
} from "./linode";
import { cidrContains } from "../../topology/cidr";
import { hostOf, portsInclude } from "./network";
import { failoverTypeOf, ROUTE53_HEALTH_CHECK, ROUTE53_RECORD } from "./route53";
import { dependenciesOf, intersects, isKnown, isUnknown, knownItems, StackResource, validateStackOf } from "./values";

export const GCP_FIREWALL = "gcp:compute/firewall:Firewall";
export const GCP_HEALTH_CHECK = "gcp:compute/healthCheck:HealthCheck";
export const GCP_NAMED_PORT = "gcp:compute/instanceGroupNamedPort:InstanceGroupNamedPort";

function failoverRecords(resources: StackResource[]): StackResource[] {
    return resources.filter((r) => r.type === ROUTE53_RECORD && failoverTypeOf(r.props) !== undefined);
}

/** Records that answer the same question (zone, name, type); an unknown zone id is keyed by where it came from. */
function failoverGroupKey(record: StackResource): string {
    const zone = isKnown(record.props.zoneId) ? String(record.props.zoneId) : `from:${[...dependenciesOf(record, "zoneId")].sort().join(",")}`;
    return `${zone}|${String(record.props.name)}|${String(record.props.type)}`;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
    const groups = new Map<string, T[]>();
    for (const item of items) {
        groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
    }
    return groups;
}

/** The single resource a property's value came from, when there is exactly one. */
function soleSource(resource: StackResource, property: string): string | undefined {
    const deps = dependenciesOf(resource, property);
    return deps.size === 1 ? [...deps][0] : undefined;
}

/**
 * Whether two failover records certainly point at the same target: equal known values, or (values not known
 * yet) both derived from one and the same resource.
 */
function sameTarget(a: StackResource, b: StackResource): boolean {
    const aValues = knownItems<string>(a.props.records);
    const bValues = knownItems<string>(b.props.records);
    if (aValues.length > 0 && bValues.length > 0) {
        return [...aValues].sort().join(",") === [...bValues].sort().join(",");
    }
    const aSource = soleSource(a, "records");
    return aSource !== undefined && aSource === soleSource(b, "records");
}

export const failoverPairComplete: StackValidationPolicy = {
    name: "failover-pair-complete",
    description: "Each Route 53 failover name has exactly one PRIMARY and one SECONDARY record, pointing at different targets.",
    enforcementLevel: "mandatory",
    severity: "critical",
    validateStack: validateStackOf([ROUTE53_RECORD], (resources, _args, reportViolation) => {
        for (const records of groupBy(failoverRecords(resources), failoverGroupKey).values()) {
            const name = `${String(records[0].props.name)} (${String(records[0].props.type)})`;
            if (records.some((r) => isUnknown(failoverTypeOf(r.props)))) {
                continue;
            }
            const primaries = records.filter((r) => failoverTypeOf(r.props) === "PRIMARY");
            const secondaries = records.filter((r) => failoverTypeOf(r.props) === "SECONDARY");
            if (primaries.length !== 1 || secondaries.length !== 1) {
                reportViolation(
                    `${name} has ${primaries.length} PRIMARY and ${secondaries.length} SECONDARY record(s); exactly one of each is required.`,
                    (primaries[1] ?? secondaries[1] ?? records[0]).urn,
                );
                continue;
            }
            const [primary, secondary] = [primaries[0], secondaries[0]];
            if (isKnown(primary.props.setIdentifier) && primary.props.setIdentifier === secondary.props.setIdentifier) {
                reportViolation(`${name}: PRIMARY and SECONDARY share setIdentifier ${String(primary.props.setIdentifier)}.`, secondary.urn);
            }
            if (sameTarget(primary, secondary)) {
                reportViolation(`${name}: PRIMARY and SECONDARY point at the same target, so failing over changes nothing.`, secondary.urn);
            }
        }
    }),
};

export const failoverTargetHealthCheck: StackValidationPolicy = {
    name: "failover-target-health-check",
    description: "Every Route 53 failover record has its own health check, probing the target that record serves.",
    enforcementLevel: "mandatory",
    severity: "critical",
    validateStack: validateStackOf([ROUTE53_RECORD], (resources, _args, reportViolation) => {
        const healthChecks = new Map(resources.filter((r) => r.type === ROUTE53_HEALTH_CHECK).map((r) => [r.urn, r]));
        const records = failoverRecords(resources);
        const checkOf = new Map<StackResource, StackResource>();
        for (const record of records) {
            const label = `${String(record.props.name)} ${String(record.props.setIdentifier ?? "")}`.trim();
            if (record.props.healthCheckId === undefined || record.props.healthCheckId === null) {
                reportViolation(`failover record ${label} has no health check; Route 53 cannot tell when its target is down.`, record.urn);
                continue;
            }
            const checkUrn = [...dependenciesOf(record, "healthCheckId")].find((urn) => healthChecks.has(urn));
            const check = checkUrn ? healthChecks.get(checkUrn) : undefined;
            if (!check) {
                continue; // a health check declared elsewhere: nothing here to compare with
            }
            checkOf.set(record, check);
            if (probesOtherTarget(record, check)) {
                reportViolation(`failover record ${label} uses health check ${check.name}, which probes a different target than the record serves.`, record.urn);
            }
        }
        for (const group of groupBy(records, failoverGroupKey).values()) {
            const seen = new Map<StackResource, StackResource>();
            for (const record of group) {
                const check = checkOf.get(record);
                const other = check ? seen.get(check) : undefined;
                if (check && other) {
                    reportViolation(`failover records ${String(other.props.setIdentifier)} and ${String(record.props.setIdentifier)} share health check ${check.name}; each target needs its own.`, record.urn);
                }
                if (check) {
                    seen.set(check, record);
                }
            }
        }
    }),
};

/** Whether a record's health check certainly probes something other than the record's target. */
function probesOtherTarget(record: StackResource, check: StackResource): boolean {
    const values = knownItems<string>(record.props.records);
    if (values.length > 0 && isKnown(check.props.ipAddress)) {
        return !values.includes(check.props.ipAddress);
    }
    const recordSources = dependenciesOf(record, "records");
    const checkSources = dependenciesOf(check, "ipAddress");
    return recordSources.size > 0 && checkSources.size > 0 && !intersects(recordSources, checkSources);
}

interface PortNeed {
    readonly port: number | undefined;
    readonly why: string;
}

/** The ports Google's probes and front ends must reach: the backend services' named ports and health-check ports. */
function portsToAdmit(resources: StackResource[]): PortNeed[] {
    const services = resources.filter((r) => r.type === GCP_BACKEND_SERVICE);
    const namedPorts = resources.filter((r) => r.type === GCP_NAMED_PORT);
    const checkUrns = new Set(services.flatMap((s) => [...dependenciesOf(s, "healthChecks")]));
    const needs: PortNeed[] = [];
    for (const service of services) {
        const portName = isKnown(service.props.portName) ? service.props.portName : "http";
        for (const named of namedPorts.filter((n) => n.props.name === portName && isKnown(n.props.port))) {
            needs.push({ port: Number(named.props.port), why: `named port ${portName} of ${service.name}` });
        }
    }
    for (const check of resources.filter((r) => r.type === GCP_HEALTH_CHECK && (checkUrns.size === 0 || checkUrns.has(r.urn)))) {
        const port = check.props.httpHealthCheck?.port ?? check.props.httpsHealthCheck?.port ?? check.props.http2HealthCheck?.port;
        if (isKnown(port)) {
            needs.push({ port: Number(port), why: `health check ${check.name}` });
        }
    }
    const unique = new Map(needs.map((n) => [n.port, n]));
    return unique.size > 0 ? [...unique.values()] : [{ port: undefined, why: "the backend services" }];
}

function firewallAdmits(firewall: StackResource, range: string, port: number | undefined): boolean {
    const props = firewall.props;
    if ((isKnown(props.direction) && props.direction !== "INGRESS") || props.disabled === true) {
        return false;
    }
    if (isUnknown(props.sourceRanges) || isUnknown(props.allows)) {
        return true; // not known yet: cannot be judged in preview
    }
    const sources = knownItems<string>(props.sourceRanges);
    if (!sources.some((source) => cidrContains(source, range))) {
        return false;
    }
    return knownItems<Record<string, any>>(props.allows).some((allow) => {
        const protocol = String(allow.protocol ?? "").toLowerCase();
        const ports = isKnown(allow.ports) ? (allow.ports as string[]).filter(isKnown) : undefined;
        return (protocol === "tcp" || protocol === "all") && (port === undefined || portsInclude(ports, port));
    });
}

export const gcpHealthCheckFirewall: StackValidationPolicy = {
    name: "gcp-health-check-firewall",
    description: `A GCP firewall admits Google's health-check and front-end ranges (${GOOGLE_HEALTH_CHECK_RANGES.join(", ")}) to the node port the load balancer uses.`,
    enforcementLevel: "mandatory",
    severity: "critical",
    validateStack: validateStackOf([GCP_BACKEND_SERVICE], (resources, _args, reportViolation) => {
        const firewalls = resources.filter((r) => r.type === GCP_FIREWALL);
        for (const need of portsToAdmit(resources)) {
            for (const range of GOOGLE_HEALTH_CHECK_RANGES) {
                if (!firewalls.some((firewall) => firewallAdmits(firewall, range, need.port))) {
                    const port = need.port === undefined ? "any TCP port" : `tcp:${need.port}`;
                    reportViolation(`no firewall admits ${range} to ${port} (${need.why}): Google's probes fail and every backend looks down.`);
                }
            }
        }
    }),
};

export const linodeInstanceBehindNodeBalancer: StackValidationPolicy = {
    name: "linode-instance-behind-nodebalancer",
    description: "Every Linode instance is a node of a NodeBalancer, so traffic reaches it only through a health-checked balancer.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateStack: validateStackOf([LINODE_INSTANCE], (resources, _args, reportViolation) => {
        const nodes = resources.filter((r) => r.type === LINODE_NODEBALANCER_NODE);
        for (const instance of resources.filter((r) => r.type === LINODE_INSTANCE)) {
            const privateIp = instance.props.privateIpAddress;
            const served = nodes.some((node) =>
                dependenciesOf(node, "address").has(instance.urn) ||
                (isKnown(privateIp) && isKnown(node.props.address) && hostOf(String(node.props.address)) === privateIp));
            if (!served) {
                reportViolation(`Linode instance ${instance.name} is not a node of any NodeBalancer.`, instance.urn);
            }
        }
    }),
};

export const linodeInstanceFirewalled: StackValidationPolicy = {
    name: "linode-instance-firewalled",
    description: "Every Linode instance is attached to a Linode firewall: by its firewallId, the firewall's list or a firewall device.",
    enforcementLevel: "mandatory",
    severity: "critical",
    validateStack: validateStackOf([LINODE_INSTANCE], (resources, _args, reportViolation) => {
        const firewalls = resources.filter((r) => r.type === LINODE_FIREWALL);
        const devices = resources.filter((r) => r.type === LINODE_FIREWALL_DEVICE);
        for (const instance of resources.filter((r) => r.type === LINODE_INSTANCE)) {
            const id = instance.props.id;
            const attached =
                firewalls.some((firewall) =>
                    dependenciesOf(instance, "firewallId").has(firewall.urn) ||
                    (isKnown(instance.props.firewallId) && isKnown(firewall.props.id) && String(instance.props.firewallId) === String(firewall.props.id))) ||
                firewalls.some((firewall) =>
                    dependenciesOf(firewall, "linodes").has(instance.urn) ||
                    (isKnown(id) && knownItems<number | string>(firewall.props.linodes).some((linode) => String(linode) === String(id)))) ||
                devices.some((device) =>
                    dependenciesOf(device, "entityId").has(instance.urn) ||
                    (isKnown(id) && isKnown(device.props.entityId) && String(device.props.entityId) === String(id)));
            if (!attached) {
                reportViolation(`Linode instance ${instance.name} is not attached to any Linode firewall.`, instance.urn);
            }
        }
    }),
};

export const stackPolicies = [
    failoverPairComplete,
    failoverTargetHealthCheck,
    gcpHealthCheckFirewall,
    linodeInstanceBehindNodeBalancer,
    linodeInstanceFirewalled,
];
