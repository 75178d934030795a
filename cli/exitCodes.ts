/** Exit codes of every command of the project's CLI; documented in `--help` and the README runbook. */
export const EXIT = {
    /** Done, or nothing to do. */
    OK: 0,
    /** The command ran and found a problem: an unsafe change, a mandatory policy violation, a failed step. */
    FAILED: 1,
    /** Bad input: unknown stack, site or region, a malformed flag, invalid config. Nothing was changed. */
    BAD_INPUT: 2,
} as const;

/** An error the CLI reports as one line and a given exit code. */
export class CliError extends Error {
    constructor(
        message: string,
        public readonly exitCode: number = EXIT.BAD_INPUT,
    ) {
        super(message);
        this.name = "CliError";
    }
}
