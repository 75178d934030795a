import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    dedupKey,
    DrNotification,
    except,
    failoverWorkflowUrl,
    fanOut,
    NotificationKind,
    pagerAction,
    pagerDutyEvent,
    pagerDutyNotifier,
    PAGERDUTY_EVENTS_URL,
} from "../../automation/notify";
import { PagerDutyReceiver, startPagerDutyReceiver } from "./pagerDutyReceiver";

const KEY = "R0UT1NGKEY0123456789abcdef012345";
const AT = Date.parse("2026-03-01T12:00:00Z");
const note = (kind: NotificationKind, severity: DrNotification["severity"] = "critical", extra: Partial<DrNotification> = {}): DrNotification => ({ kind, stack: "prod", severity, title: `${kind} happened`, ...extra });

describe("PagerDuty Events API v2: what pages, what resolves, the event", () => {
    it("maps every notification kind: watch alerts and not-ready trigger; recovered, ready and a flip that succeeded resolve; the rest never page", () => {
        // [kind, severity] -> [event_action, incident] or none; from the README's paging table.
        const expected: Array<[NotificationKind, DrNotification["severity"], string]> = [
            ["alert", "critical", "trigger watch"],
            ["alert", "warning", "none"], // a certificate close to expiry: chat only (readiness pages for it)
            ["recovered", "info", "resolve watch"],
            ["all-clear", "info", "resolve watch"], // a watch resolving a page another process may have left open
            ["failover", "warning", "resolve watch"],
            ["failback", "info", "resolve watch"],
            ["linode-region", "warning", "resolve watch"],
            ["failover", "critical", "none"], // the update failed: nothing cleared
            ["failback-possible", "info", "none"],
            ["drill", "critical", "none"],
            ["drill", "info", "none"],
            ["not-ready", "critical", "trigger readiness"],
            ["ready", "info", "resolve readiness"],
        ];
        for (const [kind, severity, want] of expected) {
            const got = pagerAction({ kind, severity });
            assert.strictEqual(got ? `${got.action} ${got.incident}` : "none", want, `${kind}/${severity}`);
        }
    });

    it("one deterministic dedup key per stack and incident, within the API's 255 characters", () => {
        assert.strictEqual(dedupKey("prod", "watch"), "multicloud-dr/prod/watch");
        assert.strictEqual(dedupKey("prod", "readiness"), "multicloud-dr/prod/readiness");
        assert.notStrictEqual(dedupKey("staging", "watch"), dedupKey("prod", "watch"));
        assert.strictEqual(dedupKey("s".repeat(400), "watch").length, 255);
    });

    it("a trigger carries summary (at most 1024 characters), source, severity, timestamp, details and the failover workflow link", () => {
        const event = pagerDutyEvent(note("alert", "critical", { title: "x".repeat(2000), details: ["a", "b"] }), { routingKey: KEY, failoverWorkflowUrl: "https://gh.example/o/r/actions/workflows/failover.yml", at: AT });
        assert.ok(event && event.event_action === "trigger");
        assert.strictEqual(event.payload.summary.length, 1024);
        assert.ok(event.payload.summary.startsWith("multicloud-dr prod: xxx") && event.payload.summary.endsWith("…"));
        assert.deepStrictEqual(
            { ...event, payload: { ...event.payload, summary: "<clipped>" } },
            {
                routing_key: KEY,
                event_action: "trigger",
                dedup_key: "multicloud-dr/prod/watch",
                payload: {
                    summary: "<clipped>",
                    source: "multicloud-dr/prod",
                    severity: "critical",
                    timestamp: "2026-03-01T12:00:00.000Z",
                    component: "alert",
                    group: "prod",
                    class: "watch",
                    custom_details: { details: ["a", "b"] },
                },
                links: [{ href: "https://gh.example/o/r/actions/workflows/failover.yml", text: "Manual failover workflow (GitHub Actions)" }],
                client: "multicloud-dr",
            },
        );
        const withoutLink = pagerDutyEvent(note("not-ready"), { routingKey: KEY, at: AT });
        assert.ok(withoutLink?.event_action === "trigger" && withoutLink.links.length === 0);
    });

    it("a resolve is routing key, action and dedup key only (what the Events API needs)", () => {
        assert.deepStrictEqual(pagerDutyEvent(note("ready", "info"), { routingKey: KEY, at: AT }), { routing_key: KEY, event_action: "resolve", dedup_key: "multicloud-dr/prod/readiness" });
        assert.strictEqual(pagerDutyEvent(note("drill"), { routingKey: KEY, at: AT }), undefined);
    });

    it("the failover workflow link: the override, else GitHub's server and repository, else none", () => {
        assert.strictEqual(failoverWorkflowUrl({ MULTICLOUD_DR_FAILOVER_WORKFLOW_URL: "https://x.example/run", GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "o/r" }), "https://x.example/run");
        assert.strictEqual(failoverWorkflowUrl({ GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "acme/dr" }), "https://github.com/acme/dr/actions/workflows/failover.yml");
        assert.strictEqual(failoverWorkflowUrl({ GITHUB_REPOSITORY: "acme/dr" }), undefined);
        assert.strictEqual(PAGERDUTY_EVENTS_URL, "https://events.pagerduty.com/v2/enqueue");
    });
});

