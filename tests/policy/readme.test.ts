import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { policies } from "../../policy/policies";
import { PROJECT_ROOT } from "../../topology";

describe("the README's policy table", () => {
    it("has a row for every policy of the pack", () => {
        const readme = fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
        const table = readme.slice(readme.indexOf("### The policies"), readme.indexOf("### Files and tests"));
        const rows = new Set([...table.matchAll(/^\| ([^|]+) \|/gm)].flatMap((m) => [...m[1].matchAll(/`([a-z0-9-]+)`/g)].map((n) => n[1])));
        assert.deepStrictEqual(policies.map((p) => p.name).filter((name) => !rows.has(name)), []);
    });
});
