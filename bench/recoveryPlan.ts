// The orchestration overhead of a recovery plan per stack, against a single flip: the same failover on stub-pulumi
// stacks, run alone and through `runPlan` (one at a time, then all at once). Run alone: `node -r ./bin/register.js bench/recoveryPlan.ts`.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { systemClock } from "../automation/clock";
import { DrContext, failover, HealthProber } from "../automation/operations";
import { planProbes } from "../automation/probes";
import { result } from "../automation/probes/types";
import { parsePlan, realStackOperations, runPlan } from "../automation/recovery";
import { openAutomationStack } from "../automation/stackAdapter";
import { MemoryTable } from "../automation/testing/memoryTable";
import { createStubPulumi, StubPulumi } from "../tests/automation/stubPulumi";
import { median } from "./stats";

export interface RecoveryPlanBench {
    readonly stacks: number;
    readonly reps: number;
    /** One failover, alone, opening its stack (median). */
    readonly singleFlipMs: number;
    /** A one-step plan over `stacks` stacks, one at a time, divided by the stacks (median). */
    readonly planPerStackMs: number;
    /** What the plan adds per stack: planPerStackMs - singleFlipMs. */
    readonly overheadPerStackMs: number;
    /** The same plan with every stack at once (median wall time). */
    readonly parallelPlanMs: number;
    /** The runner alone: a plan over 100 stacks whose operations return at once, per stack (median). */
    readonly runnerOnlyPerStackMs: number;
}

const OUTPUTS = { appHostname: "app.staging.example.com", tableName: "dr-app-staging", healthEndpoints: { gcp: "http://127.0.0.1:9/", "linode:us-east": "http://127.0.0.1:9/" }, siteEndpoints: {}, writeRegions: {} };

/** Every probe healthy, at once: the benchmark measures the orchestration, not the network. */
const healthy: HealthProber = async (state, only) =>
    planProbes(state, { scope: { allowRemote: false }, connectTo: {} })
        .filter((p) => !only || only.includes(p.name))
        .map((p) => result(p, "healthy", "bench", 0));

function reset(stub: StubPulumi, stack: string): void {
    stub.update(stack, (s) => {
        s.config["multicloud-dr:activeSite"].value = "gcp";
        s.deployed["multicloud-dr:activeSite"] = "gcp";
        delete s.config["multicloud-dr:lastFlip"];
    });
}

