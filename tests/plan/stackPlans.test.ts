import * as assert from "assert";
import { PlanCommandResult, runPlanCommand } from "../../cli/planCommand";
import { PlanJson, ResourceUpdate } from "../../plan";
import { ConfigError, parseDrConfig, rawConfigOf, readStackConfig, StackFileError } from "../../topology";
import { BadInputError } from "../../topology";
import { cachedEvaluate } from "../support/cachedEvaluations";

const COMPONENTS = [
    "multicloud-dr:data:ActiveSiteParameters",
    "multicloud-dr:data:GlobalTable",
    "multicloud-dr:dns:HostedZoneRecords",
    "multicloud-dr:dns:Route53Failover",
    "multicloud-dr:gcp:GkeClusters",
    "multicloud-dr:gcp:GkeWorkload",
    "multicloud-dr:gcp:GlobalLoadBalancer",
    "multicloud-dr:identity:GcpAwsIdentity",
    "multicloud-dr:linode:LinodeAwsIdentity",
    "multicloud-dr:linode:LinodeSite",
];
/** Component instances in staging: one GkeWorkload per GKE region (2), one of every other. */
const STAGING_COMPONENT_INSTANCES = COMPONENTS.length + 1;

const plan = (options: { stack?: string; set?: string[]; to?: string; json?: boolean; mermaid?: boolean }, policies = false) =>
    runPlanCommand({ stack: "staging", set: [], ...options }, { evaluate: cachedEvaluate, ...(policies ? {} : { policyRunner: null }) });

const configOf = (stack: string) => parseDrConfig(rawConfigOf(readStackConfig(stack).values));
const changed = (p: PlanJson) => p.change!.updated.map((u) => `${u.type} ${u.name}`).sort();
const byName = (p: PlanJson, name: string): ResourceUpdate => p.change!.updated.find((u) => u.name === name)!;

