import * as http from "http";
import { listen, stopServer } from "../automation/localServers";

export interface FakeComputeApi {
    /** The API base, as MULTICLOUD_DR_GCP_COMPUTE_API_URL: `http://127.0.0.1:<port>/compute/v1`. */
    readonly baseUrl: string;
    readonly token: string;
    /** The backend services this fake knows, by `<project>/<name>`, each with its groups and their instances' health states. */
    backendServices: Record<string, Record<string, string[]>>;
    /** Every request: `<method> <path>`, its Authorization and content type, and its body as sent. */
    readonly requests: Array<{ line: string; authorization?: string; contentType?: string; body: string }>;
    close(): Promise<void>;
}

/**
 * `backendServices.getHealth` on 127.0.0.1, as Compute Engine v1 answers it: POST
 * `/compute/v1/projects/{project}/global/backendServices/{name}/getHealth` with `{group}`, Bearer auth,
 * `{kind, healthStatus[]}` (no `healthStatus` for an empty group), `{error: {code, message, status}}` on failure.
 */
export async function startFakeComputeApi(backendServices: Record<string, Record<string, string[]>> = {}): Promise<FakeComputeApi> {
    const token = "ya29.gcp-test-token-0123456789";
    const state = { backendServices, requests: [] as FakeComputeApi["requests"] };
    const server = http.createServer((req, res) => {
        let body = "";
        req.setEncoding("utf8");
        req.on("data", (chunk: string) => (body += chunk));
        req.on("end", () => {
            state.requests.push({ line: `${req.method} ${req.url}`, authorization: req.headers.authorization, contentType: req.headers["content-type"], body });
            const reply = (status: number, answer: unknown) => res.writeHead(status, { "content-type": "application/json; charset=UTF-8" }).end(JSON.stringify(answer));
            const error = (code: number, status: string, message: string) => reply(code, { error: { code, message, errors: [{ message, reason: status.toLowerCase() }], status } });
            if (req.headers.authorization !== `Bearer ${token}`) {
                return error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 access token.");
            }
            const match = /^\/compute\/v1\/projects\/([^/]+)\/global\/backendServices\/([^/]+)\/getHealth$/.exec(req.url ?? "");
            if (req.method !== "POST" || !match) {
                return error(404, "NOT_FOUND", "Not Found");
            }
            const service = state.backendServices[`${decodeURIComponent(match[1])}/${decodeURIComponent(match[2])}`];
            if (!service) {
                return error(404, "NOT_FOUND", `The resource 'projects/${match[1]}/global/backendServices/${match[2]}' was not found`);
            }
            const group = (JSON.parse(body || "{}") as { group?: string }).group ?? "";
            const states = service[group];
            if (!states) {
                return error(400, "INVALID_ARGUMENT", `Invalid value for field 'resource.group': '${group}'. Resource is not a backend of this backend service.`);
            }
            const zone = /\/zones\/([^/]+)\//.exec(group)?.[1] ?? "zone";
            const healthStatus = states.map((healthState, i) => ({
                ipAddress: `10.0.0.${i + 2}`,
                port: 30080,
                instance: `https://www.googleapis.com/compute/v1/projects/${match[1]}/zones/${zone}/instances/gke-node-${zone}-${i}`,
                healthState,
            }));
            return reply(200, healthStatus.length > 0 ? { kind: "compute#backendServiceGroupHealth", healthStatus } : { kind: "compute#backendServiceGroupHealth" });
        });
    });
    const port = await listen(server);
    return {
        baseUrl: `http://127.0.0.1:${port}/compute/v1`,
        token,
        get backendServices() {
            return state.backendServices;
        },
        set backendServices(services) {
            state.backendServices = services;
        },
        requests: state.requests,
        close: () => stopServer(server),
    };
}
