import * as assert from "assert";
import { checkSafePreview } from "../../automation/rules/safePreview";
import { previewOfConfigChange } from "../../automation/testing/previewSteps";

const short = (urn: string) => urn.split("::").slice(2).join("::");

describe("fake stack previews come from the real program", () => {
    it("a flip of staging to linode updates the two failover records and the three published parameters", async () => {
        const report = await previewOfConfigChange("staging", {}, { activeSite: "linode" });
        const steps = report.steps.map((s) => [s.op, short(s.urn), s.diffs.join(","), s.replaces.join(",")]);
        const ssm = (region: string) => ["update", `multicloud-dr:data:ActiveSiteParameters$aws:ssm/parameter:Parameter::dr-staging-${region}`, "insecureValue", ""];
        assert.deepStrictEqual(steps.sort(), [
            ["update", "multicloud-dr:dns:Route53Failover$aws:route53/record:Record::dr-staging-primary", "healthCheckId,records,records[0]", ""],
            ["update", "multicloud-dr:dns:Route53Failover$aws:route53/record:Record::dr-staging-secondary", "healthCheckId,records,records[0]", ""],
            ssm("us-east-1"), ssm("us-east-2"), ssm("us-west-2"),
        ].sort());
        assert.strictEqual(report.changeSummary.update, 5);
        assert.ok(checkSafePreview(report).ok, checkSafePreview(report).message);
    });

    it("a change of the table's key is a replacement the safe-flip check refuses", async () => {
        const report = await previewOfConfigChange("staging", {}, { "table.name": "renamed-table" });
        const table = report.steps.find((s) => s.type === "aws:dynamodb/table:Table");
        assert.deepStrictEqual(table && [table.op, table.replaces], ["replace", ["name"]]);
        assert.strictEqual(checkSafePreview(report).ok, false);
    });
});
