import { Evaluation, RecordedResource } from "../../offline";

/** A recorded resource for unit tests; the URN is built the way the engine builds it. */
export function resource(
    fields: Pick<RecordedResource, "type" | "name"> & Partial<Omit<RecordedResource, "type" | "name">>,
): RecordedResource {
    const chain = fields.parentType ? `${fields.parentType}$${fields.type}` : fields.type;
    const inputs = fields.inputs ?? {};
    return {
        urn: `urn:pulumi:test::multicloud-dr::${chain}::${fields.name}`,
        custom: true,
        outputs: { ...inputs, ...(fields.outputs ?? {}) },
        placeholders: [],
        dependencies: [],
        propertyDependencies: {},
        protect: false,
        ...fields,
        inputs,
    };
}

export function component(type: string, name: string): RecordedResource {
    return resource({ type, name, custom: false });
}

export function evaluation(resources: RecordedResource[], outputs: Record<string, unknown> = {}): Evaluation {
    return { stack: "test", resources, outputs };
}

export const DNS = "multicloud-dr:dns:Route53Failover";
export const RECORD = "aws:route53/record:Record";
export const PARAMETER = "aws:ssm/parameter:Parameter";
export const TABLE = "aws:dynamodb/table:Table";
export const NODE_BALANCER = "linode:index/nodeBalancer:NodeBalancer";

/** A failover record pointing at `ip`, with the health check id `hc`. */
export function record(name: string, ip: string, hc: string, role = "PRIMARY"): RecordedResource {
    return resource({
        type: RECORD,
        name,
        parentType: DNS,
        inputs: { zoneId: "Z1", name: "app.example.com", type: "A", ttl: 30, setIdentifier: name, failoverRoutingPolicies: [{ type: role }], records: [ip], healthCheckId: hc },
        outputs: { fqdn: "app.example.com" },
        placeholders: ["fqdn"],
    });
}
