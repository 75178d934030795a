import * as assert from "assert";
import * as fc from "fast-check";
import { isIPv4 } from "net";
import { gcpRegionAddressPlan, gkeNodeServiceAccountId, instanceGroupForZone, linodeLabel, LinodeLabelKind, MAX_GCP_REGIONS, nodeBalancerNodeAddress } from "../../topology";

/** A CIDR as the integer interval of its addresses, by plain arithmetic (independent of topology/cidr.ts). */
function interval(cidr: string): { first: number; last: number; size: number } {
    const [address, prefix] = cidr.split("/");
    assert.ok(isIPv4(address), `${cidr} has an IPv4 address`);
    const first = address.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
    const size = 2 ** (32 - Number(prefix));
    return { first, last: first + size - 1, size };
}

// RFC 1918 private address space.
const PRIVATE = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map(interval);

describe("layout", () => {
    it("gives the second GCP region the documented ranges", () => {
        assert.deepStrictEqual(gcpRegionAddressPlan(1), { nodes: "10.1.0.0/20", pods: "10.65.0.0/16", services: "10.129.0.0/20", master: "172.16.1.0/28" });
    });

    it("gives any set of distinct region indices aligned private ranges that overlap nothing else in the network (property)", () => {
        fc.assert(
            fc.property(fc.uniqueArray(fc.integer({ min: 0, max: MAX_GCP_REGIONS - 1 }), { minLength: 1, maxLength: MAX_GCP_REGIONS }), (indices) => {
                const ranges = indices.map((i) => Object.entries(gcpRegionAddressPlan(i)).map(([role, cidr]) => ({ label: `${i}.${role} ${cidr}`, ...interval(cidr) })));
                const all = ranges.flat();
                for (const r of all) {
                    assert.strictEqual(r.first % r.size, 0, `${r.label} starts on its block boundary`);
                    assert.ok(PRIVATE.some((p) => p.first <= r.first && r.last <= p.last), `${r.label} is in RFC 1918 space`);
                }
                for (let a = 0; a < all.length; a++) {
                    for (let b = a + 1; b < all.length; b++) {
                        assert.ok(all[a].last < all[b].first || all[b].last < all[a].first, `${all[a].label} overlaps ${all[b].label}`);
                    }
                }
            }),
            { numRuns: 60 },
        );
    });

    it("the overlap check above catches overlapping ranges", () => {
        const [a, b] = [interval("10.1.0.0/16"), interval("10.1.8.0/21")];
        assert.strictEqual(a.last < b.first || b.last < a.first, false);
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

    it("keeps a Linode label that is already valid as it is", () => {
        assert.strictEqual(linodeLabel("instance", "dr-staging", "us-east", "0"), "dr-staging-us-east-0");
        assert.strictEqual(linodeLabel("nodeBalancer", "dr-staging", "us-east", "nb"), "dr-staging-us-east-nb");
    });

    it("makes labels valid that Linode would refuse: a NodeBalancer takes no '.', a firewall no '--' or 33 characters", () => {
        assert.match(linodeLabel("nodeBalancer", "dr-v1.2", "us-east", "nb"), /^dr-v1-2-us-east-nb-[0-9a-f]{8}$/);
        assert.match(linodeLabel("firewall", "dr--x", "firewall"), /^dr-x-firewall-[0-9a-f]{8}$/);
        assert.strictEqual(linodeLabel("firewall", "dr-".padEnd(40, "s"), "firewall").length, 32);
        assert.match(linodeLabel("instance", "-", "0"), /^0-[0-9a-f]{8}$/);
    });

    // The rules as the Linode API documents them, written out independently of topology/platformLimits.ts.
    const LINODE_API_LABELS: Record<LinodeLabelKind, RegExp> = {
        instance: /^(?=.{3,64}$)(?!.*(--|__|\.\.))[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?$/,
        firewall: /^(?=.{3,32}$)(?!.*(--|__|\.\.))[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?$/,
        nodeBalancer: /^[A-Za-z0-9_-]{3,32}$/,
        nodeBalancerNode: /^[A-Za-z0-9_.-]{3,32}$/,
    };
    const anyName = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: "grapheme", maxLength: 40 }), fc.stringMatching(/^[a-z0-9._-]{0,70}$/));

    it("builds a valid, deterministic label of every kind from any stack and region names, distinct for distinct names (property)", () => {
        fc.assert(
            fc.property(fc.constantFrom(...(Object.keys(LINODE_API_LABELS) as LinodeLabelKind[])), anyName, anyName, anyName, (kind, stack, region, other) => {
                const label = linodeLabel(kind, `dr-${stack}`, region, "0");
                assert.match(label, LINODE_API_LABELS[kind]);
                assert.strictEqual(linodeLabel(kind, `dr-${stack}`, region, "0"), label);
                if (`dr-${stack}-${region}` !== `dr-${other}-${region}`) {
                    assert.notStrictEqual(linodeLabel(kind, `dr-${other}`, region, "0"), label);
                }
            }),
            { numRuns: 500 },
        );
    });

    it("builds a GCP service account id IAM accepts from any stack name (property)", () => {
        assert.strictEqual(gkeNodeServiceAccountId("dr-staging"), "dr-staging-nodes");
        fc.assert(
            fc.property(anyName, (stack) => {
                // IAM API, projects.serviceAccounts.create: accountId, 6-30 characters.
                assert.match(gkeNodeServiceAccountId(`dr-${stack}`), /^(?=.{6,30}$)[a-z]([-a-z0-9]*[a-z0-9])$/);
            }),
            { numRuns: 300 },
        );
        assert.match(gkeNodeServiceAccountId("9"), /^[a-z]/);
    });
});
