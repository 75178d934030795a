import * as assert from "assert";
import { PlaceholderIndex } from "../../plan";
import { record, resource } from "./synthetic";

describe("plan: placeholders", () => {
    const nb = resource({
        type: "linode:index/nodeBalancer:NodeBalancer",
        name: "nb",
        urn: "urn:nb",
        id: "700001",
        inputs: { region: "us-east", label: "nb-us-east", clientConnThrottle: 20 },
        outputs: { ipv4: "203.0.113.5", hostname: "nb-700001.placeholder.invalid" },
        placeholders: ["ipv4", "hostname"],
    });
    const config = resource({
        type: "linode:index/nodeBalancerConfig:NodeBalancerConfig",
        name: "cfg",
        urn: "urn:cfg",
        inputs: { nodebalancerId: 700001, port: 443, checkAttempts: 3 },
        propertyDependencies: { nodebalancerId: ["urn:nb"] },
    });
    const primary = record("primary", "203.0.113.5", "hc-1");
    const index = new PlaceholderIndex([nb, config, primary]);

    it("marks outputs the clouds compute wherever they appear", () => {
        assert.ok(index.isPlaceholder("203.0.113.5"));
        assert.ok(index.isPlaceholder(["203.0.113.5"]));
    });

    it("marks strings built around a placeholder address", () => {
        assert.ok(index.isPlaceholder("https://203.0.113.5:443/health"));
        assert.ok(!index.isPlaceholder("https://203.0.113.50:443/health"));
    });

    it("marks ids, also as the numbers Linode arguments take", () => {
        assert.ok(index.isPlaceholder("700001"));
        assert.ok(index.isPlaceholder(700001, { urn: "urn:cfg", path: "nodebalancerId" }));
    });

    it("does not mark config values, even ones the mocks copy into an output", () => {
        assert.ok(!index.isPlaceholder("app.example.com"));
        assert.ok(!index.isPlaceholder("us-east"));
        assert.ok(!index.isPlaceholder(3, { urn: "urn:cfg", path: "checkAttempts" }));
        assert.ok(!index.isPlaceholder(443));
    });

    it("marks strings the mocks label as placeholders", () => {
        assert.ok(index.isPlaceholder("dr-staging-network-placeholder"));
    });
});
