import type { Site } from "../../topology";

/** A recovery plan, as `schemas/recovery-plan.schema.json` describes its file. */
export interface RecoveryPlan {
    readonly version: 1;
    readonly name: string;
    readonly description?: string;
    readonly rtoTargetSeconds?: number;
    readonly concurrency?: number;
    readonly stacks: readonly PlanStack[];
    readonly remote?: RemotePlanSettings;
    readonly steps: readonly PlanStep[];
}

export interface PlanStack {
    readonly name: string;
    readonly practice?: string;
}

export interface RemotePlanSettings {
    readonly organization?: string;
    readonly git?: { readonly url?: string; readonly branch?: string; readonly projectPath?: string };
    readonly env?: Readonly<Record<string, string>>;
    readonly secretEnv?: readonly string[];
    readonly preRunCommands?: readonly string[];
}

interface StepBase {
    readonly name: string;
    /** Default: every stack of the plan. */
    readonly stacks?: readonly string[];
    readonly concurrency?: number;
}

export interface ScaleStep extends StepBase {
    readonly kind: "scale-standby";
    readonly site: Site;
    readonly linode?: { readonly instancesPerRegion: number };
    readonly gcp?: { readonly nodesPerZone?: number; readonly minNodesPerZone?: number };
}

export interface SwitchDataStep extends StepBase {
    readonly kind: "switch-data";
    readonly to: Site;
}

export interface SwitchTrafficStep extends StepBase {
    readonly kind: "switch-traffic";
    readonly activeSite?: Site;
    readonly linodeActiveRegion?: string;
}

export interface ApprovalStep {
    readonly kind: "approval";
    readonly name: string;
    readonly approvers?: readonly string[];
    readonly message?: string;
}

export interface VerifyStep extends StepBase {
    readonly kind: "verify";
    readonly site: Site;
    readonly timeoutSeconds?: number;
}

export type StackStep = ScaleStep | SwitchDataStep | SwitchTrafficStep | VerifyStep;
export type PlanStep = StackStep | ApprovalStep;
export type StepKind = PlanStep["kind"];

/** Steps that move writes or traffic: an approval step comes before them (or --yes). Raising capacity only adds, so it may come first. */
export const NEEDS_APPROVAL: readonly StepKind[] = ["switch-data", "switch-traffic"];

export const DEFAULT_PLAN_CONCURRENCY = 4;

export function isStackStep(step: PlanStep): step is StackStep {
    return step.kind !== "approval";
}

/** The stacks a step runs on, in plan order. */
export function stepStacks(plan: RecoveryPlan, step: StackStep): string[] {
    const all = plan.stacks.map((s) => s.name);
    return step.stacks ? all.filter((name) => step.stacks?.includes(name)) : all;
}

export function stepConcurrency(plan: RecoveryPlan, step: StackStep): number {
    return step.concurrency ?? plan.concurrency ?? DEFAULT_PLAN_CONCURRENCY;
}
