import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FakeClock } from "../../automation/clock";
import { readAuditLog } from "../../automation/audit";
import { DrContext, failback, failover, moveLinodeRegion, status } from "../../automation/operations";
import { ProbeResult } from "../../automation/probes/types";
import { FakeStack } from "../../automation/testing/fakeStack";
import { BadInputError, ConfigError, EXIT } from "../../topology";

const PROBES = ["endpoint:gcp", "endpoint:linode:us-east", "endpoint:linode:us-central", "dynamodb:gcp", "dynamodb:linode", "app-hostname"];
const OUTPUTS = {
    appHostname: "app.staging.example.com",
    tableName: "dr-app-staging",
    healthEndpoints: { gcp: "http://127.0.0.1:9/health", "linode:us-east": "http://127.0.0.1:9/health", "linode:us-central": "http://127.0.0.1:9/health" },
    writeRegions: { gcp: "us-west-2", linode: "us-east-2" },
    nodeBalancerTlsKey: "-----BEGIN PRIVATE KEY----- not-for-the-audit",
};

/** A fake estate: each probe's health can be set, and can change over (fake) time. */
class FakeHealth {
    unhealthy = new Set<string>();
    rounds = 0;
    /** Called before each round; lets a test change health over time. */
    beforeRound: (round: number) => void = () => undefined;

    probe = async (_state: unknown, only?: readonly string[]): Promise<ProbeResult[]> => {
        this.beforeRound(this.rounds++);
        return PROBES.filter((name) => !only || only.includes(name)).map((name) => {
            const ok = !this.unhealthy.has(name);
            return { name, kind: "http", target: `http://127.0.0.1:9/${name}`, ok, status: ok ? "healthy" : "unhealthy", detail: ok ? "HTTP 200" : "HTTP 500", ms: 3 };
        });
    };
}

