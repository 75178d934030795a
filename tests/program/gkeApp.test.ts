import * as assert from "assert";
import { parseEnv } from "../../agent/env";
import { Evaluation } from "../../offline";
import { cachedEvaluate } from "../support/cachedEvaluations";
import { changedUrns, named, ofType } from "../support/resources";

describe("the app and its site agent on GKE (staging)", () => {
    let ev: Evaluation;
    before(async () => {
        ev = await cachedEvaluate("staging");
    });
    const agentEnv = (deployment: { inputs: any }) => {
        const agent = deployment.inputs.spec.template.spec.containers.find((c: { name: string }) => c.name === "agent");
        return Object.fromEntries(agent.env.map((e: { name: string; value: string }) => [e.name, e.value]));
    };

    it("writes the canary item in the home region with the configured key", () => {
        const [item] = ofType(ev.resources, "aws:dynamodb/tableItem:TableItem");
        assert.strictEqual(item.inputs.region, "us-east-1");
        assert.strictEqual(item.inputs.tableName, "dr-app-staging");
        assert.deepStrictEqual([item.inputs.hashKey, item.inputs.rangeKey], ["pk", "sk"]);
        assert.deepStrictEqual(JSON.parse(item.inputs.item), { pk: { S: "dr-canary" }, sk: { S: "dr-canary" } });
    });

    it("runs one Deployment per GKE region, each agent configured for site gcp as the agent parses it", () => {
        const deployments = ofType(ev.resources, "kubernetes:apps/v1:Deployment");
        assert.deepStrictEqual(deployments.map((d) => d.name).sort(), ["dr-staging-us-central1-app", "dr-staging-us-east4-app"]);
        for (const d of deployments) {
            const parsed = parseEnv(agentEnv(d));
            assert.strictEqual(parsed.site, "gcp");
            assert.strictEqual(parsed.region, "us-west-2", "the GKE site's write region");
            assert.deepStrictEqual(parsed.parameterRegions, ["us-east-1", "us-west-2", "us-east-2"]);
            assert.strictEqual(parsed.parameter, "/multicloud-dr/staging/active-site");
            assert.strictEqual(parsed.table, "dr-app-staging");
        }
    });

    it("gives every pod the role the identity component created", () => {
        const [role] = ofType(ev.resources, "aws:iam/role:Role");
        for (const d of ofType(ev.resources, "kubernetes:apps/v1:Deployment")) {
            assert.strictEqual(agentEnv(d).AWS_ROLE_ARN, role.outputs.arn);
        }
    });

    it("health-checks the agent's NodePort, admits Google's ranges to it, and routes the health path to the agent", () => {
        const [check] = ofType(ev.resources, "gcp:compute/healthCheck:HealthCheck");
        assert.deepStrictEqual(check.inputs.httpHealthCheck, { port: 30081, requestPath: "/health" });
        const firewall = named(ev.resources, "dr-staging-allow-google-lb");
        assert.deepStrictEqual(firewall.inputs.allows, [{ protocol: "tcp", ports: ["30080", "30081"] }]);
        const agentBackend = named(ev.resources, "dr-staging-agent-backend");
        assert.strictEqual(agentBackend.inputs.portName, "agent");
        const urlMap = named(ev.resources, "dr-staging-urlmap");
        assert.deepStrictEqual(urlMap.inputs.pathMatchers[0].pathRules, [{ paths: ["/health"], service: agentBackend.id }]);
        const services = ofType(ev.resources, "kubernetes:core/v1:Service");
        assert.ok(services.every((s) => s.inputs.spec.ports.some((p: { nodePort: number; targetPort: number }) => p.nodePort === 30081 && p.targetPort === 9090)));
    });

    it("is untouched by a flip: no workload, identity or canary input depends on the active site", async () => {
        const flipped = await cachedEvaluate("staging", { overrides: { activeSite: "linode" } });
        const changed = changedUrns(ev.resources, flipped.resources);
        assert.deepStrictEqual(changed.filter((urn) => /kubernetes|GcpAwsIdentity|GkeWorkload|tableItem/.test(urn)), []);
    });
});
