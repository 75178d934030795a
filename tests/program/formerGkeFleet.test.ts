import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { cachedEvaluate } from "../support/cachedEvaluations";

// The URNs staging's resources had under the one `GkeFleet` component, recorded from the program before the split.
const FORMER_URNS: string[] = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "gkeFleetUrns.staging.json"), "utf8"));
const FORMER_COMPONENT = "urn:pulumi:staging::multicloud-dr::multicloud-dr:gcp:GkeFleet::dr-staging";
// Retired on purpose, not moved: the load-balancer-authorized certificate gave way to Certificate Manager (issue #12).
const RETIRED = ["urn:pulumi:staging::multicloud-dr::multicloud-dr:gcp:GkeFleet$gcp:compute/managedSslCertificate:ManagedSslCertificate::dr-staging-cert"];

describe("the GkeFleet split keeps deployed stacks' resources", () => {
    it("gives every former GkeFleet cloud resource a new resource whose URN or alias is its former URN, and nothing more", async () => {
        const { resources } = await cachedEvaluate("staging");
        const formerCloudUrns = FORMER_URNS.filter((urn) => urn !== FORMER_COMPONENT && !RETIRED.includes(urn));
        assert.strictEqual(formerCloudUrns.length, FORMER_URNS.length - 1 - RETIRED.length, "the fixture holds the former component and the retired resources");
        const claims = new Map<string, string[]>();
        for (const r of resources) {
            for (const urn of [r.urn, ...(r.aliases ?? [])]) {
                claims.set(urn, [...(claims.get(urn) ?? []), r.urn]);
            }
        }
        for (const urn of formerCloudUrns) {
            assert.strictEqual(claims.get(urn)?.length, 1, `exactly one resource takes over ${urn} (got ${claims.get(urn)?.join(", ") ?? "none"})`);
            const [successor] = claims.get(urn)!;
            assert.match(successor, /multicloud-dr:gcp:(GkeClusters|GlobalLoadBalancer)\$/);
            assert.strictEqual(successor.split("::").pop(), urn.split("::").pop(), "names are unchanged");
        }
        assert.strictEqual(claims.has(FORMER_COMPONENT), false, "no two components claim the former one");
        for (const urn of RETIRED) {
            assert.strictEqual(claims.has(urn), false, `${urn} is deleted, not taken over`);
        }
    });

    it("aliases no resource outside the two GCP components", async () => {
        const { resources } = await cachedEvaluate("staging");
        // Provider SDKs alias their own renamed types (kubernetes apps/v1beta1, gcp serviceAccount casing): not ours.
        const aliased = resources.filter((r) => (r.aliases ?? []).some((urn) => urn.includes(":GkeFleet"))).map((r) => r.parentType);
        assert.ok(aliased.length > 0);
        assert.deepStrictEqual([...new Set(aliased)].sort(), ["multicloud-dr:gcp:GkeClusters", "multicloud-dr:gcp:GlobalLoadBalancer"]);
    });
});
