import * as assert from "assert";
import { gcpRegionAddressPlan, instanceGroupForZone, linodeLabel, MAX_GCP_REGIONS, nodeBalancerNodeAddress } from "../../topology";

describe("layout", () => {
    it("gives every GCP region ranges that overlap no other region's", () => {
        const ranges = Array.from({ length: MAX_GCP_REGIONS }, (_, i) => Object.values(gcpRegionAddressPlan(i))).flat();
        assert.strictEqual(new Set(ranges).size, ranges.length);
        assert.deepStrictEqual(gcpRegionAddressPlan(1), { nodes: "10.1.0.0/20", pods: "10.65.0.0/16", services: "10.129.0.0/20", master: "172.16.1.0/28" });
    });

    it("refuses a region index past the address plan", () => {
        assert.throws(() => gcpRegionAddressPlan(MAX_GCP_REGIONS), /outside 0..59/);
    });

    it("picks the zonal instance group, never the instance group manager", () => {
        const urls = [
            "https://www.googleapis.com/compute/v1/projects/p/zones/us-east4-b/instanceGroupManagers/gke-a-grp",
            "https://www.googleapis.com/compute/v1/projects/p/zones/us-east4-a/instanceGroups/gke-a-grp",
            "https://www.googleapis.com/compute/v1/projects/p/zones/us-east4-b/instanceGroups/gke-b-grp",
        ];
        assert.strictEqual(instanceGroupForZone(urls, "us-east4-b"), urls[2]);
        assert.throws(() => instanceGroupForZone(urls, "us-east4-c"), /no instance group in zone us-east4-c/);
    });

    it("addresses NodeBalancer nodes as private IP and port", () => {
        assert.strictEqual(nodeBalancerNodeAddress("192.168.130.7", 80), "192.168.130.7:80");
    });

    it("builds Linode labels and rejects ones Linode would refuse", () => {
        assert.strictEqual(linodeLabel("dr-staging", "us-east", "0"), "dr-staging-us-east-0");
        assert.throws(() => linodeLabel("0x"), /not a valid Linode label/);
        assert.throws(() => linodeLabel("a".repeat(65)), /not a valid Linode label/);
    });
});
