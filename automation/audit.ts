import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BadInputError, ConfigError } from "../topology";
import { ProbeResult } from "./probes/types";
import { Verdict } from "./rules/verdict";
import { OpCounts } from "./stackAdapter";

export type FlipAction = "failover" | "failback" | "linode-region" | "switch-data";

/**
 * succeeded: the update ran. up-failed: config is at the target, the update failed. refused: a rule
 * said no. aborted: the preview was unsafe or failed and config was restored. concurrent-update:
 * someone else holds the stack; config restored. dry-run: previewed, config restored. fence-timeout: the fence
 * of a write-region move did not reach the new region in time; config restored, nothing published.
 */
export type FlipOutcome = "succeeded" | "up-failed" | "refused" | "aborted" | "fence-timeout" | "concurrent-update" | "dry-run" | "pending";

/** One flip attempt. Only these fields are ever written: no config values, outputs or credentials. */
export interface AuditEntry {
    readonly id: string;
    readonly stack: string;
    readonly action: FlipAction;
    readonly key: string;
    readonly from: string;
    readonly to: string;
    readonly who: string;
    readonly host: string;
    /** ISO time the attempt started. */
    readonly at: string;
    readonly reason: string;
    readonly forced: boolean;
    readonly outcome: FlipOutcome;
    readonly message: string;
    readonly rules: readonly Verdict[];
    readonly health: readonly ProbeEvidence[];
    readonly changeSummary?: OpCounts;
    /** What the flip's refresh found changed outside Pulumi, one line per resource and property. */
    readonly drift?: readonly string[];
    readonly durationsMs: Readonly<Record<string, number>>;
    /** A flip back to the deployed value after a failed update: it undoes that flip. */
    readonly undo?: boolean;
    /** A flip that moves the write region: from where, to where, and the epoch it publishes. */
    readonly data?: { readonly fromRegion: string; readonly toRegion: string; readonly epoch: number; readonly consistency: string };
    /** A flip interrupted after its update started, completed by a later run: who ran that run, and when. */
    readonly completedBy?: string;
    readonly completedAt?: string;
}

/**
 * What stack config keeps of the last flip (`multicloud-dr:lastFlip`): enough for the cooldown, `status` and
 * completing an interrupted flip. The evidence (rules, health, durations) lives only in the audit log.
 */
export type LastFlip = Pick<AuditEntry, "id" | "action" | "key" | "from" | "to" | "who" | "at" | "reason" | "forced" | "outcome" | "undo">;

export function lastFlipOf(entry: LastFlip): LastFlip {
    const { id, action, key, from, to, who, at, reason, forced, outcome, undo } = entry;
    return { id, action, key, from, to, who, at, reason, forced, outcome, ...(undo ? { undo } : {}) };
}

export interface ProbeEvidence {
    readonly name: string;
    readonly target: string;
    readonly status: string;
    readonly detail: string;
    readonly ms: number;
    /** Set on samples of a failback window. */
    readonly at?: string;
}

export function evidenceOf(results: readonly ProbeResult[], at?: number): ProbeEvidence[] {
    return results.map((r) => ({
        name: r.name,
        target: r.target,
        status: r.status,
        detail: r.detail,
        ms: r.ms,
        ...(at !== undefined ? { at: new Date(at).toISOString() } : {}),
    }));
}

export interface Actor {
    readonly who: string;
    readonly host: string;
}

/** Who runs the tool: an explicit actor, the CI actor, or the local user. */
export function currentActor(env: NodeJS.ProcessEnv = process.env): Actor {
    let who = env.MULTICLOUD_DR_ACTOR || env.GITHUB_ACTOR;
    if (!who) {
        try {
            who = os.userInfo().username;
        } catch {
            who = env.USER || "unknown";
        }
    }
    return { who, host: os.hostname() };
}

/** Checked before a flip acts, so that a flip never happens without its audit line: bad input, nothing changed. */
export function checkAuditLogWritable(file: string): void {
    try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.closeSync(fs.openSync(file, "a", 0o600));
    } catch (err) {
        throw new BadInputError(`the audit log ${file} cannot be written (${(err as Error).message}): fix it or pass --audit-log <file>; nothing was changed`);
    }
}

/** Appends one JSON line; creates the directory. */
export function appendAuditLog(file: string, entry: AuditEntry): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.appendFileSync(file, `${JSON.stringify(entry)}\n`, { encoding: "utf8", mode: 0o600 });
}

export function readAuditLog(file: string): AuditEntry[] {
    if (!fs.existsSync(file)) {
        return [];
    }
    return fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as AuditEntry);
}

/** The `lastFlip` config value; malformed JSON is bad config. */
export function parseLastFlip(text: string | undefined): LastFlip | undefined {
    if (text === undefined || text === "") {
        return undefined;
    }
    let entry: unknown;
    try {
        entry = JSON.parse(text);
    } catch {
        throw new ConfigError("multicloud-dr:lastFlip", text, "must be the JSON audit entry the failover tool writes (or unset)");
    }
    const at = (entry as { at?: unknown })?.at;
    if (typeof at !== "string" || Number.isNaN(Date.parse(at))) {
        throw new ConfigError("multicloud-dr:lastFlip", text, "must be a JSON audit entry with an ISO time \"at\"");
    }
    return entry as LastFlip;
}

/** The update message: a one-line summary and the audit id (the evidence is in the audit log). */
export function updateMessage(entry: LastFlip): string {
    return `multicloud-dr ${entry.action}: ${entry.key.split(":").pop()} ${entry.from} -> ${entry.to} by ${entry.who}: ${entry.reason}\naudit id: ${entry.id}`;
}

export function newAuditId(nowMs: number): string {
    return `${new Date(nowMs).toISOString().replace(/[-:.]/g, "")}-${process.pid}`;
}
