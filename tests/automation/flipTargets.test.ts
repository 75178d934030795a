import * as assert from "assert";
import { driftLines, refreshTargets, stackUrnOf, upTargets } from "../../automation/flipTargets";
import { PreviewStep } from "../../automation/stackAdapter";

const U = "urn:pulumi:prod::multicloud-dr::";
const record = (name: string) => ({ urn: `${U}multicloud-dr:dns:Route53Failover$aws:route53/record:Record::${name}`, type: "aws:route53/record:Record" });
const STACK = { urn: `${U}pulumi:pulumi:Stack::multicloud-dr-prod`, type: "pulumi:pulumi:Stack" };
const TABLE = { urn: `${U}aws:dynamodb/table:Table::table`, type: "aws:dynamodb/table:Table" };
const SSM = { urn: `${U}aws:ssm/parameter:Parameter::p`, type: "aws:ssm/parameter:Parameter" };
const LINODE = { urn: `${U}linode:index/domainRecord:DomainRecord::app`, type: "linode:index/domainRecord:DomainRecord" };
const step = (op: string, r: { urn: string; type: string }, diffs: string[] = []): PreviewStep => ({ op, urn: r.urn, type: r.type, diffs, replaces: [] });

describe("flip targets and drift (pure)", () => {
    it("refreshes every resource of a type a flip may touch, and nothing else", () => {
        const resources = [STACK, record("primary"), TABLE, SSM, record("secondary"), LINODE, record("primary")];
        assert.deepStrictEqual(refreshTargets(resources), [record("primary").urn, SSM.urn, record("secondary").urn, LINODE.urn]);
        assert.deepStrictEqual(refreshTargets([STACK, TABLE]), []);
    });

    it("updates exactly the URNs the preview changes; the stack resource alone when only outputs move", () => {
        const preview = { changeSummary: {}, steps: [step("same", STACK), step("update", record("primary"), ["records"]), step("update", SSM, ["value"]), step("same", TABLE), step("read", TABLE)] };
        assert.deepStrictEqual(upTargets(preview, STACK.urn), [record("primary").urn, SSM.urn]);
        assert.deepStrictEqual(upTargets({ changeSummary: {}, steps: [step("update", STACK)] }, STACK.urn), [STACK.urn]);
    });

    it("names the stack resource from the state, or as the engine would", () => {
        assert.strictEqual(stackUrnOf([TABLE, STACK], "prod", "multicloud-dr"), STACK.urn);
        assert.strictEqual(stackUrnOf([], "prod", "multicloud-dr"), STACK.urn);
    });

    it("one drift line per resource and top-level property; a deleted resource is one line; controls escaped", () => {
        assert.deepStrictEqual(driftLines([step("update", record("primary"), ["records", "records[0]", "ttl"]), step("delete", LINODE), step("update", { urn: `${U}x::evil\u001b[2J`, type: "aws:ssm/parameter:Parameter" }, ["value"])]), [
            'drift: aws:route53/record:Record "primary" records was changed outside Pulumi',
            'drift: aws:route53/record:Record "primary" ttl was changed outside Pulumi',
            'drift: linode:index/domainRecord:DomainRecord "app" no longer exists (deleted outside Pulumi)',
            'drift: aws:ssm/parameter:Parameter "evil\\x1b[2J" value was changed outside Pulumi',
        ]);
        assert.deepStrictEqual(driftLines([]), []);
    });
});
