import * as http from "node:http";
import { json, HttpAnswer } from "./verdict";

export interface Routes {
    readonly healthPath: string;
    health(): Promise<HttpAnswer>;
    activeSite(): HttpAnswer;
}

export function createServer(routes: Routes): http.Server {
    const server = http.createServer((req, res) => {
        void answer(routes, req).then((reply) => {
            res.writeHead(reply.status, { "content-type": reply.contentType, "cache-control": "no-store" });
            res.end(reply.body);
        });
    });
    // Health checkers reconnect every time; idle connections should not pile up.
    server.keepAliveTimeout = 5000;
    return server;
}

async function answer(routes: Routes, req: http.IncomingMessage): Promise<HttpAnswer> {
    const path = new URL(req.url ?? "/", "http://agent").pathname;
    if (req.method !== "GET" && req.method !== "HEAD") {
        return json(405, { ok: false, reason: `method ${req.method} not allowed` });
    }
    try {
        if (path === routes.healthPath) {
            return await routes.health();
        }
        if (path === "/active-site") {
            return routes.activeSite();
        }
        return json(404, { ok: false, reason: `no route ${path}` });
    } catch (err) {
        return json(500, { ok: false, reason: (err as Error).message });
    }
}