describe("plan: the real stacks", () => {
    describe("staging, as it is", () => {
        let result: PlanCommandResult;
        before(async () => {
            result = await plan({}, true);
        });

        it("groups the resources by the program's components, with counts per cloud that add up", () => {
            const { resources } = result.plan;
            assert.deepStrictEqual(resources.groups.map((g) => g.component), COMPONENTS);
            const sum = Object.values(resources.byCloud).reduce((a, b) => a + b, 0);
            assert.strictEqual(sum, resources.total);
            assert.strictEqual(resources.byCloud.component, STAGING_COMPONENT_INSTANCES);
            for (const cloud of ["aws", "gcp", "linode"]) {
                assert.ok(resources.byCloud[cloud] > 0, cloud);
            }
        });

        it("summarizes the DR posture from the stack's config", () => {
            const cfg = configOf("staging");
            const s = result.plan.summary;
            assert.deepStrictEqual([s.activeSite, s.homeSite, s.failedOver], ["gcp", "gcp", false]);
            assert.deepStrictEqual(s.primary, { site: "gcp", endpoint: "gcp" });
            assert.deepStrictEqual(s.secondary, { site: "linode", endpoint: `linode:${cfg.linodeActiveRegion}` });
            assert.strictEqual(s.writeRegion, cfg.writeRegions.gcp);
            assert.deepStrictEqual(s.table, { name: cfg.table.name, homeRegion: cfg.table.homeRegion, replicaRegions: cfg.table.replicaRegions });
            assert.strictEqual(s.healthCheck.detectionSeconds, cfg.healthCheck.intervalSeconds * cfg.healthCheck.failureThreshold);
            assert.strictEqual(s.worstCaseFailoverSeconds, cfg.healthCheck.intervalSeconds * cfg.healthCheck.failureThreshold + cfg.dns.ttl);
        });

        it("prints the summary, the resources and the outputs, marking computed values as placeholders", () => {
            const text = result.output;
            const lb = result.plan.outputs.find((o) => o.name === "gcpLoadBalancerIp")!;
            assert.match(text, /^Plan for stack "staging"/);
            assert.match(text, new RegExp(`gcpLoadBalancerIp +${String(lb.value).replace(/\./g, "\\.")} \\(placeholder\\)`));
            assert.match(text, /PRIMARY serves +gcp via gcp/);
            assert.match(text, /worst-case failover +\d+ s \(interval x threshold \+ TTL/);
            assert.match(text, /appHostname +app\.staging\.example\.com\n/, "a config value is not a placeholder");
        });

        it("shows secrets only as [secret]", () => {
            const json = JSON.stringify(result.plan);
            assert.ok(json.includes("[secret]"));
            assert.ok(!json.includes("placeholder-password"));
        });

        it("runs the policy pack and exits 0 when nothing is mandatory", () => {
            assert.strictEqual(result.plan.policies.available, true);
            assert.strictEqual(result.plan.policies.mandatoryViolations, 0);
            assert.match(result.output, /\nPolicies: \d+ finding\(s\), 0 mandatory/);
            assert.strictEqual(result.plan.change, null);
            assert.strictEqual(result.exitCode, 0);
        });

        it("draws the estate: PRIMARY to the GCP load balancer, SECONDARY to the active Linode region", () => {
            assert.match(result.plan.mermaid, /^flowchart LR\n/);
            assert.match(result.plan.mermaid, /r53 -- "PRIMARY" --> gcp_lb\n/);
            assert.match(result.plan.mermaid, /r53 -\. "SECONDARY" \.-> nb_us_east\n/);
            assert.match(result.plan.mermaid, /linode_dns -- "app A" --> nb_us_east\n/);
        });

        it("prints only the diagram with --mermaid", async () => {
            const mermaid = await plan({ mermaid: true });
            assert.strictEqual(mermaid.output, result.plan.mermaid);
        });
    });

    describe("prod, as it is", () => {
        let result: PlanCommandResult;
        before(async () => {
            result = await plan({ stack: "prod" });
        });

        it("plans every GCP and Linode region of the stack", () => {
            const cfg = configOf("prod");
            const names = result.plan.resources.groups.flatMap((g) => g.resources.map((r) => r.type));
            assert.strictEqual(names.filter((t) => t === "gcp:container/cluster:Cluster").length, cfg.gcp.regions.length);
            assert.strictEqual(names.filter((t) => t === "linode:index/nodeBalancer:NodeBalancer").length, cfg.linode.regions.length);
            assert.strictEqual(names.filter((t) => t === "linode:index/instance:Instance").length, cfg.linode.regions.length * cfg.linode.instancesPerRegion);
            assert.strictEqual(result.plan.summary.environment, "prod");
            assert.strictEqual(result.exitCode, 0);
        });
    });

    for (const stack of ["staging", "prod"]) {
        describe(`${stack}: --to linode`, () => {
            let result: PlanCommandResult;
            before(async () => {
                result = await plan({ stack, to: "linode" });
            });

            it("changes exactly the two Route 53 records and the active-site parameter in each table region", () => {
                const regions = configOf(stack).table.regions;
                assert.deepStrictEqual(
                    changed(result.plan),
                    [
                        ...regions.map((r) => `aws:ssm/parameter:Parameter dr-${stack}-${r}`),
                        `aws:route53/record:Record dr-${stack}-primary`,
                        `aws:route53/record:Record dr-${stack}-secondary`,
                    ].sort(),
                );
            });

            it("creates, deletes and replaces nothing: a safe flip, exit 0", () => {
                const change = result.plan.change!;
                assert.deepStrictEqual([change.created, change.deleted], [[], []]);
                assert.ok(change.updated.every((u) => u.action === "update" && !u.stateful));
                assert.deepStrictEqual(change.verdict, { label: "safe flip", safe: true, reasons: [] });
                assert.strictEqual(result.exitCode, 0);
                assert.match(result.output, /\nVerdict: safe flip/);
            });

            it("swaps the records' values, property by property, and marks them as placeholders", () => {
                const primary = byName(result.plan, `dr-${stack}-primary`);
                const secondary = byName(result.plan, `dr-${stack}-secondary`);
                assert.deepStrictEqual(primary.changes.map((c) => c.path), ["healthCheckId", "records[0]"]);
                for (const c of primary.changes) {
                    const mirror = secondary.changes.find((m) => m.path === c.path)!;
                    assert.deepStrictEqual([c.before, c.after], [mirror.after, mirror.before]);
                    assert.ok(c.beforePlaceholder && c.afterPlaceholder, c.path);
                }
                assert.match(result.output, new RegExp(`records\\[0\\]: ${String(primary.changes[1].before).replace(/\./g, "\\.")} \\(placeholder\\) -> `));
            });

            it("publishes the new active site and write region", () => {
                const cfg = configOf(stack);
                const parameter = byName(result.plan, `dr-${stack}-${cfg.table.homeRegion}`);
                assert.deepStrictEqual(JSON.parse(String(parameter.changes[0].after)), { activeSite: "linode", writeRegion: cfg.writeRegions.linode, epoch: 0 });
                assert.deepStrictEqual(
                    result.plan.summaryChanges.map((c) => c.path).filter((p) => !p.includes(".")),
                    ["activeSite", "failedOver", "writeRegion"],
                );
                assert.match(result.output, /active site +linode \(was gcp\)/);
            });
        });
    }

    describe("staging: --set linodeActiveRegion=us-central", () => {
        let result: PlanCommandResult;
        before(async () => {
            result = await plan({ set: ["linodeActiveRegion=us-central"] });
        });

        it("moves the Linode app record and the Route 53 record that serves Linode, in place", () => {
            assert.deepStrictEqual(changed(result.plan), ["aws:route53/record:Record dr-staging-secondary", "linode:index/domainRecord:DomainRecord dr-staging-app-record"]);
            assert.deepStrictEqual(byName(result.plan, "dr-staging-app-record").changes.map((c) => c.path), ["target"]);
            assert.strictEqual(result.plan.change!.verdict.label, "safe flip");
            assert.strictEqual(result.exitCode, 0);
        });

        it("points the app record at the us-central NodeBalancer", () => {
            const target = byName(result.plan, "dr-staging-app-record").changes[0].after;
            const ips = result.plan.outputs.find((o) => o.name === "nodeBalancerIps")!.value as Record<string, string>;
            assert.strictEqual(target, ips["us-central"]);
        });
    });

    describe("staging: a table key change", () => {
        let result: PlanCommandResult;
        before(async () => {
            result = await plan({ set: ["table.hashKey=id", 'table.attributes=[{"name":"id","type":"S"},{"name":"sk","type":"S"}]'] });
        });

        it("replaces the table: verdict unsafe, exit 1", () => {
            const table = byName(result.plan, "dr-staging-table");
            assert.strictEqual(table.action, "replace");
            assert.strictEqual(table.changes.find((c) => c.path === "hashKey")!.rule?.effect, "replace");
            assert.strictEqual(result.plan.change!.verdict.label, "unsafe");
            assert.strictEqual(result.exitCode, 1);
            assert.match(result.output, /~ aws:dynamodb\/table:Table +dr-staging-table +\(REPLACE, stateful\)/);
            assert.match(result.output, /\nVerdict: UNSAFE\n +- replaces aws:dynamodb\/table:Table "dr-staging-table": hashKey forces replacement/);
        });
    });

    describe("staging: table.consistency switched to strong", () => {
        let result: PlanCommandResult;
        before(async () => {
            result = await plan({ set: ["table.consistency=strong"] });
        });

        it("changes both replicas' consistencyMode in place, which the replacement table marks unsafe: verdict unsafe, exit 1", () => {
            const table = byName(result.plan, "dr-staging-table");
            assert.strictEqual(table.action, "update");
            const modes = table.changes.filter((c) => /^replicas\[\d\]\.consistencyMode$/.test(c.path));
            assert.strictEqual(modes.length, 2);
            assert.ok(modes.every((c) => c.rule?.effect === "unsafe"));
            assert.deepStrictEqual(changed(result.plan), ["aws:dynamodb/table:Table dr-staging-table"]);
            assert.strictEqual(result.plan.change!.verdict.label, "unsafe");
            assert.strictEqual(result.exitCode, 1);
            assert.match(result.output, /\nVerdict: UNSAFE\n(.*\n)* +- changes replicas\[0\]\.consistencyMode of aws:dynamodb\/table:Table "dr-staging-table"/);
        });
    });

    describe("policy results", () => {
        it("exit 1 on a mandatory violation, listing the finding", async () => {
            const result = await runPlanCommand(
                { stack: "staging", set: [] },
                {
                    evaluate: cachedEvaluate,
                    policyRunner: async (resources) => [
                        { policyName: "example-policy", enforcementLevel: "mandatory", urn: resources[0].urn, message: "not allowed" },
                        { policyName: "advice", enforcementLevel: "advisory", message: "consider this" },
                    ],
                },
            );
            assert.strictEqual(result.exitCode, 1);
            assert.strictEqual(result.plan.policies.mandatoryViolations, 1);
            assert.match(result.output, /\n {2}\[mandatory\] example-policy: not allowed {2}\(urn:pulumi:/);
            assert.match(result.output, /\n {2}\[advisory\] advice: consider this\n/);
        });

        it("runs policies on a preview evaluation, where computed values are unknown", async () => {
            let seen: string[] = [];
            await runPlanCommand({ stack: "staging", set: [] }, {
                evaluate: cachedEvaluate,
                policyRunner: async (resources) => {
                    seen = resources.filter((r) => r.type === "linode:index/nodeBalancer:NodeBalancer").map((r) => String(r.outputs.ipv4));
                    return [];
                },
            });
            assert.ok(seen.length > 0);
            assert.deepStrictEqual([...new Set(seen)], ["undefined"]);
        });
    });

    describe("bad input, before anything is evaluated", () => {
        const rejects = async (options: { stack?: string; set?: string[]; to?: string }, error: Function, message: RegExp) => {
            let evaluated = false;
            await assert.rejects(
                runPlanCommand({ stack: "staging", set: [], ...options }, { evaluate: async () => ((evaluated = true), Promise.reject(new Error("evaluated"))) }),
                (err: Error) => err instanceof error && message.test(err.message),
            );
            assert.strictEqual(evaluated, false);
        };

        it("an unknown stack", () => rejects({ stack: "qa" }, StackFileError, /^unknown stack "qa": no Pulumi\.qa\.yaml/));
        it("a --set without =", () => rejects({ set: ["activeSite"] }, BadInputError, /^--set "activeSite" is not key=value$/));
        it("a --set with an empty key", () => rejects({ set: ["=linode"] }, BadInputError, /^--set "=linode" is not key=value$/));
        it("an unknown --to site", () => rejects({ to: "aws" }, BadInputError, /^unknown site "aws" for --to: must be one of gcp, linode$/));
        it("--to contradicting --set activeSite", () => rejects({ to: "linode", set: ["activeSite=gcp"] }, BadInputError, /contradicts/));
        it("a --set that makes the config invalid", () => rejects({ set: ["dns.ttl=45"] }, ConfigError, /^config "multicloud-dr:dns\.ttl" = 45: /));
        it("a --set of a site that does not exist", () => rejects({ set: ["activeSite=aws"] }, ConfigError, /^config "multicloud-dr:activeSite" = "aws": must be one of gcp, linode$/));
    });
});
