import * as http from "http";
import { listen, stopServer } from "../automation/localServers";

export interface Webhook {
    readonly url: string;
    mode: "ok" | "error" | "hang";
    readonly received: Array<{ path: string; contentType?: string; body: { text: string; blocks: Array<Record<string, unknown>> } }>;
    close(): Promise<void>;
}

/** A Slack-like incoming webhook on 127.0.0.1. */
export async function startWebhook(): Promise<Webhook> {
    const state = { mode: "ok" as Webhook["mode"], received: [] as Webhook["received"] };
    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c) => chunks.push(c));
        req.on("end", () => {
            state.received.push({ path: req.url ?? "", contentType: req.headers["content-type"], body: JSON.parse(Buffer.concat(chunks).toString()) });
            if (state.mode === "hang") {
                return; // never answers
            }
            res.writeHead(state.mode === "ok" ? 200 : 500).end(state.mode === "ok" ? "ok" : "invalid_token");
        });
    });
    const port = await listen(server);
    return {
        url: `http://127.0.0.1:${port}/services/T000/B000/secret-token`,
        get mode() {
            return state.mode;
        },
        set mode(m) {
            state.mode = m;
        },
        received: state.received,
        close: () => stopServer(server),
    };
}
