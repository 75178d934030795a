import * as assert from "assert";
import { cloudOf, NO_COMPONENT, resourceTree } from "../../plan";
import { component, DNS, record, resource } from "./synthetic";

describe("plan: resource tree", () => {
    const site = "multicloud-dr:linode:LinodeSite";
    const tree = resourceTree([
        component(DNS, "dr-staging"),
        component(site, "dr-staging"),
        record("primary", "203.0.113.1", "hc-1"),
        resource({ type: "linode:index/instance:Instance", name: "i0", parentType: site, outputs: { ipAddress: "198.51.100.1" }, placeholders: ["ipAddress"] }),
        resource({ type: "random:index/randomPassword:RandomPassword", name: "pw", parentType: site }),
        resource({ type: "aws:ssm/parameter:Parameter", name: "loose" }),
    ]);

    it("groups resources under the component type that owns them", () => {
        assert.deepStrictEqual(
            tree.groups.map((g) => [g.component, g.instances, g.resources.map((r) => r.name)]),
            [
                [DNS, ["dr-staging"], ["primary"]],
                [site, ["dr-staging"], ["i0", "pw"]],
                [NO_COMPONENT, [], ["loose"]],
            ],
        );
    });

    it("counts resources per cloud, components included", () => {
        assert.strictEqual(tree.total, 6);
        assert.deepStrictEqual(tree.byCloud, { aws: 2, gcp: 0, linode: 1, random: 1, component: 2 });
        assert.deepStrictEqual(tree.groups[1].byCloud, { aws: 0, gcp: 0, linode: 1, random: 1, component: 0 });
    });

    it("lists each resource's computed outputs as placeholders", () => {
        const instance = tree.groups[1].resources[0];
        assert.deepStrictEqual(instance.placeholders, [{ property: "ipAddress", value: "198.51.100.1" }]);
    });

    it("files a provider resource under its package", () => {
        assert.strictEqual(cloudOf({ type: "pulumi:providers:gcp", custom: true }), "gcp");
    });
});
