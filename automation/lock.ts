import * as fs from "fs";
import * as os from "os";
import * as path from "path";

interface LockInfo {
    readonly pid: number;
    readonly host: string;
    readonly command: string;
    readonly startedAt: string;
}

export class LockHeldError extends Error {
    constructor(
        public readonly file: string,
        public readonly holder: LockInfo,
    ) {
        super(`another multicloud-dr run holds ${file} (pid ${holder.pid} on ${holder.host}, "${holder.command}", since ${holder.startedAt})`);
        this.name = "LockHeldError";
    }
}

export interface LocalLock {
    readonly file: string;
    release(): void;
}

/**
 * One run per stack on this machine: an exclusive lock file holding our pid. A lock left by a process
 * that no longer runs on this host is stale and taken over.
 */
export function acquireLock(dir: string, stack: string, command: string): LocalLock {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${stack}.lock`);
    const info: LockInfo = { pid: process.pid, host: os.hostname(), command, startedAt: new Date().toISOString() };
    for (let attempt = 0; attempt < 2; attempt++) {
        try {
            fs.writeFileSync(file, JSON.stringify(info), { flag: "wx" });
            return { file, release: () => releaseIfOurs(file) };
        } catch (err) {
            if ((err as NodeJS.ErrnoException).code !== "EEXIST") {
                throw err;
            }
            const holder = readHolder(file);
            if (holder && !isStale(holder)) {
                throw new LockHeldError(file, holder);
            }
            fs.rmSync(file, { force: true });
        }
    }
    throw new LockHeldError(file, readHolder(file) ?? { pid: 0, host: "?", command: "?", startedAt: "?" });
}

function readHolder(file: string): LockInfo | undefined {
    try {
        const info = JSON.parse(fs.readFileSync(file, "utf8"));
        return typeof info?.pid === "number" ? info : undefined;
    } catch {
        return undefined; // unreadable: treated as stale
    }
}

function isStale(holder: LockInfo): boolean {
    if (holder.host !== os.hostname()) {
        return false; // a shared directory: we cannot tell, so it stands
    }
    try {
        process.kill(holder.pid, 0);
        return false;
    } catch (err) {
        return (err as NodeJS.ErrnoException).code === "ESRCH";
    }
}

function releaseIfOurs(file: string): void {
    const holder = readHolder(file);
    if (holder?.pid === process.pid) {
        fs.rmSync(file, { force: true });
    }
}
