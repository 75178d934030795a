import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../../topology";

/** Provider packages a file imports (`@pulumi/<name>`), leaving out the SDK itself. */
function providersOf(file: string): string[] {
    const text = fs.readFileSync(file, "utf8");
    return [...text.matchAll(/from "(@pulumi\/[a-z0-9-]+)"|import "(@pulumi\/[a-z0-9-]+)"/g)].map((m) => m[1] ?? m[2]).filter((p) => p !== "@pulumi/pulumi");
}

describe("the plan-time benchmark's baseline", () => {
    it("loads exactly the provider packages the program and its components load", () => {
        const programFiles = [path.join(PROJECT_ROOT, "index.ts"), ...fs.readdirSync(path.join(PROJECT_ROOT, "components")).filter((f) => f.endsWith(".ts")).map((f) => path.join(PROJECT_ROOT, "components", f))];
        const program = new Set(programFiles.flatMap(providersOf));
        const baseline = new Set(providersOf(path.join(PROJECT_ROOT, "bench", "baselineProgram.ts")));
        assert.deepStrictEqual([...baseline].sort(), [...program].sort());
    });
});
