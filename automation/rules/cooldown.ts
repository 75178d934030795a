import type { FlipRule } from "./rule";
import { overrideIfForced, pass, refuse, Verdict } from "./verdict";

/** The outcomes of flips that changed config: only they start a cooldown. */
export const COOLDOWN_OUTCOMES: readonly string[] = ["succeeded", "up-failed", "pending"];

/** When the cooldown counts from: the last flip that changed config, if any. */
export function cooldownStart(last: { readonly outcome: string; readonly at: string } | undefined): number | undefined {
    return last && COOLDOWN_OUTCOMES.includes(last.outcome) ? Date.parse(last.at) : undefined;
}

export interface CooldownState {
    /** Whole seconds since the last flip (0 when it is in the future). */
    readonly elapsedSeconds: number;
    readonly remainingSeconds: number;
    /** Set when the last flip's time is ahead of this clock (clock skew or a hand edit): then at most one cooldown applies, from now. */
    readonly futureBySeconds?: number;
}

export function cooldownState(lastFlipAtMs: number | undefined, nowMs: number, cooldownSeconds: number): CooldownState {
    if (lastFlipAtMs === undefined) {
        return { elapsedSeconds: Number.POSITIVE_INFINITY, remainingSeconds: 0 };
    }
    if (lastFlipAtMs > nowMs) {
        return { elapsedSeconds: 0, remainingSeconds: cooldownSeconds, futureBySeconds: Math.ceil((lastFlipAtMs - nowMs) / 1000) };
    }
    const elapsedSeconds = Math.floor((nowMs - lastFlipAtMs) / 1000);
    return { elapsedSeconds, remainingSeconds: Math.max(0, cooldownSeconds - elapsedSeconds) };
}

export function clockProblem(state: CooldownState): string {
    return state.futureBySeconds === undefined ? "" : `the last flip's time is ${state.futureBySeconds}s in the future (a clock problem or a hand edit of lastFlip), so one cooldown applies from now`;
}

/** Anti-flap: a flip blocks the next one for `cooldownSeconds`, unless forced. */
export function checkCooldown(lastFlipAtMs: number | undefined, nowMs: number, cooldownSeconds: number, force: boolean): Verdict {
    if (lastFlipAtMs === undefined) {
        return pass("cooldown", "no previous flip recorded");
    }
    const state = cooldownState(lastFlipAtMs, nowMs, cooldownSeconds);
    if (state.remainingSeconds === 0) {
        return pass("cooldown", `last flip ${state.elapsedSeconds}s ago (cooldown ${cooldownSeconds}s)`);
    }
    const since = state.futureBySeconds === undefined ? `the last flip was ${state.elapsedSeconds}s ago` : clockProblem(state);
    return overrideIfForced(refuse("cooldown", `cooldown: ${since}; the next is allowed in ${state.remainingSeconds}s (cooldown ${cooldownSeconds}s)`), force);
}

/** Seconds of cooldown left, for `status`. */
export function cooldownRemainingSeconds(lastFlipAtMs: number | undefined, nowMs: number, cooldownSeconds: number): number {
    return cooldownState(lastFlipAtMs, nowMs, cooldownSeconds).remainingSeconds;
}

export const cooldownRule: FlipRule = {
    name: "cooldown",
    phase: "before-preview",
    refusalHint: "use --force with --reason to override",
    check: ({ where, state, ctx, force }) => {
        if (where === "converge") {
            return pass("cooldown", "resuming a flip whose update failed: cooldown does not apply");
        }
        if (where === "undo") {
            return pass("cooldown", "undoing a flip whose update failed: cooldown does not apply");
        }
        return checkCooldown(cooldownStart(state.lastFlip), ctx.clock.now(), state.cfg.failover.cooldownSeconds, force);
    },
};
