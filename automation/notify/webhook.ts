import * as http from "http";
import * as https from "https";
import * as fs from "fs";
import * as path from "path";
import { Actor } from "../audit";
import { ProbeScope, refusalFor } from "../probes/addressGuard";
import { slackPayload } from "./slack";
import { DrNotification, Notifier } from "./types";

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 3000;

export interface WebhookDelivery {
    readonly ok: boolean;
    readonly detail: string;
}

/**
 * POSTs JSON to `url`; resolves (never rejects) with whether a 2xx came back within `timeoutMs`.
 * Outside a real run the same address guard as the probes applies: no traffic to non-loopback hosts.
 */
export function postJson(url: string, body: unknown, options: { timeoutMs: number; scope: ProbeScope }): Promise<WebhookDelivery> {
    let target: URL;
    try {
        target = new URL(url);
    } catch {
        return Promise.resolve({ ok: false, detail: "the webhook is not a URL" });
    }
    if (target.protocol !== "https:" && target.protocol !== "http:") {
        return Promise.resolve({ ok: false, detail: `the webhook must be http(s), not ${target.protocol}` });
    }
    const refusal = refusalFor(target.hostname, options.scope);
    if (refusal) {
        return Promise.resolve({ ok: false, detail: refusal.replace("probing", "notifying") });
    }
    const data = Buffer.from(JSON.stringify(body));
    return new Promise((resolve) => {
        let settled = false;
        const finish = (ok: boolean, detail: string) => {
            if (!settled) {
                settled = true;
                clearTimeout(timer);
                request.destroy();
                resolve({ ok, detail });
            }
        };
        const request = (target.protocol === "https:" ? https : http).request(
            target,
            { method: "POST", agent: false, headers: { "content-type": "application/json", "content-length": data.length, "user-agent": "multicloud-dr" } },
            (response) => {
                response.resume();
                const code = response.statusCode ?? 0;
                response.on("end", () => finish(code >= 200 && code < 300, `HTTP ${code}`));
                response.on("error", (err) => finish(false, err.message));
            },
        );
        request.on("error", (err: NodeJS.ErrnoException) => finish(false, err.code === "ECONNREFUSED" ? "connection refused" : err.message));
        const timer = setTimeout(() => finish(false, `no answer within ${options.timeoutMs} ms`), options.timeoutMs);
        request.end(data);
    });
}

/** Where a webhook points, without its path: Slack webhook paths are credentials. */
export function webhookOrigin(url: string): string {
    try {
        return new URL(url).origin;
    } catch {
        return "(not a URL)";
    }
}

/** A failed delivery, as a line of the audit log (never the webhook's path). */
export interface NotificationAuditEntry {
    readonly id: string;
    readonly stack: string;
    readonly action: "notify";
    readonly event: DrNotification["kind"];
    readonly webhook: string;
    readonly who: string;
    readonly host: string;
    readonly at: string;
    readonly outcome: "failed";
    readonly message: string;
}

export interface WebhookNotifierOptions {
    readonly url: string;
    readonly scope: ProbeScope;
    readonly timeoutMs?: number;
    /** stderr. */
    readonly log: (line: string) => void;
    /** The audit log a failed delivery is recorded in. */
    readonly auditLog?: string;
    readonly actor: Actor;
    readonly now?: () => number;
}

/** Slack-compatible notifications to one webhook; a failed delivery is logged (stderr and audit log), never thrown. */
export function webhookNotifier(options: WebhookNotifierOptions): Notifier {
    const timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
    return async (notification) => {
        let delivery: WebhookDelivery;
        try {
            delivery = await postJson(options.url, slackPayload(notification), { timeoutMs, scope: options.scope });
        } catch (err) {
            delivery = { ok: false, detail: (err as Error).message };
        }
        if (delivery.ok) {
            return;
        }
        reportFailedDelivery(options, notification, webhookOrigin(options.url), delivery.detail);
    };
}

/** What a notifier needs to report a failed delivery. */
export type DeliveryReporting = Pick<WebhookNotifierOptions, "log" | "auditLog" | "actor" | "now">;

/**
 * A failed delivery: a WARNING on stderr and a line in the audit log. `origin` is where it went without its
 * path (a Slack webhook's path is a credential); no notifier ever passes a credential here.
 */
export function reportFailedDelivery(options: DeliveryReporting, notification: DrNotification, origin: string, detail: string): void {
    options.log(`WARNING: the ${notification.kind} notification to ${origin} failed (${detail}); the operation itself is not affected`);
    if (!options.auditLog) {
        return;
    }
    const at = (options.now ?? Date.now)();
    const entry: NotificationAuditEntry = {
        id: `${new Date(at).toISOString().replace(/[-:.]/g, "")}-${process.pid}-notify`,
        stack: notification.stack,
        action: "notify",
        event: notification.kind,
        webhook: origin,
        who: options.actor.who,
        host: options.actor.host,
        at: new Date(at).toISOString(),
        outcome: "failed",
        message: `notification failed: ${detail}`,
    };
    try {
        appendJsonLine(options.auditLog, entry);
    } catch (err) {
        options.log(`WARNING: could not record the failed notification in ${options.auditLog}: ${(err as Error).message}`);
    }
}

/** Same format and permissions as the audit log's flip entries. */
function appendJsonLine(file: string, entry: object): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.appendFileSync(file, `${JSON.stringify(entry)}\n`, { encoding: "utf8", mode: 0o600 });
}
