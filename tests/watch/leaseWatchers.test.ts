import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { readAuditLog } from "../../automation/audit";
import { PROJECT_ROOT } from "../../topology";
import { closedPort, createTable, HealthServer, LocalDynamo, startDynalite, startHealthServer } from "../automation/localServers";
import { createStubPulumi, stagingOutputs, StubPulumi } from "../automation/stubPulumi";
import { startWebhook, Webhook } from "../drill/webhookServer";
import { PagerDutyReceiver, startPagerDutyReceiver } from "../notify/pagerDutyReceiver";
import { waitFor } from "../support/waitFor";

/**
 * Rounds every 2 s (lease 1 s, renewed every 333 ms, requests time out at 500 ms). At 1 s, CI's full suite on two
 * busy cores (three test workers, the type check and these watches) delayed lease requests past their 250 ms often
 * enough to move the lease between watches mid-scenario; at 0.5 s even more. The takeover bound is checked against
 * the interval the watches run with, so the test proves the same thing at 2 s.
 */
const INTERVAL_S = 2;
/** The holder killed after its first failed round is one round away from failing over itself. */
const THRESHOLD = 2;
const UP = { status: 200, body: "ok" };
const DOWN = { status: 503, body: "down" };
const PAGE = "multicloud-dr/staging/watch";

interface Watcher {
    readonly child: ChildProcess;
    stderr: string;
    exited: Promise<number | null>;
}

/**
 * One estate, four watch processes started together (each start costs seconds, so the scenarios follow each other):
 * the holder a pages and dies, the next holder b resolves its page; b dies mid-incident, c or d fails over once; that
 * one dies, the last one does not fail over again and gives the lease up on SIGTERM.
 */