export async function measureRecoveryPlan(stackCount: number, reps: number): Promise<RecoveryPlanBench> {
    const stub = createStubPulumi({ staging: { outputs: OUTPUTS } });
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-plan-"));
    const stacks = Array.from({ length: stackCount }, (_, i) => `bench-${i + 1}`);
    stacks.forEach((name) => stub.copyStack("staging", name));
    // The write region moves with the traffic, so each flip fences: on a table in memory that replicates at once, the
    // fence costs a write and a read, and the figures stay about orchestration.
    const table = new MemoryTable();
    const contextFor = async (stack: string): Promise<DrContext> => ({
        stack: await openAutomationStack(stack, { pulumiRoot: stub.root }),
        openTable: table.open,
        clock: systemClock,
        probe: healthy,
        auditLog: path.join(stateDir, "audit.jsonl"),
        lockDir: stateDir,
        actor: { who: "bench", host: "bench" },
        log: () => undefined,
    });
    const timed = async (work: () => Promise<unknown>) => {
        const started = process.hrtime.bigint();
        await work();
        return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const plan = (concurrency: number) => ({
        plan: parsePlan({ version: 1, name: `bench-${concurrency}`, concurrency, stacks: stacks.map((name) => ({ name })), steps: [{ name: "traffic", kind: "switch-traffic", activeSite: "linode" }] }),
        file: "bench",
        digest: `${concurrency}-${Math.random()}`,
    });
    const runOnce = async (concurrency: number) => {
        const run = await runPlan(
            plan(concurrency),
            { reason: "bench", yes: true, dryRun: false, practice: false, remote: false, stateDir, reportDir: path.join(stateDir, "report"), defaultRtoTargetSeconds: 300 },
            { ops: realStackOperations(() => ({}) as never), clock: systemClock, actor: { who: "bench", host: "bench" }, contextFor, log: () => undefined },
        );
        if (run.exitCode !== 0) {
            throw new Error(run.message);
        }
        stacks.forEach((s) => reset(stub, s));
        fs.rmSync(path.join(stateDir, "plans"), { recursive: true, force: true });
    };
    try {
        const single: number[] = [];
        const perStack: number[] = [];
        const parallel: number[] = [];
        for (let i = 0; i < reps; i++) {
            for (const stack of stacks) {
                // Opening the stack is part of both: a `failover` command opens its stack, a plan each of its stacks.
                single.push(
                    await timed(async () => {
                        const flip = await failover(await contextFor(stack), "linode", { reason: "bench", yes: true, force: false, dryRun: false });
                        if (flip.exitCode !== 0) {
                            throw new Error(flip.message);
                        }
                    }),
                );
                reset(stub, stack);
            }
            perStack.push((await timed(() => runOnce(1))) / stacks.length);
            parallel.push(await timed(() => runOnce(stacks.length)));
        }
        const runnerOnly: number[] = [];
        for (let i = 0; i < reps; i++) {
            runnerOnly.push((await timed(() => runnerOnlyPlan(stateDir))) / RUNNER_ONLY_STACKS);
        }
        const singleFlipMs = median(single);
        const planPerStackMs = median(perStack);
        return { stacks: stackCount, reps, singleFlipMs, planPerStackMs, overheadPerStackMs: planPerStackMs - singleFlipMs, parallelPlanMs: median(parallel), runnerOnlyPerStackMs: median(runnerOnly) };
    } finally {
        stub.remove();
        fs.rmSync(stateDir, { recursive: true, force: true });
    }
}

const RUNNER_ONLY_STACKS = 100;

/** What the runner itself costs: bounded scheduling, progress, the execution record and report, no stack work. */
async function runnerOnlyPlan(stateDir: string): Promise<void> {
    const names = Array.from({ length: RUNNER_ONLY_STACKS }, (_, i) => `s-${i}`);
    const done = async (ctx: DrContext) => ({ exitCode: 0 as const, message: "ok", data: { stack: ctx.stack.name, outcome: "succeeded" } as never });
    const run = await runPlan(
        { plan: parsePlan({ version: 1, name: "runner-only", concurrency: 10, stacks: names.map((name) => ({ name })), steps: [{ name: "traffic", kind: "switch-traffic", activeSite: "linode" }] }), file: "bench", digest: String(Math.random()) },
        { reason: "bench", yes: true, dryRun: false, practice: false, remote: false, stateDir, reportDir: path.join(stateDir, "report-runner"), defaultRtoTargetSeconds: 300 },
        {
            ops: { failover: done, moveLinodeRegion: done, switchData: done, scale: done, verify: async () => ({ ok: true, message: "ok", attempts: 1, evidence: [] }) },
            clock: systemClock,
            actor: { who: "bench", host: "bench" },
            contextFor: async (stack) => ({ stack: { name: stack } }) as DrContext,
            log: () => undefined,
        },
    );
    if (run.exitCode !== 0) {
        throw new Error(run.message);
    }
}

/** The lines bench/report.ts puts in BENCHMARKS.md. */
export function recoveryPlanMarkdown(r: RecoveryPlanBench): string[] {
    const ms = (v: number) => `${Math.round(v)} ms`;
    return [
        "## 6. Recovery plan orchestration",
        "",
        `A one-step plan (switch-traffic) over ${r.stacks} stub-pulumi stacks, every probe answered at once, against the same failover run alone; median of ${r.reps} run(s). Rerun alone with \`node -r ./bin/register.js bench/recoveryPlan.ts\`.`,
        "",
        "| single flip | plan, per stack (one at a time) | overhead per stack | plan, all stacks at once | the runner alone, per stack |",
        "| --- | --- | --- | --- | --- |",
        `| ${ms(r.singleFlipMs)} | ${ms(r.planPerStackMs)} | ${ms(r.overheadPerStackMs)} (${((r.overheadPerStackMs / r.singleFlipMs) * 100).toFixed(1)}%) | ${ms(r.parallelPlanMs)} for ${r.stacks} | ${r.runnerOnlyPerStackMs.toFixed(2)} ms |`,
        "",
        `The runner alone: a plan over ${RUNNER_ONLY_STACKS} stacks whose operations return at once (scheduling, progress, the execution record and the report). The stub's flips are child processes, so the other columns move with the machine's load.`,
        "",
    ];
}

if (require.main === module) {
    measureRecoveryPlan(Number(process.argv[2] ?? 4), Number(process.argv[3] ?? 2)).then(
        (r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n${recoveryPlanMarkdown(r).join("\n")}\n`),
        (err) => {
            console.error(err);
            process.exitCode = 1;
        },
    );
}
