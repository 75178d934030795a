import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FakeClock } from "../../automation/clock";
import { readAuditLog } from "../../automation/audit";
import { checkLinodeRegionInput, DrContext, failback, failover, moveLinodeRegion, status } from "../../automation/operations";
import { ProbeResult } from "../../automation/probes/types";
import { FLIP_RULES, FlipRule, pass, refuse } from "../../automation/rules";
import { FakeStack } from "../../automation/testing/fakeStack";
import { MemoryTable } from "../../automation/testing/memoryTable";
import { previewOfConfigChange } from "../../automation/testing/previewSteps";
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
            openTable: new MemoryTable().open,
        } as DrContext;
    });

    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const audit = () => readAuditLog(path.join(dir, "audit.jsonl"));
    const configWrites = () => stack.calls.filter((c) => c.startsWith("setConfig") || c.startsWith("removeConfig"));

    describe("failover", () => {
        it("sets activeSite, previews, updates with a summary and the audit id in the message, and records it", async () => {
            const result = await failover(ctx, "linode", { ...yes, reason: "gcp outage INC-1" });
            assert.strictEqual(result.exitCode, EXIT.OK, result.message);
            assert.strictEqual(stack.value("activeSite"), "linode");
            assert.strictEqual(stack.deployed["multicloud-dr:activeSite"], "linode");
            assert.deepStrictEqual(
                stack.calls.filter((c) => !c.startsWith("get") && c !== "outputs"),
                // Traffic and data move together: the write region changes (us-west-2 -> us-east-2), so the epoch rises with the switch.
                ["resources", "refresh", "setConfig multicloud-dr:activeSite", "setConfig multicloud-dr:dataEpoch", "setConfig multicloud-dr:lastFlip", "preview", "up", "setConfig multicloud-dr:lastFlip"],
            );
            assert.match(stack.upMessages[0], /failover: activeSite gcp -> linode by alice: gcp outage INC-1/);
            assert.strictEqual(stack.upMessages[0].split("\n")[1], `audit id: ${audit()[0].id}`);
        });

        it("refreshes the flip-touchable resources first, reports their drift, and updates only what the preview changes", async () => {
            const resources = await stack.resources();
            const records = resources.filter((r) => r.type === "aws:route53/record:Record");
            stack.driftOnRefresh = [{ op: "update", urn: records[0].urn, type: records[0].type, diffs: ["records[0]"], replaces: [] }];
            const expected = (await previewOfConfigChange("staging", {}, { activeSite: "linode" })).steps.map((s) => s.urn).sort();
            const result = await failover(ctx, "linode", { ...yes, reason: "gcp outage" });
            assert.strictEqual(result.exitCode, EXIT.OK, result.message);
            const line = `drift: aws:route53/record:Record "${records[0].urn.split("::").pop()}" records was changed outside Pulumi`;
            assert.deepStrictEqual([result.data.drift, audit()[0].drift, logs.filter((l) => l.startsWith("drift:"))], [[line], [line], [line]]);
            const touchable = resources.filter((r) => ["aws:route53/record:Record", "aws:ssm/parameter:Parameter", "linode:index/domainRecord:DomainRecord"].includes(r.type));
            assert.deepStrictEqual(stack.refreshes, [{ targets: touchable.map((r) => r.urn), previewOnly: false }]);
            assert.deepStrictEqual([...(stack.upTargets[0] ?? [])].sort(), expected);
        });

        it("a dry run refreshes in preview mode only and never updates", async () => {
            await failover(ctx, "linode", { ...yes, dryRun: true, reason: "rehearsal" });
            assert.deepStrictEqual(stack.refreshes.map((r) => r.previewOnly), [true]);
            assert.deepStrictEqual(stack.upTargets, []);
        });

        it("a failed refresh aborts before any config write", async () => {
            stack.failNext("refresh", new Error("provider read failed"));
            const result = await failover(ctx, "linode", { ...yes, reason: "gcp outage" });
            assert.strictEqual(result.exitCode, EXIT.FAILED);
            assert.match(result.message, /could not refresh the resources a flip touches \(provider read failed\); nothing changed/);
            assert.deepStrictEqual(configWrites(), []);
        });

        it("target-health: refuses a target whose probes fail, exit 4, config untouched", async () => {
            health.unhealthy.add("dynamodb:linode");
            const result = await failover(ctx, "linode", { ...yes, reason: "drill" });
            assert.strictEqual(result.exitCode, EXIT.REFUSED);
            assert.match(result.message, /linode is unhealthy: dynamodb:linode: HTTP 500/);
            assert.deepStrictEqual(configWrites(), []);
            assert.strictEqual(audit()[0].outcome, "refused");
        });

        it("target-health: --force with a reason flips to an unhealthy target and records the override", async () => {
            health.unhealthy.add("endpoint:linode:us-east");
            const result = await failover(ctx, "linode", { ...yes, force: true, reason: "gcp is down harder" });
            assert.strictEqual(result.exitCode, EXIT.OK, result.message);
            const entry = audit()[0];
            assert.strictEqual(entry.forced, true);
            assert.ok(entry.rules.some((r) => r.rule === "target-health" && r.overridden));
        });

        it("target-health: --force without a reason is bad input", () => {
            assert.throws(() => failover(ctx, "linode", { ...yes, force: true }), BadInputError);
        });

        it("ignores the health of probes the target does not need", async () => {
            health.unhealthy.add("endpoint:gcp").add("endpoint:linode:us-central").add("app-hostname");
            assert.strictEqual((await failover(ctx, "linode", { ...yes, reason: "gcp down" })).exitCode, EXIT.OK);
        });

        it("cooldown: a flip inside the cooldown is refused; after it, allowed; --force overrides", async () => {
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

        it("already at the target means no update and exit 0 with a message", async () => {
            const result = await failover(ctx, "gcp", { ...yes, reason: "noop" });
            assert.strictEqual(result.exitCode, EXIT.OK);
            assert.match(result.message, /already gcp.*nothing to do/);
            assert.deepStrictEqual(configWrites(), []);
            assert.ok(!stack.calls.includes("preview") && !stack.calls.includes("up"));
        });

        it("safe-preview: an unsafe preview aborts and restores the config it changed", async () => {
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
            it(`a concurrent update at ${step} gives exit 3 and leaves config as it was`, async () => {
                stack.failNext(step, FakeStack.concurrentUpdate());
                const before = JSON.stringify(stack.config);
                const result = await failover(ctx, "linode", { ...yes, reason: "drill" });
                assert.strictEqual(result.exitCode, EXIT.CONCURRENT_UPDATE);
                assert.match(result.message, /being updated by someone else.*config restored/);
                assert.strictEqual(JSON.stringify(stack.config), before);
            });
        }

        it("a local lock held by a live process stops a second run (exit 3); a stale one is taken over", async () => {
            fs.writeFileSync(path.join(dir, "staging.lock"), JSON.stringify({ pid: process.pid === 1 ? 2 : 1, host: os.hostname(), command: "failover", startedAt: "then" }));
            const held = await failover(ctx, "linode", { ...yes, reason: "drill" });
            assert.strictEqual(held.exitCode, EXIT.CONCURRENT_UPDATE);
            assert.match(held.message, /another multicloud-dr run holds .*staging\.lock \(pid 1/);
            assert.deepStrictEqual(configWrites(), []);
            fs.writeFileSync(path.join(dir, "staging.lock"), JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), command: "failover", startedAt: "then" }));
            assert.strictEqual((await failover(ctx, "linode", { ...yes, reason: "drill" })).exitCode, EXIT.OK);
            assert.ok(!fs.existsSync(path.join(dir, "staging.lock")), "the lock is released");
        });

        it("a failed up leaves config at the target, says so, exits 5; re-running converges", async () => {
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

        it("the audit entry has who, when, from -> to, reason, health evidence and step durations; config keeps its small record; nothing secret", async () => {
            await failover(ctx, "linode", { ...yes, reason: "gcp outage" });
            const [entry] = audit();
            assert.deepStrictEqual([entry.who, entry.host, entry.from, entry.to, entry.reason, entry.at], ["alice", "laptop", "gcp", "linode", "gcp outage", "2025-01-01T00:00:00.000Z"]);
            assert.ok(entry.health.some((h) => h.name === "dynamodb:linode" && h.status === "healthy"));
            for (const step of ["readState", "approver-present", "cooldown", "target-health", "setConfig", "preview", "safe-preview", "approval", "fence", "up", "total"]) {
                assert.strictEqual(typeof entry.durationsMs[step], "number", step);
            }
            const { id, action, key, from, to, who, at, reason, forced, outcome } = entry;
            assert.deepStrictEqual(JSON.parse(stack.value("lastFlip")!), { id, action, key, from, to, who, at, reason, forced, outcome });
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

    describe("failback (failback-window)", () => {
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

        it("is never automatic: without --yes and no terminal it is refused", async () => {
            const result = await failback(ctx, { yes: false, force: false, dryRun: false });
            assert.strictEqual(result.exitCode, EXIT.REFUSED);
            assert.match(result.message, /failback needs approval/);
        });

        it("--force skips the cooldown but never the healthy window", async () => {
            health.unhealthy.add("dynamodb:gcp");
            const result = await failback(ctx, { ...yes, force: true });
            assert.strictEqual(result.exitCode, EXIT.REFUSED);
            assert.match(result.message, /home site was unhealthy in 1 of the 1 sample\(s\) taken \(the 300s window needs 11\)/);
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

    describe("issue #14: flip-operation defects", () => {
        const LAST_FLIP = "multicloud-dr:lastFlip";
        const handEditLastFlip = (fields: Record<string, unknown>) => {
            const entry = { id: "20250101T000000000Z-1", action: "failover", key: "multicloud-dr:activeSite", from: "gcp", to: "linode", who: "bob", at: "2024-12-31T23:00:00.000Z", reason: "hand edit", forced: false, outcome: "succeeded", ...fields };
            stack.config[LAST_FLIP] = { value: JSON.stringify(entry), secret: false };
        };

        it("#1: a failed second config write (lastFlip, E2BIG) restores the switch it wrote; no update, exit 1, audited", async () => {
            const setConfig = stack.setConfig.bind(stack);
            stack.setConfig = async (key: string, value: string) => {
                if (key === LAST_FLIP && value.includes('"pending"')) {
                    throw new Error("spawn E2BIG");
                }
                return setConfig(key, value);
            };
            const before = JSON.stringify(stack.config);
            const result = await failover(ctx, "linode", { ...yes, reason: "gcp outage" });
            assert.strictEqual(result.exitCode, EXIT.FAILED);
            assert.match(result.message, /E2BIG.*config restored/);
            assert.strictEqual(JSON.stringify(stack.config), before);
            assert.ok(!stack.calls.includes("preview") && !stack.calls.includes("up"));
            assert.strictEqual(audit()[0].outcome, "aborted");
        });

        it("#2: a reason longer than 500 characters is bad input, and nothing is touched", () => {
            assert.throws(() => failover(ctx, "linode", { ...yes, reason: "x".repeat(501) }), (err: Error) => err instanceof BadInputError && /500 characters/.test(err.message));
            assert.deepStrictEqual(stack.calls, []);
        });

        for (const [name, char] of [["ESC", "\x1b"], ["CR", "\r"], ["BEL", "\x07"], ["LF", "\n"], ["TAB", "\t"], ["DEL", "\x7f"], ["CSI (C1)", "\x9b"]]) {
            it(`#2: a reason holding ${name} is bad input`, () => {
                assert.throws(() => failover(ctx, "linode", { ...yes, reason: `gcp ${char}[2J down` }), (err: Error) => err instanceof BadInputError && /control character/.test(err.message));
                assert.throws(() => failback(ctx, { ...yes, reason: `back ${char}` }), BadInputError);
            });
        }

        it("#2: the update message is a one-line summary plus the audit id, whatever the reason's length", async () => {
            const reason = "r".repeat(500);
            assert.strictEqual((await failover(ctx, "linode", { ...yes, reason })).exitCode, EXIT.OK);
            const [line, idLine, ...rest] = stack.upMessages[0].split("\n");
            assert.deepStrictEqual(rest, []);
            assert.strictEqual(line, `multicloud-dr failover: activeSite gcp -> linode by alice: ${reason}`);
            assert.strictEqual(idLine, `audit id: ${audit()[0].id}`);
        });

        it("#2: status escapes control characters of a hand-edited lastFlip", async () => {
            handEditLastFlip({ reason: "oops \x1b[2J\x07", who: "eve\r" });
            const result = await status(ctx);
            assert.ok(!/[\x00-\x08\x0b-\x1f\x7f-\x9f]/.test(result.message), JSON.stringify(result.message));
            assert.match(result.message, /by eve\\r .*: oops \\x1b\[2J\\x07/);
        });

        it("#3: an audit log that cannot be written is bad input before anything changes", async () => {
            fs.mkdirSync(ctx.auditLog);
            await assert.rejects(failover(ctx, "linode", { ...yes, reason: "gcp outage" }), (err: Error) => err instanceof BadInputError && err.message.includes(ctx.auditLog));
            assert.deepStrictEqual(configWrites(), []);
            assert.ok(!stack.calls.includes("getAllConfig"), "not even the stack was read");
        });

        it("#3: when the audit log fails after the flip, the real outcome stands with a WARNING and lastFlip is recorded", async () => {
            const up = stack.up.bind(stack);
            stack.up = async (message, onOutput) => {
                fs.rmSync(ctx.auditLog, { force: true });
                fs.mkdirSync(ctx.auditLog);
                return up(message, onOutput);
            };
            const result = await failover(ctx, "linode", { ...yes, reason: "gcp outage" });
            assert.strictEqual(result.exitCode, EXIT.OK);
            assert.match(result.message, /WARNING: .*audit log/);
            assert.strictEqual(stack.deployed["multicloud-dr:activeSite"], "linode");
            assert.strictEqual(JSON.parse(stack.value("lastFlip")!).outcome, "succeeded");
        });

        it("#3: a refusal whose audit line cannot be written keeps its exit code, with a WARNING", async () => {
            const probe = ctx.probe;
            ctx = {
                ...ctx,
                probe: async (state, only) => {
                    fs.rmSync(ctx.auditLog, { force: true });
                    fs.mkdirSync(ctx.auditLog);
                    health.unhealthy.add("endpoint:linode:us-east");
                    return probe(state, only);
                },
            };
            const result = await failover(ctx, "linode", { ...yes, reason: "gcp outage" });
            assert.strictEqual(result.exitCode, EXIT.REFUSED);
            assert.match(result.message, /^refused: linode is unhealthy.*; WARNING: the audit log .* could not be written \(EISDIR/);
            assert.deepStrictEqual(configWrites(), []);
        });

        it("#4: a pending lastFlip whose target was deployed (interrupted run) is completed, audited and reported", async () => {
            stack.config["multicloud-dr:activeSite"] = { value: "linode", secret: false };
            stack.deployed["multicloud-dr:activeSite"] = "linode";
            handEditLastFlip({ outcome: "pending", who: "bob", reason: "gcp outage" });
            const seen = await status(ctx);
            assert.match(seen.message, /was interrupted after its update started; the update deployed it/);
            const result = await failover(ctx, "linode", { ...yes, reason: "gcp outage, again" });
            assert.strictEqual(result.exitCode, EXIT.OK, result.message);
            const [entry] = audit();
            assert.deepStrictEqual([entry.id, entry.who, entry.outcome, entry.reason, entry.completedBy], ["20250101T000000000Z-1", "bob", "succeeded", "gcp outage", "alice"]);
            const last = JSON.parse(stack.value("lastFlip")!);
            assert.deepStrictEqual([last.id, last.outcome], ["20250101T000000000Z-1", "succeeded"]);
            assert.match(result.message, /completed the interrupted failover gcp -> linode by bob/);
        });

        it("#4: status says a pending lastFlip whose target is not deployed is still pending", async () => {
            stack.config["multicloud-dr:activeSite"] = { value: "linode", secret: false };
            handEditLastFlip({ outcome: "pending" });
            assert.match((await status(ctx)).message, /last flip: failover gcp -> linode .*still pending: its update has not deployed it/);
        });

        it("#5: a run refused because the local lock is held is audited", async () => {
            fs.writeFileSync(path.join(dir, "staging.lock"), JSON.stringify({ pid: process.pid === 1 ? 2 : 1, host: os.hostname(), command: "failover", startedAt: "then" }));
            const held = await failover(ctx, "linode", { ...yes, reason: "drill" });
            assert.strictEqual(held.exitCode, EXIT.CONCURRENT_UPDATE);
            assert.deepStrictEqual([audit()[0].outcome, audit()[0].to, audit()[0].reason], ["concurrent-update", "linode", "drill"]);
        });

        it("#5: a stack locked while its state is read gives exit 3 and is audited", async () => {
            stack.failNext("getAllConfig", FakeStack.concurrentUpdate());
            const result = await failover(ctx, "linode", { ...yes, reason: "drill" });
            assert.strictEqual(result.exitCode, EXIT.CONCURRENT_UPDATE);
            assert.strictEqual(audit()[0].outcome, "concurrent-update");
            assert.deepStrictEqual(configWrites(), []);
        });

        it("#6: a lastFlip time in the future is a clock problem: at most one cooldown, from now", async () => {
            handEditLastFlip({ at: "2097-01-01T00:00:00.000Z" });
            const result = await failover(ctx, "gcp", { ...yes, reason: "x" });
            assert.strictEqual(result.exitCode, EXIT.OK, "at target: nothing to do");
            const blocked = await moveLinodeRegion(ctx, "us-central", { ...yes, reason: "us-east degraded" });
            assert.strictEqual(blocked.exitCode, EXIT.REFUSED);
            assert.match(blocked.message, /in the future .*clock/);
            assert.match(blocked.message, /allowed in 300s/);
            const seen = await status(ctx);
            assert.match(seen.message, /cooldown: next flip allowed in 300s/);
            assert.match(seen.message, /in the future/);
        });

        it("#7: flipping back to the deployed value after a failed up is an undo: no cooldown, audited as undo", async () => {
            stack.failNext("up", FakeStack.upFailure());
            assert.strictEqual((await failover(ctx, "linode", { ...yes, reason: "gcp outage" })).exitCode, EXIT.UP_FAILED);
            clock.advance(10_000);
            const undo = await failover(ctx, "gcp", { ...yes, reason: "linode update broken, stay on gcp" });
            assert.strictEqual(undo.exitCode, EXIT.OK, undo.message);
            assert.match(undo.message, /undid the failed flip to linode/);
            assert.deepStrictEqual([stack.value("activeSite"), stack.deployed["multicloud-dr:activeSite"]], ["gcp", "gcp"]);
            const entry = audit()[1];
            assert.deepStrictEqual([entry.outcome, entry.undo, entry.forced], ["succeeded", true, false]);
        });

        it("#8: approval is asked after the preview, shows its changes and the health evidence; a no restores config", async () => {
            const questions: string[] = [];
            ctx = { ...ctx, confirm: async (q: string) => (questions.push(q), false) };
            const before = JSON.stringify(stack.config);
            const result = await failover(ctx, "linode", { yes: false, force: false, dryRun: false, reason: "drill" });
            assert.strictEqual(result.exitCode, EXIT.REFUSED);
            assert.ok(stack.calls.includes("preview") && !stack.calls.includes("up"));
            assert.strictEqual(JSON.stringify(stack.config), before);
            assert.match(questions[0], /update aws:route53\/record:Record dr-staging-primary/);
            assert.match(questions[0], /linode is healthy/);
        });

        it("#8: a failback nobody can approve is refused before the sampling window", async () => {
            stack.config["multicloud-dr:activeSite"] = { value: "linode", secret: false };
            stack.deployed["multicloud-dr:activeSite"] = "linode";
            const result = await failback(ctx, { yes: false, force: false, dryRun: false });
            assert.strictEqual(result.exitCode, EXIT.REFUSED);
            assert.match(result.message, /needs approval/);
            assert.strictEqual(health.rounds, 0, "no sample was taken");
        });

        it("#9: while a flip is pending, the status headline says where traffic is, with the pending target beside it", async () => {
            stack.failNext("up", FakeStack.upFailure());
            await failover(ctx, "linode", { ...yes, reason: "gcp outage" });
            const [headline] = (await status(ctx)).message.split("\n");
            assert.match(headline, /^stack staging: active site gcp \(flip to linode pending\)/);
        });

        it("#10: lastFlip in stack config holds only the small record", async () => {
            await failover(ctx, "linode", { ...yes, reason: "gcp outage" });
            const last = JSON.parse(stack.value("lastFlip")!);
            assert.deepStrictEqual(Object.keys(last).sort(), ["action", "at", "forced", "from", "id", "key", "outcome", "reason", "to", "who"]);
            assert.strictEqual(last.id, audit()[0].id);
        });

        it("#11: linode-region accepts exactly the region ids stack config accepts", () => {
            for (const region of ["us-east", "de-fra-2", "xx-abc-10"]) {
                assert.doesNotThrow(() => checkLinodeRegionInput(region, { reason: "x" }), region);
            }
            for (const region of ["US-east", "us_east", "us-east-", "useast"]) {
                assert.throws(() => checkLinodeRegionInput(region, { reason: "x" }), BadInputError, region);
            }
        });

        it("#13: status names the unhealthy active site in its failure line", async () => {
            health.unhealthy.add("endpoint:gcp");
            const result = await status(ctx);
            assert.strictEqual(result.failureLine, "the active site gcp is UNHEALTHY: gcp is unhealthy: endpoint:gcp: HTTP 500");
        });
    });

    describe("the safety-rule pipeline (#15)", () => {
        it("evaluates FLIP_RULES in order and records each verdict under the rule's name", async () => {
            await failover(ctx, "linode", { ...yes, reason: "gcp outage" });
            assert.deepStrictEqual(audit()[0].rules.map((r) => r.rule), ["approver-present", "cooldown", "target-health", "safe-preview", "approval", "fence"]);
        });

        it("runs a rule registered in the list at its place in its phase, and its refusal stops the flip", async () => {
            const before: string[][] = [];
            const changeFreeze: FlipRule = {
                name: "change-freeze",
                phase: "before-preview",
                refusalHint: "ask the change manager",
                check: (flip) => {
                    before.push(flip.verdicts.map((v) => v.rule));
                    return refuse("anything", "a change freeze is on until Monday");
                },
            };
            ctx = { ...ctx, rules: [...FLIP_RULES, changeFreeze] };
            const result = await failover(ctx, "linode", { ...yes, reason: "gcp outage" });
            assert.strictEqual(result.exitCode, EXIT.REFUSED);
            assert.strictEqual(result.message, "refused: a change freeze is on until Monday; ask the change manager");
            assert.deepStrictEqual(before, [["approver-present", "cooldown", "target-health"]]);
            assert.deepStrictEqual(audit()[0].rules.map((r) => [r.rule, r.ok]), [["approver-present", true], ["cooldown", true], ["target-health", true], ["change-freeze", false]]);
            assert.deepStrictEqual(configWrites(), []);
        });

        it("gives an on-preview rule the preview, after the flip's own preview rules", async () => {
            const seen: number[] = [];
            const previewBudget: FlipRule = { name: "preview-budget", phase: "on-preview", check: ({ preview }) => (seen.push(preview!.steps.length), pass("preview-budget", `${preview!.steps.length} step(s)`)) };
            ctx = { ...ctx, rules: [...FLIP_RULES, previewBudget] };
            assert.strictEqual((await failover(ctx, "linode", { ...yes, reason: "gcp outage" })).exitCode, EXIT.OK);
            assert.deepStrictEqual(seen, [5], "the two Route 53 records and the published parameter in each of the three table regions");
            assert.deepStrictEqual(audit()[0].rules.slice(-4).map((r) => r.rule), ["safe-preview", "approval", "fence", "preview-budget"]);
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
