import * as assert from "assert";
import { PolicyPackConfig } from "@pulumi/policy";
import type { RecordedResource } from "../../offline";
import { PolicyFinding, runPolicies } from "../../policy/runInProcess";
import { happyEstate } from "./fixtures";

/** The names of the policies an estate violates. */
export async function violated(estate: RecordedResource[], config?: PolicyPackConfig): Promise<string[]> {
    const findings: PolicyFinding[] = await runPolicies(estate, { config });
    return [...new Set(findings.map((f) => f.policyName))].sort();
}

/** One property change, and the policies it must (and alone may) violate. */
export interface PolicyCase {
    readonly title: string;
    readonly change: (estate: RecordedResource[]) => RecordedResource[];
    readonly violates: string[];
    readonly preview?: boolean;
    readonly config?: PolicyPackConfig;
    /** The estate the case starts from, when not the happy estate itself: a change of it that passes the named policies. */
    readonly from?: (estate: RecordedResource[]) => RecordedResource[];
}

/**
 * Declares one mocha test per case: the happy estate (default config) passes the named policies, and the same
 * estate with one change (a property, or the case's config) violates exactly the named policies.
 */
export function describeCases(cases: PolicyCase[]): void {
    for (const c of cases) {
        it(`${c.violates.join(" + ") || "no policy"}: ${c.title}${c.preview ? " (preview)" : ""}`, async () => {
            const start = () => (c.from ?? ((estate) => estate))(happyEstate({ preview: c.preview }));
            const happy = await violated(start());
            assert.deepStrictEqual(happy.filter((name) => c.violates.includes(name)), [], "the happy estate already violates it");
            const broken = await violated(c.change(start()), c.config);
            assert.deepStrictEqual(broken, [...c.violates].sort());
        });
    }
}
