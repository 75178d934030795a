import { DrNotification, Severity } from "./types";

/** A Slack-compatible incoming-webhook body: `text` (the fallback every receiver reads) plus blocks. */
export interface SlackPayload {
    readonly text: string;
    readonly blocks: ReadonlyArray<Record<string, unknown>>;
}

const MARK: Record<Severity, string> = { info: ":white_check_mark:", warning: ":warning:", critical: ":rotating_light:" };

/** Slack limits a section's text to 3000 characters. */
const MAX_SECTION = 3000;

export function slackPayload(notification: DrNotification): SlackPayload {
    const head = `${MARK[notification.severity]} multicloud-dr ${notification.kind} on ${notification.stack}: ${notification.title}`;
    const details = notification.details ?? [];
    const text = [head, ...details].join("\n");
    const blocks: Array<Record<string, unknown>> = [{ type: "section", text: { type: "mrkdwn", text: clip(head) } }];
    if (details.length > 0) {
        blocks.push({ type: "section", text: { type: "mrkdwn", text: clip(details.join("\n")) } });
    }
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `stack \`${notification.stack}\` · ${notification.kind} · ${notification.severity}` }] });
    return { text, blocks };
}

function clip(text: string): string {
    return text.length <= MAX_SECTION ? text : `${text.slice(0, MAX_SECTION - 1)}…`;
}
