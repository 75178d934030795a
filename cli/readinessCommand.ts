import { Command } from "commander";
import { dnsResolver } from "../automation/drill/resolver";
import { computeApi, linodeApi, nameServerResolver, parseResolver, readiness, READINESS_CHECKS } from "../automation/readiness";
import { withContext } from "./context";
import { READINESS_EXIT_CODES } from "./exitCodes";
import { addStackOptions, CommonOptions } from "./options";
import { report } from "./report";

interface ReadinessCliOptions extends CommonOptions {
    resolver?: string;
}

const DNS_TIMEOUT_MS = 3000;
const API_TIMEOUT_MS = 10_000;

const READINESS_HELP = `Checks (each passes, fails, or is skipped with the reason; a skipped check never counts as passed):
${READINESS_CHECKS.map((c) => `  ${c.name.padEnd(18)} ${c.description}`).join("\n")}
Changes nothing: the drift check is a refresh preview. Every run tells the notifiers: not-ready pages
(MULTICLOUD_DR_PAGERDUTY_ROUTING_KEY), ready resolves that page.

${READINESS_EXIT_CODES}

Readiness:
  LINODE_TOKEN                   Linode API token (nodebalancers:read_only) for standby-capacity; unset: skipped
  MULTICLOUD_DR_LINODE_API_URL   the Linode API base URL (default https://api.linode.com/v4)
  GOOGLE_OAUTH_ACCESS_TOKEN      GCP access token (roles/compute.viewer) for standby-capacity; unset: skipped
  MULTICLOUD_DR_GCP_COMPUTE_API_URL  the Compute Engine API base URL (default https://compute.googleapis.com/compute/v1)`;

/** Registers readiness. */
export function registerReadinessCommand(program: Command): void {
    addStackOptions(program.command("readiness").description("Check that a failover of the stack would work now: drift, endpoints, certificates, DNS, delegation, standby capacity."), READINESS_HELP, true)
        .option("--resolver <host:port>", "the DNS server the app hostname and the Linode zone are resolved through (default: the system's)")
        .action(async (options: ReadinessCliOptions) => {
            const server = options.resolver === undefined ? undefined : parseResolver(options.resolver);
            const result = await withContext(options, (ctx, probeEnv) => {
                const dns = { server, timeoutMs: DNS_TIMEOUT_MS, scope: probeEnv.scope };
                return readiness(ctx, {
                    resolve: dnsResolver(dns),
                    resolveNs: nameServerResolver(dns),
                    capacity: {
                        linode: linodeApi({
                            baseUrl: process.env.MULTICLOUD_DR_LINODE_API_URL || undefined,
                            token: process.env.LINODE_TOKEN || undefined,
                            scope: probeEnv.scope,
                            timeoutMs: API_TIMEOUT_MS,
                        }),
                        gcp: computeApi({
                            baseUrl: process.env.MULTICLOUD_DR_GCP_COMPUTE_API_URL || undefined,
                            token: process.env.GOOGLE_OAUTH_ACCESS_TOKEN || undefined,
                            scope: probeEnv.scope,
                            timeoutMs: API_TIMEOUT_MS,
                        }),
                    },
                });
            });
            report(result, options, true);
        });
}
