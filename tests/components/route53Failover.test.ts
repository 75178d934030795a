import * as assert from "assert";
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
    it("declares one HTTPS health check per endpoint with fast interval, threshold 3, three regions and SNI", async () => {
        const { resources } = await declare();
        const checks = ofType(resources, "aws:route53/healthCheck:HealthCheck");
        assert.deepStrictEqual(checks.map((c) => c.inputs.ipAddress).sort(), ["203.0.113.10", "203.0.113.20", "203.0.113.30"]);
        for (const c of checks) {
            assert.strictEqual(c.inputs.type, "HTTPS");
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
        assert.strictEqual(primary.healthCheckId, named(resources, "dns-hc-gcp").outputs.id ?? primary.healthCheckId);
        assert.deepStrictEqual(secondary.failoverRoutingPolicies, [{ type: "SECONDARY" }]);
        assert.strictEqual(secondary.setIdentifier, "secondary");
        assert.deepStrictEqual(secondary.records, ["203.0.113.20"]);
        assert.notStrictEqual(primary.healthCheckId, secondary.healthCheckId);
        for (const record of [primary, secondary]) {
            assert.strictEqual(record.name, "app.example.com");
            assert.strictEqual(record.type, "A");
            assert.strictEqual(record.ttl, 30);
            assert.strictEqual(record.zoneId, "Z123");
        }
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

    it("refuses a TTL above 60", async () => {
        await assert.rejects(declare({ ttl: 300 }), /failover TTL must be 1..60, got 300/);
    });

    it("refuses a decision that serves one endpoint twice", async () => {
        await assert.rejects(declare({ decision: { ...args.decision, secondary: { site: "linode", endpoint: "gcp" } } }), /PRIMARY and SECONDARY both serve gcp/);
    });

    it("refuses a decision naming an endpoint it does not have", async () => {
        await assert.rejects(declare({ decision: { ...args.decision, secondary: { site: "linode", endpoint: "linode:eu-west" } } }), /no endpoint "linode:eu-west"/);
    });
});
