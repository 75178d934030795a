import * as assert from "assert";
import { ConfigError, LINODE_NAME_SERVERS, parseDrConfig } from "../../topology";
import { stackRawConfig } from "../support/stackConfig";

function configError(overrides: Record<string, string>): ConfigError {
    try {
        parseDrConfig(stackRawConfig("staging", overrides));
    } catch (err) {
        assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${err}`);
        return err;
    }
    throw new Error("the config was accepted");
}

describe("stack config: names Route 53 delegates and checks", () => {
    it("refuses a Linode zone outside the Route 53 domain, which Route 53 could not delegate", () => {
        const err = configError({ "linode.dnsZone": "linode.example.org" });
        assert.strictEqual(err.key, "multicloud-dr:linode.dnsZone");
        assert.match(err.message, /must be a subdomain of staging.example.com/);
    });

    it("refuses an expected body longer than Route 53's 255-character SearchString", () => {
        const err = configError({ "healthCheck.expectedBody": "y".repeat(256) });
        assert.strictEqual(err.key, "multicloud-dr:healthCheck.expectedBody");
        assert.match(err.message, /at most 255 characters/);
    });

    it("accepts both real stacks", () => {
        for (const stack of ["staging", "prod"]) {
            const cfg = parseDrConfig(stackRawConfig(stack));
            assert.ok(cfg.linode.dnsZone.endsWith(`.${cfg.dns.domain}`), stack);
        }
    });

    it("lists Linode's five name servers (Linode docs, DNS Manager NS records)", () => {
        assert.deepStrictEqual(LINODE_NAME_SERVERS, ["ns1", "ns2", "ns3", "ns4", "ns5"].map((ns) => `${ns}.linode.com`));
    });
});
