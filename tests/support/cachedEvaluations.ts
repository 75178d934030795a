import { Evaluation, evaluateStack } from "../../offline";

const cache = new Map<string, Promise<Evaluation>>();

/**
 * `evaluateStack`, evaluated once per stack, overrides and mode for the whole test run: an evaluation takes
 * seconds, and the plan tests ask for the same ones many times.
 */
export function cachedEvaluate(stack: string, options: { overrides?: Record<string, string>; preview?: boolean } = {}): Promise<Evaluation> {
    const overrides = Object.entries(options.overrides ?? {}).sort(([a], [b]) => a.localeCompare(b));
    const key = JSON.stringify([stack, options.preview === true, overrides]);
    let evaluation = cache.get(key);
    if (!evaluation) {
        evaluation = evaluateStack(stack, options);
        cache.set(key, evaluation);
    }
    return evaluation;
}
