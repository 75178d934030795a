import { register } from "node:module";

/**
 * GitHub's own workflow and action schema (`@actions/workflow-parser`, the parser behind the Actions language
 * service), used from this CommonJS project.
 *
 * The package is ESM-only and imports its schema JSON without an import attribute, which Node 20 refuses. A
 * loader hook adds `type: "json"` to those imports; `import()` goes through `new Function` because TypeScript's
 * CommonJS output would turn it into `require()`, which the package's exports do not allow.
 */
const JSON_IMPORT_HOOK = `
export async function load(url, context, nextLoad) {
    if (url.endsWith(".json") && url.includes("/@actions/")) {
        return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: "json" } });
    }
    return nextLoad(url, context);
}`;

const importEsm = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<any>;

interface Modules {
    workflows: any;
    actions: any;
    expressions: any;
}

let loading: Promise<Modules> | undefined;

function modules(): Promise<Modules> {
    if (!loading) {
        register(`data:text/javascript,${encodeURIComponent(JSON_IMPORT_HOOK)}`);
        loading = Promise.all([
            importEsm("@actions/workflow-parser"),
            importEsm("@actions/workflow-parser/actions/index"),
            importEsm("@actions/expressions"),
        ]).then(([workflows, actions, expressions]) => ({ workflows, actions, expressions }));
    }
    return loading;
}

function messages(errors: { getErrors(): { message: string }[] }): string[] {
    return errors.getErrors().map((e) => e.message);
}

/** Schema and semantic errors of a workflow file (unknown keys, bad expressions, cron, `needs` on unknown jobs). */
export async function workflowErrors(fileName: string, content: string): Promise<string[]> {
    const { workflows } = await modules();
    const parsed = workflows.parseWorkflow({ name: fileName, content }, new workflows.NoOperationTraceWriter());
    if (parsed.value === undefined || parsed.context.errors.getErrors().length > 0) {
        return messages(parsed.context.errors);
    }
    await workflows.convertWorkflowTemplate(parsed.context, parsed.value);
    return messages(parsed.context.errors);
}

/** Schema errors of an `action.yml` (composite action) file. */
export async function actionErrors(fileName: string, content: string): Promise<string[]> {
    const { workflows, actions } = await modules();
    const parsed = actions.parseAction({ name: fileName, content }, new workflows.NoOperationTraceWriter());
    return messages(parsed.context.errors);
}

/**
 * Evaluates a GitHub Actions expression (the text inside `${{ }}`) against plain context data, e.g.
 * `{ inputs: { stack: "prod" } }`, and returns the result as a string, as a runner would for a string field.
 */
export async function evaluateExpression(expression: string, context: Record<string, unknown>): Promise<string> {
    const { expressions } = await modules();
    const lexed = new expressions.Lexer(expression).lex();
    const tree = new expressions.Parser(lexed.tokens, Object.keys(context), []).parse();
    const data = JSON.parse(JSON.stringify(context), expressions.data.reviver);
    return new expressions.Evaluator(tree, data).evaluate().coerceString();
}

/** A string field's value: expressions (`${{ }}`) evaluated against the context, the rest kept literally. */
export async function evaluateField(value: string, context: Record<string, unknown>): Promise<string> {
    const parts = value.split(/(\$\{\{[\s\S]*?\}\})/);
    const evaluated = await Promise.all(
        parts.map((part) => (part.startsWith("${{") ? evaluateExpression(part.slice(3, -2).trim(), context) : part)),
    );
    return evaluated.join("");
}
