import { DrContext } from "../operations/context";
import { expiringCertificates } from "../probes/certificateDays";
import { StackState } from "../stackState";
import { escapeControl } from "../terminalText";

/**
 * Each round's certificate check: an alert for each served certificate with fewer than
 * `failover.certificateWarningDays` days left, once per endpoint and certificate (a renewed one is new).
 * Returns the alert lines of this round.
 */
export function certificateWatcher(ctx: DrContext): (state: StackState) => Promise<string[]> {
    const alerted = new Set<string>();
    return async (state) => {
        if (!ctx.certificates) {
            return [];
        }
        const warningDays = state.cfg.failover.certificateWarningDays;
        const lines: string[] = [];
        for (const reading of expiringCertificates(await ctx.certificates(state), warningDays)) {
            const key = `${reading.endpoint} ${reading.validTo}`;
            if (!alerted.has(key)) {
                alerted.add(key);
                const left = reading.daysLeft! < 0 ? `expired ${-reading.daysLeft!} day(s) ago` : `has ${reading.daysLeft} day(s) left`;
                lines.push(escapeControl(`ALERT: the certificate ${reading.endpoint} serves for ${reading.servername} ${left} (valid to ${reading.validTo}; warning at ${warningDays} days): renew it`));
            }
        }
        return lines;
    };
}
