/**
 * Mapping every stack trace back to TypeScript is slow, and Pulumi takes a stack trace for every resource and
 * promise it creates: with mapping on, an offline evaluation takes about three times as long. The CLI, the
 * benchmarks and the tests (through `bin/register.js`) call this once; stack traces then show transpiled
 * positions (a line or two off) unless MULTICLOUD_DR_DEBUG is set.
 */
export function useUnmappedStackTraces(): void {
    if (!process.env.MULTICLOUD_DR_DEBUG) {
        process.setSourceMapsEnabled(false);
        (Error as { prepareStackTrace?: unknown }).prepareStackTrace = undefined;
    }
}
