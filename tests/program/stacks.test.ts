import * as assert from "assert";
import { Evaluation } from "../../offline";
import { cachedEvaluate } from "../support/cachedEvaluations";
import { ofType } from "../support/resources";

const STATEFUL_TYPES = ["aws:dynamodb/table:Table", "gcp:container/cluster:Cluster"];

function countsByType(ev: Evaluation): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of ev.resources) {
        counts[r.type] = (counts[r.type] ?? 0) + 1;
    }
    return counts;
}

describe("the program on the real stack files", () => {
    const stacks: Record<string, Evaluation> = {};
    before(async () => {
        stacks.staging = await cachedEvaluate("staging");
        stacks.prod = await cachedEvaluate("prod");
    });

    it("declares the staging estate: 2 GKE regions, 2 Linode regions of 1 instance, 3 table regions", () => {
        const counts = countsByType(stacks.staging);
        assert.strictEqual(counts["gcp:container/cluster:Cluster"], 2);
        assert.strictEqual(counts["gcp:container/nodePool:NodePool"], 2);
        assert.strictEqual(counts["linode:index/instance:Instance"], 2);
        assert.strictEqual(counts["linode:index/nodeBalancer:NodeBalancer"], 2);
        assert.strictEqual(counts["linode:index/nodeBalancerNode:NodeBalancerNode"], 4);
        assert.strictEqual(counts["aws:dynamodb/table:Table"], 1);
        assert.strictEqual(counts["aws:route53/healthCheck:HealthCheck"], 3);
        assert.strictEqual(counts["aws:route53/record:Record"], 4, "the failover pair, the certificate's authorization CNAME, the Linode zone's NS");
        assert.strictEqual(counts["aws:ssm/parameter:Parameter"], 3);
        assert.strictEqual(counts["linode:index/domainRecord:DomainRecord"], 3);
    });

    it("declares the prod estate: 3 GKE regions, 3 Linode regions of 3 instances", () => {
        const counts = countsByType(stacks.prod);
        assert.strictEqual(counts["gcp:container/cluster:Cluster"], 3);
        assert.strictEqual(counts["linode:index/instance:Instance"], 9);
        assert.strictEqual(counts["linode:index/nodeBalancerNode:NodeBalancerNode"], 18);
        assert.strictEqual(counts["aws:route53/healthCheck:HealthCheck"], 4);
        assert.strictEqual(counts["gcp:compute/instanceGroupNamedPort:InstanceGroupNamedPort"], 16, "app and agent port on each of 8 zonal groups");
    });

    it("protects the table and clusters and turns on Linode backups on prod only", () => {
        for (const type of STATEFUL_TYPES) {
            assert.ok(ofType(stacks.prod.resources, type).every((r) => r.protect), `${type} protected on prod`);
            assert.ok(ofType(stacks.staging.resources, type).every((r) => !r.protect), `${type} not protected on staging`);
        }
        assert.ok(ofType(stacks.prod.resources, "gcp:container/cluster:Cluster").every((r) => r.inputs.deletionProtection === true));
        assert.ok(ofType(stacks.prod.resources, "linode:index/instance:Instance").every((r) => r.inputs.backupsEnabled === true));
        assert.ok(ofType(stacks.staging.resources, "linode:index/instance:Instance").every((r) => r.inputs.backupsEnabled === false));
    });

    it("exports what users need", () => {
        const out = stacks.staging.outputs as Record<string, any>;
        assert.strictEqual(out.appUrl, "https://app.staging.example.com");
        assert.strictEqual(out.activeSite, "gcp");
        assert.strictEqual(out.homeSite, "gcp");
        assert.strictEqual(out.linodeActiveRegion, "us-east");
        assert.strictEqual(out.tableName, "dr-app-staging");
        assert.match(out.tableArn, /^arn:aws:dynamodb:us-east-1:/);
        assert.deepStrictEqual(out.tableRegions, ["us-east-1", "us-west-2", "us-east-2"]);
        assert.strictEqual(out.writeRegion, "us-west-2");
        assert.deepStrictEqual(Object.keys(out.clusterNames).sort(), ["us-central1", "us-east4"]);
        assert.deepStrictEqual(Object.keys(out.nodeBalancerIps).sort(), ["us-central", "us-east"]);
        assert.deepStrictEqual(Object.keys(out.healthEndpoints).sort(), ["gcp", "linode:us-central", "linode:us-east"]);
        assert.strictEqual(out.siteEndpoints.gcp, `https://${out.gcpLoadBalancerIp}:443/health`);
        assert.strictEqual(out.siteEndpoints.linode, `https://${out.nodeBalancerIps["us-east"]}:443/health`);
        assert.strictEqual(out.activeSiteParameterName, "/multicloud-dr/staging/active-site");
    });

    it("publishes the active site and write region in every table region", () => {
        const params = ofType(stacks.prod.resources, "aws:ssm/parameter:Parameter");
        assert.deepStrictEqual(params.map((p) => p.inputs.region).sort(), ["us-east-1", "us-east-2", "us-west-2"]);
        assert.ok(params.every((p) => p.inputs.insecureValue === JSON.stringify({ activeSite: "gcp", writeRegion: "us-west-2", epoch: 0 })));
    });

    it("looks the hosted zone up by name when no zone id is configured", () => {
        const records = ofType(stacks.prod.resources, "aws:route53/record:Record");
        assert.ok(records.every((r) => r.inputs.zoneId === "ZPLACEHOLDEREXAMPLECOM"));
        const failover = records.filter((r) => r.inputs.failoverRoutingPolicies);
        assert.strictEqual(failover.length, 2);
        assert.ok(failover.every((r) => r.inputs.name === "app.example.com" && r.inputs.ttl === 30));
    });

    it("uses only documentation-range placeholder addresses", () => {
        const ips = JSON.stringify(stacks.prod.resources.map((r) => r.outputs)).match(/\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/g) ?? [];
        // Loopback and the wildcard are the site agent's app URL and listen address, not placeholders.
        const documentation = /^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$|^(10|172\.16|35\.191|130\.211|192\.168\.255)\.|^127\.0\.0\.1$|^0\.0\.0\.0$/;
        assert.ok(ips.length > 0);
        assert.deepStrictEqual(ips.filter((ip) => !documentation.test(ip)), []);
    });
});
