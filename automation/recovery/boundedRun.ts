/** What a bounded run did: every item's result (undefined: not started), and the most that ran at once. */
export interface BoundedRun<R> {
    readonly results: ReadonlyArray<R | undefined>;
    readonly maxInFlight: number;
}

/**
 * Runs `work` over `items`, at most `bound` at a time, starting them in order. Once `halts` says a result is a
 * failure, nothing more starts; what is running finishes (an update in flight is never abandoned halfway).
 */
export async function runBounded<T, R>(items: readonly T[], bound: number, work: (item: T, index: number) => Promise<R>, halts: (result: R) => boolean): Promise<BoundedRun<R>> {
    const results: Array<R | undefined> = items.map(() => undefined);
    let next = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    let halted = false;
    const lane = async (): Promise<void> => {
        while (!halted && next < items.length) {
            const index = next++;
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            try {
                const result = await work(items[index], index);
                results[index] = result;
                if (halts(result)) {
                    halted = true;
                }
            } finally {
                inFlight--;
            }
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(bound, items.length)) }, lane));
    return { results, maxInFlight };
}
