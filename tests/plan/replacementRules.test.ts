import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { isStateful, replacementTable, ruleForPath, rulesFor } from "../../plan";
import { normalizePath } from "../../topology";
import { PROJECT_ROOT } from "../../topology";

/** `aws:route53/record:Record` -> node_modules/@pulumi/aws/route53/record.d.ts, interface RecordArgs (file names are matched case-insensitively: `uRLMap` is `urlmap.d.ts`). */
function argsOf(type: string): string[] {
    const [pkg, modulePath, name] = type.split(":");
    const [module, file] = modulePath.split("/");
    const dir = path.join(PROJECT_ROOT, "node_modules", "@pulumi", pkg, module === "index" ? "" : module);
    const dts = fs.readdirSync(dir).find((f) => f.toLowerCase() === `${file.toLowerCase()}.d.ts`) ?? `${file}.d.ts`;
    const text = fs.readFileSync(path.join(dir, dts), "utf8");
    const body = new RegExp(`export interface ${name}Args \\{([\\s\\S]*?)\\n\\}`).exec(text)?.[1] ?? "";
    return [...body.matchAll(/^ {4}(\w+)\??:/gm)].map((m) => m[1]);
}

/** Every property name the package's nested input types declare (`masterIpv4CidrBlock` of a cluster's privateClusterConfig). */
function nestedInputNames(type: string): Set<string> {
    const text = fs.readFileSync(path.join(PROJECT_ROOT, "node_modules", "@pulumi", type.split(":")[0], "types", "input.d.ts"), "utf8");
    return new Set([...text.matchAll(/^ {8}(\w+)\??:/gm)].map((m) => m[1]));
}

describe("plan: replacement table", () => {
    it("names only input properties the installed SDK declares for each type", () => {
        for (const entry of replacementTable()) {
            const args = argsOf(entry.type);
            assert.ok(args.length > 0, `no Args interface found for ${entry.type}`);
            for (const rule of entry.rules) {
                const [top, ...nested] = rule.property.split(".");
                assert.ok(args.includes(top), `${entry.type}: "${top}" is not one of ${args.join(", ")}`);
                for (const part of nested) {
                    assert.ok(nestedInputNames(entry.type).has(part), `${entry.type}: "${rule.property}": no input type declares "${part}"`);
                }
            }
        }
    });

    it("gives every rule a source", () => {
        for (const entry of replacementTable()) {
            for (const rule of entry.rules) {
                assert.ok(rule.source.length > 20, `${entry.type}.${rule.property} has no real source`);
            }
        }
    });

    it("treats a Route 53 record's name, type and setIdentifier as replacing it, and its values as in place", () => {
        for (const property of ["name", "type", "setIdentifier", "zoneId"]) {
            assert.strictEqual(ruleForPath("aws:route53/record:Record", property)?.effect, "replace", property);
        }
        for (const property of ["records[0]", "healthCheckId", "ttl"]) {
            assert.strictEqual(ruleForPath("aws:route53/record:Record", property), undefined, property);
        }
    });

    it("flags a change of a record's failover type as unsafe, down to the nested path", () => {
        assert.strictEqual(ruleForPath("aws:route53/record:Record", "failoverRoutingPolicies[0].type")?.effect, "unsafe");
    });

    it("replaces a table on a key change but updates its replicas in place", () => {
        assert.strictEqual(ruleForPath("aws:dynamodb/table:Table", "hashKey")?.effect, "replace");
        assert.strictEqual(ruleForPath("aws:dynamodb/table:Table", "rangeKey")?.effect, "replace");
        assert.strictEqual(ruleForPath("aws:dynamodb/table:Table", "region")?.effect, "replace");
        assert.strictEqual(ruleForPath("aws:dynamodb/table:Table", "replicas[1].regionName"), undefined);
    });

    it("does not match a property that only shares a prefix with a rule", () => {
        assert.strictEqual(ruleForPath("aws:route53/record:Record", "nameServers"), undefined);
    });

    it("knows which types hold state", () => {
        for (const type of ["aws:dynamodb/table:Table", "gcp:container/cluster:Cluster", "linode:index/nodeBalancer:NodeBalancer", "aws:route53/healthCheck:HealthCheck", "linode:index/firewall:Firewall"]) {
            assert.ok(isStateful(type), type);
        }
        for (const type of ["aws:route53/record:Record", "aws:ssm/parameter:Parameter", "linode:index/domainRecord:DomainRecord"]) {
            assert.ok(!isStateful(type), type);
        }
    });

    it("has no entry for a type it was not checked against", () => {
        assert.strictEqual(rulesFor("gcp:compute/router:Router"), undefined);
    });

    it("drops list indices from paths", () => {
        assert.strictEqual(normalizePath("replicas[12].regionName"), "replicas.regionName");
    });
});
