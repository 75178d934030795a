import { spawn } from "child_process";
import * as path from "path";
import { run } from "../../cli/main";
import { PROJECT_ROOT } from "../../topology";

export interface CliRun {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

/**
 * `bin/multicloud-dr` as a child process, as `npm run plan` / `npm run dr` run it. With `env`, the child gets
 * only PATH plus those variables (nothing of this machine's environment leaks in); without, it inherits ours.
 */
export function runCliChild(args: readonly string[], env?: Record<string, string>): Promise<CliRun> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [path.join(PROJECT_ROOT, "bin", "multicloud-dr"), ...args], {
            cwd: PROJECT_ROOT,
            env: env ? { PATH: process.env.PATH ?? "", ...env } : process.env,
            stdio: ["ignore", "pipe", "pipe"],
        });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on("data", (d) => out.push(d));
        child.stderr.on("data", (d) => err.push(d));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
    });
}

/**
 * The same CLI in this process, which saves a process start per case: what it prints is captured, and `env` is set
 * for the run and restored after it.
 */
export async function runCliInProcess(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    const out: string[] = [];
    const err: string[] = [];
    const write = { out: process.stdout.write, err: process.stderr.write };
    process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
        const code = await run(args);
        return { code, stdout: out.join(""), stderr: err.join("") };
    } finally {
        process.stdout.write = write.out;
        process.stderr.write = write.err;
        for (const [k, v] of Object.entries(saved)) {
            if (v === undefined) {
                delete process.env[k];
            } else {
                process.env[k] = v;
            }
        }
    }
}
