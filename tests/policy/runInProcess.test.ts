import * as assert from "assert";
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { formatFinding, runPolicies } from "../../policy/runInProcess";
import { PolicyConfigError } from "../../topology";
import { validateType } from "../../policy/policies/values";
import { happyEstate, resourceNamed, setProperty } from "./fixtures";

const TTL_300 = () => setProperty(happyEstate(), "app-primary", "ttl", 300);

describe("policy: the in-process runner, as the engine runs the pack", () => {
    it("reports a violation at the policy's own level (mandatory) with no config", async () => {
        const findings = await runPolicies(TTL_300());
        assert.deepStrictEqual(findings.map((f) => [f.policyName, f.enforcementLevel]), [["route53-failover-ttl", "mandatory"]]);
        assert.match(formatFinding(findings[0]), /^\[mandatory\] route53-failover-ttl: failover record TTL is 300; at most 60 seconds allowed\. \(urn:pulumi:fixture::/);
    });

    it("lets config lower a policy to advisory, or disable it", async () => {
        const advisory = await runPolicies(TTL_300(), { config: { "route53-failover-ttl": "advisory" } });
        assert.deepStrictEqual(advisory.map((f) => f.enforcementLevel), ["advisory"]);
        const disabled = await runPolicies(TTL_300(), { config: { "route53-failover-ttl": { enforcementLevel: "disabled" } } });
        assert.deepStrictEqual(disabled, []);
    });

    it("applies an \"all\" level to every policy unless the policy's own entry says otherwise", async () => {
        const estate = setProperty(TTL_300(), "table", "deletionProtectionEnabled", false);
        const findings = await runPolicies(estate, { config: { all: "advisory", "dynamodb-deletion-protection": "mandatory" } });
        assert.deepStrictEqual(findings.map((f) => [f.policyName, f.enforcementLevel]).sort(), [
            ["dynamodb-deletion-protection", "mandatory"],
            ["route53-failover-ttl", "advisory"],
        ]);
    });

    it("reports a remediate-level violation as mandatory, as the analyzer does", async () => {
        const findings = await runPolicies(TTL_300(), { config: { "route53-failover-ttl": "remediate" } });
        assert.deepStrictEqual(findings.map((f) => f.enforcementLevel), ["mandatory"]);
    });

    it("rejects config for a policy the pack does not have, naming it", async () => {
        await assert.rejects(runPolicies(happyEstate(), { config: { "route53-ttl": "advisory" } }), (e: Error) => e instanceof PolicyConfigError && /"route53-ttl"/.test(e.message));
    });

    it("rejects a misspelt setting, a setting of the wrong type and an unknown enforcement level", async () => {
        const bad = [
            { "route53-failover-ttl": { maxTTL: 30 } },
            { "route53-failover-ttl": { maxTtlSeconds: "thirty" } },
            { "route53-failover-ttl": { enforcementLevel: "strict" } },
            { "dynamodb-deletion-protection": { threshold: 1 } },
        ];
        for (const config of bad) {
            await assert.rejects(runPolicies(happyEstate(), { config: config as any }), PolicyConfigError, JSON.stringify(config));
        }
    });

    it("hands a policy its settings with the schema's defaults filled in", async () => {
        const seen: object[] = [];
        const probe: ResourceValidationPolicy = {
            name: "probe",
            description: "Records its config.",
            configSchema: { properties: { limit: { type: "integer", default: 7 }, label: { type: "string" } } },
            validateResource: validateType("aws:dynamodb/table:Table", (_props, args) => {
                seen.push(args.getConfig());
            }),
        };
        await runPolicies(happyEstate(), { policies: [probe], config: { probe: { label: "x" } } });
        assert.deepStrictEqual(seen, [{ limit: 7, label: "x" }]);
    });

    it("calls a type-filtered resource policy only for its type, and ignores notApplicable", async () => {
        const types: string[] = [];
        const filtered: ResourceValidationPolicy = {
            name: "filtered",
            description: "Only tables.",
            validateResource: validateType("aws:dynamodb/table:Table", (_props, args) => {
                types.push(args.type);
            }),
        };
        const picky: ResourceValidationPolicy = {
            name: "picky",
            description: "Never applies.",
            enforcementLevel: "mandatory",
            validateResource: (args) => args.notApplicable("not today"),
        };
        const findings = await runPolicies(happyEstate(), { policies: [filtered, picky] });
        assert.deepStrictEqual(types, ["aws:dynamodb/table:Table"]);
        assert.deepStrictEqual(findings, []);
    });

    it("turns a policy's read of a value not known yet into an advisory note, as preview does", async () => {
        const naive: ResourceValidationPolicy = {
            name: "naive",
            description: "Reads the health check id directly.",
            enforcementLevel: "mandatory",
            validateResource: (args, reportViolation) => {
                if (args.type === "aws:route53/record:Record" && String(args.props.healthCheckId).length === 0) {
                    reportViolation("empty");
                }
            },
        };
        const findings = await runPolicies(happyEstate({ preview: true }), { policies: [naive] });
        assert.strictEqual(findings.length, 2);
        for (const finding of findings) {
            assert.strictEqual(finding.enforcementLevel, "advisory");
            assert.match(finding.message, /can't run policy 'naive' during preview: string value at \.healthCheckId can't be known during preview/);
        }
    });

    it("gives stack policies outputs (with ids) and dependencies resolved to the resources themselves", async () => {
        let secondary: PolicyResource | undefined;
        const inspect: StackValidationPolicy = {
            name: "inspect",
            description: "Looks at the records.",
            validateStack: (args) => {
                secondary = args.resources.find((r) => r.name === "app-secondary");
            },
        };
        const estate = happyEstate();
        await runPolicies(estate, { policies: [inspect] });
        assert.ok(secondary);
        assert.strictEqual(secondary.props.id, resourceNamed(estate, "app-secondary").id);
        assert.deepStrictEqual(secondary.propertyDependencies.healthCheckId.map((r) => [r.name, r.props.ipAddress]), [["health-linode", "203.0.113.20"]]);
        assert.deepStrictEqual(secondary.dependencies.map((r) => r.name).sort(), ["health-linode", "nb-us-east"]);
        assert.strictEqual(secondary.isType({ __pulumiType: "aws:route53/record:Record" } as any), true);
        assert.strictEqual(secondary.asType({ __pulumiType: "aws:route53/healthCheck:HealthCheck" } as any), undefined);
    });

    it("fails the run, naming the policy and resource, when a policy throws", async () => {
        const broken: ResourceValidationPolicy = {
            name: "broken",
            description: "Throws.",
            validateResource: validateType("aws:dynamodb/table:Table", () => {
                throw new Error("boom");
            }),
        };
        await assert.rejects(runPolicies(happyEstate(), { policies: [broken] }), /policy 'broken'.*boom/s);
    });
});
