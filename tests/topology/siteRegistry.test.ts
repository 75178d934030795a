import * as assert from "assert";
import { checkSafePreview } from "../../automation/rules/safePreview";
import { RecordedResource } from "../../offline";
import { diffEvaluations, drSummary, estateDiagram, PLAN_JSON_SCHEMA, planOverrides, resourceTree, verdictOf } from "../../plan";
import { allEndpoints, ConfigError, decideFailover, endpointId, isSite, otherSite, parseDrConfig, registerSite, SITES } from "../../topology";
import { stackRawConfig } from "../support/stackConfig";

// A third site, as an AWS-native standby would register itself: one entry, nothing else edited.
const ACCELERATOR = "aws:globalaccelerator/endpointGroup:EndpointGroup";
const THIRD = {
    id: "awsnative",
    description: "test-only: an AWS-native standby behind Global Accelerator",
    endpoints: () => [endpointId("awsnative")],
    activeEndpoint: () => endpointId("awsnative"),
    componentModule: "awsnative",
    flipTouches: [{ type: ACCELERATOR, properties: ["endpointConfigurations"], why: "test" }],
};
const onThird = { activeSite: "awsnative", "writeRegions.awsnative": "us-east-2" };

function change(property: string) {
    const resource = (value: string): RecordedResource => ({
        type: ACCELERATOR, name: "eg", urn: `urn:pulumi:staging::multicloud-dr::${ACCELERATOR}::eg`, custom: true,
        inputs: { [property]: value }, outputs: {}, placeholders: [], dependencies: [], propertyDependencies: {}, protect: false,
    });
    const offline = verdictOf(diffEvaluations({ stack: "staging", resources: [resource("a")], outputs: {} }, { stack: "staging", resources: [resource("b")], outputs: {} }));
    const live = checkSafePreview({ changeSummary: { update: 1 }, steps: [{ op: "update", type: ACCELERATOR, urn: "urn:x::eg", replaces: [], diffs: [`${property}[0]`] }] });
    return { offline: offline.safe, live: live.ok };
}

describe("site registry: a third site flows through with one entry", () => {
    let unregister: () => void = () => undefined;
    beforeEach(() => (unregister = registerSite(THIRD)));
    afterEach(() => unregister());

    it("is a site: listed, accepted by --to, the other site of neither built-in", () => {
        assert.deepStrictEqual(SITES, ["gcp", "linode", "awsnative"]);
        assert.ok(isSite("awsnative"));
        assert.strictEqual(planOverrides({ stack: "staging", to: "awsnative" }).activeSite, "awsnative");
        assert.strictEqual(otherSite("awsnative"), "gcp");
        assert.strictEqual(otherSite("gcp"), "linode");
    });

    it("is accepted as activeSite by config parsing, and needs its own write region", () => {
        const cfg = parseDrConfig(stackRawConfig("staging", onThird));
        assert.strictEqual(cfg.activeSite, "awsnative");
        assert.strictEqual(cfg.writeRegions.awsnative, "us-east-2");
        assert.throws(() => parseDrConfig(stackRawConfig("staging", { activeSite: "awsnative" })), (err: unknown) => err instanceof ConfigError && err.key === "multicloud-dr:writeRegions.awsnative");
    });

    it("serves PRIMARY in the failover decision and the plan summary, with its endpoint among the estate's", () => {
        const cfg = parseDrConfig(stackRawConfig("staging", onThird));
        assert.deepStrictEqual(allEndpoints(cfg), ["gcp", "linode:us-east", "linode:us-central", "awsnative"]);
        const summary = drSummary(cfg);
        assert.deepStrictEqual([summary.primary, summary.secondary], [{ site: "awsnative", endpoint: "awsnative" }, { site: "gcp", endpoint: "gcp" }]);
        assert.strictEqual(summary.writeRegion, "us-east-2");
        assert.strictEqual(decideFailover(cfg).writeRegion, "us-east-2");
        const summarySchema = PLAN_JSON_SCHEMA.properties.summary as { properties: { activeSite: { enum: readonly string[] } } };
        assert.ok(summarySchema.properties.activeSite.enum.includes("awsnative"));
    });

    it("owns its component's group in the plan's resource tree", () => {
        const component = (type: string, name: string, parentType?: string): RecordedResource => ({
            type, name, urn: `urn:${name}`, custom: parentType !== undefined, ...(parentType ? { parentType } : {}),
            inputs: {}, outputs: {}, placeholders: [], dependencies: [], propertyDependencies: {}, protect: false,
        });
        const tree = resourceTree([component("multicloud-dr:awsnative:StandbySite", "standby"), component(ACCELERATOR, "eg", "multicloud-dr:awsnative:StandbySite"), component("multicloud-dr:data:GlobalTable", "table")]);
        assert.deepStrictEqual(tree.groups.map((g) => [g.component, g.site]), [["multicloud-dr:awsnative:StandbySite", "awsnative"], ["multicloud-dr:data:GlobalTable", undefined]]);
    });

    it("is drawn in the estate diagram as its own site with its endpoint", () => {
        const cfg = parseDrConfig(stackRawConfig("staging", onThird));
        const diagram = estateDiagram({ stack: "staging", resources: [], outputs: {} }, cfg);
        assert.match(diagram, /subgraph site_awsnative\["site awsnative \(active\)"\]\n {4}endpoint_awsnative\["endpoint awsnative"\]\n {2}end/);
    });

    it("lets a flip change its flip property, in both checks, and nothing else of that type", () => {
        assert.deepStrictEqual(change("endpointConfigurations"), { offline: true, live: true });
        assert.deepStrictEqual(change("healthCheckPort"), { offline: false, live: false });
    });

    it("is gone once unregistered", () => {
        unregister();
        assert.ok(!isSite("awsnative"));
        assert.throws(() => parseDrConfig(stackRawConfig("staging", onThird)), (err: unknown) => err instanceof ConfigError && err.key === "multicloud-dr:activeSite");
        assert.deepStrictEqual(change("endpointConfigurations"), { offline: false, live: false });
    });
});
