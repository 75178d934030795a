import { Command } from "commander";

/** Every command module of the CLI registers itself here. */
export function registerCommands(program: Command): void {
    void program;
}
