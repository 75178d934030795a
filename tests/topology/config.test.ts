import * as assert from "assert";
import { ConfigError, parseDrConfig } from "../../topology";
import { stackRawConfig } from "../support/stackConfig";

function parseWith(overrides: Record<string, string>) {
    return parseDrConfig(stackRawConfig("staging", overrides));
}

function assertConfigError(overrides: Record<string, string>, key: string, allowed: RegExp): void {
    assert.throws(
        () => parseWith(overrides),
        (err: unknown) => {
            assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${err}`);
            assert.strictEqual(err.key, key);
            assert.match(err.message, allowed);
            assert.ok(err.message.includes(key), "the message names the key");
            return true;
        },
    );
}

describe("stack config parsing", () => {
    it("reads the staging stack file into typed values", () => {
        const cfg = parseDrConfig(stackRawConfig("staging"));
        assert.strictEqual(cfg.environment, "staging");
        assert.strictEqual(cfg.activeSite, "gcp");
        assert.strictEqual(cfg.dns.appHostname, "app.staging.example.com");
        assert.deepStrictEqual(cfg.table.regions, ["us-east-1", "us-west-2", "us-east-2"]);
        assert.strictEqual(cfg.gcp.regions.length, 2);
        assert.strictEqual(cfg.gcp.nodePort, 30080);
        assert.strictEqual(cfg.linode.instancesPerRegion, 1);
        assert.strictEqual(cfg.healthCheck.intervalSeconds, 10);
        assert.strictEqual(cfg.failover.cooldownSeconds, 300);
        assert.deepStrictEqual(cfg.failover.canaryKey, { pk: "dr-canary", sk: "dr-canary" });
    });

    it("reads the prod stack file into typed values", () => {
        const cfg = parseDrConfig(stackRawConfig("prod"));
        assert.strictEqual(cfg.environment, "prod");
        assert.strictEqual(cfg.gcp.regions.length, 3);
        assert.deepStrictEqual(cfg.linode.regions, ["us-east", "us-central", "us-west"]);
    });

    it("gives a GCP region without an index its position in the list, as stack files written before the index were deployed", () => {
        const cfg = parseWith({ "gcp.regions": JSON.stringify([{ name: "us-central1", zones: ["us-central1-a"] }, { name: "us-east4", zones: ["us-east4-a"] }]) });
        assert.deepStrictEqual(cfg.gcp.regions.map((r) => [r.name, r.index]), [["us-central1", 0], ["us-east4", 1]]);
    });

    it("applies defaults for optional settings", () => {
        const raw = stackRawConfig("staging", { healthCheck: "{}" });
        const cfg = parseDrConfig((key) => (key === "failover" ? undefined : raw(key)));
        assert.strictEqual(cfg.healthCheck.path, "/health");
        assert.strictEqual(cfg.healthCheck.failureThreshold, 3);
        assert.deepStrictEqual(cfg.healthCheck.regions, ["us-east-1", "us-west-2", "eu-west-1"]);
        assert.strictEqual(cfg.failover.cooldownSeconds, 900);
        assert.strictEqual(cfg.failover.probeTimeoutMs, 3000);
        assert.deepStrictEqual(cfg.gcp.authorizedNetworks, []);
    });

    it("reads the GCP control plane's authorized networks", () => {
        assert.deepStrictEqual(parseWith({ "gcp.authorizedNetworks": '["203.0.113.0/24", "198.51.100.7/32"]' }).gcp.authorizedNetworks, ["203.0.113.0/24", "198.51.100.7/32"]);
    });

    describe("rejects bad config with one error naming the key, the value and what is allowed", () => {
        it("an unknown active site", () => {
            assertConfigError({ activeSite: "aws" }, "multicloud-dr:activeSite", /"aws": must be one of gcp, linode/);
        });

        it("an unknown home site", () => {
            assertConfigError({ homeSite: "azure" }, "multicloud-dr:homeSite", /must be one of gcp, linode/);
        });

        it("a Linode active region that is not among the stack's Linode regions", () => {
            assertConfigError({ linodeActiveRegion: "eu-west" }, "multicloud-dr:linodeActiveRegion", /"eu-west": must be one of the stack's Linode regions \(us-east, us-central\)/);
        });

        it("a replica region equal to the home region", () => {
            assertConfigError({ "table.replicaRegions": '["us-east-1","us-west-2"]' }, "multicloud-dr:table.replicaRegions", /must not include the home region us-east-1/);
        });

        it("a replica region listed twice", () => {
            assertConfigError({ "table.replicaRegions": '["us-west-2","us-west-2"]' }, "multicloud-dr:table.replicaRegions", /lists "us-west-2" more than once/);
        });

        it("a site's write region that holds no replica", () => {
            assertConfigError({ "writeRegions.linode": "eu-central-1" }, "multicloud-dr:writeRegions.linode", /"eu-central-1": must be a region that holds the table \(us-east-1, us-west-2, us-east-2\)/);
        });

        it("a DNS TTL Linode does not keep", () => {
            assertConfigError({ "dns.ttl": "45" }, "multicloud-dr:dns.ttl", /45: must be a TTL Linode keeps and at most 60: 30/);
        });

        it("a DNS TTL above the failover maximum", () => {
            assertConfigError({ "dns.ttl": "120" }, "multicloud-dr:dns.ttl", /must be at most 60/);
        });

        it("a Route 53 health check interval other than 10 or 30", () => {
            assertConfigError({ "healthCheck.intervalSeconds": "15" }, "multicloud-dr:healthCheck.intervalSeconds", /15: must be one of 10, 30/);
        });

        it("a Route 53 failure threshold outside 1..10", () => {
            assertConfigError({ "healthCheck.failureThreshold": "11" }, "multicloud-dr:healthCheck.failureThreshold", /must be at most 10/);
        });

        it("fewer than three Route 53 checker regions", () => {
            assertConfigError({ "healthCheck.regions": '["us-east-1","eu-west-1"]' }, "multicloud-dr:healthCheck.regions", /at least 3/);
        });

        it("a checker region Route 53 does not run from", () => {
            assertConfigError({ "healthCheck.regions": '["us-east-1","eu-west-1","eu-north-1"]' }, "multicloud-dr:healthCheck.regions", /"eu-north-1", which is not a Route 53 checker region/);
        });

        it("fewer than two GCP regions", () => {
            assertConfigError(
                { "gcp.regions": JSON.stringify([{ name: "us-central1", zones: ["us-central1-a"], index: 0 }]) },
                "multicloud-dr:gcp.regions",
                /must list at least 2 GCP regions/,
            );
        });

        it("a GCP zone outside its region", () => {
            assertConfigError(
                { "gcp.regions": JSON.stringify([{ name: "us-central1", zones: ["us-east4-a"], index: 0 }, { name: "us-east4", zones: ["us-east4-a"], index: 1 }]) },
                "multicloud-dr:gcp.regions[0].zones",
                /"us-east4-a", which is not a zone of us-central1/,
            );
        });

        it("a GCP zone given where a region belongs", () => {
            assertConfigError(
                { "gcp.regions": JSON.stringify([{ name: "us-central1-a", zones: ["us-central1-a"], index: 0 }, { name: "us-east4", zones: ["us-east4-a"], index: 1 }]) },
                "multicloud-dr:gcp.regions[0].name",
                /a region, not a zone/,
            );
        });

        it("PROVISIONED billing, saying why", () => {
            assertConfigError({ "table.billingMode": "PROVISIONED" }, "multicloud-dr:table.billingMode", /must be PAY_PER_REQUEST: the program sets no read\/write capacity or autoscaling/);
        });

        it("a GCP region whose default index (its position) collides with another's explicit index", () => {
            assertConfigError(
                { "gcp.regions": JSON.stringify([{ name: "us-central1", zones: ["us-central1-a"], index: 1 }, { name: "us-east4", zones: ["us-east4-a"] }]) },
                "multicloud-dr:gcp.regions",
                /gives index 1 to more than one region/,
            );
        });

        it("two GCP regions with the same address index", () => {
            assertConfigError(
                { "gcp.regions": JSON.stringify([{ name: "us-central1", zones: ["us-central1-a"], index: 3 }, { name: "us-east4", zones: ["us-east4-a"], index: 3 }]) },
                "multicloud-dr:gcp.regions",
                /gives index 3 to more than one region/,
            );
        });

        it("a GCP address index past the address plan", () => {
            assertConfigError(
                { "gcp.regions": JSON.stringify([{ name: "us-central1", zones: ["us-central1-a"], index: 0 }, { name: "us-east4", zones: ["us-east4-a"], index: 60 }]) },
                "multicloud-dr:gcp.regions[1].index",
                /must be at most 59/,
            );
        });

        it("every GCP region drained", () => {
            assertConfigError(
                { "gcp.regions": JSON.stringify([{ name: "us-central1", zones: ["us-central1-a"], capacity: 0, index: 0 }, { name: "us-east4", zones: ["us-east4-a"], capacity: 0, index: 1 }]) },
                "multicloud-dr:gcp.regions",
                /at least one region with capacity above 0/,
            );
        });

        it("zero Linode instances per region", () => {
            assertConfigError({ "linode.instancesPerRegion": "0" }, "multicloud-dr:linode.instancesPerRegion", /0: must be at least 1/);
        });

        it("autoscaling bounds that exclude the initial node count", () => {
            assertConfigError({ "gcp.nodesPerZone": "5" }, "multicloud-dr:gcp.nodesPerZone", /within the autoscaling bounds 1..2/);
        });

        it("a node port outside the Kubernetes NodePort range", () => {
            assertConfigError({ "gcp.nodePort": "8080" }, "multicloud-dr:gcp.nodePort", /must be at least 30000/);
        });

        it("a GKE control plane open to the whole internet, or a network that is no CIDR block", () => {
            assertConfigError({ "gcp.authorizedNetworks": '["203.0.113.0/24", "0.0.0.0/0"]' }, "multicloud-dr:gcp.authorizedNetworks[1]", /must not open the control plane to the whole internet/);
            assertConfigError({ "gcp.authorizedNetworks": '["10.0.0.0/33"]' }, "multicloud-dr:gcp.authorizedNetworks[0]", /must be a CIDR block/);
        });

        it("SSH open to the whole internet", () => {
            assertConfigError({ "linode.adminCidrs": '["0.0.0.0/0"]' }, "multicloud-dr:linode.adminCidrs[0]", /must not open SSH to the whole internet/);
            assertConfigError({ "linode.adminCidrs": '["203.0.113.0/24", "::/0"]' }, "multicloud-dr:linode.adminCidrs[1]", /must not open SSH to the whole internet/);
        });

        for (const cidr of ["999.1.1.1/99", "999.1.1.1/24", "10.0.0.0/33", "1.2.3/24", "203.0.113.7", "2001:db8::/129", "fe80::1%eth0/64", "10.0.0.0/8/8"]) {
            it(`an admin CIDR that is no CIDR block: ${cidr}`, () => {
                assertConfigError({ "linode.adminCidrs": JSON.stringify([cidr]) }, "multicloud-dr:linode.adminCidrs[0]", /must be a CIDR block/);
            });
        }

        it("a key that is not one of the table's attributes", () => {
            assertConfigError({ "table.rangeKey": "ts" }, "multicloud-dr:table.rangeKey", /"ts": must be one of the table's attributes \(pk, sk\)/);
        });

        it("a missing required value", () => {
            assertConfigError({ "gcp.project": "" }, "multicloud-dr:gcp.project", /must be a non-empty string/);
        });

        it("a missing structured section", () => {
            assert.throws(() => parseDrConfig((key) => (key === "environment" ? "staging" : key === "activeSite" ? "gcp" : key === "homeSite" ? "gcp" : undefined)), /config "multicloud-dr:dns" = \(not set\): must be an object/);
        });
    });
});
