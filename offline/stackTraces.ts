/**
 * ts-node maps every stack trace back to TypeScript, and Pulumi takes a stack trace for every resource and promise
 * it creates: under ts-node that mapping triples the time of an offline evaluation. The CLI, the benchmarks and the
 * tests call this once after ts-node is registered; stack traces then show transpiled positions (a line or two off)
 * unless MULTICLOUD_DR_DEBUG is set.
 */
export function useUnmappedStackTraces(): void {
    if (!process.env.MULTICLOUD_DR_DEBUG) {
        (Error as { prepareStackTrace?: unknown }).prepareStackTrace = undefined;
    }
}
