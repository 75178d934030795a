import * as http from "http";
import { listen, stopServer } from "../automation/localServers";

export interface ReceivedEvent {
    readonly routing_key: string;
    readonly event_action: "trigger" | "resolve" | "acknowledge";
    readonly dedup_key: string;
    readonly payload?: { summary: string; source: string; severity: string; timestamp: string; component: string; group: string; class: string; custom_details: { details: string[] } };
    readonly links?: Array<{ href: string; text: string }>;
    readonly client?: string;
}

export interface PagerDutyReceiver {
    /** The enqueue URL, as MULTICLOUD_DR_PAGERDUTY_URL. */
    readonly url: string;
    /** ok: 202 Accepted (what the Events API answers); error: 500. */
    mode: "ok" | "error";
    readonly events: ReceivedEvent[];
    /** Dedup keys whose last event is a trigger: pages still open. */
    open(): string[];
    close(): Promise<void>;
}

/** A PagerDuty Events API v2 stand-in on 127.0.0.1: records every event, answers 202 like the real one. */
export async function startPagerDutyReceiver(): Promise<PagerDutyReceiver> {
    const state = { mode: "ok" as PagerDutyReceiver["mode"], events: [] as ReceivedEvent[] };
    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c) => chunks.push(c));
        req.on("end", () => {
            if (req.url !== "/v2/enqueue" || req.headers["content-type"] !== "application/json") {
                res.writeHead(404).end();
                return;
            }
            state.events.push(JSON.parse(Buffer.concat(chunks).toString()));
            res.writeHead(state.mode === "ok" ? 202 : 500, { "content-type": "application/json" }).end(JSON.stringify(state.mode === "ok" ? { status: "success", message: "Event processed" } : { status: "error" }));
        });
    });
    const port = await listen(server);
    return {
        url: `http://127.0.0.1:${port}/v2/enqueue`,
        get mode() {
            return state.mode;
        },
        set mode(m) {
            state.mode = m;
        },
        events: state.events,
        open() {
            const last = new Map<string, string>();
            for (const e of state.events) {
                last.set(e.dedup_key, e.event_action);
            }
            return [...last].filter(([, action]) => action === "trigger").map(([key]) => key);
        },
        close: () => stopServer(server),
    };
}
