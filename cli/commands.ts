import { Command } from "commander";
import { registerDrillCommand } from "./drillCommand";
import { registerFailoverCommands } from "./failoverCommands";
import { registerPlan } from "./planCommand";
import { registerReadinessCommand } from "./readinessCommand";
import { registerRunPlanCommand } from "./runPlanCommand";
import { registerWatchCommand } from "./watchCommand";

/** Every command module of the CLI registers itself here. */
export function registerCommands(program: Command): void {
    registerFailoverCommands(program);
    registerPlan(program);
    registerDrillCommand(program);
    registerWatchCommand(program);
    registerReadinessCommand(program);
    registerRunPlanCommand(program);
}
