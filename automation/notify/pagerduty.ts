import { ProbeScope } from "../probes/addressGuard";
import { DeliveryReporting, postJson, reportFailedDelivery, webhookOrigin } from "./webhook";
import { DrNotification, NotificationKind, Notifier, Severity } from "./types";

/**
 * PagerDuty Events API v2 (developer.pagerduty.com, "Send an Alert Event", PagerDuty/developer-docs
 * docs/events-API-v2/02-Trigger-Events.md): POST JSON to this endpoint; `routing_key` (the integration key),
 * `event_action` (`trigger` | `acknowledge` | `resolve`), `dedup_key` (at most 255 characters) and, for a trigger,
 * `payload.summary` (at most 1024 characters), `payload.source`, `payload.severity` (`critical` | `error` |
 * `warning` | `info`), optional `payload.timestamp`, `component`, `group`, `class`, `custom_details`, and `links`
 * (`{href, text}`). A resolve needs only `routing_key`, `event_action` and `dedup_key`. Success is 202 Accepted
 * (docs/events-API-v2/01-Overview.md, "Response Codes & Retry Logic").
 */
export const PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";
const MAX_DEDUP_KEY = 255;
const MAX_SUMMARY = 1024;

/** The incidents the tool opens and closes: one per stack and kind, so a later process can close what an earlier one opened. */
export type IncidentKind = "watch" | "readiness";

/**
 * What pages and what clears a page. Watch: an alert (critical: the active site is failing and nothing failed over)
 * triggers; `recovered`, `all-clear` or a flip that succeeded (traffic moved to a healthy site) resolves. Readiness: `not-ready`
 * triggers, `ready` resolves. Everything else (flips, drills, certificate warnings, failback-possible) is for the
 * chat webhook only.
 */
export function pagerAction(notification: Pick<DrNotification, "kind" | "severity">): { action: "trigger" | "resolve"; incident: IncidentKind } | undefined {
    const flips: readonly NotificationKind[] = ["failover", "failback", "linode-region"];
    switch (notification.kind) {
        case "alert":
            return notification.severity === "critical" ? { action: "trigger", incident: "watch" } : undefined;
        case "recovered":
        case "all-clear":
            return { action: "resolve", incident: "watch" };
        case "not-ready":
            return { action: "trigger", incident: "readiness" };
        case "ready":
            return { action: "resolve", incident: "readiness" };
        default:
            // A failed update is critical: it does not clear anything.
            return flips.includes(notification.kind) && notification.severity !== "critical" ? { action: "resolve", incident: "watch" } : undefined;
    }
}

/** Deterministic per stack and incident: the resolve of a later run finds the trigger of an earlier one. */
export function dedupKey(stack: string, incident: IncidentKind): string {
    return `multicloud-dr/${stack}/${incident}`.slice(0, MAX_DEDUP_KEY);
}

const SEVERITY: Record<Severity, "critical" | "warning" | "info"> = { critical: "critical", warning: "warning", info: "info" };

export interface PagerDutyLink {
    readonly href: string;
    readonly text: string;
}

export type PagerDutyEvent =
    | {
          readonly routing_key: string;
          readonly event_action: "trigger";
          readonly dedup_key: string;
          readonly payload: {
              readonly summary: string;
              readonly source: string;
              readonly severity: "critical" | "warning" | "info";
              readonly timestamp: string;
              readonly component: string;
              readonly group: string;
              readonly class: IncidentKind;
              readonly custom_details: { readonly details: readonly string[] };
          };
          readonly links: readonly PagerDutyLink[];
          readonly client: string;
      }
    | { readonly routing_key: string; readonly event_action: "resolve"; readonly dedup_key: string };

/** The event for a notification, or undefined when it neither pages nor clears a page. */
export function pagerDutyEvent(notification: DrNotification, options: { routingKey: string; failoverWorkflowUrl?: string; at: number }): PagerDutyEvent | undefined {
    const mapped = pagerAction(notification);
    if (!mapped) {
        return undefined;
    }
    const dedup_key = dedupKey(notification.stack, mapped.incident);
    if (mapped.action === "resolve") {
        return { routing_key: options.routingKey, event_action: "resolve", dedup_key };
    }
    const summary = `multicloud-dr ${notification.stack}: ${notification.title}`;
    return {
        routing_key: options.routingKey,
        event_action: "trigger",
        dedup_key,
        payload: {
            summary: summary.length <= MAX_SUMMARY ? summary : `${summary.slice(0, MAX_SUMMARY - 1)}…`,
            source: `multicloud-dr/${notification.stack}`,
            severity: SEVERITY[notification.severity],
            timestamp: new Date(options.at).toISOString(),
            component: notification.kind,
            group: notification.stack,
            class: mapped.incident,
            custom_details: { details: notification.details ?? [] },
        },
        links: options.failoverWorkflowUrl ? [{ href: options.failoverWorkflowUrl, text: "Manual failover workflow (GitHub Actions)" }] : [],
        client: "multicloud-dr",
    };
}

/**
 * The manual failover workflow's page: MULTICLOUD_DR_FAILOVER_WORKFLOW_URL, else derived from the variables GitHub
 * Actions sets in every step (docs.github.com, Actions "Variables reference": GITHUB_SERVER_URL, e.g.
 * `https://github.com`, and GITHUB_REPOSITORY, `owner/repo`); undefined outside Actions without the override.
 */
export function failoverWorkflowUrl(env: NodeJS.ProcessEnv): string | undefined {
    if (env.MULTICLOUD_DR_FAILOVER_WORKFLOW_URL) {
        return env.MULTICLOUD_DR_FAILOVER_WORKFLOW_URL;
    }
    return env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/workflows/failover.yml` : undefined;
}

export interface PagerDutyNotifierOptions extends DeliveryReporting {
    /** The Events API v2 integration key: a credential, never logged. */
    readonly routingKey: string;
    /** Default PAGERDUTY_EVENTS_URL; tests point it at a loopback receiver. */
    readonly url?: string;
    readonly scope: ProbeScope;
    readonly timeoutMs?: number;
    readonly failoverWorkflowUrl?: string;
}

export const DEFAULT_PAGER_TIMEOUT_MS = 3000;

/**
 * Pages through the Events API v2. Sent once with a timeout, like the webhook: a pager that is down or answers an
 * error is logged (stderr, audit log) and never fails or delays the operation past the timeout.
 */
export function pagerDutyNotifier(options: PagerDutyNotifierOptions): Notifier {
    const url = options.url ?? PAGERDUTY_EVENTS_URL;
    return async (notification) => {
        const event = pagerDutyEvent(notification, { routingKey: options.routingKey, failoverWorkflowUrl: options.failoverWorkflowUrl, at: (options.now ?? Date.now)() });
        if (!event) {
            return;
        }
        let detail: string;
        try {
            const delivery = await postJson(url, event, { timeoutMs: options.timeoutMs ?? DEFAULT_PAGER_TIMEOUT_MS, scope: options.scope });
            if (delivery.ok) {
                return;
            }
            detail = delivery.detail;
        } catch (err) {
            detail = (err as Error).message;
        }
        reportFailedDelivery(options, notification, `PagerDuty ${event.event_action} at ${webhookOrigin(url)}`, detail);
    };
}
