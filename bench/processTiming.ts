import { spawnSync } from "child_process";
import { PROJECT_ROOT } from "../topology";

/** Wall time of one command run to completion, in ms; a non-zero exit is an error (a benchmark of a failure is not one). */
export function timeCommand(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): number {
    const started = process.hrtime.bigint();
    const run = spawnSync(command, args, { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (run.status !== 0) {
        const tail = `${run.stdout ?? ""}\n${run.stderr ?? ""}`.trim().split("\n").slice(-5).join(" | ");
        throw new Error(`${command} ${args.join(" ")} exited ${run.status}: ${tail}`);
    }
    return ms;
}

/** Runs `fn` `reps` times and returns every sample. */
export function repeat(reps: number, fn: () => number): number[] {
    return Array.from({ length: reps }, fn);
}
