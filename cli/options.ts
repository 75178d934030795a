import { Command, InvalidArgumentError, Option } from "commander";

/** The options of the commands that read a stack and probe it: status, the flips, drill and watch. */
export interface CommonOptions {
    stack?: string;
    json?: boolean;
    dynamodbEndpoint?: string;
    connectTo?: string;
    caFile?: string;
    auditLog?: string;
    webhook?: string;
}

/** Each line of the `Environment:` help, and whether it only concerns commands that can flip. */
const ENVIRONMENT: ReadonlyArray<readonly [line: string, flipsOnly: boolean]> = [
    ["  MULTICLOUD_DR_STACK            default for --stack", false],
    ["  MULTICLOUD_DR_STATE_DIR        lock files and the default audit log (default: <project>/.dr)", true],
    ["  MULTICLOUD_DR_AUDIT_LOG        default for --audit-log (default: <state dir>/audit.jsonl)", true],
    ["  MULTICLOUD_DR_ACTOR            who runs the tool, for the audit (default: $GITHUB_ACTOR or the local user)", true],
    ["  MULTICLOUD_DR_PULUMI_ROOT      a Pulumi installation root (<root>/bin/pulumi) instead of `pulumi` on PATH;", false],
    ["                                 with it, probes only go to loopback addresses (it is how tests run the tool)", false],
    ["  MULTICLOUD_DR_LOOPBACK_ONLY=1  probe loopback addresses only", false],
    ["  MULTICLOUD_DR_DYNAMODB_ENDPOINT, MULTICLOUD_DR_CONNECT_TO, MULTICLOUD_DR_PROBE_CA: defaults for the probe options", false],
    ["  MULTICLOUD_DR_WEBHOOK          default for --webhook", true],
    ["  MULTICLOUD_DR_PAGERDUTY_ROUTING_KEY  PagerDuty Events API v2 integration key: watch alerts and readiness failures page", true],
    ["  MULTICLOUD_DR_PAGERDUTY_URL    the Events API endpoint (default https://events.pagerduty.com/v2/enqueue)", true],
    ["  MULTICLOUD_DR_FAILOVER_WORKFLOW_URL  the page's link to the failover workflow (default: from GITHUB_SERVER_URL, GITHUB_REPOSITORY)", true],
];

function environmentHelp(flips: boolean): string {
    return ["Environment:", ...ENVIRONMENT.filter(([, flipsOnly]) => flips || !flipsOnly).map(([line]) => line)].join("\n");
}

/**
 * --stack, --json and the probe options; `helpAfter` (the exit codes) and the environment go into `--help`.
 * With `flips` (the command can flip), also --audit-log and --webhook. `status` still accepts those two (the README
 * promises them on every stack command) but does not list them.
 */
export function addStackOptions(command: Command, helpAfter: string, flips: boolean): Command {
    const flipOnly = (option: Option) => command.addOption(flips ? option : option.hideHelp());
    command
        .option("--stack <name>", "the stack (default: $MULTICLOUD_DR_STACK)")
        .option("--json", "print the result as JSON on stdout")
        .option("--dynamodb-endpoint <url>", "DynamoDB endpoint for probes, fence and replication canary (e.g. a local DynamoDB): one URL, or region=url,... per region")
        .option("--connect-to <pairs>", "host:port=address:port[,...]: where the app-hostname probe connects")
        .option("--ca-file <pem>", "extra CA certificates for the HTTPS probes");
    flipOnly(new Option("--audit-log <path>", "the JSON-lines audit log"));
    flipOnly(new Option("--webhook <url>", "Slack-compatible webhook told about flips, alerts and drills (default: $MULTICLOUD_DR_WEBHOOK)"));
    return command.addHelpText("after", `\n${helpAfter}\n\n${environmentHelp(flips)}`);
}

/** A numeric option parsed by commander: a bad value is commander's one `error: option '...' argument '...' is invalid.` line, exit 2. */
export function numberOption(flags: string, description: string, kind: "whole" | "seconds" | "seconds-or-zero"): Option {
    return new Option(flags, description).argParser((text: string) => {
        const value = Number(text);
        const ok = kind === "whole" ? /^\s*\d+\s*$/.test(text) && value > 0 : /^\s*\d+(\.\d+)?\s*$/.test(text) && (kind === "seconds-or-zero" || value > 0);
        if (!ok) {
            throw new InvalidArgumentError(
                kind === "whole" ? "Expected a positive whole number." : `Expected a ${kind === "seconds" ? "positive" : "non-negative"} number of seconds.`,
            );
        }
        return value;
    });
}
