import { BadInputError } from "../../topology";
import { isProductionStack } from "../drill/drill";
import { RecoveryPlan } from "./planTypes";

/**
 * The plan `--practice` runs: each stack replaced by its practice stack (its `practice` field, else itself
 * unless it is a production stack), stacks mapping to the same practice stack merged. Like a drill, it never
 * touches a production stack.
 */
export function practicePlan(plan: RecoveryPlan): { plan: RecoveryPlan; mapping: Record<string, string> } {
    const mapping: Record<string, string> = {};
    for (const stack of plan.stacks) {
        const practice = stack.practice ?? stack.name;
        if (isProductionStack(practice)) {
            throw new BadInputError(
                stack.practice
                    ? `--practice: the practice stack of "${stack.name}" is a production stack ("${practice}")`
                    : `--practice: stack "${stack.name}" is a production stack and names no practice stack: add "practice: <staging stack>" to it`,
            );
        }
        mapping[stack.name] = practice;
    }
    const names = [...new Set(Object.values(mapping))];
    return {
        mapping,
        plan: {
            ...plan,
            stacks: names.map((name) => ({ name })),
            steps: plan.steps.map((step) => ("stacks" in step && step.stacks ? { ...step, stacks: [...new Set(step.stacks.map((s) => mapping[s]))] } : step)),
        },
    };
}
