/**
 * What the tool tells people about: flips, watch alerts and findings, drill results, readiness verdicts. `all-clear`
 * (a watch found the active site healthy with no alert of its own open) only closes a page another process may have
 * left open: no news for a chat channel.
 */
export type NotificationKind = "failover" | "failback" | "linode-region" | "switch-data" | "alert" | "recovered" | "all-clear" | "failback-possible" | "drill" | "not-ready" | "ready";

export type Severity = "info" | "warning" | "critical";

export interface DrNotification {
    readonly kind: NotificationKind;
    readonly stack: string;
    readonly severity: Severity;
    /** One line: what happened. */
    readonly title: string;
    /** More lines: why, what next. */
    readonly details?: readonly string[];
}

/** Sends a notification; never throws and never fails the operation that called it. */
export type Notifier = (notification: DrNotification) => Promise<void>;

export const silentNotifier: Notifier = async () => undefined;
