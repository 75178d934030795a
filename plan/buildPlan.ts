import { EXIT } from "../topology";
import { Evaluation, evaluateStack } from "../offline";
import { deepChanges, diffEvaluations, flattenLeaves } from "./diff";
import { PLAN_SCHEMA_VERSION, PlanJson, StackOutputValue } from "./jsonShape";
import { estateDiagram } from "./mermaid";
import { PlaceholderIndex } from "./placeholders";
import { packPolicyRunner, policyResults, PolicyRunner } from "./policyResults";
import { PlanOptions, resolvePlanRequest } from "./request";
import { previewView } from "./previewView";
import { resourceTree } from "./resourceTree";
import { drSummary } from "./summary";
import { verdictOf } from "./verdict";

export interface PlanDependencies {
    readonly evaluate?: (stack: string, options: { overrides?: Record<string, string> }) => Promise<Evaluation>;
    /** The policy pack's runner; `null` runs no policies. Defaults to the pack, run in process. */
    readonly policyRunner?: PolicyRunner | null;
}

/**
 * Evaluates the stack offline (and again with the overrides, when there are any), diffs the two, runs the
 * policy pack on the preview view of the last evaluation, and returns the whole plan. Bad input throws before anything runs.
 */
export async function buildPlan(options: PlanOptions, deps: PlanDependencies = {}): Promise<PlanJson> {
    const evaluate = deps.evaluate ?? evaluateStack;
    const { overrides, before: beforeConfig, after: afterConfig } = resolvePlanRequest(options);
    const changing = Object.keys(overrides).length > 0;

    const before = await evaluate(options.stack, {});
    const after = changing ? await evaluate(options.stack, { overrides }) : before;
    const runner = deps.policyRunner === null ? undefined : deps.policyRunner ?? packPolicyRunner;
    // Policies see what a first `pulumi preview` would send: cloud-computed values unknown, not placeholders.
    // Derived from the evaluation above rather than a second run of the program (tests/plan/previewView.test.ts).
    const policies = await policyResults(runner, runner ? previewView(after.resources) : []);

    const summary = drSummary(afterConfig);
    const diff = changing ? diffEvaluations(before, after) : null;
    const change = diff ? { ...diff, verdict: verdictOf(diff) } : null;
    const unsafe = change !== null && !change.verdict.safe;
    return {
        schemaVersion: PLAN_SCHEMA_VERSION,
        stack: options.stack,
        overrides,
        exitCode: unsafe || policies.mandatoryViolations > 0 ? EXIT.FAILED : EXIT.OK,
        summary,
        summaryChanges: changing ? deepChanges(drSummary(beforeConfig), summary) : [],
        resources: resourceTree(after.resources),
        outputs: stackOutputs(after),
        change,
        policies,
        mermaid: estateDiagram(after, afterConfig),
    };
}

function stackOutputs(evaluation: Evaluation): StackOutputValue[] {
    const placeholders = new PlaceholderIndex(evaluation.resources);
    return Object.keys(evaluation.outputs)
        .sort()
        .map((name) => {
            const value = evaluation.outputs[name] ?? null;
            const paths = flattenLeaves(value, name)
                .filter((leaf) => placeholders.isPlaceholder(leaf.value))
                .map((leaf) => leaf.path);
            return { name, value, placeholders: paths };
        });
}
