import { Site } from "../../topology";
import { ProbeEvidence } from "../audit";
import type { DrillRpo } from "./rpo";
import { writeReportFiles } from "../reportFiles";

export const DRILL_STEPS = ["status", "failover", "verify-failover", "hold", "failback", "verify-failback"] as const;
export type DrillStepName = (typeof DRILL_STEPS)[number];
export type StepOutcome = "passed" | "failed" | "skipped";

export interface DrillStep {
    readonly name: DrillStepName;
    /** ISO time the step started (for a skipped step: when it was skipped). */
    readonly startedAt: string;
    /** Seconds from the start of the drill. */
    readonly offsetSeconds: number;
    readonly durationMs: number;
    readonly outcome: StepOutcome;
    readonly message: string;
    /** The exit code of the flip, for the failover and failback steps. */
    readonly exitCode?: number;
    readonly evidence: readonly ProbeEvidence[];
}

export interface DrillReport {
    readonly stack: string;
    readonly environment?: string;
    readonly who: string;
    readonly host: string;
    readonly startedAt: string;
    readonly finishedAt: string;
    readonly durationMs: number;
    readonly outcome: "passed" | "failed";
    readonly failedStep?: DrillStepName;
    readonly message: string;
    readonly exitCode: number;
    readonly from?: Site;
    readonly to?: Site;
    readonly holdSeconds: number;
    /** From the start of the failover to the moment traffic was verified on the standby site. */
    readonly timeToRecoverSeconds?: number;
    readonly rtoTargetSeconds?: number;
    readonly withinTarget?: boolean;
    /** From the start of the failback (which includes the sampled failback window) to traffic verified at home. */
    readonly failbackSeconds?: number;
    /** Upper bound of the data a switch like the rehearsed one can lose: `rpo.rpoSeconds` (absent when not measured). */
    readonly rpoSeconds?: number;
    readonly rpo?: DrillRpo;
    readonly steps: readonly DrillStep[];
}

export const REPORT_JSON = "drill-report.json";
export const REPORT_MARKDOWN = "drill-report.md";

/** Writes `drill-report.json` and `drill-report.md` into `dir` (created); returns their paths. */
export function writeDrillReport(dir: string, report: DrillReport): { json: string; markdown: string } {
    return writeReportFiles(dir, { json: REPORT_JSON, markdown: REPORT_MARKDOWN }, report, renderDrillMarkdown);
}

const ICON: Record<StepOutcome, string> = { passed: "passed", failed: "**FAILED**", skipped: "skipped" };

export function renderDrillMarkdown(report: DrillReport): string {
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const recovery =
        report.timeToRecoverSeconds === undefined
            ? "not measured (the drill did not reach a verified failover)"
            : `${report.timeToRecoverSeconds.toFixed(1)} s (target ${report.rtoTargetSeconds} s: ${report.withinTarget ? "within target" : "**EXCEEDED**"})`;
    const lines = [
        `# DR drill on \`${report.stack}\`: ${report.outcome === "passed" ? "passed" : "FAILED"}`,
        "",
        report.message,
        "",
        "| | |",
        "| --- | --- |",
        `| stack | ${report.stack}${report.environment ? ` (${report.environment})` : ""} |`,
        `| rehearsal | ${report.from ?? "?"} -> ${report.to ?? "?"} -> ${report.from ?? "?"} |`,
        `| started | ${report.startedAt} |`,
        `| finished | ${report.finishedAt} (${seconds(report.durationMs)}) |`,
        `| time to recover | ${recovery} |`,
        `| RPO bound (replication lag at the switch) | ${rpoCell(report.rpo)} |`,
        `| failback (with its health window) | ${report.failbackSeconds === undefined ? "not measured" : `${report.failbackSeconds.toFixed(1)} s`} |`,
        `| hold on the standby | ${report.holdSeconds} s |`,
        `| run by | ${report.who} on ${report.host} |`,
        `| exit code | ${report.exitCode} |`,
        "",
        "## Timeline",
        "",
        "| step | start | at | duration | outcome | detail |",
        "| --- | --- | --- | --- | --- | --- |",
        ...report.steps.map((s) => `| ${s.name} | ${s.startedAt} | +${s.offsetSeconds.toFixed(1)} s | ${seconds(s.durationMs)} | ${ICON[s.outcome]} | ${cell(s.message)} |`),
        "",
        "## Evidence",
        "",
    ];
    for (const step of report.steps) {
        if (step.evidence.length === 0) {
            continue;
        }
        lines.push(`### ${step.name}`, "", "| check | target | status | detail | ms | at |", "| --- | --- | --- | --- | --- | --- |");
        lines.push(...step.evidence.map((e) => `| ${e.name} | ${cell(e.target)} | ${e.status} | ${cell(e.detail)} | ${e.ms} | ${e.at ?? ""} |`), "");
    }
    return `${lines.join("\n")}\n`;
}

function rpoCell(rpo: DrillRpo | undefined): string {
    if (!rpo) {
        return "not measured";
    }
    return rpo.rpoSeconds === undefined ? `**not bounded**: ${cell(rpo.detail)}` : `${rpo.rpoSeconds.toFixed(2)} s: ${cell(rpo.detail)}`;
}

function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
