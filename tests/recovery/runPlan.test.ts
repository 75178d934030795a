import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FakeClock } from "../../automation/clock";
import { DrContext } from "../../automation/operations";
import {
    LoadedPlan,
    parsePlan,
    PLAN_REPORT_JSON,
    PLAN_REPORT_MARKDOWN,
    PlanReport,
    readExecutionRecord,
    planStateDir,
    runPlan,
    PlanRunOptions,
    stackProgress,
    StackOperations,
} from "../../automation/recovery";
import { BadInputError, EXIT, readStackConfig } from "../../topology";

const STACKS = Array.from({ length: 20 }, (_, i) => `app-${String(i + 1).padStart(2, "0")}`);
const BOUND = 5;

function planOf(extra: Record<string, unknown> = {}): LoadedPlan {
    const plan = parsePlan({
        version: 1,
        name: "synthetic",
        rtoTargetSeconds: 600,
        concurrency: BOUND,
        stacks: STACKS.map((name) => ({ name })),
        steps: [
            { name: "scale", kind: "scale-standby", site: "linode", linode: { instancesPerRegion: 3 } },
            { name: "go", kind: "approval" },
            { name: "data", kind: "switch-data", to: "linode" },
            { name: "traffic", kind: "switch-traffic", activeSite: "linode" },
            { name: "check", kind: "verify", site: "linode" },
        ],
        ...extra,
    });
    return { plan, file: "synthetic.yaml", digest: "digest-1" };
}

interface Call {
    readonly op: string;
    readonly stack: string;
    readonly to?: string;
    readonly reason?: string;
    readonly yes?: boolean;
    readonly dryRun?: boolean;
}

/** Recording operations: each takes a few event-loop turns and one second of the fake clock, logs and streams partial lines. */
class RecordingOps implements StackOperations {
    readonly calls: Call[] = [];
    readonly maxInFlight: Record<string, number> = {};
    private inFlight = 0;
    /** op:stack -> the exit code that stack's op ends with. */
    failures = new Map<string, number>();

    constructor(private readonly clock: FakeClock) {}

    private async work(op: string, ctx: DrContext, extra: Omit<Call, "op" | "stack">, steps = [] as object[]) {
        const stack = ctx.stack.name;
        this.calls.push({ op, stack, ...extra });
        this.inFlight++;
        this.maxInFlight[op] = Math.max(this.maxInFlight[op] ?? 0, this.inFlight);
        ctx.log(`${op} starting`);
        for (let i = 0; i < 3; i++) {
            ctx.onUpOutput?.(`${op} out${i} `);
            await new Promise((r) => setImmediate(r));
        }
        ctx.onUpOutput?.("done\n");
        this.clock.advance(1000);
        this.inFlight--;
        const exitCode = this.failures.get(`${op}:${stack}`) ?? EXIT.OK;
        return { exitCode: exitCode as 0, message: exitCode === EXIT.OK ? `${op} ok` : `${op} refused: target unhealthy`, data: { outcome: exitCode === EXIT.OK ? "succeeded" : "refused", steps } as never };
    }

    failover = (ctx: DrContext, to: string, o: { reason?: string; yes: boolean; dryRun: boolean }) =>
        this.work("failover", ctx, { to, reason: o.reason, yes: o.yes, dryRun: o.dryRun }, [{ op: "update", type: "aws:route53/record:Record", urn: `urn:pulumi:${ctx.stack.name}::p::aws:route53/record:Record::app-primary`, replaces: [], diffs: ["records"] }]);
    moveLinodeRegion = (ctx: DrContext, to: string, o: { reason?: string; yes: boolean; dryRun: boolean }) => this.work("linode-region", ctx, { to, reason: o.reason, yes: o.yes, dryRun: o.dryRun });
    switchData = (ctx: DrContext, to: string, o: { reason?: string; yes: boolean; dryRun: boolean }) => this.work("switch-data", ctx, { to, reason: o.reason, yes: o.yes, dryRun: o.dryRun });
    scale = (ctx: DrContext, target: { site: string }, o: { reason: string; dryRun: boolean }) =>
        this.work("scale", ctx, { to: target.site, reason: o.reason, dryRun: o.dryRun }, [{ op: "create", type: "linode:index/instance:Instance", urn: `urn:pulumi:${ctx.stack.name}::p::linode:index/instance:Instance::i2`, replaces: [], diffs: [] }]) as never;
    verify = async (ctx: DrContext, site: string) => {
        const result = await this.work("verify", ctx, { to: site });
        return { ok: result.exitCode === EXIT.OK, message: result.message, attempts: 1, evidence: [] };
    };
}

