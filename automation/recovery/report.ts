import { BlastRadius } from "./blastRadius";
import { StackRecord, StepRecord } from "./executionRecord";
import { StepKind } from "./planTypes";
import { writeReportFiles } from "../reportFiles";

export type PlanStepOutcome = "passed" | "failed" | "skipped" | "not-run" | "earlier-run";

export interface PlanReportStep {
    readonly name: string;
    readonly kind: StepKind;
    readonly outcome: PlanStepOutcome;
    readonly startedAt?: string;
    /** Seconds from the start of this run. */
    readonly offsetSeconds?: number;
    readonly durationMs: number;
    readonly concurrency?: number;
    readonly maxConcurrency?: number;
    readonly message: string;
    readonly stacks: readonly StackRecord[];
}

export interface PlanReport {
    readonly plan: string;
    readonly file: string;
    readonly reason: string;
    readonly practice: boolean;
    readonly remote: boolean;
    readonly dryRun: boolean;
    readonly who: string;
    readonly host: string;
    readonly startedAt: string;
    readonly finishedAt: string;
    readonly durationMs: number;
    readonly outcome: "passed" | "failed";
    readonly failedStep?: string;
    readonly message: string;
    readonly exitCode: number;
    readonly resumed: string;
    /** Every step's duration added up, earlier runs' included: the time the recovery took. */
    readonly recoverySeconds: number;
    readonly rtoTargetSeconds: number;
    readonly withinTarget?: boolean;
    readonly steps: readonly PlanReportStep[];
    readonly blastRadius?: BlastRadius;
    readonly executionRecord?: string;
}

export const PLAN_REPORT_JSON = "run-plan-report.json";
export const PLAN_REPORT_MARKDOWN = "run-plan-report.md";

export function reportStepOf(record: StepRecord, outcome: PlanStepOutcome, runStart: number): PlanReportStep {
    const started = record.startedAt ? Date.parse(record.startedAt) : undefined;
    return {
        name: record.name,
        kind: record.kind,
        outcome,
        ...(record.startedAt ? { startedAt: record.startedAt, offsetSeconds: started !== undefined && outcome !== "earlier-run" ? (started - runStart) / 1000 : undefined } : {}),
        durationMs: record.durationMs ?? 0,
        ...(record.concurrency !== undefined ? { concurrency: record.concurrency, maxConcurrency: record.maxConcurrency } : {}),
        message: record.message ?? "",
        stacks: record.stacks,
    };
}

/** Writes `run-plan-report.json` and `run-plan-report.md` into `dir` (created); returns their paths. */
export function writePlanReport(dir: string, report: PlanReport): { json: string; markdown: string } {
    return writeReportFiles(dir, { json: PLAN_REPORT_JSON, markdown: PLAN_REPORT_MARKDOWN }, report, renderPlanMarkdown);
}

const OUTCOME: Record<PlanStepOutcome, string> = { passed: "passed", failed: "**FAILED**", skipped: "skipped", "not-run": "not run", "earlier-run": "passed (earlier run)" };

export function renderPlanMarkdown(report: PlanReport): string {
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const mode = [report.dryRun ? "dry run" : undefined, report.practice ? "practice" : undefined, report.remote ? "remote (Pulumi Deployments)" : "local"].filter(Boolean).join(", ");
    const target =
        report.withinTarget === undefined
            ? `${report.recoverySeconds.toFixed(1)} s so far (target ${report.rtoTargetSeconds} s; not finished)`
            : `${report.recoverySeconds.toFixed(1)} s (target ${report.rtoTargetSeconds} s: ${report.withinTarget ? "within target" : "**EXCEEDED**"})`;
    const lines = [
        `# Recovery plan \`${report.plan}\`: ${report.outcome === "passed" ? "passed" : "FAILED"}`,
        "",
        cell(report.message),
        "",
        "| | |",
        "| --- | --- |",
        `| plan file | ${report.file} |`,
        `| mode | ${mode} |`,
        `| reason | ${cell(report.reason)} |`,
        `| started | ${report.startedAt} (${cell(report.resumed)}) |`,
        `| finished | ${report.finishedAt} (${seconds(report.durationMs)}) |`,
        `| recovery time | ${target} |`,
        `| run by | ${report.who} on ${report.host} |`,
        `| exit code | ${report.exitCode} |`,
        "",
        "## Steps",
        "",
        "| step | kind | at | duration | stacks at once (max/bound) | outcome | detail |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        ...report.steps.map(
            (s) =>
                `| ${s.name} | ${s.kind} | ${s.offsetSeconds === undefined ? "" : `+${s.offsetSeconds.toFixed(1)} s`} | ${seconds(s.durationMs)} | ${s.concurrency === undefined ? "" : `${s.maxConcurrency}/${s.concurrency}`} | ${OUTCOME[s.outcome]} | ${cell(s.message)} |`,
        ),
        "",
        "## Stacks",
        "",
    ];
    for (const step of report.steps.filter((s) => s.stacks.length > 0)) {
        lines.push(`### ${step.name}`, "", "| stack | outcome | exit | duration | detail |", "| --- | --- | --- | --- | --- |");
        lines.push(...step.stacks.map((s) => `| ${s.stack} | ${s.outcome} | ${s.exitCode} | ${seconds(s.durationMs)} | ${cell(s.message)} |`), "");
    }
    if (report.blastRadius) {
        lines.push("## Blast radius", "", "| change | count |", "| --- | --- |", ...Object.entries(report.blastRadius.byType).map(([what, n]) => `| ${what} | ${n} |`), "");
    }
    return `${lines.join("\n")}\n`;
}

function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
