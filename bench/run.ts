// `npm run bench`: measures the plan, its scaling, the blast radius of every flip, failover decision latency and
// the test suite on this machine, then writes BENCHMARKS.md and bench/results.json. `--quick` takes fewer samples
// and skips the test-suite run (a smoke run for CI).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { evaluateStack } from "../offline";
import { PROJECT_ROOT } from "../topology";
import { flipsOf, FlipBlastRadius } from "./blastRadius";
import { LatencyResult, measureDecision } from "./decisionLatency";
import { FenceLagResult, measureFenceLag } from "./fenceLag";
import { repeat, timeCommand } from "./processTiming";
import { measureRecoveryPlan, RecoveryPlanBench } from "./recoveryPlan";
import { renderMarkdown } from "./report";
import { linearFit, median } from "./stats";
import { syntheticRegionOverrides } from "./syntheticStack";


export interface BenchResults {
    readonly date: string;
    readonly machine: { cpus: string; cores: number; memoryGiB: number; node: string; platform: string };
    readonly quick: boolean;
    readonly planTime: { stack: string; planMs: number; baselineMs: number; ratio: number; samples: number }[];
    readonly scaling: { regions: number; resources: number; evaluateMs: number }[];
    readonly scalingFit: { msPerResource: number; maxRelativeResidual: number; linear: boolean };
    readonly blastRadius: FlipBlastRadius[];
    readonly decisionLatency: LatencyResult[];
    readonly fenceLag?: FenceLagResult[];
    readonly testSuite?: { wallMs: number; command: string; error?: string };
    readonly recoveryPlan?: RecoveryPlanBench;
}

const NODE = process.execPath;
const CLI = path.join(PROJECT_ROOT, "bin", "multicloud-dr");
const REGISTER = ["-r", path.join(__dirname, "..", "bin", "register.js")];

async function main(): Promise<void> {
    const quick = process.argv.includes("--quick");
    const reps = quick ? 2 : 5;
    const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

    const planTime = [];
    for (const stack of ["staging", "prod"]) {
        log(`plan time, ${stack} (${reps} runs each of the plan and the baseline)`);
        const planArgs = [CLI, "plan", "--stack", stack, "--json"];
        const baselineArgs = [...REGISTER, path.join(__dirname, "evaluateBaseline.ts")];
        // One untimed run of each first, so neither is charged for a cold file cache.
        timeCommand(NODE, planArgs);
        timeCommand(NODE, baselineArgs);
        const plan = median(repeat(reps, () => timeCommand(NODE, planArgs)));
        const baseline = median(repeat(reps, () => timeCommand(NODE, baselineArgs)));
        planTime.push({ stack, planMs: plan, baselineMs: baseline, ratio: plan / baseline, samples: reps });
    }

    log("scaling: 2, 4, 8, 16 GCP and Linode regions");
    await evaluateStack("staging"); // warm the module cache so the first size is not charged for loading
    const scaling = [];
    for (const regions of [2, 4, 8, 16]) {
        const overrides = syntheticRegionOverrides(regions);
        const samples: number[] = [];
        let resources = 0;
        for (let i = 0; i < reps; i++) {
            const started = process.hrtime.bigint();
            resources = (await evaluateStack("staging", { overrides })).resources.length;
            samples.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
        scaling.push({ regions, resources, evaluateMs: median(samples) });
    }
    const fit = linearFit(scaling.map((s) => ({ x: s.resources, y: s.evaluateMs })));
    const scalingFit = { msPerResource: fit.slope, maxRelativeResidual: fit.maxRelativeResidual, linear: fit.maxRelativeResidual <= 0.25 };

    log("blast radius of every flip");
    const blastRadius = [...(await flipsOf("staging")), ...(await flipsOf("prod"))];

    log("failover decision latency, 3 and 12 endpoints");
    const runs = quick ? 10 : 40;
    const decisionLatency = [await measureDecision(3, runs, 300), await measureDecision(12, runs, 300)];

    log("recovery plan orchestration, 4 stub-pulumi stacks");
    const recoveryPlan = await measureRecoveryPlan(4, quick ? 1 : 3);
    log("fenced switchover: time added against an injected replication lag of 0, 0.5 and 2 s");
    const fenceLag = await measureFenceLag([0, 500, 2000], quick ? 2 : 5);

    let testSuite: BenchResults["testSuite"];
    if (!quick) {
        log("test suite wall time (npm test)");
        const started = Date.now();
        try {
            testSuite = { wallMs: timeCommand("npm", ["test", "--silent"]), command: "npm test" };
        } catch (err) {
            // Keep every other figure: record the failed run instead of losing the whole benchmark.
            testSuite = { wallMs: Date.now() - started, command: "npm test", error: (err as Error).message };
        }
    }

    const cpus = os.cpus();
    const results: BenchResults = {
        date: new Date().toISOString(),
        machine: {
            cpus: cpus[0]?.model ?? "unknown",
            cores: cpus.length,
            memoryGiB: Math.round(os.totalmem() / 2 ** 30),
            node: process.version,
            platform: `${os.platform()} ${os.release()}`,
        },
        quick,
        planTime,
        scaling,
        scalingFit,
        blastRadius,
        decisionLatency,
        fenceLag,
        testSuite,
        recoveryPlan,
    };
    fs.writeFileSync(path.join(__dirname, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
    fs.writeFileSync(path.join(PROJECT_ROOT, "BENCHMARKS.md"), renderMarkdown(results));
    log("wrote BENCHMARKS.md and bench/results.json");
}

main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
});
