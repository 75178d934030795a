/** What a safety rule says about one proposed flip. */
export interface Verdict {
    /** The name of the rule that gave it (see `FLIP_RULES`). */
    readonly rule: string;
    readonly ok: boolean;
    readonly message: string;
    /** The rule failed but `--force` overrode it. */
    readonly overridden?: boolean;
}

export function pass(rule: string, message: string): Verdict {
    return { rule, ok: true, message };
}

export function refuse(rule: string, message: string): Verdict {
    return { rule, ok: false, message };
}

/** `--force` turns a refusal into a recorded override; it needs a reason, checked by the caller. */
export function overrideIfForced(verdict: Verdict, force: boolean): Verdict {
    return !verdict.ok && force ? { ...verdict, ok: true, overridden: true, message: `${verdict.message} (overridden by --force)` } : verdict;
}
