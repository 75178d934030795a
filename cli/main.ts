import { Command, CommanderError } from "commander";
import { ConfigError, StackFileError } from "../topology";
import { CliError, EXIT } from "./exitCodes";
import { registerCommands } from "./commands";

/** Builds the CLI. Each command module adds its commands; `run` maps errors to one line and an exit code. */
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
        if (err instanceof CliError) {
            process.stderr.write(`error: ${err.message}\n`);
            return err.exitCode;
        }
        if (err instanceof ConfigError || err instanceof StackFileError) {
            process.stderr.write(`error: ${err.message}\n`);
            return EXIT.BAD_INPUT;
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
