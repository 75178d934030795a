/**
 * The project's one error vocabulary, at the bottom of the layers (after pulumi's `automation/errors.ts`).
 * Every error a command can end with carries its exit code; the CLI's entry point maps any `DrError` to
 * one `error: <message>` line and that code, and nothing else maps errors to codes.
 */

/** Exit codes of every command; documented in each command's `--help` and the README runbook. */
export const EXIT = {
    /** Done, or nothing to do. */
    OK: 0,
    /** The command ran and found a problem: an unsafe change, a mandatory policy violation, a failed step, an unexpected error. */
    FAILED: 1,
    /** Bad input: unknown stack, site or region, a malformed flag, invalid config or stack file. Nothing was changed. */
    BAD_INPUT: 2,
    /** Another update holds the stack (Pulumi 409 or a locked stack), or another local run holds the lock. Config unchanged. */
    CONCURRENT_UPDATE: 3,
    /** A safety rule refused: unhealthy target, cooldown, failback window, no approval, unsafe preview. Config unchanged. */
    REFUSED: 4,
    /** `pulumi up` failed. Config is left at the intended target; re-running the same command converges. */
    UP_FAILED: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Base of every error the project reports to a user. */
export class DrError extends Error {
    constructor(
        message: string,
        public readonly exitCode: ExitCode = EXIT.FAILED,
        /** The underlying text (a CLI's stderr, a parser's message), for `--json` and debugging. */
        public readonly detail = "",
    ) {
        super(message);
        this.name = new.target.name;
    }
}

/** Bad input: one line, exit 2, nothing changed. */
export class BadInputError extends DrError {
    constructor(message: string, detail = "") {
        super(message, EXIT.BAD_INPUT, detail);
    }
}

/** One bad config value: names the key, the value and what is allowed. */
export class ConfigError extends BadInputError {
    constructor(
        public readonly key: string,
        public readonly value: unknown,
        public readonly allowed: string,
    ) {
        super(`config "${key}" = ${describe(value)}: ${allowed}`);
    }
}

/** A stack file that is missing, does not parse, or has the wrong shape. */
export class StackFileError extends BadInputError {}

/** Policy pack config (enforcement levels, settings) that the pack cannot use. */
export class PolicyConfigError extends BadInputError {}

/** A stack operation through the Automation API failed. */
export class StackOperationError extends DrError {
    constructor(message: string, detail = "", exitCode: ExitCode = EXIT.FAILED) {
        super(message, exitCode, detail);
    }
}

export class StackNotFoundError extends StackOperationError {
    constructor(
        public readonly stack: string,
        detail = "",
    ) {
        super(`unknown stack "${stack}": no stack named '${stack}' found`, detail, EXIT.BAD_INPUT);
    }
}

/** Another update is running (Pulumi Cloud 409) or the stack is locked (DIY backend). */
export class ConcurrentUpdateError extends StackOperationError {
    constructor(
        public readonly stack: string,
        detail = "",
    ) {
        super(`stack "${stack}" is being updated by someone else (or is locked); try again when that update has finished`, detail, EXIT.CONCURRENT_UPDATE);
    }
}

/** The CLI ran and failed: the message is the first line that explains it. */
export class StackCommandError extends StackOperationError {
    constructor(command: string, detail: string) {
        super(`pulumi ${command} failed: ${firstErrorLine(detail)}`, detail);
    }
}

/** The Pulumi program failed while it was evaluated offline: a component refused its inputs, or an Output failed. */
export class ProgramError extends DrError {
    constructor(reason: string) {
        super(`the program failed: ${reason}`, EXIT.FAILED);
    }
}

/** A command finished with an outcome other than success (a refusal, an unhealthy site): its message and code. */
export class OutcomeError extends DrError {}

/**
 * The CLI's first `error:` line. When that line only leads in to the cause ("... failed with an unhandled
 * exception:"), the cause is the next line (`TypeError: ...`), which is appended.
 */
function firstErrorLine(text: string): string {
    const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
    const at = lines.findIndex((l) => l.startsWith("error:"));
    if (at < 0) {
        return lines[lines.length - 1] ?? "(no output)";
    }
    const line = lines[at].replace(/^error:\s*/, "");
    const cause = lines[at + 1]?.replace(/^<ref \*\d+>\s*/, "");
    return line.endsWith(":") && cause !== undefined ? `${line} ${cause}` : line;
}

function describe(value: unknown): string {
    if (value === undefined) {
        return "(not set)";
    }
    const text = JSON.stringify(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
