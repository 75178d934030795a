import * as assert from "assert";
import { deepChanges, diffEvaluations } from "../../plan";
import { component, DNS, evaluation, PARAMETER, record, resource, TABLE } from "./synthetic";

describe("plan: diff", () => {
    describe("deepChanges", () => {
        it("names list elements and object fields by deep path", () => {
            const changes = deepChanges(
                { records: ["192.0.2.1"], tags: { team: "a", cost: "x" }, ttl: 30 },
                { records: ["192.0.2.2"], tags: { team: "b", cost: "x" }, ttl: 30 },
            );
            assert.deepStrictEqual(changes, [
                { path: "records[0]", before: "192.0.2.1", after: "192.0.2.2" },
                { path: "tags.team", before: "a", after: "b" },
            ]);
        });

        it("reports a value present on one side only without the missing side", () => {
            assert.deepStrictEqual(deepChanges({ a: [1] }, { a: [1, 2], b: "x" }), [
                { path: "a[1]", after: 2 },
                { path: "b", after: "x" },
            ]);
            assert.deepStrictEqual(deepChanges({ a: "x" }, {}), [{ path: "a", before: "x" }]);
        });

        it("finds nothing between equal structures", () => {
            assert.deepStrictEqual(deepChanges({ a: [{ b: 1 }], c: null }, { a: [{ b: 1 }], c: null }), []);
        });
    });

    describe("diffEvaluations", () => {
        const hcGcp = resource({ type: "aws:route53/healthCheck:HealthCheck", name: "hc-gcp", parentType: DNS, id: "hc-111", inputs: { type: "HTTPS", ipAddress: "203.0.113.1" } });
        const before = evaluation([
            component(DNS, "dns"),
            hcGcp,
            record("primary", "203.0.113.1", "hc-111"),
            resource({ type: PARAMETER, name: "p", inputs: { name: "/active", insecureValue: "gcp" } }),
            resource({ type: TABLE, name: "t", inputs: { name: "t", hashKey: "pk" } }),
        ]);

        it("matches resources by URN and lists property changes with their rule, in URN order", () => {
            const after = evaluation([
                component(DNS, "dns"),
                hcGcp,
                record("primary", "203.0.113.2", "hc-111"),
                resource({ type: PARAMETER, name: "p", inputs: { name: "/active", insecureValue: "linode" } }),
                resource({ type: TABLE, name: "t", inputs: { name: "t", hashKey: "id" } }),
            ]);
            const diff = diffEvaluations(before, after);
            assert.deepStrictEqual(diff.created, []);
            assert.deepStrictEqual(diff.deleted, []);
            assert.deepStrictEqual(
                diff.updated.map((u) => [u.name, u.action, u.changes.map((c) => c.path)]),
                [
                    ["t", "replace", ["hashKey"]],
                    ["p", "update", ["insecureValue"]],
                    ["primary", "update", ["records[0]"]],
                ],
            );
            const table = diff.updated.find((u) => u.name === "t")!;
            assert.strictEqual(table.stateful, true);
            assert.strictEqual(table.changes[0].rule?.property, "hashKey");
            assert.strictEqual(diff.updated.find((u) => u.name === "p")!.changes[0].rule, undefined);
        });

        it("lists resources only in the after evaluation as created and only in the before one as deleted", () => {
            const after = evaluation([...before.resources.filter((r) => r.name !== "t"), resource({ type: TABLE, name: "t2", inputs: { name: "t2" } })]);
            const diff = diffEvaluations(before, after);
            assert.deepStrictEqual(diff.created.map((r) => [r.name, r.stateful]), [["t2", true]]);
            assert.deepStrictEqual(diff.deleted.map((r) => r.name), ["t"]);
            assert.deepStrictEqual(diff.updated, []);
        });

        it("marks placeholder values on each side of a change", () => {
            const nb = (ip: string) => resource({ type: "linode:index/nodeBalancer:NodeBalancer", name: "nb", id: "700001", inputs: { region: "us-east" }, outputs: { ipv4: ip }, placeholders: ["ipv4"] });
            const p = (value: string) => resource({ type: PARAMETER, name: "p", inputs: { name: "/x", insecureValue: value } });
            const diff = diffEvaluations(
                evaluation([nb("203.0.113.5"), record("primary", "203.0.113.5", "hc-1"), p("a")]),
                evaluation([nb("203.0.113.5"), record("primary", "192.0.2.9", "hc-1"), p("b")]),
            );
            const records = diff.updated.find((u) => u.name === "primary")!.changes[0];
            assert.strictEqual(records.beforePlaceholder, true);
            assert.strictEqual(records.afterPlaceholder, false);
            const value = diff.updated.find((u) => u.name === "p")!.changes[0];
            assert.deepStrictEqual([value.beforePlaceholder, value.afterPlaceholder], [false, false]);
        });

        it("diffs the stack outputs too", () => {
            const diff = diffEvaluations(evaluation([], { activeSite: "gcp", ips: { a: "1" } }), evaluation([], { activeSite: "linode", ips: { a: "1" } }));
            assert.deepStrictEqual(
                diff.outputs.map((o) => [o.path, o.before, o.after]),
                [["activeSite", "gcp", "linode"]],
            );
        });
    });
});
