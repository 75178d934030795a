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
