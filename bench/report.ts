import { recoveryPlanMarkdown } from "./recoveryPlan";
import type { BenchResults } from "./run";

/** Targets from the benchmarks issue, tightened by issue 15 (plan at most 2x the baseline, npm test under 45 s). */
export const TARGETS = {
    prodPlanRatio: 2,
    maxChangedPerFlip: 6,
    latencyMarginMs: 100,
    testSuiteMs: 45_000,
} as const;

const ms = (value: number) => `${Math.round(value)} ms`;
const mark = (ok: boolean) => (ok ? "met" : "MISSED");

/** BENCHMARKS.md: every figure against its target, with the machine, the date and how to rerun. */
export function renderMarkdown(r: BenchResults): string {
    const lines: string[] = [];
    lines.push("# Benchmarks", "");
    lines.push(`Measured ${r.date} on ${r.machine.cores} cores (${r.machine.cpus}), ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, ${r.machine.platform}.`);
    lines.push(`Rerun with \`npm run bench\` (writes this file and \`bench/results.json\`); \`npm run bench -- --quick\` takes fewer samples and skips the test-suite run.${r.quick ? " **This run was a quick one.**" : ""}`, "");

    lines.push("## 1. Plan time", "");
    lines.push("`multicloud-dr plan --stack <stack> --json` as a child process (one evaluation of the program with placeholders, a preview view derived from it with computed values unknown, then the policy pack over that view), against a baseline child that starts the same way, loads the same provider modules under the same mock runtime and registers nothing. Median of the runs, after one untimed run of each.", "");
    lines.push("| stack | plan | baseline | ratio | target | |", "| --- | --- | --- | --- | --- | --- |");
    for (const p of r.planTime) {
        const target = p.stack === "prod" ? `≤ ${TARGETS.prodPlanRatio}x` : "(none)";
        const verdict = p.stack === "prod" ? mark(p.ratio <= TARGETS.prodPlanRatio) : "";
        lines.push(`| ${p.stack} | ${ms(p.planMs)} | ${ms(p.baselineMs)} | ${p.ratio.toFixed(2)}x | ${target} | ${verdict} |`);
    }
    lines.push("");

    lines.push("## 2. Scaling", "");
    lines.push("The staging stack grown to N GCP regions and N Linode regions (synthetic region names), evaluated in-process under the mock runtime; median time.", "");
    lines.push("| regions | resources | evaluation | per resource |", "| --- | --- | --- | --- |");
    for (const s of r.scaling) {
        lines.push(`| ${s.regions} | ${s.resources} | ${ms(s.evaluateMs)} | ${(s.evaluateMs / s.resources).toFixed(2)} ms |`);
    }
    lines.push("");
    lines.push(
        `Least-squares fit of time on resources: ${r.scalingFit.msPerResource.toFixed(2)} ms per resource, worst point ${(r.scalingFit.maxRelativeResidual * 100).toFixed(0)}% off the line. ` +
            `Growth is ${r.scalingFit.linear ? "linear (every point within 25% of the line)" : "NOT linear: a point is more than 25% off the line"}; resources themselves grow linearly with regions. Target: no worse than linear: **${mark(r.scalingFit.linear)}**.`,
        "",
    );

    lines.push("## 3. Blast radius of every flip", "");
    lines.push(`Target: at most ${TARGETS.maxChangedPerFlip} changed resources, none created, deleted or replaced.`, "");
    lines.push("| stack | flip | changed | created | deleted | replaced | what changes | verdict | |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for (const f of r.blastRadius) {
        const ok = f.changed <= TARGETS.maxChangedPerFlip && f.created === 0 && f.deleted === 0 && f.replaced === 0;
        const types = summarizeTypes(f.changedTypes);
        lines.push(`| ${f.stack} | ${f.flip} | ${f.changed} | ${f.created} | ${f.deleted} | ${f.replaced} | ${types} | ${f.verdict} | ${mark(ok)} |`);
    }
    lines.push("");

    lines.push("## 4. Failover decision latency", "");
    lines.push("Probes of every endpoint in parallel (a third healthy, a third refusing connections, a third answering after 3x the probe timeout) on 127.0.0.1, then the target-health rule. Target: p95 within the probe timeout + 100 ms.", "");
    lines.push("| endpoints | runs | p50 | p95 | probe timeout | target | |", "| --- | --- | --- | --- | --- | --- | --- |");
    for (const d of r.decisionLatency) {
        const target = d.probeTimeoutMs + TARGETS.latencyMarginMs;
        lines.push(`| ${d.endpoints} | ${d.runs} | ${ms(d.p50)} | ${ms(d.p95)} | ${d.probeTimeoutMs} ms | ≤ ${target} ms | ${mark(d.p95 <= target)} |`);
    }
    lines.push("");

    if (r.fenceLag) {
        lines.push("## 5. Fenced switchover: time added against replication lag", "");
        lines.push("A failover that moves the write region (the flip operation on a fake stack of staging, real clock), with one dynalite per table region and a test replicator copying items between them after an injected lag (a stand-in for global-table replication). Added time: the fence step (write the fence in the old write region, read it consistently in the new one every poll until it arrives); median of the runs after one untimed run. Target: at least the lag and at most one poll interval above it.", "");
        lines.push("| injected lag | poll interval | runs | added (median) | min | max | |", "| --- | --- | --- | --- | --- | --- | --- |");
        for (const f of r.fenceLag) {
            lines.push(`| ${ms(f.lagMs)} | ${ms(f.pollMs)} | ${f.samples} | ${ms(f.addedMs)} | ${ms(f.minMs)} | ${ms(f.maxMs)} | ${mark(f.withinOnePoll)} |`);
        }
        lines.push("");
    }

    if (r.recoveryPlan) {
        lines.push(...recoveryPlanMarkdown(r.recoveryPlan));
    }

    lines.push("## 7. Test suite", "");
    if (r.testSuite?.error) {
        lines.push(`\`${r.testSuite.command}\` FAILED after ${(r.testSuite.wallMs / 1000).toFixed(1)} s, so its time is not a measurement: ${r.testSuite.error}`);
    } else if (r.testSuite) {
        lines.push(`\`${r.testSuite.command}\` (the type check beside mocha, whose test files run in 3 parallel workers): ${(r.testSuite.wallMs / 1000).toFixed(1)} s. Target: under ${TARGETS.testSuiteMs / 1000} s on 2 cores: **${mark(r.testSuite.wallMs < TARGETS.testSuiteMs)}**.`);
    } else {
        lines.push("Not measured in a quick run.");
    }
    lines.push("");
    return lines.join("\n");
}

function summarizeTypes(types: readonly string[]): string {
    const counts = new Map<string, number>();
    for (const t of types) {
        const short = t.split(":").pop() ?? t;
        counts.set(short, (counts.get(short) ?? 0) + 1);
    }
    return [...counts].map(([t, n]) => `${n} ${t}`).join(", ");
}
