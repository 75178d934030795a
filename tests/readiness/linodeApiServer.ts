import * as http from "http";
import { listen, stopServer } from "../automation/localServers";

export interface FakeNodeBalancer {
    id: number;
    label: string;
    region: string;
    ipv4: string;
    configs: Array<{ id: number; port: number; protocol: string; up: number; down: number }>;
}

export interface FakeLinodeApi {
    /** The API base, as MULTICLOUD_DR_LINODE_API_URL: `http://127.0.0.1:<port>/v4`. */
    readonly baseUrl: string;
    readonly token: string;
    nodeBalancers: FakeNodeBalancer[];
    /** Items per page this fake hands out (the real API: page_size, 25-500): small, so paging is exercised. */
    pageSize: number;
    /** `<method> <path?query>` and the Authorization header of every request. */
    readonly requests: Array<{ line: string; authorization?: string }>;
    close(): Promise<void>;
}

/** The two Linode API v4 reads the capacity check makes, on 127.0.0.1: paginated `{data, page, pages, results}`, Bearer auth, `{errors: [{reason}]}` on failure. */
export async function startFakeLinodeApi(nodeBalancers: FakeNodeBalancer[] = []): Promise<FakeLinodeApi> {
    const token = "linode-test-token-0123456789";
    const state = { nodeBalancers, pageSize: 1, requests: [] as FakeLinodeApi["requests"] };
    const server = http.createServer((req, res) => {
        state.requests.push({ line: `${req.method} ${req.url}`, authorization: req.headers.authorization });
        const url = new URL(req.url ?? "/", "http://localhost");
        const reply = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
        if (req.headers.authorization !== `Bearer ${token}`) {
            return reply(401, { errors: [{ reason: "Invalid Token" }] });
        }
        const page = Number(url.searchParams.get("page") ?? 1);
        const paged = (items: unknown[]) => {
            const size = Math.min(state.pageSize, Number(url.searchParams.get("page_size") ?? 100));
            reply(200, { data: items.slice((page - 1) * size, page * size), page, pages: Math.max(1, Math.ceil(items.length / size)), results: items.length });
        };
        if (url.pathname === "/v4/nodebalancers") {
            return paged(state.nodeBalancers.map(({ configs: _configs, ...nb }) => ({ ...nb, hostname: `nb-${nb.id}.linode.example`, client_conn_throttle: 20 })));
        }
        const match = /^\/v4\/nodebalancers\/(\d+)\/configs$/.exec(url.pathname);
        const nb = match ? state.nodeBalancers.find((n) => n.id === Number(match[1])) : undefined;
        if (nb) {
            return paged(nb.configs.map((c) => ({ id: c.id, port: c.port, protocol: c.protocol, nodebalancer_id: nb.id, check: "http_body", nodes_status: { up: c.up, down: c.down } })));
        }
        reply(404, { errors: [{ reason: "Not found" }] });
    });
    const port = await listen(server);
    return {
        baseUrl: `http://127.0.0.1:${port}/v4`,
        token,
        get nodeBalancers() {
            return state.nodeBalancers;
        },
        set nodeBalancers(n) {
            state.nodeBalancers = n;
        },
        get pageSize() {
            return state.pageSize;
        },
        set pageSize(n) {
            state.pageSize = n;
        },
        requests: state.requests,
        close: () => stopServer(server),
    };
}
