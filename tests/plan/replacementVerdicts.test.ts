import * as assert from "assert";
import { diffEvaluations, verdictOf } from "../../plan";
import { evaluation, resource } from "./synthetic";

interface Case {
    readonly type: string;
    /** The property as the program passes it, before and after the change. */
    readonly before: Record<string, unknown>;
    readonly after: Record<string, unknown>;
    /** The changed path the plan reports. */
    readonly path: string;
}

const CLUSTER = "gcp:container/cluster:Cluster";
const POOL = "gcp:container/nodePool:NodePool";
const INSTANCE = "linode:index/instance:Instance";

/** Changes each provider replaces the resource for (issue #12), written out independently of the table. */
const REPLACING: readonly Case[] = [
    { type: CLUSTER, before: { privateClusterConfig: { masterIpv4CidrBlock: "172.16.0.0/28" } }, after: { privateClusterConfig: { masterIpv4CidrBlock: "172.16.1.0/28" } }, path: "privateClusterConfig.masterIpv4CidrBlock" },
    { type: CLUSTER, before: { ipAllocationPolicy: { clusterSecondaryRangeName: "pods" } }, after: { ipAllocationPolicy: { clusterSecondaryRangeName: "pods2" } }, path: "ipAllocationPolicy.clusterSecondaryRangeName" },
    { type: CLUSTER, before: { network: "net-a" }, after: { network: "net-b" }, path: "network" },
    { type: CLUSTER, before: { subnetwork: "sub-a" }, after: { subnetwork: "sub-b" }, path: "subnetwork" },
    { type: POOL, before: { initialNodeCount: 1 }, after: { initialNodeCount: 2 }, path: "initialNodeCount" },
    { type: POOL, before: { nodeConfig: { oauthScopes: ["a"] } }, after: { nodeConfig: { oauthScopes: ["b"] } }, path: "nodeConfig.oauthScopes[0]" },
    { type: POOL, before: { nodeConfig: { serviceAccount: "a@x" } }, after: { nodeConfig: { serviceAccount: "b@x" } }, path: "nodeConfig.serviceAccount" },
    { type: INSTANCE, before: { authorizedKeys: ["ssh-ed25519 A"] }, after: { authorizedKeys: ["ssh-ed25519 B"] }, path: "authorizedKeys[0]" },
    { type: INSTANCE, before: { metadatas: [{ userData: "YQ==" }] }, after: { metadatas: [{ userData: "Yg==" }] }, path: "metadatas[0].userData" },
    { type: INSTANCE, before: { image: "linode/debian12" }, after: { image: "linode/debian13" }, path: "image" },
    { type: "gcp:compute/globalAddress:GlobalAddress", before: { ipVersion: "IPV4" }, after: { ipVersion: "IPV6" }, path: "ipVersion" },
    { type: "gcp:compute/uRLMap:URLMap", before: { name: "map-a" }, after: { name: "map-b" }, path: "name" },
    { type: "gcp:compute/targetHttpsProxy:TargetHttpsProxy", before: { proxyBind: false }, after: { proxyBind: true }, path: "proxyBind" },
    { type: "gcp:compute/targetHttpProxy:TargetHttpProxy", before: { description: "a" }, after: { description: "b" }, path: "description" },
    { type: "gcp:compute/globalForwardingRule:GlobalForwardingRule", before: { portRange: "443" }, after: { portRange: "8443" }, path: "portRange" },
    { type: "gcp:compute/globalForwardingRule:GlobalForwardingRule", before: { ipAddress: "192.0.2.1" }, after: { ipAddress: "192.0.2.2" }, path: "ipAddress" },
    { type: "gcp:compute/backendService:BackendService", before: { name: "be-a" }, after: { name: "be-b" }, path: "name" },
    { type: "gcp:compute/healthCheck:HealthCheck", before: { name: "hc-a" }, after: { name: "hc-b" }, path: "name" },
    { type: "linode:index/domain:Domain", before: { type: "master" }, after: { type: "slave" }, path: "type" },
];

const planOf = (c: { type: string; before: Record<string, unknown>; after: Record<string, unknown> }) => {
    const diff = diffEvaluations(evaluation([resource({ type: c.type, name: "r", inputs: c.before })]), evaluation([resource({ type: c.type, name: "r", inputs: c.after })]));
    return { diff, verdict: verdictOf(diff) };
};

describe("plan: changes the providers replace a resource for", () => {
    for (const c of REPLACING) {
        it(`${c.type} ${c.path}: REPLACE, unsafe, "forces replacement"`, () => {
            const { diff, verdict } = planOf(c);
            assert.deepStrictEqual(diff.updated.map((u) => [u.action, u.changes.map((ch) => ch.path)]), [["replace", [c.path]]]);
            assert.strictEqual(verdict.label, "unsafe");
            assert.ok(verdict.reasons.some((r) => r.startsWith(`replaces ${c.type} "r": ${c.path} forces replacement (`)), verdict.reasons.join("\n"));
        });
    }

    it("a Linode instance's region migrates it in place: unsafe, with its source, but not a replacement", () => {
        const { diff, verdict } = planOf({ type: INSTANCE, before: { region: "us-east" }, after: { region: "us-central" } });
        assert.strictEqual(diff.updated[0].action, "update");
        assert.strictEqual(verdict.label, "unsafe");
        assert.match(verdict.reasons[0], /^changes region of linode:index\/instance:Instance "r" \(linode\/terraform-provider-linode .*migrates/);
    });

    it("a Linode firewall's rules change in place: catalogued, unsafe only because it holds state", () => {
        const { diff, verdict } = planOf({ type: "linode:index/firewall:Firewall", before: { inboundPolicy: "DROP" }, after: { inboundPolicy: "ACCEPT" } });
        assert.deepStrictEqual([diff.updated[0].action, diff.updated[0].catalogued], ["update", true]);
        assert.deepStrictEqual(verdict.reasons, ['changes stateful linode:index/firewall:Firewall "r" (inboundPolicy)']);
    });

    it("a backend service's capacity scaler changes in place: no replacement", () => {
        const backends = (capacityScaler: number) => ({ backends: [{ group: "g", capacityScaler }] });
        const { diff } = planOf({ type: "gcp:compute/backendService:BackendService", before: backends(1), after: backends(0) });
        assert.deepStrictEqual([diff.updated[0].action, diff.updated[0].catalogued], ["update", true]);
    });
});
