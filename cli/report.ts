import { EXIT, OutcomeError } from "../topology";
import { OperationResult } from "../automation/operations";

/** Prints a command's result (JSON with --json); a non-zero outcome becomes an OutcomeError, which `main` prints as one line with its code. */
export function report(result: OperationResult, options: { json?: boolean }, alwaysStdout = false): void {
    if (options.json) {
        process.stdout.write(`${JSON.stringify({ exitCode: result.exitCode, message: result.message, ...result.data }, null, 2)}\n`);
    } else if (result.exitCode === EXIT.OK || alwaysStdout) {
        process.stdout.write(`${result.message}\n`);
    }
    if (result.exitCode !== EXIT.OK) {
        // main prints one "error: ..." line and exits with this code.
        throw new OutcomeError(result.failureLine ?? result.message, result.exitCode);
    }
}