describe("failover operations (fake stack, fake clock)", () => {
    let dir: string;
    let stack: FakeStack;
    let clock: FakeClock;
    let health: FakeHealth;
    let answers: boolean[] | undefined;
    let ctx: DrContext;
    const logs: string[] = [];
    const yes = { yes: true, force: false, dryRun: false };

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "dr-ops-"));
        stack = FakeStack.fromStackFile("staging", OUTPUTS);
        clock = new FakeClock();
        health = new FakeHealth();
        answers = undefined;
        logs.length = 0;
        ctx = {
            stack,
            clock,
            probe: health.probe,
            get confirm() {
                return answers ? async () => answers!.shift() ?? false : undefined;
            },
            auditLog: path.join(dir, "audit.jsonl"),
            lockDir: dir,
            actor: { who: "alice", host: "laptop" },
            log: (line) => logs.push(line),
        } as DrContext;
    });

    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const audit = () => readAuditLog(path.join(dir, "audit.jsonl"));
    const configWrites = () => stack.calls.filter((c) => c.startsWith("setConfig") || c.startsWith("removeConfig"));

    describe("failover", () => {
        it("sets activeSite, previews, updates with the audit entry in the message, and records it", async () => {
            const result = await failover(ctx, "linode", { ...yes, reason: "gcp outage INC-1" });
            assert.strictEqual(result.exitCode, EXIT.OK, result.message);
            assert.strictEqual(stack.value("activeSite"), "linode");
            assert.strictEqual(stack.deployed["multicloud-dr:activeSite"], "linode");
            assert.deepStrictEqual(
                stack.calls.filter((c) => !c.startsWith("get") && c !== "outputs"),
                ["setConfig multicloud-dr:activeSite", "setConfig multicloud-dr:lastFlip", "preview", "up", "setConfig multicloud-dr:lastFlip"],
            );
            assert.match(stack.upMessages[0], /failover: activeSite gcp -> linode by alice: gcp outage INC-1/);
            assert.strictEqual(JSON.parse(stack.upMessages[0].split("\n")[1]).reason, "gcp outage INC-1");
        });

        it("rule 1: refuses a target whose probes fail, exit 4, config untouched", async () => {
            health.unhealthy.add("dynamodb:linode");
            const result = await failover(ctx, "linode", { ...yes, reason: "drill" });
            assert.strictEqual(result.exitCode, EXIT.REFUSED);
            assert.match(result.message, /linode is unhealthy: dynamodb:linode: HTTP 500/);
            assert.deepStrictEqual(configWrites(), []);
            assert.strictEqual(audit()[0].outcome, "refused");
        });

        it("rule 1: --force with a reason flips to an unhealthy target and records the override", async () => {
            health.unhealthy.add("endpoint:linode:us-east");
            const result = await failover(ctx, "linode", { ...yes, force: true, reason: "gcp is down harder" });
            assert.strictEqual(result.exitCode, EXIT.OK, result.message);
            const entry = audit()[0];
            assert.strictEqual(entry.forced, true);
            assert.ok(entry.rules.some((r) => r.rule === "target-health" && r.overridden));
        });

        it("rule 1: --force without a reason is bad input", () => {
            assert.throws(() => failover(ctx, "linode", { ...yes, force: true }), BadInputError);
        });

        it("ignores the health of probes the target does not need", async () => {
            health.unhealthy.add("endpoint:gcp").add("endpoint:linode:us-central").add("app-hostname");
            assert.strictEqual((await failover(ctx, "linode", { ...yes, reason: "gcp down" })).exitCode, EXIT.OK);
        });

        it("rule 3: a flip inside the cooldown is refused; after it, allowed; --force overrides", async () => {
            assert.strictEqual((await failover(ctx, "linode", { ...yes, reason: "one" })).exitCode, EXIT.OK);
            clock.advance(60_000);
            const blocked = await failover(ctx, "gcp", { ...yes, reason: "two" });
            assert.strictEqual(blocked.exitCode, EXIT.REFUSED);
            assert.match(blocked.message, /cooldown: the last flip was 60s ago; the next is allowed in 240s/);
            assert.strictEqual(stack.value("activeSite"), "linode");
            assert.strictEqual((await failover(ctx, "gcp", { ...yes, force: true, reason: "forced" })).exitCode, EXIT.OK);
            clock.advance(300_000);
            assert.strictEqual((await failover(ctx, "linode", { ...yes, reason: "three" })).exitCode, EXIT.OK);
        });

        it("rule 4: already at the target means no update and exit 0 with a message", async () => {
            const result = await failover(ctx, "gcp", { ...yes, reason: "noop" });
            assert.strictEqual(result.exitCode, EXIT.OK);
            assert.match(result.message, /already gcp.*nothing to do/);
            assert.deepStrictEqual(configWrites(), []);
            assert.ok(!stack.calls.includes("preview") && !stack.calls.includes("up"));
        });

        it("rule 5: an unsafe preview aborts and restores the config it changed", async () => {
            stack.extraPreviewSteps = [{ op: "replace", type: "aws:dynamodb/table:Table", urn: "urn:pulumi:staging::multicloud-dr::aws:dynamodb/table:Table::table", replaces: ["name"], diffs: ["name"] }];
            const before = JSON.stringify(stack.config);
            const result = await failover(ctx, "linode", { ...yes, reason: "drill" });
            assert.strictEqual(result.exitCode, EXIT.REFUSED);
            assert.match(result.message, /not a safe flip: replace aws:dynamodb\/table:Table table;.*config restored/);
            assert.strictEqual(JSON.stringify(stack.config), before);
            assert.ok(!stack.calls.includes("up"));
            assert.strictEqual(audit()[0].outcome, "aborted");
        });

        for (const step of ["preview", "up"] as const) {
            it(`rule 6: a concurrent update at ${step} gives exit 3 and leaves config as it was`, async () => {
                stack.failNext(step, FakeStack.concurrentUpdate());
                const before = JSON.stringify(stack.config);
                const result = await failover(ctx, "linode", { ...yes, reason: "drill" });
                assert.strictEqual(result.exitCode, EXIT.CONCURRENT_UPDATE);
                assert.match(result.message, /being updated by someone else.*config restored/);
                assert.strictEqual(JSON.stringify(stack.config), before);
            });
        }

        it("rule 6: a local lock held by a live process stops a second run (exit 3); a stale one is taken over", async () => {
            fs.writeFileSync(path.join(dir, "staging.lock"), JSON.stringify({ pid: process.pid === 1 ? 2 : 1, host: os.hostname(), command: "failover", startedAt: "then" }));
            const held = await failover(ctx, "linode", { ...yes, reason: "drill" });
            assert.strictEqual(held.exitCode, EXIT.CONCURRENT_UPDATE);
            assert.match(held.message, /another multicloud-dr run holds .*staging\.lock \(pid 1/);
            assert.deepStrictEqual(configWrites(), []);
            fs.writeFileSync(path.join(dir, "staging.lock"), JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), command: "failover", startedAt: "then" }));
            assert.strictEqual((await failover(ctx, "linode", { ...yes, reason: "drill" })).exitCode, EXIT.OK);
            assert.ok(!fs.existsSync(path.join(dir, "staging.lock")), "the lock is released");
        });

        it("rule 7: a failed up leaves config at the target, says so, exits 5; re-running converges", async () => {
            stack.failNext("up", FakeStack.upFailure());
            const failed = await failover(ctx, "linode", { ...yes, reason: "gcp down" });
            assert.strictEqual(failed.exitCode, EXIT.UP_FAILED);
            assert.match(failed.message, /Config is left at activeSite=linode; re-run the same command to converge/);
            assert.strictEqual(stack.value("activeSite"), "linode");
            assert.strictEqual(stack.deployed["multicloud-dr:activeSite"], "gcp");
            const rerun = await failover(ctx, "linode", { ...yes, reason: "gcp down" });
            assert.strictEqual(rerun.exitCode, EXIT.OK, rerun.message);
            assert.strictEqual(stack.deployed["multicloud-dr:activeSite"], "linode");
            assert.deepStrictEqual(audit().map((e) => e.outcome), ["up-failed", "succeeded"]);
        });

        it("rule 8: the audit entry has who, when, from -> to, reason, health evidence and step durations, in the log and in config, and nothing secret", async () => {
            await failover(ctx, "linode", { ...yes, reason: "gcp outage" });
            const [entry] = audit();
            assert.deepStrictEqual([entry.who, entry.host, entry.from, entry.to, entry.reason, entry.at], ["alice", "laptop", "gcp", "linode", "gcp outage", "2025-01-01T00:00:00.000Z"]);
            assert.ok(entry.health.some((h) => h.name === "dynamodb:linode" && h.status === "healthy"));
            for (const step of ["readState", "probe", "setConfig", "preview", "up", "total"]) {
                assert.strictEqual(typeof entry.durationsMs[step], "number", step);
            }
            assert.deepStrictEqual(JSON.parse(stack.value("lastFlip")!), { ...entry });
            const everything = fs.readFileSync(path.join(dir, "audit.jsonl"), "utf8") + stack.value("lastFlip") + stack.upMessages.join("");
            assert.ok(!everything.includes("PRIVATE KEY"), "no secret output in the audit");
            assert.ok(!everything.includes("ssh-ed25519"), "no config values in the audit");
        });

        it("approval: without --yes and with nobody to ask, refuses; an interactive yes proceeds, a no refuses", async () => {
            const unattended = await failover(ctx, "linode", { yes: false, force: false, dryRun: false, reason: "drill" });
            assert.strictEqual(unattended.exitCode, EXIT.REFUSED);
            assert.match(unattended.message, /needs approval.*--yes/);
            answers = [false];
            assert.strictEqual((await failover(ctx, "linode", { yes: false, force: false, dryRun: false, reason: "drill" })).exitCode, EXIT.REFUSED);
            answers = [true];
            assert.strictEqual((await failover(ctx, "linode", { yes: false, force: false, dryRun: false, reason: "drill" })).exitCode, EXIT.OK);
        });

        it("--dry-run probes and previews, then restores config, runs no update and writes no audit entry", async () => {
            const before = JSON.stringify(stack.config);
            const result = await failover(ctx, "linode", { yes: false, force: false, dryRun: true, reason: "what if" });
            assert.strictEqual(result.exitCode, EXIT.OK, result.message);
            assert.match(result.message, /dry run: the preview updates 5 DNS record/);
            assert.strictEqual(JSON.stringify(stack.config), before);
            assert.ok(!stack.calls.includes("up"));
            assert.deepStrictEqual(audit(), []);
        });
    });

    describe("bad input (exit 2 through the CLI, nothing changed)", () => {
        it("an unknown site", () => assert.throws(() => failover(ctx, "aws", { ...yes, reason: "x" }), /unknown site "aws"/));
        it("a missing reason", () => assert.throws(() => failover(ctx, "linode", yes), /needs --reason/));
        it("an unknown Linode region of the stack", async () => {
            await assert.rejects(moveLinodeRegion(ctx, "eu-west", { ...yes, reason: "x" }), /unknown Linode region "eu-west" for this stack: use one of us-east, us-central/);
            assert.deepStrictEqual(configWrites(), []);
        });
        it("malformed config", async () => {
            stack.config["multicloud-dr:failover"] = { value: JSON.stringify({ cooldownSeconds: "soon" }), secret: false };
            await assert.rejects(failover(ctx, "linode", { ...yes, reason: "x" }), (err: Error) => err instanceof ConfigError && /failover.cooldownSeconds/.test(err.message));
            assert.deepStrictEqual(configWrites(), []);
            assert.ok(!fs.existsSync(path.join(dir, "staging.lock")), "the lock is released");
        });
    });

    describe("failback (rule 2)", () => {
        beforeEach(async () => {
            await failover(ctx, "linode", { ...yes, reason: "gcp outage" });
            clock.advance(3600_000);
            stack.calls.length = 0;
        });

        it("fails back after the home site is healthy in every sample over the window, with approval", async () => {
            const result = await failback(ctx, yes);
            assert.strictEqual(result.exitCode, EXIT.OK, result.message);
            assert.strictEqual(stack.deployed["multicloud-dr:activeSite"], "gcp");
            assert.strictEqual(health.rounds - 1, 11, "300 s window sampled every 30 s: 11 samples");
            const entry = audit()[1];
            assert.strictEqual(entry.action, "failback");
            assert.strictEqual(entry.health.filter((h) => h.name === "endpoint:gcp").length, 11);
        });

        it("refuses when the home site goes unhealthy during the window, and changes nothing", async () => {
            health.beforeRound = (round) => (round === 5 ? health.unhealthy.add("endpoint:gcp") : undefined);
            const result = await failback(ctx, yes);
            assert.strictEqual(result.exitCode, EXIT.REFUSED);
            assert.match(result.message, /home site was unhealthy/);
            assert.deepStrictEqual(configWrites(), []);
        });

        it("is never automatic: without --yes and no terminal it is refused after sampling", async () => {
            const result = await failback(ctx, { yes: false, force: false, dryRun: false });
            assert.strictEqual(result.exitCode, EXIT.REFUSED);
            assert.match(result.message, /failback needs approval/);
        });

        it("--force skips the cooldown but never the healthy window", async () => {
            health.unhealthy.add("dynamodb:gcp");
            const result = await failback(ctx, { ...yes, force: true });
            assert.strictEqual(result.exitCode, EXIT.REFUSED);
            assert.match(result.message, /home site was unhealthy in 1 of 1 samples/);
        });

        it("is a no-op at home", async () => {
            await failback(ctx, yes);
            clock.advance(3600_000);
            const again = await failback(ctx, yes);
            assert.strictEqual(again.exitCode, EXIT.OK);
            assert.match(again.message, /already gcp/);
        });
    });

    describe("linode-region", () => {
        it("moves the Linode record to another region when its NodeBalancer is healthy", async () => {
            const result = await moveLinodeRegion(ctx, "us-central", { ...yes, reason: "us-east degraded" });
            assert.strictEqual(result.exitCode, EXIT.OK, result.message);
            assert.strictEqual(stack.deployed["multicloud-dr:linodeActiveRegion"], "us-central");
        });
        it("refuses an unhealthy region", async () => {
            health.unhealthy.add("endpoint:linode:us-central");
            assert.strictEqual((await moveLinodeRegion(ctx, "us-central", { ...yes, reason: "x" })).exitCode, EXIT.REFUSED);
        });
    });

    describe("status", () => {
        it("reports the sites' health, pending flips and the cooldown; exit 1 when the active site is unhealthy", async () => {
            stack.failNext("up", FakeStack.upFailure());
            await failover(ctx, "linode", { ...yes, reason: "gcp outage" });
            clock.advance(100_000);
            health.unhealthy.add("endpoint:gcp");
            const result = await status(ctx);
            assert.strictEqual(result.exitCode, EXIT.FAILED, "gcp (still deployed) is unhealthy");
            assert.match(result.message, /pending .*activeSite: config linode, deployed gcp/);
            assert.match(result.message, /cooldown: next flip allowed in 200s/);
            assert.match(result.message, /gcp: UNHEALTHY/);
            assert.match(result.message, /linode: healthy/);
        });
    });
});
