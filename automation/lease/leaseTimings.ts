/** How long a lease lasts and how often it is renewed (and, by a watch standing by, tried). */
export interface LeaseTimings {
    readonly durationMs: number;
    readonly renewEveryMs: number;
}

/**
 * Tied to the watch interval so that a watch standing by takes over within one interval of the holder's death:
 * the holder renews every interval/6, so its last renewal is at most interval/6 before it dies, the lease runs out
 * interval/2 after that renewal, and the other watch tries every interval/6: it holds the lease at most
 * 1/2 + 1/6 = 2/3 of an interval (plus one DynamoDB request) after the death, which leaves a third of an interval
 * for a slow request or a busy machine. Two renewals in a row may fail before the holder loses the lease.
 */
export function leaseTimings(intervalSeconds: number): LeaseTimings {
    const intervalMs = intervalSeconds * 1000;
    return { durationMs: Math.round(intervalMs / 2), renewEveryMs: Math.round(intervalMs / 6) };
}

/**
 * How long one lease request may take: half the lease (at most the probe timeout, at least 100 ms). A renewal is
 * stamped with its start time, so a slow one that lands still renews; aborting it at one renewal period (as before)
 * turned a busy moment of the table or the machine into a lost lease. A try that hangs delays the next by at most a
 * quarter of the interval: takeover stays within 1/2 + 1/6 + 1/4 = 11/12 of an interval.
 */
export function leaseRequestTimeoutMs(probeTimeoutMs: number, timings: LeaseTimings): number {
    return Math.max(100, Math.min(probeTimeoutMs, Math.round(timings.durationMs / 2)));
}
