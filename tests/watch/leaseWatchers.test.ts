import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { readAuditLog } from "../../automation/audit";
import { PROJECT_ROOT } from "../../topology";
import { closedPort, createTable, HealthServer, LocalDynamo, startDynalite, startHealthServer } from "../automation/localServers";
import { createStubPulumi, StubPulumi } from "../automation/stubPulumi";
import { waitFor } from "../support/waitFor";

const INTERVAL_S = 1;

interface Watcher {
    readonly name: string;
    readonly child: ChildProcess;
    stderr: string;
    exited: Promise<number | null>;
}

describe("two watch processes share a lease in DynamoDB (dynalite, real processes, stub pulumi, --auto)", function () {
    // Process starts and stub pulumi runs are slow on a busy machine; the takeover bound itself is not relaxed.
    this.timeout(180_000);
    let stub: StubPulumi;
    let dynamo: LocalDynamo;
    let servers: HealthServer[];
    let stateDir: string;
    let env: Record<string, string>;
    const watchers: Watcher[] = [];

    before(async () => {
        dynamo = await startDynalite();
        await createTable(dynamo, "dr-app-staging", { pk: "dr-canary", sk: "dr-canary" });
        servers = await Promise.all([0, 1, 2].map(() => startHealthServer({ status: 200, body: "ok" })));
        const [gcp, usEast, usCentral] = servers;
        stub = createStubPulumi({
            staging: {
                outputs: {
                    appHostname: "app.staging.example.com",
                    tableName: "dr-app-staging",
                    healthEndpoints: { gcp: gcp.url, "linode:us-east": usEast.url, "linode:us-central": usCentral.url },
                    siteEndpoints: { gcp: gcp.url, linode: usEast.url },
                    writeRegions: { gcp: "us-west-2", linode: "us-east-2" },
                },
            },
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
            AWS_ACCESS_KEY_ID: "local",
            AWS_SECRET_ACCESS_KEY: "local",
            AWS_REGION: "us-east-1",
        };
    });
    after(async () => {
        await Promise.all([...servers.map((s) => s.close()), dynamo.close()]);
        stub.remove();
        fs.rmSync(stateDir, { recursive: true, force: true });
    });

    beforeEach(() => {
        servers[0].behaviour = { status: 200, body: "ok" };
        stub.update("staging", (st) => {
            st.config["multicloud-dr:activeSite"].value = "gcp";
            st.deployed["multicloud-dr:activeSite"] = "gcp";
            delete st.config["multicloud-dr:lastFlip"];
        });
        fs.rmSync(path.join(stateDir, "audit.jsonl"), { force: true });
    });
    afterEach(async () => {
        for (const w of watchers.splice(0)) {
            w.child.kill("SIGKILL");
            await w.exited;
        }
    });

    const startWatcher = (name: string, threshold: number): Watcher => {
        const child = spawn(
            process.execPath,
            [path.join(PROJECT_ROOT, "bin", "multicloud-dr"), "watch", "--stack", "staging", "--auto", "--lease", "--interval", String(INTERVAL_S), "--threshold", String(threshold)],
            { cwd: PROJECT_ROOT, env, stdio: ["ignore", "ignore", "pipe"] },
        );
        const watcher: Watcher = { name, child, stderr: "", exited: new Promise((resolve) => child.on("exit", (code) => resolve(code))) };
        child.stderr?.on("data", (d) => (watcher.stderr += d));
        watchers.push(watcher);
        return watcher;
    };
    /** SIGKILLs the holder; the other must hold the lease within one interval of the kill (by the time it claimed it). */
    const killAndTakeOver = async (a: Watcher, b: Watcher) => {
        const killedAt = Date.now();
        a.child.kill("SIGKILL");
        await waitFor(() => /lease: acquired/.test(b.stderr), 5_000, `b to take over:\n${b.stderr}`);
        const item = (await leaseItem()) ?? assert.fail("no lease item");
        assert.match(item.leaseOwner.S ?? "", new RegExp(`pid ${b.child.pid} `));
        const takeoverMs = Number(item.leaseAcquiredAt.N) - killedAt;
        assert.ok(takeoverMs <= INTERVAL_S * 1000, `took over ${takeoverMs} ms after the kill (interval ${INTERVAL_S * 1000} ms)`);
    };
    const flips = () => readAuditLog(path.join(stateDir, "audit.jsonl")).filter((e) => e.action === "failover");
    const leaseItem = async () => {
        const client = dynamo.client("us-east-1");
        try {
            return (await client.send(new GetItemCommand({ TableName: "dr-app-staging", Key: { pk: { S: "dr-watch-lease" }, sk: { S: "dr-watch-lease" } }, ConsistentRead: true }))).Item;
        } finally {
            client.destroy();
        }
    };

    const holderAndStandby = async (threshold: number) => {
        // Started together: whichever claims first holds the lease (a), the other stands by (b).
        const both = [startWatcher("1", threshold), startWatcher("2", threshold)];
        const standingBy = /round 1: gcp healthy; standing by: watch-bot@\S+ pid \d+ \w+ holds the lease until/;
        await waitFor(() => both.some((w) => /lease: acquired/.test(w.stderr)) && both.some((w) => standingBy.test(w.stderr)), 90_000, `one to hold the lease, one to stand by:\n${both.map((w) => w.stderr).join("\n")}`);
        const [a, b] = /lease: acquired/.test(both[0].stderr) ? both : [both[1], both[0]];
        assert.doesNotMatch(b.stderr, /lease: acquired/, "never both");
        return { a, b };
    };

    it("only the holder fails over; killed (SIGKILL), the other takes over within one interval and does not fail over again", async () => {
        const { a, b } = await holderAndStandby(1);

        servers[0].behaviour = { status: 503, body: "down" };
        await waitFor(() => /failed over to linode/.test(a.stderr), 45_000, `a to fail over:\n${a.stderr}\n${b.stderr}`);
        assert.deepStrictEqual(flips().map((f) => [f.to, f.outcome]), [["linode", "succeeded"]]);
        assert.doesNotMatch(b.stderr, /failing over|failed over|ALERT/, "the watch standing by neither fails over nor alerts");
        assert.match(b.stderr, /round \d+: gcp failing \(.*HTTP 503.*\); standing by/);

        await killAndTakeOver(a, b);

        // A round as the holder: traffic is on linode, which is healthy: nothing to do.
        const after = b.stderr.length;
        await waitFor(() => /round \d+: linode healthy\n/.test(b.stderr.slice(after)), 30_000, `b's rounds as holder:\n${b.stderr}`);
        assert.strictEqual(flips().length, 1, "no second failover");
        assert.strictEqual(stub.stack("staging").config["multicloud-dr:activeSite"].value, "linode");

        b.child.kill("SIGTERM");
        assert.strictEqual(await b.exited, 0, b.stderr);
        assert.match(b.stderr, /lease: released/);
        assert.strictEqual(await leaseItem(), undefined, "a clean stop gives the lease up");
    });

    it("the holder dies mid-incident (after one failed round): the other takes over and fails over, once", async () => {
        const { a, b } = await holderAndStandby(2);
        servers[0].behaviour = { status: 503, body: "down" };
        await waitFor(() => /gcp failing for 1 round/.test(a.stderr), 30_000, `a's first failed round:\n${a.stderr}`);
        await killAndTakeOver(a, b);
        await waitFor(() => /failed over to linode/.test(b.stderr), 45_000, `b to fail over:\n${b.stderr}`);
        assert.deepStrictEqual(flips().map((f) => [f.to, f.outcome]), [["linode", "succeeded"]]);
        assert.match(flips()[0].reason, /^watch: gcp failed \d consecutive probe rounds/);
    });
});
