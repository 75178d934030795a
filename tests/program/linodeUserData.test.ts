import * as assert from "assert";
import { Evaluation } from "../../offline";
import { diffEvaluations, verdictOf } from "../../plan";
import { cachedEvaluate } from "../support/cachedEvaluations";
import { ofType } from "../support/resources";

const INSTANCE = "linode:index/instance:Instance";

describe("Linode user data in the plan", () => {
    let base: Evaluation;
    before(async () => {
        base = await cachedEvaluate("staging");
    });

    it("gives every instance user data, different per region (each region has its own client key)", () => {
        const instances = ofType(base.resources, INSTANCE);
        assert.ok(instances.length > 0);
        const byRegion = new Map<string, Set<string>>();
        for (const i of instances) {
            const [{ userData }] = i.inputs.metadatas;
            assert.match(userData, /^\[secret\] #[0-9a-f]{12}$/, "a secret, shown only as a digest offline");
            byRegion.set(i.inputs.region, (byRegion.get(i.inputs.region) ?? new Set()).add(userData));
        }
        assert.ok([...byRegion.values()].every((set) => set.size === 1), "instances of a region share their cloud-config");
        assert.strictEqual(new Set([...byRegion.values()].map((set) => [...set][0])).size, byRegion.size);
    });

    it("a new app image replaces every Linode instance: unsafe, with the provider's reason", async () => {
        const changed = await cachedEvaluate("staging", { overrides: { "app.image": "ghcr.io/example/shop:2.0.0" } });
        const diff = diffEvaluations(base, changed);
        const instances = diff.updated.filter((u) => u.type === INSTANCE);
        assert.strictEqual(instances.length, ofType(base.resources, INSTANCE).length);
        for (const u of instances) {
            assert.strictEqual(u.action, "replace");
            assert.deepStrictEqual(u.changes.map((c) => c.path), ["metadatas[0].userData"]);
            assert.match(u.changes[0].rule?.source ?? "", /terraform-provider-linode linode\/instance\/schema_resource\.go: .*"user_data" ForceNew/);
        }
        // Besides the instances, only each GKE cluster's Deployment follows the image, in its app container alone.
        const others = diff.updated.filter((u) => u.type !== INSTANCE);
        assert.deepStrictEqual(
            others.map((u) => [u.type, u.action, u.changes.map((c) => c.path)]),
            ofType(base.resources, "kubernetes:apps/v1:Deployment").map(() => ["kubernetes:apps/v1:Deployment", "update", ["spec.template.spec.containers[0].image"]]),
        );
        const verdict = verdictOf(diff);
        assert.strictEqual(verdict.label, "unsafe");
        assert.ok(verdict.reasons.some((r) => r.startsWith(`replaces ${INSTANCE} "dr-staging-us-east-0": metadatas[0].userData forces replacement`)), verdict.reasons.join("\n"));
    });

    const flips: Record<string, string>[] = [{ activeSite: "linode" }, { linodeActiveRegion: "us-central" }];
    for (const overrides of flips) {
        it(`a flip (${JSON.stringify(overrides)}) leaves the user data alone: it reads neither the active site nor the Linode region`, async () => {
            const flipped = await cachedEvaluate("staging", { overrides });
            const diff = diffEvaluations(base, flipped);
            assert.deepStrictEqual(diff.updated.filter((u) => u.type === INSTANCE), []);
            assert.ok(diff.updated.every((u) => ["aws:route53/record:Record", "aws:ssm/parameter:Parameter", "linode:index/domainRecord:DomainRecord"].includes(u.type)));
            assert.strictEqual(verdictOf(diff).safe, true);
        });
    }
});
