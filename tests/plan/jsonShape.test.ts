import * as assert from "assert";
import Ajv from "ajv";
import { runPlanCommand } from "../../cli/planCommand";
import { PLAN_JSON_SCHEMA, PLAN_SCHEMA_VERSION } from "../../plan";
import { cachedEvaluate } from "../support/cachedEvaluations";

const jsonPlan = async (options: { set?: string[]; to?: string }) => {
    const result = await runPlanCommand({ stack: "staging", set: [], json: true, ...options }, { evaluate: cachedEvaluate, policyRunner: null });
    return JSON.parse(result.output);
};

describe("plan: --json shape", () => {
    const ajv = new Ajv({ allErrors: true, strict: true });
    let validate: ReturnType<typeof ajv.compile>;
    const problems = () => ajv.errorsText(validate.errors, { separator: "\n" });
    let plain: any;
    let flip: any;
    let unsafe: any;
    before(async () => {
        validate = ajv.compile(PLAN_JSON_SCHEMA);
        plain = await jsonPlan({});
        flip = await jsonPlan({ to: "linode" });
        unsafe = await jsonPlan({ set: ["table.hashKey=id", 'table.attributes=[{"name":"id","type":"S"},{"name":"sk","type":"S"}]'] });
    });

    it("is version 1 with these top-level keys, in this order", () => {
        assert.strictEqual(PLAN_SCHEMA_VERSION, 1);
        assert.deepStrictEqual(Object.keys(plain), [
            "schemaVersion",
            "stack",
            "overrides",
            "exitCode",
            "summary",
            "summaryChanges",
            "resources",
            "outputs",
            "change",
            "policies",
            "mermaid",
        ]);
        assert.deepStrictEqual(Object.keys(PLAN_JSON_SCHEMA.properties), Object.keys(plain));
    });

    it("validates a plain plan, a safe flip and an unsafe change against the schema", () => {
        for (const [name, plan] of [["plain", plain], ["flip", flip], ["unsafe", unsafe]]) {
            assert.ok(validate(plan), `${name}: ${problems()}`);
        }
    });

    it("has a null change without overrides and a verdict with them", () => {
        assert.strictEqual(plain.change, null);
        assert.deepStrictEqual(flip.overrides, { activeSite: "linode" });
        assert.strictEqual(flip.change.verdict.label, "safe flip");
        assert.strictEqual(unsafe.change.verdict.label, "unsafe");
        assert.strictEqual(unsafe.exitCode, 1);
    });

    it("names each change's replacement rule with its source", () => {
        const table = unsafe.change.updated.find((u: any) => u.type === "aws:dynamodb/table:Table");
        const hashKey = table.changes.find((c: any) => c.path === "hashKey");
        assert.deepStrictEqual(Object.keys(hashKey.rule), ["property", "effect", "source"]);
        assert.strictEqual(hashKey.rule.effect, "replace");
    });

    it("lists placeholder paths of the stack outputs", () => {
        const ips = plain.outputs.find((o: any) => o.name === "nodeBalancerIps");
        assert.deepStrictEqual(ips.placeholders, Object.keys(ips.value).sort().map((region) => `nodeBalancerIps.${region}`));
        assert.deepStrictEqual(plain.outputs.find((o: any) => o.name === "activeSite").placeholders, []);
    });

    it("rejects a plan with a missing key, an extra key or another version", () => {
        const { summary, ...missing } = plain;
        void summary;
        assert.ok(!validate(missing));
        assert.ok(!validate({ ...plain, extra: true }));
        assert.ok(!validate({ ...plain, schemaVersion: 2 }));
        assert.ok(!validate({ ...flip, change: { ...flip.change, verdict: { ...flip.change.verdict, label: "fine" } } }));
    });
});
