import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";

/** A pipeline file: a workflow under .github/workflows, or a local composite action under .github/actions. */
export interface PipelineFile {
    readonly kind: "workflow" | "action";
    /** Path from the project root, with forward slashes. */
    readonly relativePath: string;
    readonly content: string;
    /** The YAML document as plain data (undefined when the YAML does not parse). */
    readonly doc: any;
    /** YAML syntax errors, one line each. */
    readonly yamlErrors: string[];
}

const YAML_FILE = /\.ya?ml$/;

export function workflowPaths(root: string): string[] {
    const dir = path.join(root, ".github", "workflows");
    return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => YAML_FILE.test(f)).sort().map((f) => `.github/workflows/${f}`) : [];
}

export function actionPaths(root: string): string[] {
    const dir = path.join(root, ".github", "actions");
    if (!fs.existsSync(dir)) {
        return [];
    }
    return fs
        .readdirSync(dir)
        .sort()
        .flatMap((name) => ["action.yml", "action.yaml"].map((file) => `.github/actions/${name}/${file}`))
        .filter((p) => fs.existsSync(path.join(root, p)));
}

export function loadPipelineFiles(root: string): PipelineFile[] {
    const load = (kind: PipelineFile["kind"], relativePath: string): PipelineFile => {
        const content = fs.readFileSync(path.join(root, relativePath), "utf8");
        const parsed = YAML.parseDocument(content);
        const yamlErrors = parsed.errors.map((e) => e.message.split("\n")[0]);
        return { kind, relativePath, content, doc: yamlErrors.length === 0 ? parsed.toJS() : undefined, yamlErrors };
    };
    return [...workflowPaths(root).map((p) => load("workflow", p)), ...actionPaths(root).map((p) => load("action", p))];
}

/** Every step of a workflow (all jobs) or of a composite action. */
export function stepsOf(file: Pick<PipelineFile, "kind" | "doc">): any[] {
    if (file.kind === "action") {
        return file.doc?.runs?.steps ?? [];
    }
    return Object.values(file.doc?.jobs ?? {}).flatMap((job: any) => job?.steps ?? []);
}

/** One `npm` invocation that runs a package.json script. */
export interface NpmScriptCall {
    readonly script: string;
    /** The directory given with `--prefix`, whose package.json holds the script; undefined for the project root. */
    readonly prefix?: string;
    readonly command: string;
}

const RUN_ALIASES = new Set(["run", "run-script", "rum", "urn"]);
/** npm's shorthands for `npm run <name>`. */
const SCRIPT_SHORTHANDS: Record<string, string> = { test: "test", t: "test", tst: "test", start: "start", stop: "stop", restart: "restart" };
const OPTIONS_WITH_VALUE = new Set(["--prefix", "-C", "--workspace", "-w", "--loglevel", "--script-shell"]);

/** Splits shell text into simple commands' words (quotes honoured; no expansion). */
function simpleCommands(shell: string): string[][] {
    const commands: string[][] = [];
    let words: string[] = [];
    let word = "";
    let inWord = false;
    const endWord = () => {
        if (inWord) {
            words.push(word);
        }
        word = "";
        inWord = false;
    };
    const endCommand = () => {
        endWord();
        if (words.length > 0) {
            commands.push(words);
        }
        words = [];
    };
    for (let i = 0; i < shell.length; i++) {
        const c = shell[i];
        if (c === "'" || c === '"') {
            const close = shell.indexOf(c, i + 1);
            const end = close === -1 ? shell.length : close;
            word += shell.slice(i + 1, end);
            inWord = true;
            i = end;
        } else if (c === "\\" && shell[i + 1] === "\n") {
            i++;
        } else if (c === "#" && !inWord) {
            const eol = shell.indexOf("\n", i);
            i = eol === -1 ? shell.length : eol - 1;
        } else if ("\n;|&()".includes(c)) {
            endCommand();
        } else if (c === " " || c === "\t") {
            endWord();
        } else {
            word += c;
            inWord = true;
        }
    }
    endCommand();
    return commands;
}

/** The package.json scripts a piece of shell runs through npm (`npm run x`, `npm test`, `npm run --prefix d x`). */
export function npmScriptCalls(shell: string): NpmScriptCall[] {
    const calls: NpmScriptCall[] = [];
    for (const words of simpleCommands(shell)) {
        const npmAt = words.findIndex((w) => w === "npm" || w.endsWith("/npm"));
        if (npmAt === -1) {
            continue;
        }
        let prefix: string | undefined;
        let subcommand: string | undefined;
        let script: string | undefined;
        for (let i = npmAt + 1; i < words.length; i++) {
            const w = words[i];
            if (w === "--") {
                break;
            }
            if (w.startsWith("-")) {
                const [flag, inlineValue] = w.split(/=(.*)/s, 2);
                const value = inlineValue ?? (OPTIONS_WITH_VALUE.has(flag) ? words[++i] : undefined);
                if (flag === "--prefix" || flag === "-C") {
                    prefix = value;
                }
                continue;
            }
            if (subcommand === undefined) {
                subcommand = w;
                if (SCRIPT_SHORTHANDS[w] !== undefined) {
                    script = SCRIPT_SHORTHANDS[w];
                    break;
                }
                if (!RUN_ALIASES.has(w)) {
                    break;
                }
                continue;
            }
            script = w;
            break;
        }
        if (script !== undefined) {
            calls.push({ script, prefix, command: words.join(" ") });
        }
    }
    return calls;
}

/** The `scripts` of the package.json in `dir` (empty when there is no package.json). */
export function packageScripts(dir: string): Record<string, string> {
    const file = path.join(dir, "package.json");
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")).scripts ?? {}) : {};
}

/** `npm` script calls in these files whose package.json (the root's, or `--prefix`'s) has no such script. */
export function missingScripts(files: readonly Pick<PipelineFile, "kind" | "doc" | "relativePath">[], root: string): string[] {
    const missing: string[] = [];
    for (const file of files) {
        for (const step of stepsOf(file)) {
            for (const call of typeof step?.run === "string" ? npmScriptCalls(step.run) : []) {
                const dir = path.resolve(root, call.prefix ?? ".");
                if (!Object.prototype.hasOwnProperty.call(packageScripts(dir), call.script)) {
                    const where = call.prefix === undefined ? "package.json" : `${call.prefix}/package.json`;
                    missing.push(`${file.relativePath}: "${call.command}" runs script "${call.script}", which ${where} does not define`);
                }
            }
        }
    }
    return missing;
}
