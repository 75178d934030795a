import * as assert from "assert";
import { mandatoryFindings, PolicyFinding, runPolicies } from "../../policy/runInProcess";
import { GCP_PROJECT, happyEstate, setProperty, withoutResources } from "./fixtures";

/** One estate with many things wrong at once, as a careless change might leave it. */
function brokenEstate() {
    let e = happyEstate({ preview: true });
    e = setProperty(e, "table", "pointInTimeRecovery.enabled", false);
    e = setProperty(e, "table", "replicas", []);
    e = setProperty(e, "app-primary", "ttl", 300);
    e = setProperty(e, "app-primary", "healthCheckId", undefined);
    e = setProperty(e, "health-linode", "requestInterval", 15);
    e = setProperty(e, "gke-us-central1", "location", "us-central1-a");
    e = setProperty(e, "gke-us-central1", "enableLegacyAbac", true);
    e = setProperty(e, "lb-backend", "backends.1.group", `https://www.googleapis.com/compute/v1/projects/${GCP_PROJECT}/zones/us-central1-b/instanceGroupManagers/gke-grp`);
    e = setProperty(e, "lb-firewall", "sourceRanges", ["35.191.0.0/16"]);
    e = setProperty(e, "linode-firewall-us-east", "inbounds.1.ipv4s", ["0.0.0.0/0"]);
    e = setProperty(e, "linode-us-east-0", "firewallId", undefined);
    e = setProperty(e, "linode-app-record", "ttlSec", 60);
    e = withoutResources(e, "nb-us-east-node-0");
    return e;
}

const EXPECTED = [
    "dynamodb-point-in-time-recovery",
    "dynamodb-has-replica",
    "route53-failover-ttl",
    "route53-failover-record-identity",
    "route53-health-check-interval",
    "gke-regional-cluster",
    "gke-no-legacy-auth",
    "gcp-backend-instance-groups",
    "gcp-health-check-firewall",
    "linode-firewall-no-public-ssh",
    "linode-dns-ttl",
    "failover-target-health-check",
    "linode-instance-behind-nodebalancer",
    "linode-instance-firewalled",
    "linode-instance-firewall-at-creation",
];

describe("policy: a deliberately broken estate", () => {
    let findings: PolicyFinding[];
    before(async () => {
        findings = await runPolicies(brokenEstate());
    });

    for (const name of EXPECTED) {
        it(`finds ${name}`, () => {
            const found = findings.filter((f) => f.policyName === name);
            assert.ok(found.length > 0, `no ${name} finding among: ${findings.map((f) => f.policyName).join(", ")}`);
            assert.ok(found.every((f) => f.enforcementLevel === "mandatory" && f.message.length > 0));
        });
    }

    it("finds nothing else, and every finding blocks the update", () => {
        assert.deepStrictEqual([...new Set(findings.map((f) => f.policyName))].sort(), [...EXPECTED].sort());
        assert.strictEqual(mandatoryFindings(findings).length, findings.length);
    });

    it("names the resource in violation for resource policies", () => {
        const ttl = findings.find((f) => f.policyName === "route53-failover-ttl");
        assert.strictEqual(ttl?.urn, "urn:pulumi:fixture::multicloud-dr::aws:route53/record:Record::app-primary");
    });
});