describe("the PagerDuty notifier against a receiver on 127.0.0.1", () => {
    let pager: PagerDutyReceiver;
    let dir: string;
    let logs: string[];

    before(async () => {
        pager = await startPagerDutyReceiver();
    });
    after(() => pager.close());
    beforeEach(() => {
        pager.events.length = 0;
        pager.mode = "ok";
        logs = [];
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "dr-pager-"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const notifier = (url = pager.url, allowRemote = false) =>
        pagerDutyNotifier({ routingKey: KEY, url, scope: { allowRemote }, log: (l) => logs.push(l), auditLog: path.join(dir, "audit.jsonl"), actor: { who: "w", host: "h" }, now: () => AT, timeoutMs: 500 });

    it("posts a trigger and its resolve as JSON; kinds that do not page send nothing", async () => {
        const notify = notifier();
        await notify(note("drill"));
        await notify(note("alert", "warning"));
        await notify(note("alert"));
        await notify(note("recovered", "info"));
        assert.deepStrictEqual(pager.events.map((e) => `${e.event_action} ${e.dedup_key}`), ["trigger multicloud-dr/prod/watch", "resolve multicloud-dr/prod/watch"]);
        assert.deepStrictEqual(pager.open(), []);
        assert.deepStrictEqual(logs, []);
    });

    it("an error answer is logged and audited without the routing key, and never thrown", async () => {
        pager.mode = "error";
        await notifier()(note("not-ready"));
        assert.strictEqual(pager.events.length, 1);
        assert.match(logs[0], /^WARNING: the not-ready notification to PagerDuty trigger at http:\/\/127\.0\.0\.1:\d+ failed \(HTTP 500\); the operation itself is not affected$/);
        const audit = fs.readFileSync(path.join(dir, "audit.jsonl"), "utf8");
        const entry = JSON.parse(audit);
        assert.deepStrictEqual([entry.action, entry.event, entry.outcome, entry.stack, entry.at], ["notify", "not-ready", "failed", "prod", "2026-03-01T12:00:00.000Z"]);
        assert.ok(!audit.includes(KEY) && !logs.join("").includes(KEY));
    });

    it("outside a real run a non-loopback endpoint (the real one) is refused without traffic", async () => {
        await notifier(PAGERDUTY_EVENTS_URL)(note("alert"));
        assert.match(logs[0], /failed \(not notifying events\.pagerduty\.com: only loopback addresses outside a real run\)/);
        assert.strictEqual(pager.events.length, 0);
    });

    it("fanOut tells every notifier even when one throws; except() keeps a kind from one of them", async () => {
        const seen: string[] = [];
        const chat = async (n: DrNotification) => void seen.push(`chat ${n.kind}`);
        const broken = async () => Promise.reject(new Error("boom"));
        const notify = fanOut([except(chat, ["ready", "all-clear"]), broken, notifier(), undefined]);
        assert.ok(notify);
        await notify(note("not-ready"));
        await notify(note("ready", "info"));
        await notify(note("all-clear", "info"));
        assert.deepStrictEqual(seen, ["chat not-ready"]);
        assert.deepStrictEqual(pager.events.map((e) => `${e.event_action} ${e.dedup_key}`), ["trigger multicloud-dr/prod/readiness", "resolve multicloud-dr/prod/readiness", "resolve multicloud-dr/prod/watch"]);
        assert.strictEqual(fanOut([undefined, undefined]), undefined);
    });
});
