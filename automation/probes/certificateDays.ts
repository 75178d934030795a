const DAY_MS = 86_400_000;

/** Whole days from `now` until `validTo`, rounded down (negative once expired). */
export function daysLeft(validTo: Date, now: number): number {
    return Math.floor((validTo.getTime() - now) / DAY_MS);
}

/** What a served certificate said: its expiry and days left, or why it could not be read. */
export interface CertificateReading {
    readonly endpoint: string;
    /** host:port the TLS handshake went to. */
    readonly target: string;
    /** The SNI sent: the app hostname. */
    readonly servername: string;
    readonly validTo?: string;
    readonly daysLeft?: number;
    readonly error?: string;
}

/** One line per reading, for `status`. */
export function certificateLine(reading: CertificateReading): string {
    return reading.daysLeft !== undefined
        ? `  certificate ${reading.endpoint}: ${reading.daysLeft} day(s) left (valid to ${reading.validTo})`
        : `  certificate ${reading.endpoint}: not read (${reading.error})`;
}

/** The readings `watch` alerts on: a certificate with fewer than `warningDays` days left (expired included). */
export function expiringCertificates(readings: readonly CertificateReading[], warningDays: number): CertificateReading[] {
    return readings.filter((r) => r.daysLeft !== undefined && r.daysLeft < warningDays);
}
