import { ProbeScope } from "../probes/addressGuard";
import { apiBase, Unavailable } from "./apiAccess";

/**
 * Linode API v4 (techdocs.akamai.com/linode-api/reference): `GET /nodebalancers` ("List NodeBalancers", scope
 * `nodebalancers:read_only`) and `GET /nodebalancers/{nodeBalancerId}/configs` ("List configs"), both paginated
 * (`page`, `page_size` up to 500; the answer is `{data, page, pages, results}`), with `Authorization: Bearer <token>`.
 * A NodeBalancer has `id`, `label`, `region`, `ipv4`; each config (one per port) has `port`, `protocol` and
 * `nodes_status: {up, down}`: "the number of backends considered to be UP and healthy, and that are serving
 * requests" and "DOWN and unhealthy ... not in rotation" (linode-api-openapi, NodeBalancerConfig.nodes_status).
 */
export const LINODE_API_URL = "https://api.linode.com/v4";
const PAGE_SIZE = 500;

export interface NodeBalancerSummary {
    readonly id: number;
    readonly label: string;
    readonly region: string;
    readonly ipv4: string;
}

export interface NodeBalancerConfigStatus {
    readonly id: number;
    readonly port: number;
    readonly protocol: string;
    readonly up: number;
    readonly down: number;
}

export interface LinodeApi {
    nodeBalancers(): Promise<NodeBalancerSummary[]>;
    configs(nodeBalancerId: number): Promise<NodeBalancerConfigStatus[]>;
}

export interface LinodeApiOptions {
    /** Default LINODE_API_URL; MULTICLOUD_DR_LINODE_API_URL in the CLI (a loopback fake in tests). */
    readonly baseUrl?: string;
    /** A personal access token with `nodebalancers:read_only`; LINODE_TOKEN, as the Pulumi provider reads it. */
    readonly token?: string;
    readonly scope: ProbeScope;
    readonly timeoutMs: number;
}

/** The Linode API client, or why it cannot be used: no token, or a non-loopback API outside a real run. */
export function linodeApi(options: LinodeApiOptions): LinodeApi | Unavailable {
    const access = apiBase(options.baseUrl ?? LINODE_API_URL, options.token, "no Linode API token (set LINODE_TOKEN, read-only nodebalancers scope)", options.scope);
    if ("unavailable" in access) {
        return access;
    }
    const { base } = access;
    const get = async (path: string): Promise<unknown[]> => {
        const items: unknown[] = [];
        for (let page = 1, pages = 1; page <= pages; page++) {
            const response = await fetch(`${base}${path}?page=${page}&page_size=${PAGE_SIZE}`, {
                headers: { authorization: `Bearer ${options.token}`, accept: "application/json", "user-agent": "multicloud-dr" },
                signal: AbortSignal.timeout(options.timeoutMs),
            });
            if (!response.ok) {
                // Linode's error body is `{errors: [{reason}]}`; the token is never part of it.
                const body = (await response.json().catch(() => ({}))) as { errors?: Array<{ reason?: string }> };
                throw new Error(`GET ${path}: HTTP ${response.status}${body.errors?.[0]?.reason ? ` (${body.errors[0].reason})` : ""}`);
            }
            const body = (await response.json()) as { data?: unknown[]; pages?: number };
            items.push(...(body.data ?? []));
            pages = Number(body.pages ?? 1);
        }
        return items;
    };
    return {
        nodeBalancers: async () =>
            (await get("/nodebalancers")).map((raw) => {
                const nb = raw as Record<string, unknown>;
                return { id: Number(nb.id), label: String(nb.label ?? ""), region: String(nb.region ?? ""), ipv4: String(nb.ipv4 ?? "") };
            }),
        configs: async (id) =>
            (await get(`/nodebalancers/${id}/configs`)).map((raw) => {
                const config = raw as Record<string, unknown> & { nodes_status?: { up?: unknown; down?: unknown } };
                return {
                    id: Number(config.id),
                    port: Number(config.port),
                    protocol: String(config.protocol ?? ""),
                    up: Number(config.nodes_status?.up ?? 0),
                    down: Number(config.nodes_status?.down ?? 0),
                };
            }),
    };
}
