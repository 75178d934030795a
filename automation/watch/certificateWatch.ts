import { DrContext } from "../operations/context";
import { CertificateReading, expiringCertificates } from "../probes/certificateDays";
import { StackState } from "../stackState";
import { escapeControl } from "../terminalText";

/**
 * Each round's certificate check: an alert for each served certificate with fewer than
 * `failover.certificateWarningDays` days left, once per endpoint and certificate (a renewed one is new).
 * Returns the alert lines of this round and every reading; a watch that may not act (`alert` false) gets the
 * readings only, and its alerts stay due until it may.
 */
export function certificateWatcher(ctx: DrContext): (state: StackState, alert?: boolean) => Promise<{ alerts: string[]; readings: CertificateReading[] }> {
    const alerted = new Set<string>();
    return async (state, alert = true) => {
        if (!ctx.certificates) {
            return { alerts: [], readings: [] };
        }
        const warningDays = state.cfg.failover.certificateWarningDays;
        const readings = await ctx.certificates(state);
        const alerts: string[] = [];
        for (const reading of alert ? expiringCertificates(readings, warningDays) : []) {
            const key = `${reading.endpoint} ${reading.validTo}`;
            if (!alerted.has(key)) {
                alerted.add(key);
                const left = reading.daysLeft! < 0 ? `expired ${-reading.daysLeft!} day(s) ago` : `has ${reading.daysLeft} day(s) left`;
                alerts.push(escapeControl(`ALERT: the certificate ${reading.endpoint} serves for ${reading.servername} ${left} (valid to ${reading.validTo}; warning at ${warningDays} days): renew it`));
            }
        }
        return { alerts, readings };
    };
}
