import * as YAML from "yaml";
import { evaluateField } from "./githubActionsSchema";
import { PipelineFile, stepsOf } from "./workflowFiles";

/**
 * The rules our pipelines keep, each a function from parsed YAML to a list of violations (empty = kept), so a
 * test can show a rule catching a broken workflow as well as passing ours.
 */

export const PROD_STACK = "prod";
export const PROTECTED_ENVIRONMENT = "production";
/** The concurrency group that serializes every change of one stack (failover, failback, drill, update). */
export const stackLock = (stack: string): string => `failover-${stack}`;

const CLOUD_AUTH_ACTIONS = [/^\.\/\.github\/actions\/cloud-auth$/, /^aws-actions\/configure-aws-credentials@/, /^google-github-actions\/auth@/];
const LONG_LIVED_KEYS = /aws-access-key-id|aws-secret-access-key|aws-session-token|credentials_json|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|GOOGLE_CREDENTIALS|GOOGLE_APPLICATION_CREDENTIALS_JSON/;
const PINNED_USES = /^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/;
/** Values a user controls, which a `run:` script must receive through `env`, never spliced in by `${{ }}`. */
const SPLICED_USER_INPUT = /\$\{\{[^}]*\b(inputs|github\.event)\./;
const MUTATING_RUN = /\bpulumi\s+(up|update|destroy|refresh)\b|\bdr\s+--\s+(failover|failback|drill)\b|multicloud-dr\s+(failover|failback|drill)\b/;
const MUTATING_PULUMI_COMMANDS = new Set(["up", "update", "destroy", "refresh"]);

export function isPulumiAction(step: any): boolean {
    return typeof step?.uses === "string" && step.uses.startsWith("pulumi/actions@");
}

/** Does this job change a stack (update, refresh, destroy, failover, failback, drill)? */
export function isMutatingJob(job: any): boolean {
    return (job?.steps ?? []).some(
        (step: any) =>
            (isPulumiAction(step) && MUTATING_PULUMI_COMMANDS.has(String(step.with?.command))) ||
            (typeof step?.run === "string" && MUTATING_RUN.test(step.run)),
    );
}

/** The stacks a job can act on: from `inputs.stack` choices, `matrix.stack`, or literal stack names in its steps. */
export function stacksOfJob(workflow: any, job: any, knownStacks: readonly string[]): string[] {
    const text = YAML.stringify(job);
    if (/\binputs\.stack\b/.test(text)) {
        return workflow?.on?.workflow_dispatch?.inputs?.stack?.options ?? [];
    }
    if (/\bmatrix\.stack\b/.test(text)) {
        return job?.strategy?.matrix?.stack ?? [];
    }
    const found = new Set<string>();
    for (const step of job?.steps ?? []) {
        for (const value of [step?.with?.["stack-name"], step?.with?.stack]) {
            if (typeof value === "string") {
                found.add(value);
            }
        }
        for (const m of String(step?.run ?? "").matchAll(/--stack[ =]"?([A-Za-z0-9_.-]+)/g)) {
            found.add(m[1]);
        }
    }
    return [...found].filter((s) => knownStacks.includes(s));
}

function contextFor(stack: string): Record<string, unknown> {
    return { inputs: { stack }, matrix: { stack }, github: {}, vars: {}, env: {} };
}

function environmentName(job: any): string | undefined {
    const env = job?.environment;
    return typeof env === "string" ? env : env?.name;
}

/** Every job that changes a stack runs in a GitHub environment, and for prod in the protected one. */
export async function environmentViolations(workflow: any, knownStacks: readonly string[]): Promise<string[]> {
    const violations: string[] = [];
    for (const [id, job] of Object.entries<any>(workflow?.jobs ?? {})) {
        if (!isMutatingJob(job)) {
            continue;
        }
        const stacks = stacksOfJob(workflow, job, knownStacks);
        if (stacks.length === 0) {
            violations.push(`job ${id} changes a stack but names none of ${knownStacks.join(", ")}`);
        }
        for (const stack of stacks) {
            const name = environmentName(job);
            const resolved = name === undefined ? undefined : await evaluateField(name, contextFor(stack));
            if (!resolved) {
                violations.push(`job ${id} changes ${stack} outside a GitHub environment`);
            } else if (stack === PROD_STACK && resolved !== PROTECTED_ENVIRONMENT) {
                violations.push(`job ${id} changes ${stack} in environment "${resolved}", not "${PROTECTED_ENVIRONMENT}"`);
            }
        }
    }
    return violations;
}

/** Every job that changes a stack holds that stack's lock (`failover-<stack>`), never cancelling a run in progress. */
export async function concurrencyViolations(workflow: any, knownStacks: readonly string[]): Promise<string[]> {
    const violations: string[] = [];
    for (const [id, job] of Object.entries<any>(workflow?.jobs ?? {})) {
        if (!isMutatingJob(job)) {
            continue;
        }
        const concurrency = job.concurrency ?? workflow.concurrency;
        const group = typeof concurrency === "string" ? concurrency : concurrency?.group;
        const cancel = typeof concurrency === "object" ? concurrency["cancel-in-progress"] : undefined;
        if (cancel !== false) {
            violations.push(`job ${id}: cancel-in-progress must be false (a cancelled update leaves the stack mid-change)`);
        }
        for (const stack of stacksOfJob(workflow, job, knownStacks)) {
            const resolved = group === undefined ? undefined : await evaluateField(String(group), contextFor(stack));
            if (resolved !== stackLock(stack)) {
                violations.push(`job ${id} changes ${stack} in concurrency group "${resolved ?? "(none)"}", not "${stackLock(stack)}"`);
            }
        }
    }
    return violations;
}

function usesCloudAuth(steps: any[]): boolean {
    return steps.some((s) => typeof s?.uses === "string" && CLOUD_AUTH_ACTIONS.some((re) => re.test(s.uses)));
}

/** Jobs that get cloud credentials by OIDC must be allowed to request the token (`id-token: write`). */
export function oidcViolations(workflow: any): string[] {
    return Object.entries<any>(workflow?.jobs ?? {})
        .filter(([, job]) => usesCloudAuth(job?.steps ?? []))
        .filter(([, job]) => (job.permissions ?? workflow.permissions)?.["id-token"] !== "write")
        .map(([id]) => `job ${id} authenticates by OIDC without permissions: id-token: write`);
}

/** No stored cloud keys: AWS and Google credentials come from OIDC only. */
export function longLivedKeyViolations(file: Pick<PipelineFile, "relativePath" | "content">): string[] {
    return file.content
        .split("\n")
        .map((line, i) => ({ line, n: i + 1 }))
        .filter(({ line }) => !line.trim().startsWith("#") && LONG_LIVED_KEYS.test(line))
        .map(({ line, n }) => `${file.relativePath}:${n}: long-lived cloud key: ${line.trim()}`);
}

/** Third-party actions pinned to at least a major version (or a commit); local actions by path. */
export function unpinnedActions(file: Pick<PipelineFile, "kind" | "doc" | "relativePath">): string[] {
    return stepsOf(file)
        .map((s) => s?.uses)
        .filter((uses): uses is string => typeof uses === "string")
        .filter((uses) => !uses.startsWith("./") && !PINNED_USES.test(uses))
        .map((uses) => `${file.relativePath}: "${uses}" is not pinned to a version`);
}

/** `run:` scripts never splice user-controlled values (`inputs.*`, `github.event.*`) into the shell. */
export function scriptInjectionViolations(file: Pick<PipelineFile, "kind" | "doc" | "relativePath">): string[] {
    return stepsOf(file)
        .filter((s) => typeof s?.run === "string" && SPLICED_USER_INPUT.test(s.run))
        .map((s) => `${file.relativePath}: step "${s.name ?? s.run.split("\n")[0]}" splices user input into its script; pass it through env`);
}

/** Every `inputs.<name>` a file references is declared (workflow_dispatch inputs, or the action's inputs). */
export function undeclaredInputs(file: Pick<PipelineFile, "kind" | "doc" | "content" | "relativePath">): string[] {
    const declared = Object.keys((file.kind === "action" ? file.doc?.inputs : file.doc?.on?.workflow_dispatch?.inputs) ?? {});
    const referenced = new Set([...file.content.matchAll(/\binputs\.([A-Za-z_][\w-]*)/g)].map((m) => m[1]));
    return [...referenced].filter((name) => !declared.includes(name)).map((name) => `${file.relativePath}: inputs.${name} is not declared`);
}

/** The `secrets.X` and `vars.X` names a file reads (what a team must configure). */
export function configuredNames(content: string): { secrets: string[]; vars: string[] } {
    const names = (ctx: string) =>
        [...new Set([...content.matchAll(new RegExp(`\\b${ctx}\\.([A-Za-z_][A-Za-z0-9_]*)`, "g"))].map((m) => m[1]))].sort();
    return { secrets: names("secrets").filter((n) => n !== "GITHUB_TOKEN"), vars: names("vars") };
}
