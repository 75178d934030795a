import * as http from "http";
import { AddressInfo } from "net";
import { BadInputError } from "../../topology";
import { ServeAddress } from "./serveAddress";

export interface WatchServerRoutes {
    /** `GET /`: the status page. */
    page(): string;
    /** `GET /metrics`: the Prometheus exposition. */
    metrics(): Promise<{ contentType: string; body: string }>;
}

export interface WatchServer {
    /** `http://host:port` (IPv6 hosts in brackets). */
    readonly url: string;
    readonly port: number;
    close(): Promise<void>;
}

/** One HTTP server: the status page at `/`, metrics at `/metrics`, 404 elsewhere, GET and HEAD only. */
export async function startWatchServer(address: ServeAddress, routes: WatchServerRoutes): Promise<WatchServer> {
    const server = http.createServer((req, res) => {
        void answer(req, res, routes);
    });
    // A status page that keeps connections open must not hold up a stopping watch.
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
        server.once("error", (err: NodeJS.ErrnoException) => reject(listenError(address, err)));
        server.listen(address.port, address.host, () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    const host = address.host.includes(":") ? `[${address.host}]` : address.host;
    return {
        url: `http://${host}:${port}`,
        port,
        close: () =>
            new Promise<void>((resolve) => {
                server.closeAllConnections();
                server.close(() => resolve());
            }),
    };
}

async function answer(req: http.IncomingMessage, res: http.ServerResponse, routes: WatchServerRoutes): Promise<void> {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" }).end("method not allowed\n");
        return;
    }
    try {
        if (path === "/") {
            send(res, req, "text/html; charset=utf-8", routes.page());
        } else if (path === "/metrics") {
            const { contentType, body } = await routes.metrics();
            send(res, req, contentType, body);
        } else {
            res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found: the status page is at / and the metrics at /metrics\n");
        }
    } catch (err) {
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end(`error: ${(err as Error).message}\n`);
    }
}

function send(res: http.ServerResponse, req: http.IncomingMessage, contentType: string, body: string): void {
    // The page embeds what the stack and the audit log say: no caching, no sniffing, nothing loaded from elsewhere.
    res.writeHead(200, {
        "content-type": contentType,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
    });
    res.end(req.method === "HEAD" ? undefined : body);
}

function listenError(address: ServeAddress, err: NodeJS.ErrnoException): Error {
    const where = `--serve ${address.host.includes(":") ? `[${address.host}]` : address.host}:${address.port}`;
    switch (err.code) {
        case "EADDRINUSE":
            return new BadInputError(`${where}: the address is already in use (another watch or exporter?); choose another port`);
        case "EADDRNOTAVAIL":
        case "ENOTFOUND":
        case "EAI_AGAIN":
            return new BadInputError(`${where}: not an address of this machine`);
        case "EACCES":
            return new BadInputError(`${where}: not allowed to listen there (ports below 1024 need privileges)`);
        default:
            return new BadInputError(`${where}: cannot listen (${err.message})`);
    }
}
