/** What a safety rule says about one proposed flip. */
export interface Verdict {
    readonly rule: RuleName;
    readonly ok: boolean;
    readonly message: string;
    /** The rule failed but `--force` overrode it. */
    readonly overridden?: boolean;
}

export type RuleName = "target-health" | "failback-window" | "cooldown" | "safe-preview" | "approval";

export function pass(rule: RuleName, message: string): Verdict {
    return { rule, ok: true, message };
}

export function refuse(rule: RuleName, message: string): Verdict {
    return { rule, ok: false, message };
}

/** `--force` turns a refusal into a recorded override; it needs a reason, checked by the caller. */
export function overrideIfForced(verdict: Verdict, force: boolean): Verdict {
    return !verdict.ok && force ? { ...verdict, ok: true, overridden: true, message: `${verdict.message} (overridden by --force)` } : verdict;
}
