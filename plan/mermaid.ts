import { Evaluation, RecordedResource } from "../offline";
import { decideFailover, DrConfig, siteEntry, SITES } from "../topology";
import { PlaceholderIndex } from "./placeholders";

const TYPES = {
    record: "aws:route53/record:Record",
    table: "aws:dynamodb/table:Table",
    globalAddress: "gcp:compute/globalAddress:GlobalAddress",
    cluster: "gcp:container/cluster:Cluster",
    nodeBalancer: "linode:index/nodeBalancer:NodeBalancer",
    instance: "linode:index/instance:Instance",
    domain: "linode:index/domain:Domain",
    domainRecord: "linode:index/domainRecord:DomainRecord",
} as const;

/**
 * A Mermaid flowchart of the estate as the evaluation declares it: where each Route 53 record and the
 * Linode app record point (matched by address to the load balancer or NodeBalancer that owns it), the GKE
 * clusters and Linode regions of each site, and the table's regions with each site's write region.
 */
export function estateDiagram(evaluation: Evaluation, cfg: DrConfig): string {
    const resources = evaluation.resources;
    const of = (type: string) => resources.filter((r) => r.type === type);
    const placeholders = new PlaceholderIndex(resources);
    const ip = (value: unknown) => (typeof value === "string" ? (placeholders.isPlaceholder(value) ? `${value} (placeholder)` : value) : "address unknown");

    const endpointNode = new Map<string, string>();
    const lines: string[] = ["flowchart LR"];
    lines.push(`  users(["${label(`clients of ${cfg.dns.appHostname}`)}"])`);
    lines.push(`  r53{{"${label(`Route 53 ${cfg.dns.appHostname}`)}"}}`);
    lines.push("  users --> r53");

    const decision = decideFailover(cfg);
    for (const site of SITES) {
        lines.push(`  subgraph site_${site}["${label(`site ${site}${cfg.activeSite === site ? " (active)" : ""}${cfg.homeSite === site ? " (home)" : ""}`)}"]`);
        lines.push(...(SITE_DIAGRAMS[site] ?? genericSite)({ of, ip, cfg, site, endpointNode }));
        lines.push("  end");
    }

    for (const record of of(TYPES.record).sort((a, b) => a.name.localeCompare(b.name))) {
        const role = String(record.inputs.failoverRoutingPolicies?.[0]?.type ?? "record");
        const target = (record.inputs.records ?? []).map((v: unknown) => endpointNode.get(String(v))).find(Boolean);
        const edge = role === "PRIMARY" ? `-- "${label(role)}" -->` : `-. "${label(role)}" .->`;
        if (target) {
            lines.push(`  r53 ${edge} ${target}`);
        } else {
            const unknown = nodeId("unknown", record.name);
            lines.push(`  ${unknown}["${label(`${(record.inputs.records ?? []).join(", ")} (no endpoint owns it)`)}"]`);
            lines.push(`  r53 ${edge} ${unknown}`);
        }
    }

    const table = of(TYPES.table)[0];
    if (table) {
        const home = String(table.inputs.region ?? cfg.table.homeRegion);
        const replicas: string[] = (table.inputs.replicas ?? []).map((r: { regionName: string }) => r.regionName);
        lines.push(`  subgraph data["${label(`DynamoDB global table ${table.inputs.name}`)}"]`);
        for (const region of [home, ...replicas]) {
            const writers = SITES.filter((s) => cfg.writeRegions[s] === region);
            const notes = [region === home ? "home" : "replica", ...writers.map((s) => `${s} writes${decision.writeRegion === region ? ", active" : ""}`)];
            lines.push(`    ${nodeId("ddb", region)}[("${label(`${region} (${notes.join("; ")})`)}")]`);
        }
        lines.push("  end");
        for (const site of SITES) {
            lines.push(`  site_${site} -.-> ${nodeId("ddb", cfg.writeRegions[site])}`);
        }
    }
    return `${lines.join("\n")}\n`;
}

function nodeId(prefix: string, key: string): string {
    return `${prefix}_${key.replace(/[^A-Za-z0-9]/g, "_")}`;
}

/** Mermaid labels here are quoted; a double quote inside one would end it. */
function label(text: string): string {
    return text.replace(/"/g, "'");
}

function countBy(resources: readonly RecordedResource[], key: (r: RecordedResource) => string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const r of resources) {
        counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
    }
    return counts;
}

interface SiteDiagramContext {
    readonly of: (type: string) => RecordedResource[];
    readonly ip: (value: unknown) => string;
    readonly cfg: DrConfig;
    readonly site: string;
    /** Address -> node id, filled in by each site so the Route 53 edges can find their targets. */
    readonly endpointNode: Map<string, string>;
}

/** How each built-in site draws its inside; a site without an entry is drawn as its endpoints. */
const SITE_DIAGRAMS: Record<string, (ctx: SiteDiagramContext) => string[]> = {
    gcp: ({ of, ip, endpointNode }) => {
        const out: string[] = [];
        for (const address of of(TYPES.globalAddress)) {
            endpointNode.set(String(address.outputs.address), "gcp_lb");
            out.push(`    gcp_lb["${label(`global load balancer ${ip(address.outputs.address)}`)}"]`);
        }
        for (const cluster of of(TYPES.cluster)) {
            const id = nodeId("gke", String(cluster.inputs.location));
            out.push(`    ${id}["${label(`GKE ${cluster.inputs.location}`)}"]`);
            out.push(`    gcp_lb --> ${id}`);
        }
        return out;
    },
    linode: ({ of, ip, cfg, endpointNode }) => {
        const out: string[] = [];
        const domain = of(TYPES.domain)[0];
        if (domain) {
            out.push(`    linode_dns["${label(`Linode DNS ${cfg.dns.appHost}.${domain.inputs.domain}`)}"]`);
        }
        const instancesPerRegion = countBy(of(TYPES.instance), (r) => String(r.inputs.region));
        for (const nb of of(TYPES.nodeBalancer)) {
            const region = String(nb.inputs.region);
            const id = nodeId("nb", region);
            endpointNode.set(String(nb.outputs.ipv4), id);
            out.push(`    ${id}["${label(`NodeBalancer ${region} ${ip(nb.outputs.ipv4)}`)}"]`);
            const instances = nodeId("linodes", region);
            out.push(`    ${instances}["${label(`${instancesPerRegion.get(region) ?? 0} instance(s) ${region}`)}"]`);
            out.push(`    ${id} --> ${instances}`);
        }
        for (const record of of(TYPES.domainRecord).filter((r) => r.inputs.name === cfg.dns.appHost)) {
            const target = endpointNode.get(String(record.inputs.target));
            if (domain && target) {
                out.push(`    linode_dns -- "${label(`${cfg.dns.appHost} A`)}" --> ${target}`);
            }
        }
        return out;
    },
};

function genericSite({ cfg, site }: SiteDiagramContext): string[] {
    return siteEntry(site)
        .endpoints(cfg)
        .map((endpoint) => `    ${nodeId("endpoint", endpoint)}["${label(`endpoint ${endpoint}`)}"]`);
}
