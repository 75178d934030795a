import { daysLeft } from "../probes/certificateDays";
import { escapeControl } from "../terminalText";
import { fail, pass, ReadinessCheck, skipped } from "./check";

/**
 * Days left on the certificate each HTTPS site endpoint serves (SNI: the app hostname), on the context's clock,
 * against `failover.certificateWarningDays`. A certificate that cannot be read fails: a client would not get one either.
 */
export const certificateCheck: ReadinessCheck = {
    name: "certificates",
    description: "every served certificate has at least failover.certificateWarningDays days left",
    async run({ ctx, state }) {
        if (!ctx.certificates) {
            return skipped("no certificate reader in this context");
        }
        const readings = await ctx.certificates(state);
        if (readings.length === 0) {
            return skipped("no site endpoint serves HTTPS");
        }
        const warningDays = state.cfg.failover.certificateWarningDays;
        const now = ctx.clock.now();
        const lines: string[] = [];
        const bad: string[] = [];
        for (const reading of readings) {
            const left = reading.validTo ? daysLeft(new Date(reading.validTo), now) : undefined;
            if (left === undefined) {
                lines.push(`${reading.endpoint}: not read (${reading.error})`);
                bad.push(reading.endpoint);
            } else {
                lines.push(`${reading.endpoint}: ${left} day(s) left (valid to ${reading.validTo})`);
                if (left < warningDays) {
                    bad.push(reading.endpoint);
                }
            }
        }
        const evidence = lines.map(escapeControl);
        return bad.length === 0
            ? pass(`${readings.length} certificate(s), each with at least ${warningDays} days left`, evidence)
            : fail(`${bad.join(", ")}: expiring within ${warningDays} days, expired or unreadable`, evidence);
    },
};
