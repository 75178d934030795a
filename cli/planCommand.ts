import { Command, Option } from "commander";
import type { PlanDependencies, PlanJson } from "../plan";
import { resolvePlanRequest } from "../plan/request";
import { SITES } from "../topology";
import { PLAN_EXIT_CODES } from "./exitCodes";

export interface PlanCommandOptions {
    readonly stack: string;
    readonly set: string[];
    readonly to?: string;
    readonly json?: boolean;
    readonly mermaid?: boolean;
}

export interface PlanCommandResult {
    readonly exitCode: number;
    readonly output: string;
    readonly plan: PlanJson;
}

/** What `multicloud-dr plan` prints and its exit code. Bad input throws (the CLI prints one line and exits 2). */
export async function runPlanCommand(options: PlanCommandOptions, deps: PlanDependencies = {}): Promise<PlanCommandResult> {
    const request = { stack: options.stack, sets: options.set, to: options.to };
    resolvePlanRequest(request);
    // Loaded only now: the Pulumi runtime and the providers' SDKs take seconds, and the CLI's other commands do not need them.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { buildPlan, renderPlanText }: typeof import("../plan") = require("../plan");
    const plan = await buildPlan(request, deps);
    const output = options.json ? `${JSON.stringify(plan, null, 2)}\n` : options.mermaid ? plan.mermaid : renderPlanText(plan);
    return { exitCode: plan.exitCode, output, plan };
}

const HELP_AFTER = `
What it prints: the resources the stack declares grouped by component with counts per cloud, the DR
summary (active and home site, what PRIMARY and SECONDARY serve, Linode active region, table regions,
write region, health-check detection time, DNS TTL, worst-case failover time), the stack outputs, the
policy pack's findings, and with --set/--to the blast radius of the change and its verdict. Values the
clouds would compute are deterministic placeholders, marked "(placeholder)". Nothing is sent to a cloud.

${PLAN_EXIT_CODES}

Examples:
  multicloud-dr plan
  multicloud-dr plan --stack prod --to linode
  multicloud-dr plan --set linodeActiveRegion=us-central
  multicloud-dr plan --set dns.ttl=30 --json
  multicloud-dr plan --mermaid > estate.mmd
`;

export function registerPlan(program: Command): void {
    program
        .command("plan")
        .description("Show what a stack declares and what a config change (a failover) would change, offline: no cloud account, no Pulumi CLI.")
        .option("--stack <name>", "stack to plan (a Pulumi.<name>.yaml in the project)", "staging")
        .option("--set <key=value>", "try a config change; repeatable; a dotted key sets one field (dns.ttl=30)", (value: string, all: string[]) => [...all, value], [] as string[])
        .addOption(new Option("--to <site>", `shorthand for --set activeSite=<site> (${SITES.join(" or ")})`))
        .option("--json", "print the plan as JSON (stable shape, schemaVersion 1; see the README)")
        .option("--mermaid", "print only a Mermaid flowchart of the estate")
        .addHelpText("after", HELP_AFTER)
        .action(async (options: PlanCommandOptions) => {
            const result = await runPlanCommand(options);
            process.stdout.write(result.output);
            process.exitCode = result.exitCode;
        });
}
