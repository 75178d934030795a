import * as assert from "assert";
import { parseEnv } from "../../agent/env";
import { agentEnvironment, gkeAgentNodePort } from "../../topology";

const input = {
    site: "gcp" as const,
    region: "us-west-2",
    table: "dr-app-prod",
    parameter: "/multicloud-dr/prod/active-site",
    parameterRegions: ["us-east-1", "us-west-2", "us-east-2"],
    appPort: 8080,
    appHealthPath: "/healthz",
    agentPort: 9090,
    healthPath: "/health",
    expectedBody: "ok",
    canaryKey: { pk: "dr-canary", sk: "dr-canary" },
};

describe("agent environment contract", () => {
    it("is what the agent itself accepts, value for value", () => {
        const parsed = parseEnv(agentEnvironment(input));
        assert.strictEqual(parsed.site, "gcp");
        assert.strictEqual(parsed.region, "us-west-2");
        assert.strictEqual(parsed.table, "dr-app-prod");
        assert.strictEqual(parsed.parameter, "/multicloud-dr/prod/active-site");
        assert.deepStrictEqual(parsed.parameterRegions, ["us-east-1", "us-west-2", "us-east-2"]);
        assert.strictEqual(parsed.appHealthUrl.href, "http://127.0.0.1:8080/healthz");
        assert.deepStrictEqual(parsed.listen, { host: "0.0.0.0", port: 9090 });
        assert.strictEqual(parsed.expectedBody, "ok");
        assert.strictEqual(parsed.healthPath, "/health");
        assert.deepStrictEqual(parsed.canaryKey, { pk: "dr-canary", sk: "dr-canary" });
        assert.strictEqual(parsed.activeSiteFile, "/run/mcdr/active-site.json");
    });

    it("sets only MCDR_* names", () => {
        assert.ok(Object.keys(agentEnvironment(input)).every((name) => name.startsWith("MCDR_")));
    });

    it("refuses a region that holds no parameter", () => {
        assert.throws(() => agentEnvironment({ ...input, region: "eu-west-1" }), /must be one of the parameter regions/);
    });

    it("puts the agent's NodePort next to the app's, inside the NodePort range", () => {
        assert.strictEqual(gkeAgentNodePort(30080), 30081);
        assert.strictEqual(gkeAgentNodePort(32767), 32766);
    });
});
