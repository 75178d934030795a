import { Command } from "commander";
import { registerDrillCommands } from "./drillCommands";
import { registerFailoverCommands } from "./failoverCommands";
import { registerPlan } from "./planCommand";

/** Every command module of the CLI registers itself here. */
export function registerCommands(program: Command): void {
    registerFailoverCommands(program);
    registerPlan(program);
    registerDrillCommands(program);
}