describe("run-plan over 20 synthetic stacks (recording operations, fake clock)", () => {
    let dir: string;
    let clock: FakeClock;
    let ops: RecordingOps;
    let lines: string[];
    /** Stacks whose config says environment prod. */
    let production: string[];

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "run-plan-"));
        clock = new FakeClock();
        ops = new RecordingOps(clock);
        lines = [];
        production = [];
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const options = (extra: Partial<PlanRunOptions> = {}): PlanRunOptions => ({ reason: "INC-1: gcp down", yes: true, dryRun: false, practice: false, remote: false, stateDir: dir, reportDir: path.join(dir, "report"), defaultRtoTargetSeconds: 300, ...extra });
    const env = () => {
        const sink = (line: string) => lines.push(line);
        return {
            ops,
            clock,
            actor: { who: "oncall", host: "laptop" },
            log: (line: string) => sink(`plan: ${line}`),
            contextFor: async (stack: string) => {
                const progress = stackProgress(sink, stack);
                const values = { ...readStackConfig("staging").values, ...(production.includes(stack) ? { "multicloud-dr:environment": "prod" } : {}) };
                const config = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v, secret: false }]));
                const drStack = { name: stack, getAllConfig: async () => config, outputs: async () => ({}) };
                return { stack: drStack, clock, log: progress.log, onUpOutput: progress.stream } as unknown as DrContext;
            },
        };
    };
    const readReport = (): PlanReport => JSON.parse(fs.readFileSync(path.join(dir, "report", PLAN_REPORT_JSON), "utf8"));

    it("runs the steps in order, each over every stack with at most the bound at once, in whole prefixed lines", async () => {
        const result = await runPlan(planOf(), options(), env());
        assert.strictEqual(result.exitCode, EXIT.OK, result.message);
        for (const op of ["scale", "switch-data", "failover", "verify"]) {
            assert.strictEqual(ops.maxInFlight[op], BOUND, op);
            assert.deepStrictEqual(
                ops.calls.filter((c) => c.op === op).map((c) => c.stack),
                STACKS,
                op,
            );
        }
        // Step order: every stack's scale before any data switch, every data switch before any traffic switch.
        const kinds = ops.calls.map((c) => c.op);
        assert.ok(kinds.lastIndexOf("scale") < kinds.indexOf("switch-data") && kinds.lastIndexOf("switch-data") < kinds.indexOf("failover"));
        const data = ops.calls.find((c) => c.op === "switch-data");
        assert.deepStrictEqual({ to: data?.to, yes: data?.yes, dryRun: data?.dryRun, reason: data?.reason }, { to: "linode", yes: true, dryRun: false, reason: "INC-1: gcp down [plan synthetic, step data]" });
        // No interleaving: each line is one stack's whole line.
        for (const line of lines.filter((l) => !l.startsWith("plan: "))) {
            assert.match(line, /^\[app-\d\d\] (\S+ starting|(\S+) out0 \2 out1 \2 out2 done)$/);
        }
        assert.strictEqual(lines.filter((l) => / out0 /.test(l)).length, 4 * STACKS.length);

        const report = readReport();
        assert.deepStrictEqual(
            report.steps.map((s) => [s.name, s.outcome, s.durationMs, s.maxConcurrency]),
            [
                ["scale", "passed", 20_000, BOUND],
                ["go", "passed", 0, undefined],
                ["data", "passed", 20_000, BOUND],
                ["traffic", "passed", 20_000, BOUND],
                ["check", "passed", 20_000, BOUND],
            ],
        );
        assert.strictEqual(report.recoverySeconds, 80);
        assert.strictEqual(report.rtoTargetSeconds, 600);
        assert.strictEqual(report.withinTarget, true);
        assert.ok(report.steps[0].stacks.every((s) => s.outcome === "succeeded" && s.durationMs >= 1000));
        const markdown = fs.readFileSync(path.join(dir, "report", PLAN_REPORT_MARKDOWN), "utf8");
        assert.match(markdown, /\| recovery time \| 80\.0 s \(target 600 s: within target\) \|/);
        assert.match(markdown, /\| scale \| scale-standby \| \+0\.0 s \| 20\.0 s \| 5\/5 \| passed \|/);
        assert.strictEqual(readExecutionRecord(planStateDir(dir, planOf().plan, false))?.status, "completed");
    });

    it("one stack failing halts the step (no later stack starts); a rerun resumes at that step", async () => {
        ops.failures.set("failover:app-07", EXIT.REFUSED);
        const first = await runPlan(planOf(), options(), env());
        assert.strictEqual(first.exitCode, EXIT.REFUSED);
        assert.match(first.message, /stopped at step "traffic": halted: stack app-07 refused \(exit 4\)/);
        const flipped = ops.calls.filter((c) => c.op === "failover").map((c) => c.stack);
        assert.ok(flipped.length < STACKS.length && flipped.length >= 7, `started ${flipped.length}`);
        assert.deepStrictEqual(flipped, STACKS.slice(0, flipped.length), "in order, none after the halt");
        assert.strictEqual(ops.calls.filter((c) => c.op === "verify").length, 0);
        const record = readExecutionRecord(planStateDir(dir, planOf().plan, false));
        assert.deepStrictEqual(
            record?.steps.map((s) => [s.name, s.status]),
            [
                ["scale", "done"],
                ["go", "done"],
                ["data", "done"],
                ["traffic", "failed"],
                ["check", "pending"],
            ],
        );
        const traffic = record?.steps[3].stacks ?? [];
        assert.strictEqual(traffic.filter((s) => s.outcome === "not-started").length, STACKS.length - flipped.length);
        assert.strictEqual(readReport().steps[4].outcome, "not-run");

        // The stack is fixed; the same command resumes at the traffic step without redoing the ones before.
        ops.failures.clear();
        ops.calls.length = 0;
        const second = await runPlan(planOf(), options({ yes: false }), env());
        assert.strictEqual(second.exitCode, EXIT.OK, second.message);
        assert.deepStrictEqual([...new Set(ops.calls.map((c) => c.op))], ["failover", "verify"]);
        assert.ok(ops.calls.filter((c) => c.op === "failover").every((c) => c.yes), "the earlier run's approval stands");
        const report = readReport();
        assert.deepStrictEqual(
            report.steps.map((s) => s.outcome),
            ["earlier-run", "earlier-run", "earlier-run", "passed", "passed"],
        );
        assert.match(report.resumed, /resuming the run started .* at step "traffic"/);
    });

    it("--from-step restarts a step that had passed", async () => {
        await runPlan(planOf(), options(), env());
        ops.calls.length = 0;
        const result = await runPlan(planOf(), options({ fromStep: "check" }), env());
        assert.strictEqual(result.exitCode, EXIT.OK);
        assert.deepStrictEqual([...new Set(ops.calls.map((c) => c.op))], ["verify"]);
    });

    it("refuses, changing nothing, a changing step with no approval before it and no --yes", async () => {
        const plan = planOf({ steps: [{ name: "traffic", kind: "switch-traffic", activeSite: "linode" }] });
        await assert.rejects(runPlan(plan, options({ yes: false }), env()), (e: Error) => e instanceof BadInputError && /step "traffic" moves writes or traffic but no approval step comes before it/.test(e.message));
        assert.strictEqual(ops.calls.length, 0);
        await assert.rejects(runPlan(plan, options({ reason: " " }), env()), /run-plan needs --reason/);
    });

    it("an approval step without an approver refuses, before the steps after it", async () => {
        const result = await runPlan(planOf(), options({ yes: false }), env());
        assert.strictEqual(result.exitCode, EXIT.REFUSED);
        assert.match(result.message, /step "go" needs approval/);
        assert.deepStrictEqual([...new Set(ops.calls.map((c) => c.op))], ["scale"]);
    });

    it("--dry-run previews every stack of every changing step, asks nobody, records nothing, and combines the blast radius", async () => {
        const result = await runPlan(planOf(), options({ dryRun: true, yes: false }), env());
        assert.strictEqual(result.exitCode, EXIT.OK, result.message);
        assert.ok(ops.calls.every((c) => c.op === "verify" || c.dryRun));
        assert.strictEqual(ops.calls.filter((c) => c.op === "verify").length, 0);
        assert.strictEqual(ops.calls.length, 3 * STACKS.length);
        assert.match(result.message, /blast radius: 20 create, 20 update over 20 stack\(s\)/);
        assert.deepStrictEqual(result.report.blastRadius?.byType, { "create linode:index/instance:Instance": 20, "update aws:route53/record:Record": 20 });
        assert.strictEqual(readExecutionRecord(planStateDir(dir, planOf().plan, false)), undefined);
    });

    it("a refused switch-data (the fence timed out) halts its step before any traffic moves", async () => {
        ops.switchData = (async () => ({ exitCode: EXIT.REFUSED, message: "fence-timeout: the fence did not arrive", data: {} })) as never;
        const result = await runPlan(planOf(), options(), env());
        assert.strictEqual(result.exitCode, EXIT.REFUSED);
        assert.match(result.message, /step "data": halted: .*fence-timeout: the fence did not arrive/);
        assert.strictEqual(ops.calls.filter((c) => c.op === "failover").length, 0);
    });

    it("a practice run past the recovery-time target fails, like a drill; a real one only warns", async () => {
        const slow = planOf({ rtoTargetSeconds: 30 });
        const real = await runPlan(slow, options(), env());
        assert.strictEqual(real.exitCode, EXIT.OK);
        assert.match(real.message, /completed in 80\.0s \(target 30s: EXCEEDED\)/);
        const practice = await runPlan(slow, options({ practice: true, yes: false }), env());
        assert.strictEqual(practice.exitCode, EXIT.FAILED);
        assert.strictEqual(practice.report.withinTarget, false);
    });

    it("a practice run refuses a stack whose config says it is production, before any change to it", async () => {
        production = ["app-03"];
        const result = await runPlan(planOf(), options({ practice: true, yes: false }), env());
        assert.strictEqual(result.exitCode, EXIT.BAD_INPUT);
        assert.match(result.message, /stack app-03 failed \(exit 2\): BadInputError: --practice: stack "app-03" is a production stack \(environment prod\)/);
        assert.ok(!ops.calls.some((c) => c.stack === "app-03"));
    });
});
