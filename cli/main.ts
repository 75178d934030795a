import { Command, CommanderError } from "commander";
import { DrError, EXIT } from "../topology";
import { registerCommands } from "./commands";

/** Builds the CLI. Each command module adds its commands; `run` is the one place that maps an error to one line and its exit code. */
export function buildCli(): Command {
    const program = new Command("multicloud-dr")
        .description("Plan, fail over and fail back the multicloud-dr estate.")
        .showHelpAfterError(false)
        .exitOverride();
    registerCommands(program);
    return program;
}

export async function run(argv: string[]): Promise<number> {
    const program = buildCli();
    try {
        await program.parseAsync(argv, { from: "user" });
        return typeof process.exitCode === "number" ? process.exitCode : EXIT.OK;
    } catch (err) {
        if (err instanceof CommanderError) {
            // commander has already printed its message (or the help text).
            return err.exitCode === 0 ? EXIT.OK : EXIT.BAD_INPUT;
        }
        if (err instanceof DrError) {
            process.stderr.write(`error: ${err.message}\n`);
            return err.exitCode;
        }
        process.stderr.write(`error: ${(err as Error).stack ?? String(err)}\n`);
        return EXIT.FAILED;
    }
}

if (require.main === module) {
    run(process.argv.slice(2)).then((code) => {
        process.exitCode = code;
    });
}
