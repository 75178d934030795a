import * as crypto from "crypto";
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

/** A lock file as found: its inode (which names it while it exists) and its content, when it parses. */
interface Found {
    readonly ino: number;
    readonly info?: LockInfo;
}

const UNKNOWN_HOLDER: LockInfo = { pid: 0, host: "?", command: "?", startedAt: "?" };

/**
 * One run per stack on this machine: a lock file holding our pid. A lock left by a process that no longer runs
 * on this host is stale and taken over.
 *
 * Atomic: the lock file is written in full under a temporary name and hard-linked into place (`link` fails with
 * EEXIST if the lock exists), so nobody ever reads a partial lock. A stale lock is removed only by the process
 * that claimed `<lock>.takeover-<inode>` (also with `link`), and only if the file is still that inode and still
 * stale: two processes can never both remove it and both take the lock.
 */
export function acquireLock(dir: string, stack: string, command: string): LocalLock {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${stack}.lock`);
    const info: LockInfo = { pid: process.pid, host: os.hostname(), command, startedAt: new Date().toISOString() };
    const temp = `${file}.${process.pid}.${crypto.randomBytes(6).toString("hex")}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(info), { flag: "wx" });
    try {
        for (let attempt = 0; attempt < 3; attempt++) {
            if (link(temp, file)) {
                const ino = fs.statSync(file).ino;
                return { file, release: () => releaseIfOurs(file, ino) };
            }
            const found = readLock(file);
            if (!found) {
                continue; // released in the meantime
            }
            if (found.info && !isStale(found.info)) {
                throw new LockHeldError(file, found.info);
            }
            const guard = claim(`${file}.takeover-${found.ino}`, temp);
            if (!guard) {
                throw new LockHeldError(file, found.info ?? UNKNOWN_HOLDER); // another live run is taking it over
            }
            try {
                const still = readLock(file);
                if (still && still.ino === found.ino && (!still.info || isStale(still.info))) {
                    fs.rmSync(file, { force: true });
                }
            } finally {
                fs.rmSync(guard, { force: true });
            }
        }
        throw new LockHeldError(file, readLock(file)?.info ?? UNKNOWN_HOLDER);
    } finally {
        fs.rmSync(temp, { force: true });
    }
}

/** `link` as a test-and-set: false when the name exists. */
function link(existing: string, name: string): boolean {
    try {
        fs.linkSync(existing, name);
        return true;
    } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "EEXIST") {
            return false;
        }
        throw err;
    }
}

/**
 * Claims `name` with our info; undefined when a live process holds it. A claim left by a dead process (it crashed
 * mid-takeover) is never removed, since that would race too: the next claim is named after its inode instead.
 */
function claim(name: string, temp: string): string | undefined {
    for (let depth = 0; depth < 8; depth++) {
        if (link(temp, name)) {
            return name;
        }
        const holder = readLock(name);
        if (!holder || (holder.info && !isStale(holder.info))) {
            return undefined;
        }
        name = `${name}-${holder.ino}`;
    }
    return undefined;
}

function readLock(file: string): Found | undefined {
    let fd: number;
    try {
        fd = fs.openSync(file, "r");
    } catch {
        return undefined;
    }
    try {
        const ino = fs.fstatSync(fd).ino;
        try {
            const info = JSON.parse(fs.readFileSync(fd, "utf8"));
            return { ino, info: typeof info?.pid === "number" ? info : undefined };
        } catch {
            return { ino }; // unreadable (left by a crash of an older version): treated as stale
        }
    } finally {
        fs.closeSync(fd);
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

function releaseIfOurs(file: string, ino: number): void {
    const found = readLock(file);
    if (found?.ino === ino && found.info?.pid === process.pid) {
        fs.rmSync(file, { force: true });
    }
}
