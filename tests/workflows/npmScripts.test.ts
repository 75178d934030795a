import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "../../topology";
import { loadPipelineFiles, missingScripts, npmScriptCalls } from "./workflowFiles";

describe("npm script calls in shell steps", () => {
    const scripts = (shell: string) => npmScriptCalls(shell).map((c) => (c.prefix ? `${c.prefix}:${c.script}` : c.script));

    it("finds npm run and its aliases, with npm's options before the script name", () => {
        assert.deepStrictEqual(scripts("npm run plan -- --stack prod"), ["plan"]);
        assert.deepStrictEqual(scripts("npm run --silent dr -- failover --to linode | tee out.json"), ["dr"]);
        assert.deepStrictEqual(scripts("npm -s run-script bench"), ["bench"]);
        assert.deepStrictEqual(scripts('npm run --if-present=true "typecheck"'), ["typecheck"]);
    });

    it("treats npm test and npm start as the scripts they run", () => {
        assert.deepStrictEqual(scripts("npm test && npm t; npm start"), ["test", "test", "start"]);
    });

    it("reads each command of a multi-line script, skipping comments and npm commands that run no script", () => {
        assert.deepStrictEqual(scripts("npm ci\n# npm run commented-out\nnpm install --prefix policy\nnpm run \\\n  plan"), ["plan"]);
    });

    it("notes the package whose script runs (--prefix)", () => {
        assert.deepStrictEqual(scripts("npm run --prefix policy build && npm --prefix=policy test"), ["policy:build", "policy:test"]);
    });

    it("does not take the script's own arguments for scripts", () => {
        assert.deepStrictEqual(scripts("npm run dr -- drill --stack staging --report-dir out"), ["dr"]);
    });
});

describe("scripts the pipelines call", () => {
    it("every npm script a workflow or local action runs exists in its package.json", () => {
        const files = loadPipelineFiles(PROJECT_ROOT);
        assert.ok(files.some((f) => f.kind === "workflow"), "no workflows found");
        assert.deepStrictEqual(missingScripts(files, PROJECT_ROOT), []);
    });

    it("reports a workflow that runs a script package.json lacks", () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "npm-scripts-"));
        try {
            fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ scripts: { test: "mocha" } }));
            const doc = { jobs: { a: { steps: [{ run: "npm test" }, { run: "npm run deploy -- --stack prod" }] } } };
            const missing = missingScripts([{ kind: "workflow", doc, relativePath: "w.yml" }], root);
            assert.deepStrictEqual(missing, ['w.yml: "npm run deploy -- --stack prod" runs script "deploy", which package.json does not define']);
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });
});