describe("watch processes sharing a lease in DynamoDB (dynalite, real processes, stub pulumi, --auto, pager and webhook receivers)", function () {
    // Process starts and stub pulumi runs are slow on a busy machine; the takeover bound itself is not relaxed.
    this.timeout(180_000);
    let stub: StubPulumi;
    let dynamo: LocalDynamo;
    let servers: HealthServer[];
    let pager: PagerDutyReceiver;
    let hook: Webhook;
    let stateDir: string;
    let env: Record<string, string>;
    const watchers: Watcher[] = [];

    before(async () => {
        [dynamo, pager, hook] = await Promise.all([startDynalite(), startPagerDutyReceiver(), startWebhook()]);
        await createTable(dynamo, "dr-app-staging", { pk: "dr-canary", sk: "dr-canary" });
        servers = await Promise.all([0, 1, 2].map(() => startHealthServer({ ...UP })));
        const [gcp, usEast, usCentral] = servers;
        stub = createStubPulumi({
            staging: {
                outputs: stagingOutputs({ gcp: gcp.url, usEast: usEast.url, usCentral: usCentral.url }),
            },
        });
        stub.update("staging", (st) => {
            st.config["multicloud-dr:activeSite"].value = "gcp";
            st.deployed["multicloud-dr:activeSite"] = "gcp";
            delete st.config["multicloud-dr:lastFlip"];
        });
        stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "dr-lease-"));
        env = {
            PATH: process.env.PATH ?? "",
            HOME: stateDir,
            MULTICLOUD_DR_PULUMI_ROOT: stub.root,
            MULTICLOUD_DR_STATE_DIR: stateDir,
            MULTICLOUD_DR_LOOPBACK_ONLY: "1",
            MULTICLOUD_DR_DYNAMODB_ENDPOINT: dynamo.endpoint,
            MULTICLOUD_DR_CONNECT_TO: `app.staging.example.com:443=127.0.0.1:${await closedPort()}`,
            MULTICLOUD_DR_ACTOR: "watch-bot",
            MULTICLOUD_DR_PAGERDUTY_ROUTING_KEY: "lease-test-key",
            MULTICLOUD_DR_PAGERDUTY_URL: pager.url,
            MULTICLOUD_DR_WEBHOOK: hook.url,
            AWS_ACCESS_KEY_ID: "local",
            AWS_SECRET_ACCESS_KEY: "local",
            AWS_REGION: "us-east-1",
        };
    });
    after(async () => {
        for (const w of watchers.splice(0)) {
            w.child.kill("SIGKILL");
            await w.exited;
        }
        await Promise.all([...servers.map((s) => s.close()), dynamo.close(), pager.close(), hook.close()]);
        stub.remove();
        fs.rmSync(stateDir, { recursive: true, force: true });
    });

    const startWatcher = (): Watcher => {
        const child = spawn(
            process.execPath,
            [path.join(PROJECT_ROOT, "bin", "multicloud-dr"), "watch", "--stack", "staging", "--auto", "--lease", "--interval", String(INTERVAL_S), "--threshold", String(THRESHOLD)],
            { cwd: PROJECT_ROOT, env, stdio: ["ignore", "ignore", "pipe"] },
        );
        const watcher: Watcher = { child, stderr: "", exited: new Promise((resolve) => child.on("exit", (code) => resolve(code))) };
        child.stderr?.on("data", (d) => (watcher.stderr += d));
        watchers.push(watcher);
        return watcher;
    };
    const logs = () => watchers.map((w) => `--- pid ${w.child.pid}\n${w.stderr}`).join("\n");
    const standingBy = /round \d+: \w+ (healthy|failing[^\n]*); standing by: watch-bot@\S+ pid \d+ \w+ holds the lease until/;
    const leaseItem = async () => {
        const client = dynamo.client("us-east-1");
        try {
            return (await client.send(new GetItemCommand({ TableName: "dr-app-staging", Key: { pk: { S: "dr-watch-lease" }, sk: { S: "dr-watch-lease" } }, ConsistentRead: true }))).Item;
        } finally {
            client.destroy();
        }
    };
    /**
     * Where a watch's lease stands by its last word on it. On a busy machine a holder can miss its renewals and lose
     * the lease to another watch (safe: only one acts at a time), so a watch that once said "acquired" may not hold it now.
     */
    const holds = (w: Watcher) => [...w.stderr.matchAll(/lease: (acquired|lost|released|this watch stands by)/g)].pop()?.[1] === "acquired";
    /** Starts watches together and waits until one holds the lease and the others stand by. */
    const startTogether = async (n: number): Promise<Watcher[]> => {
        const started = Array.from({ length: n }, startWatcher);
        await waitFor(() => started.filter(holds).length === 1 && started.filter((w) => standingBy.test(w.stderr)).length >= n - 1, 90_000, `the watches to settle:\n${logs()}`);
        return started;
    };
    const holderOf = (candidates: Watcher[]): Watcher => {
        const holders = candidates.filter(holds);
        assert.strictEqual(holders.length, 1, `exactly one holds the lease:\n${logs()}`);
        return holders[0];
    };
    /** SIGKILLs the holder; one of the others must hold the lease within one interval of the kill (by when it claimed it). */
    const killAndTakeOver = async (holder: Watcher, others: Watcher[], whileDead: () => void = () => undefined): Promise<Watcher> => {
        const killedAt = Date.now();
        holder.child.kill("SIGKILL");
        whileDead();
        await waitFor(() => others.filter(holds).length === 1, 10_000, `a standing-by watch to take over:\n${logs()}`);
        const taker = holderOf(others);
        const item = (await leaseItem()) ?? assert.fail("no lease item");
        assert.match(item.leaseOwner.S ?? "", new RegExp(`pid ${taker.child.pid} `));
        const takeoverMs = Number(item.leaseAcquiredAt.N) - killedAt;
        assert.ok(takeoverMs <= INTERVAL_S * 1000, `took over ${takeoverMs} ms after the kill (interval ${INTERVAL_S * 1000} ms)`);
        return taker;
    };
    const flips = () => readAuditLog(path.join(stateDir, "audit.jsonl")).filter((e) => e.action === "failover");
    const chat = () => hook.received.map((r) => r.body.text.split("\n")[0]);

    it("1: the holder pages (both sites down) and dies; the estate heals; the watch taking over (of three) resolves the page it never opened, with no chat message", async () => {
        // All four start at once (each start costs seconds): one holds the lease, three stand by.
        const all = await startTogether(4);
        const a = holderOf(all);
        const others = all.filter((w) => w !== a);
        servers[0].behaviour = { ...DOWN };
        servers[1].behaviour = { ...DOWN };
        await waitFor(() => pager.open().includes(PAGE), 30_000, `a to page:\n${logs()}`);
        assert.match(a.stderr, /ALERT: .*no failover possible/);
        for (const w of others) {
            assert.doesNotMatch(w.stderr, /ALERT/, "a watch standing by does not alert");
        }

        const before = pager.events.length;
        const b = await killAndTakeOver(a, others, () => {
            servers[0].behaviour = { ...UP };
            servers[1].behaviour = { ...UP };
        });
        await waitFor(() => pager.open().length === 0, 10_000, `b to resolve a's page:\n${logs()}\n${JSON.stringify(pager.events)}`);
        assert.deepStrictEqual(
            pager.events.slice(before).map((e) => `${e.event_action} ${e.dedup_key}`),
            [`resolve ${PAGE}`],
            "one resolve, from the watch that took over",
        );
        assert.match(b.stderr, /round \d+ \S+: gcp healthy; no alert of this watch open: resolving any page another process left open for staging\n/);
        // Two all-clears went to the pager (a's round 1, b's takeover); the chat heard only a's alert.
        assert.strictEqual(chat().length, 1, `one chat message: ${chat().join(" | ")}`);
        assert.match(chat()[0], /ALERT: gcp is unhealthy: .*no failover possible$/);
        assert.deepStrictEqual(flips(), []);
    });

    it("2: the holder dies mid-incident (after one failed round): one of the others takes over and fails over, once; killed, the last takes over and does not fail over again; SIGTERM gives the lease up", async () => {
        const alive = watchers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
        assert.strictEqual(alive.length, 3, logs());
        const b = holderOf(alive);
        const [c, d] = alive.filter((w) => w !== b);

        const from = b.stderr.length;
        servers[0].behaviour = { ...DOWN };
        await waitFor(() => /gcp failing for 1 round/.test(b.stderr.slice(from)), 30_000, `b's first failed round:\n${logs()}`);
        const taker = await killAndTakeOver(b, [c, d]);
        const last = taker === c ? d : c;
        await waitFor(() => /failed over to linode/.test(taker.stderr), 45_000, `the new holder to fail over:\n${logs()}`);
        assert.deepStrictEqual(flips().map((f) => [f.to, f.outcome]), [["linode", "succeeded"]], logs());
        assert.match(flips()[0].reason, /^watch: gcp failed \d consecutive probe rounds/);
        assert.doesNotMatch(last.stderr, /failing over|failed over|ALERT/, "the watch standing by neither fails over nor alerts");

        const after = last.stderr.length;
        await killAndTakeOver(taker, [last]);
        // A round as the holder: traffic is on linode, which is healthy: nothing to do but resolve any page.
        await waitFor(() => /round \d+: linode healthy\n/.test(last.stderr.slice(after)), 30_000, `the last watch's rounds as holder:\n${logs()}`);
        // Its all-clear names the site change when the failover landed after its last round standing by, else just the health.
        assert.match(
            last.stderr.slice(after),
            /round \d+ \S+: (linode healthy; no alert of this watch open|traffic moved from gcp to linode, which is healthy): resolving any page/,
            `its first acting round resolves any page:\n${logs()}`,
        );
        assert.strictEqual(flips().length, 1, "no second failover");
        assert.strictEqual(stub.stack("staging").config["multicloud-dr:activeSite"].value, "linode");
        assert.deepStrictEqual(pager.open(), [], "nothing paged: the failover answered the incident");

        last.child.kill("SIGTERM");
        assert.strictEqual(await last.exited, 0, last.stderr);
        assert.match(last.stderr, /lease: released/);
        assert.strictEqual(await leaseItem(), undefined, "a clean stop gives the lease up");
    });
});
