import * as assert from "assert";
import { allEndpoints, decideFailover, detectionSeconds, effectiveDataSite, parseDrConfig, publishedActiveSite, rawConfigOf, readStackConfig, TABLE_DEFAULTS, withOverrides, worstCaseFailoverSeconds } from "../../topology";
import { stackRawConfig } from "../support/stackConfig";

const staging = parseDrConfig(stackRawConfig("staging"));

describe("failover decision", () => {
    it("serves the GCP load balancer as PRIMARY and the active Linode region as SECONDARY when gcp is active", () => {
        const decision = decideFailover(staging);
        assert.deepStrictEqual(decision.primary, { site: "gcp", endpoint: "gcp" });
        assert.deepStrictEqual(decision.secondary, { site: "linode", endpoint: "linode:us-east" });
    });

    it("swaps what the records serve when linode is active", () => {
        const decision = decideFailover({ ...staging, activeSite: "linode" });
        assert.deepStrictEqual(decision.primary, { site: "linode", endpoint: "linode:us-east" });
        assert.deepStrictEqual(decision.secondary, { site: "gcp", endpoint: "gcp" });
    });

    it("follows the Linode active region for the record that serves Linode", () => {
        const decision = decideFailover({ ...staging, linodeActiveRegion: "us-central" });
        assert.strictEqual(decision.secondary.endpoint, "linode:us-central");
        assert.strictEqual(decision.linodeActiveRegion, "us-central");
    });

    it("writes to the DynamoDB region paired with the active site", () => {
        assert.strictEqual(decideFailover(staging).writeRegion, "us-west-2");
        assert.strictEqual(decideFailover({ ...staging, activeSite: "linode" }).writeRegion, "us-east-2");
    });

    it("publishes the active site with its write region and the epoch (0 by default)", () => {
        assert.deepStrictEqual(publishedActiveSite({ ...staging, activeSite: "linode" }), { activeSite: "linode", writeRegion: "us-east-2", epoch: 0 });
    });

    it("writes to the data site's region when dataSite is set, whatever the active site", () => {
        const cfg = parseDrConfig(rawConfigOf(withOverrides(readStackConfig("staging").values, { activeSite: "linode", dataSite: "gcp", dataEpoch: "3" })));
        assert.deepStrictEqual(publishedActiveSite(cfg), { activeSite: "linode", writeRegion: "us-west-2", epoch: 3 });
        assert.strictEqual(effectiveDataSite(cfg), "gcp");
        assert.strictEqual(effectiveDataSite({ activeSite: "linode" }), "linode");
    });

    it("refuses an unknown dataSite and a negative or fractional dataEpoch, naming the key", () => {
        const parse = (overrides: Record<string, string>) => () => parseDrConfig(rawConfigOf(withOverrides(readStackConfig("staging").values, overrides)));
        assert.throws(parse({ dataSite: "aws" }), /multicloud-dr:dataSite.*must be one of gcp, linode/);
        assert.throws(parse({ dataEpoch: "-1" }), /multicloud-dr:dataEpoch.*must be at least 0/);
        assert.throws(parse({ dataEpoch: "1.5" }), /multicloud-dr:dataEpoch.*must be an integer/);
    });

    it("defaults the replication bound and poll from topology/defaults.ts, and refuses a poll longer than the bound", () => {
        assert.deepStrictEqual([staging.table.maxReplicationLagSeconds, staging.table.replicationPollMs], [TABLE_DEFAULTS.maxReplicationLagSeconds, TABLE_DEFAULTS.replicationPollMs]);
        const parse = (overrides: Record<string, string>) => () => parseDrConfig(rawConfigOf(withOverrides(readStackConfig("staging").values, overrides)));
        assert.throws(parse({ "table.maxReplicationLagSeconds": "0.1", "table.replicationPollMs": "200" }), /table.*replicationPollMs.*must be at most table.maxReplicationLagSeconds \(0.1 s\)/);
        assert.throws(parse({ "table.maxReplicationLagSeconds": "0" }), /maxReplicationLagSeconds.*must be a number from 0.05 to 3600/);
    });

    it("lists one endpoint per Linode region plus the GCP load balancer", () => {
        assert.deepStrictEqual(allEndpoints(staging), ["gcp", "linode:us-east", "linode:us-central"]);
    });

    it("computes detection as interval x threshold and the worst case as detection + TTL", () => {
        assert.strictEqual(detectionSeconds(staging), 30);
        assert.strictEqual(worstCaseFailoverSeconds(staging), 60);
        const slow = { ...staging, healthCheck: { ...staging.healthCheck, intervalSeconds: 30, failureThreshold: 5 } };
        assert.strictEqual(worstCaseFailoverSeconds(slow), 180);
    });
});
