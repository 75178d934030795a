import * as fs from "fs";
import * as path from "path";
import { BadInputError } from "../../topology";
import { RecoveryPlan, StepKind } from "./planTypes";

export type StackOutcome = "succeeded" | "at-target" | "dry-run" | "passed" | "failed" | "refused" | "not-started";
export type StepStatus = "pending" | "done" | "failed";

export interface StackRecord {
    readonly stack: string;
    readonly outcome: StackOutcome;
    readonly exitCode: number;
    readonly message: string;
    readonly durationMs: number;
}

export interface StepRecord {
    readonly name: string;
    readonly kind: StepKind;
    readonly status: StepStatus;
    readonly startedAt?: string;
    readonly durationMs?: number;
    readonly concurrency?: number;
    readonly maxConcurrency?: number;
    readonly message?: string;
    readonly approvedBy?: string;
    readonly stacks: readonly StackRecord[];
}

/** What a run of a plan has done so far, written after every step: a rerun resumes from it. */
export interface ExecutionRecord {
    readonly plan: string;
    readonly file: string;
    readonly digest: string;
    readonly practice: boolean;
    readonly remote: boolean;
    readonly reason: string;
    readonly who: string;
    readonly startedAt: string;
    readonly updatedAt: string;
    readonly status: "running" | "failed" | "completed";
    readonly steps: readonly StepRecord[];
}

export const RECORD_FILE = "execution.json";

/** `<state dir>/plans/<plan>[-practice]/`: the record and the reports. */
export function planStateDir(stateDir: string, plan: RecoveryPlan, practice: boolean): string {
    return path.join(stateDir, "plans", practice ? `${plan.name}-practice` : plan.name);
}

export function readExecutionRecord(dir: string): ExecutionRecord | undefined {
    const file = path.join(dir, RECORD_FILE);
    if (!fs.existsSync(file)) {
        return undefined;
    }
    try {
        const record = JSON.parse(fs.readFileSync(file, "utf8")) as ExecutionRecord;
        if (!Array.isArray(record.steps) || typeof record.digest !== "string") {
            throw new Error("not an execution record");
        }
        return record;
    } catch (err) {
        throw new BadInputError(`the execution record ${file} is unreadable (${(err as Error).message}): move it away to start the plan afresh`);
    }
}

/** Written whole under another name, then renamed: a run killed mid-write leaves the previous record. */
export function writeExecutionRecord(dir: string, record: ExecutionRecord): string {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, RECORD_FILE);
    const partial = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(partial, `${JSON.stringify(record, null, 2)}\n`, "utf8");
    fs.renameSync(partial, file);
    return file;
}

export interface ResumePoint {
    /** The first step to run. */
    readonly start: number;
    /** The steps before it, as recorded (done); empty for a fresh run. */
    readonly kept: readonly StepRecord[];
    readonly note: string;
}

/**
 * Where a run starts. `--from-step` restarts that step (the steps before it stay as recorded). Otherwise an
 * unfinished record of the same plan file resumes at its first step not done; a finished one, or none, starts
 * afresh. An unfinished record of a different file is bad input: the operator says where to start.
 */
export function resumePoint(plan: RecoveryPlan, digest: string, record: ExecutionRecord | undefined, fromStep?: string): ResumePoint {
    const names = plan.steps.map((s) => s.name);
    const keptBefore = (start: number): StepRecord[] =>
        record && record.status !== "completed" ? plan.steps.slice(0, start).map((s) => record.steps.find((r) => r.name === s.name) ?? pendingStep(s.name, s.kind)) : [];
    if (fromStep !== undefined) {
        const start = names.indexOf(fromStep);
        if (start < 0) {
            throw new BadInputError(`--from-step "${fromStep}" is not a step of plan ${plan.name}: use one of ${names.join(", ")}`);
        }
        return { start, kept: keptBefore(start), note: `restarting at step "${fromStep}"` };
    }
    if (!record || record.status === "completed") {
        return { start: 0, kept: [], note: record ? "the last run completed: starting afresh" : "starting" };
    }
    if (record.digest !== digest) {
        throw new BadInputError(`plan ${plan.name}: the plan file changed since the run that stopped (${record.updatedAt}): pass --from-step <step> to say where to start`);
    }
    const start = plan.steps.findIndex((s) => record.steps.find((r) => r.name === s.name)?.status !== "done");
    const at = start < 0 ? plan.steps.length : start;
    return { start: at, kept: keptBefore(at), note: `resuming the run started ${record.startedAt} at step "${names[at] ?? "(end)"}"` };
}

export function pendingStep(name: string, kind: StepKind): StepRecord {
    return { name, kind, status: "pending", stacks: [] };
}
