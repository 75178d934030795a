import { overrideIfForced, pass, refuse, Verdict } from "./verdict";

/** Anti-flap: a flip blocks the next one for `cooldownSeconds`, unless forced. */
export function checkCooldown(lastFlipAtMs: number | undefined, nowMs: number, cooldownSeconds: number, force: boolean): Verdict {
    if (lastFlipAtMs === undefined) {
        return pass("cooldown", "no previous flip recorded");
    }
    const elapsed = Math.floor((nowMs - lastFlipAtMs) / 1000);
    if (elapsed >= cooldownSeconds) {
        return pass("cooldown", `last flip ${elapsed}s ago (cooldown ${cooldownSeconds}s)`);
    }
    const left = cooldownSeconds - elapsed;
    return overrideIfForced(refuse("cooldown", `cooldown: the last flip was ${elapsed}s ago; the next is allowed in ${left}s (cooldown ${cooldownSeconds}s)`), force);
}

/** Seconds of cooldown left, for `status`. */
export function cooldownRemainingSeconds(lastFlipAtMs: number | undefined, nowMs: number, cooldownSeconds: number): number {
    if (lastFlipAtMs === undefined) {
        return 0;
    }
    return Math.max(0, cooldownSeconds - Math.floor((nowMs - lastFlipAtMs) / 1000));
}
