/** How long a lease lasts and how often it is renewed (and, by a watch standing by, tried). */
export interface LeaseTimings {
    readonly durationMs: number;
    readonly renewEveryMs: number;
}

/**
 * Tied to the watch interval so that a watch standing by takes over within one interval of the holder's death:
 * the holder renews every interval/5, so its last renewal is at most interval/5 before it dies, the lease runs out
 * 3/5 of an interval after that renewal, and the other watch tries every interval/5: it holds the lease at most
 * 3/5 + 1/5 = 4/5 of an interval (plus one DynamoDB request) after the death. Two renewals in a row may fail
 * before the holder loses the lease.
 */
export function leaseTimings(intervalSeconds: number): LeaseTimings {
    const intervalMs = intervalSeconds * 1000;
    return { durationMs: Math.round(intervalMs * 0.6), renewEveryMs: Math.round(intervalMs * 0.2) };
}
