import { Command, Option } from "commander";
import { SITES } from "../topology";
import { checkFailoverInput, checkLinodeRegionInput, checkSwitchDataInput, failback, failover, FlipOptions, moveLinodeRegion, status, switchData } from "../automation/operations";
import { withContext } from "./context";
import { FLIP_EXIT_CODES, STATUS_EXIT_CODES } from "./exitCodes";
import { addStackOptions, CommonOptions } from "./options";
import { report } from "./report";

interface FlipCliOptions extends CommonOptions {
    to?: string;
    reason?: string;
    force?: boolean;
    yes?: boolean;
    dryRun?: boolean;
}

/** Registers status, failover, failback, linode-region and switch-data. */
export function registerFailoverCommands(program: Command): void {
    addStackOptions(program.command("status").description("Show the active site, pending flips, the cooldown and the health of every endpoint."), STATUS_EXIT_CODES, false).action(
        async (options: CommonOptions) => {
            const result = await withContext(options, (ctx) => status(ctx));
            report(result, options, true);
        },
    );

    flipCommand(program.command("failover").description("Move traffic to a site: set activeSite, preview (must be a safe flip), then update."))
        .addOption(new Option("--to <site>", "the site to move traffic to").choices(SITES).makeOptionMandatory())
        .action(async (options: FlipCliOptions) => {
            checkFailoverInput(options.to ?? "", options);
            const result = await withContext(options, (ctx) => failover(ctx, options.to ?? "", flipOptions(options)));
            report(result, options);
        });

    flipCommand(
        program
            .command("failback")
            .description("Return traffic to the home site, after it has been healthy for the failback window (sampled), with approval."),
    ).action(async (options: FlipCliOptions) => {
        const result = await withContext(options, (ctx) => failback(ctx, flipOptions(options)));
        report(result, options);
    });

    flipCommand(program.command("linode-region").alias("move-linode").description("Move the Linode site to another of the stack's Linode regions."))
        .requiredOption("--to <region>", "the Linode region whose NodeBalancer should serve")
        .action(async (options: FlipCliOptions) => {
            checkLinodeRegionInput(options.to ?? "", options);
            const result = await withContext(options, (ctx) => moveLinodeRegion(ctx, options.to ?? "", flipOptions(options)));
            report(result, options);
        });

    flipCommand(
        program
            .command("switch-data")
            .description("Move only the DynamoDB write region to a site's (dataSite), fenced: traffic stays where it is."),
    )
        .addOption(new Option("--to <site>", "the site whose write region should take writes").choices(SITES).makeOptionMandatory())
        .action(async (options: FlipCliOptions) => {
            checkSwitchDataInput(options.to ?? "", options);
            const result = await withContext(options, (ctx) => switchData(ctx, options.to ?? "", flipOptions(options)));
            report(result, options);
        });
}

function flipCommand(command: Command): Command {
    return addStackOptions(command, FLIP_EXIT_CODES, true)
        .option("--reason <text>", "why (required for failover, linode-region and switch-data; goes into the audit log)")
        .option("--force", "override the cooldown (failover, linode-region, switch-data: also an unhealthy target; a fence that timed out); needs --reason")
        .option("--yes", "approve without the interactive prompt")
        .option("--dry-run", "probe, check the rules and preview the flip; config is restored and nothing is deployed");
}

function flipOptions(options: FlipCliOptions): FlipOptions {
    return { reason: options.reason, force: !!options.force, yes: !!options.yes, dryRun: !!options.dryRun };
}
