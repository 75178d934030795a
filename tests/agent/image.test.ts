import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const AGENT = path.join(ROOT, "agent");
const dockerfile = fs.readFileSync(path.join(AGENT, "Dockerfile"), "utf8");
const instructions = dockerfile
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
const stages = instructions.reduce<string[][]>((all, line) => (line.startsWith("FROM ") ? [...all, [line]] : all.length ? [...all.slice(0, -1), [...all[all.length - 1], line]] : all), []);

/** Packages the agent's sources import by name (not relative, not node: builtins). */
function importedPackages(): string[] {
    const names = new Set<string>();
    for (const file of fs.readdirSync(AGENT).filter((f) => f.endsWith(".ts"))) {
        for (const match of fs.readFileSync(path.join(AGENT, file), "utf8").matchAll(/(?:from\s+|import\()\s*"([^"]+)"/g)) {
            if (!match[1].startsWith(".") && !match[1].startsWith("node:")) {
                names.add(match[1]);
            }
        }
    }
    return [...names].sort();
}

function pickedIn(stage: string[]): string[] {
    const run = stage.find((line) => line.startsWith("RUN ") && line.includes("pick-dependencies.js"));
    assert.ok(run, "the stage picks its dependencies");
    return run.split(">")[0].split(/\s+/).slice(4).filter((word) => word !== "").sort();
}

describe("agent image definition (static: docker does not run here)", () => {
    it("builds in stages from a Node 20 image and runs as a non-root user", () => {
        assert.match(instructions[0], /^ARG NODE_IMAGE=node:20(\.\d+)*-/);
        assert.deepEqual(stages.map((s) => s[0]), ["FROM ${NODE_IMAGE} AS build", "FROM ${NODE_IMAGE} AS deps", "FROM ${NODE_IMAGE}"]);
        const final = stages[2];
        assert.ok(final.includes("USER node"));
        assert.deepEqual(final.filter((l) => l.startsWith("COPY")), ["COPY --from=deps /app/node_modules node_modules", "COPY --from=build /src/dist/agent agent"]);
    });

    it("starts the compiled entry point of agent/main.ts", () => {
        const cmd = instructions.filter((l) => l.startsWith("CMD "));
        assert.deepEqual(cmd, ['CMD ["node", "agent/main.js"]']);
        assert.ok(fs.existsSync(path.join(AGENT, "main.ts")));
        const tsconfig = JSON.parse(fs.readFileSync(path.join(AGENT, "tsconfig.json"), "utf8"));
        // dist/agent/main.js, copied to /app/agent/main.js
        assert.equal(path.resolve(AGENT, tsconfig.compilerOptions.outDir), path.join(ROOT, "dist", "agent"));
        assert.equal(tsconfig.compilerOptions.rootDir, ".");
        assert.ok(stages[0].includes("RUN npx tsc -p agent/tsconfig.json"));
        assert.deepEqual(tsconfig.compilerOptions.types, ["node"], "the build stage installs no test types");
    });

    it("exposes the port it listens on", () => {
        const listen = /MCDR_LISTEN=(\S+)/.exec(dockerfile)?.[1];
        assert.equal(listen, "0.0.0.0:8080");
        assert.ok(instructions.includes(`EXPOSE ${listen?.split(":")[1]}`));
    });

    it("installs exactly the packages the agent imports at runtime, and the compiler for the build", () => {
        assert.deepEqual(pickedIn(stages[1]), importedPackages());
        assert.deepEqual(pickedIn(stages[0]), [...importedPackages(), "@types/node", "typescript"].sort());
    });

    it("pins them at the repository's versions", () => {
        const root = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
        const out = execFileSync(process.execPath, [path.join(AGENT, "docker", "pick-dependencies.js"), path.join(ROOT, "package.json"), "@aws-sdk/client-ssm", "typescript"], { encoding: "utf8" });
        assert.deepEqual(JSON.parse(out).dependencies, { "@aws-sdk/client-ssm": root.dependencies["@aws-sdk/client-ssm"], typescript: root.dependencies.typescript });
        assert.throws(() => execFileSync(process.execPath, [path.join(AGENT, "docker", "pick-dependencies.js"), path.join(ROOT, "package.json"), "left-pad"], { stdio: "pipe" }), /left-pad is not a dependency/);
    });

    it("sends only what it copies in the build context", () => {
        const ignore = fs.readFileSync(path.join(AGENT, "Dockerfile.dockerignore"), "utf8").split("\n").filter((l) => l.trim() && !l.startsWith("#"));
        assert.equal(ignore[0], "*");
        const allowed = ignore.filter((l) => l.startsWith("!")).map((l) => l.slice(1));
        const sources = instructions.filter((l) => l.startsWith("COPY ") && !l.includes("--from=")).flatMap((l) => l.split(/\s+/).slice(1, -1));
        for (const source of sources) {
            assert.ok(allowed.some((a) => source === a || source.startsWith(a) || `${source}/` === a), `${source} is in the context`);
        }
    });
});
