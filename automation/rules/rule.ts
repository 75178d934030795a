import type { FlipAction, ProbeEvidence } from "../audit";
import type { StepTimer } from "../clock";
import type { DrContext } from "../operations/context";
import type { PreviewReport } from "../stackAdapter";
import type { StackState } from "../stackState";
import type { DataMove } from "../fence/dataMove";
import type { SwitchKey } from "../operations/flipRecord";
import type { FlipState } from "./flipState";
import type { Verdict } from "./verdict";

/** Rules that decide whether to start (before config changes), and rules that judge the preview (right before `up`). */
export type RulePhase = "before-preview" | "on-preview";

/** What a rule sees of one proposed flip. */
export interface FlipFacts {
    readonly ctx: DrContext;
    readonly state: StackState;
    readonly action: FlipAction;
    readonly switchKey: SwitchKey;
    readonly from: string;
    readonly target: string;
    readonly where: FlipState;
    readonly force: boolean;
    readonly yes: boolean;
    readonly dryRun: boolean;
    /** Failback: the target must be healthy over a sampled window. */
    readonly sampledWindow: boolean;
    readonly requiredProbes: readonly string[];
    /** Evidence gathered so far; rules that probe add to it. */
    readonly health: ProbeEvidence[];
    /** The verdicts given so far, in order. */
    readonly verdicts: readonly Verdict[];
    /** Set in the on-preview phase. */
    readonly preview?: PreviewReport;
    /** What the flip does to the write region (see `planDataMove`). */
    readonly dataMove?: DataMove;
}

/** One named safety rule. Its name is the one in the audit entry's `rules[]` and the README. */
export interface FlipRule {
    readonly name: string;
    readonly phase: RulePhase;
    /** Default: always. */
    readonly appliesTo?: (flip: FlipFacts) => boolean;
    readonly check: (flip: FlipFacts) => Verdict | Promise<Verdict>;
    /** Appended to a refusal, e.g. how to override it. */
    readonly refusalHint?: string;
    /** "aborted": a refusal means the flip itself is unsafe, not "not now". "fence-timeout": the fence rule's own. Default "refused". */
    readonly refusalOutcome?: "refused" | "aborted" | "fence-timeout";
}

export interface Refusal {
    readonly rule: FlipRule;
    readonly verdict: Verdict;
}

/** Evaluates one phase's rules in order, appending each verdict to `verdicts`; stops at the first refusal. */
export async function runRules(rules: readonly FlipRule[], phase: RulePhase, flip: Omit<FlipFacts, "verdicts">, verdicts: Verdict[], timer: StepTimer): Promise<Refusal | undefined> {
    for (const rule of rules.filter((r) => r.phase === phase)) {
        const facts: FlipFacts = { ...flip, verdicts };
        if (rule.appliesTo && !rule.appliesTo(facts)) {
            continue;
        }
        const verdict = { ...(await timer.time(rule.name, async () => rule.check(facts))), rule: rule.name };
        verdicts.push(verdict);
        if (!verdict.ok) {
            return { rule, verdict };
        }
        if (verdict.overridden) {
            flip.ctx.log(`WARNING: ${verdict.message}`);
        }
    }
    return undefined;
}
