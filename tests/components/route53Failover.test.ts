import * as assert from "assert";
import { rejectsInput, rejectsInputs } from "../support/inputErrors";
import { Route53Failover, Route53FailoverArgs } from "../../components";
import { evaluateDeclarations } from "../../offline";
import { named, ofType } from "../support/resources";

const args: Route53FailoverArgs = {
    zoneId: "Z123",
    hostname: "app.example.com",
    endpoints: { gcp: "203.0.113.10", "linode:us-east": "203.0.113.20", "linode:us-central": "203.0.113.30" },
    decision: {
        primary: { site: "gcp", endpoint: "gcp" },
        secondary: { site: "linode", endpoint: "linode:us-east" },
        writeRegion: "us-west-2",
        linodeActiveRegion: "us-east",
    },
    ttl: 30,
};

function declare(overrides: Partial<Route53FailoverArgs> = {}) {
    return evaluateDeclarations(() => (new Route53Failover("dns", { ...args, ...overrides }), {}));
}

describe("Route53Failover component", () => {
    it("declares one HTTPS health check per endpoint that matches the body, with fast interval, threshold 3, three regions and SNI", async () => {
        const { resources } = await declare({ healthCheck: { expectedBody: "\"status\":\"ok\"" } });
        const checks = ofType(resources, "aws:route53/healthCheck:HealthCheck");
        assert.deepStrictEqual(checks.map((c) => c.inputs.ipAddress).sort(), ["203.0.113.10", "203.0.113.20", "203.0.113.30"]);
        for (const c of checks) {
            assert.strictEqual(c.inputs.type, "HTTPS_STR_MATCH");
            assert.strictEqual(c.inputs.searchString, '"status":"ok"');
            assert.strictEqual(c.inputs.resourcePath, "/health");
            assert.strictEqual(c.inputs.requestInterval, 10);
            assert.strictEqual(c.inputs.failureThreshold, 3);
            assert.ok(c.inputs.regions.length >= 3);
            assert.strictEqual(c.inputs.fqdn, "app.example.com");
            assert.strictEqual(c.inputs.enableSni, true);
        }
    });

    it("points PRIMARY at the decided primary endpoint with its own health check, and SECONDARY at the other", async () => {
        const { resources } = await declare();
        const primary = named(resources, "dns-primary").inputs;
        const secondary = named(resources, "dns-secondary").inputs;
        assert.deepStrictEqual(primary.failoverRoutingPolicies, [{ type: "PRIMARY" }]);
        assert.strictEqual(primary.setIdentifier, "primary");
        assert.deepStrictEqual(primary.records, ["203.0.113.10"]);
        assert.deepStrictEqual(secondary.failoverRoutingPolicies, [{ type: "SECONDARY" }]);
        assert.strictEqual(secondary.setIdentifier, "secondary");
        assert.deepStrictEqual(secondary.records, ["203.0.113.20"]);
        for (const record of [primary, secondary]) {
            assert.strictEqual(record.name, "app.example.com");
            assert.strictEqual(record.type, "A");
            assert.strictEqual(record.ttl, 30);
            assert.strictEqual(record.zoneId, "Z123");
        }
    });

    it("makes each record reference the health check that probes the IP the record serves", async () => {
        const { resources } = await declare();
        const checkOf = (ip: string) => {
            const probing = ofType(resources, "aws:route53/healthCheck:HealthCheck").filter((c) => c.inputs.ipAddress === ip);
            assert.strictEqual(probing.length, 1, `one health check probes ${ip}`);
            assert.ok(probing[0].id, "the check has an id");
            return probing[0].id;
        };
        assert.strictEqual(named(resources, "dns-primary").inputs.healthCheckId, checkOf("203.0.113.10"));
        assert.strictEqual(named(resources, "dns-secondary").inputs.healthCheckId, checkOf("203.0.113.20"));
    });

    it("wires each record's health check to the endpoint it serves", async () => {
        const { resources } = await declare();
        const hcUrn = (name: string) => named(resources, name).urn;
        assert.deepStrictEqual(named(resources, "dns-primary").propertyDependencies.healthCheckId, [hcUrn("dns-hc-gcp")]);
        assert.deepStrictEqual(named(resources, "dns-secondary").propertyDependencies.healthCheckId, [hcUrn("dns-hc-linode-us-east")]);
    });

    it("keeps record identities and swaps only values when the decision flips", async () => {
        const before = await declare();
        const after = await declare({
            decision: { ...args.decision, primary: args.decision.secondary, secondary: args.decision.primary, writeRegion: "us-east-2" },
        });
        for (const name of ["dns-primary", "dns-secondary"]) {
            const [b, a] = [named(before.resources, name), named(after.resources, name)];
            assert.strictEqual(a.urn, b.urn);
            assert.deepStrictEqual(a.inputs.failoverRoutingPolicies, b.inputs.failoverRoutingPolicies);
            assert.strictEqual(a.inputs.setIdentifier, b.inputs.setIdentifier);
        }
        assert.deepStrictEqual(named(after.resources, "dns-primary").inputs.records, ["203.0.113.20"]);
        assert.deepStrictEqual(named(after.resources, "dns-secondary").inputs.records, ["203.0.113.10"]);
    });

    it("applies the documented defaults: TTL 30 and the health check settings of topology/defaults.ts", async () => {
        const { resources } = await declare({ ttl: undefined, healthCheck: undefined });
        assert.strictEqual(named(resources, "dns-primary").inputs.ttl, 30);
        const [check] = ofType(resources, "aws:route53/healthCheck:HealthCheck");
        assert.deepStrictEqual(
            [check.inputs.port, check.inputs.resourcePath, check.inputs.requestInterval, check.inputs.failureThreshold, check.inputs.regions, check.inputs.searchString],
            [443, "/health", 10, 3, ["us-east-1", "us-west-2", "eu-west-1"], "ok"],
        );
    });

    describe("refuses bad args, naming the property", () => {
        it("a TTL above 60", () => rejectsInput(declare({ ttl: 300 }), "ttl", /at most 60/));
        it("a decision that serves one endpoint twice", () =>
            rejectsInput(declare({ decision: { ...args.decision, secondary: { site: "linode", endpoint: "gcp" } } }), "decision.secondary.endpoint", /PRIMARY and SECONDARY both serve gcp/));
        it("a decision naming an endpoint it does not have", () =>
            rejectsInput(declare({ decision: { ...args.decision, secondary: { site: "linode", endpoint: "linode:eu-west" } } }), "decision.secondary.endpoint", /no endpoint "linode:eu-west"/));
        it("two checker regions", () => rejectsInput(declare({ healthCheck: { regions: ["us-east-1", "eu-west-1"] } }), "healthCheck.regions", /at least 3/));
        it("an interval Route 53 does not offer", () => rejectsInput(declare({ healthCheck: { intervalSeconds: 15 } }), "healthCheck.intervalSeconds", /one of 10, 30/));
        it("an empty expected body", () => rejectsInput(declare({ healthCheck: { expectedBody: "" } }), "healthCheck.expectedBody", /text a healthy response body contains/));
        // Route 53 API Reference, HealthCheckConfig SearchString: "Maximum length of 255".
        it("an expected body longer than Route 53's 255-character search string", () =>
            rejectsInput(declare({ healthCheck: { expectedBody: "x".repeat(256) } }), "healthCheck.expectedBody", /at most 255 characters/));
        it("several at once", () => rejectsInputs(declare({ ttl: 0, healthCheck: { failureThreshold: 11, path: "health" } }), ["healthCheck.failureThreshold", "healthCheck.path", "ttl"]));
    });
});
