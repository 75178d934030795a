import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import { REGISTER_HOOK } from "../support/registerHook";

const ROOT = path.resolve(__dirname, "../..");
export const AGENT_MAIN = path.join(ROOT, "agent", "main.ts");

export interface AgentProcess {
    /** `http://127.0.0.1:<port>` */
    readonly url: string;
    readonly stdout: string[];
    get(pathname: string): Promise<{ status: number; body: string; ms: number }>;
    stop(): Promise<void>;
}

export interface Exited {
    readonly code: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/**
 * The environment the agent gets, and nothing else from this process's: dummy credentials, no shared
 * config files, no instance metadata, and the AWS endpoints overridden to loopback servers.
 */
export function agentEnv(settings: Record<string, string>): Record<string, string> {
    return {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        AWS_ACCESS_KEY_ID: "test",
        AWS_SECRET_ACCESS_KEY: "test",
        AWS_CONFIG_FILE: "/nonexistent/aws-config",
        AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws-credentials",
        AWS_EC2_METADATA_DISABLED: "true",
        ...settings,
    };
}

function spawnAgent(env: Record<string, string>): ChildProcess {
    return spawn(process.execPath, ["-r", REGISTER_HOOK, AGENT_MAIN], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
}

/** Runs the agent until it exits by itself (bad environment). */
export function runAgentToExit(env: Record<string, string>): Promise<Exited> {
    const child = spawnAgent(env);
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stdout, stderr })));
}

/** Starts the agent (listening on 127.0.0.1, port 0) and waits for its `listening` line. */
export async function startAgent(env: Record<string, string>): Promise<AgentProcess> {
    const child = spawnAgent(env);
    const lines: string[] = [];
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
        let partial = "";
        child.stdout?.on("data", (d: Buffer) => {
            partial += d.toString();
            const complete = partial.split("\n");
            partial = complete.pop() ?? "";
            for (const line of complete) {
                lines.push(line);
                const event = JSON.parse(line) as { event: string; url?: string };
                if (event.event === "listening" && event.url) {
                    resolve(event.url);
                }
            }
        });
        child.on("exit", (code) => reject(new Error(`agent exited (${code}) before listening: ${stderr}`)));
    });
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    return {
        url,
        stdout: lines,
        async get(pathname) {
            const started = Date.now();
            const response = await fetch(`${url}${pathname}`);
            const body = await response.text();
            return { status: response.status, body, ms: Date.now() - started };
        },
        async stop() {
            child.kill("SIGTERM");
            await exited;
        },
    };
}

/** Polls until `check` returns a value, or fails after `withinMs`. */
export async function eventually<T>(withinMs: number, check: () => Promise<T | undefined>): Promise<{ value: T; ms: number }> {
    const started = Date.now();
    for (;;) {
        const value = await check();
        if (value !== undefined) {
            return { value, ms: Date.now() - started };
        }
        if (Date.now() - started > withinMs) {
            throw new Error(`condition not met within ${withinMs} ms`);
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
    }
}
