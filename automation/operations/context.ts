import type { ExitCode } from "../../topology";
import { Actor } from "../audit";
import { Clock } from "../clock";
import type { Notifier } from "../notify/types";
import type { CertificateReader } from "../probes/certificate";
import { ProbeResult } from "../probes/types";
import type { RegionalTable } from "../fence/regionalTable";
import type { FlipRule } from "../rules/rule";
import { DrStack } from "../stackAdapter";
import { StackState } from "../stackState";

/** Runs probes of the estate described by a stack state; `only` limits them to some probe names. */
export type HealthProber = (state: StackState, only?: readonly string[]) => Promise<ProbeResult[]>;

/** Everything an operation touches, injected so that the rules are tested with fakes and a fake clock. */
export interface DrContext {
    readonly stack: DrStack;
    readonly clock: Clock;
    readonly probe: HealthProber;
    /** Asks the operator; undefined when nobody can answer (no TTY). */
    readonly confirm?: (question: string) => Promise<boolean>;
    /** The JSON-lines audit log. */
    readonly auditLog: string;
    /** Where the local lock files live. */
    readonly lockDir: string;
    readonly actor: Actor;
    /** Progress for humans (stderr). */
    readonly log: (line: string) => void;
    /** The update's streamed output. */
    readonly onUpOutput?: (text: string) => void;
    /** Announces flips (webhook); never fails the flip. */
    readonly notify?: Notifier;
    /** Reads the certificates the site endpoints serve (status, watch); undefined: not read. */
    readonly certificates?: CertificateReader;
    /** Opens the stack's global table region by region (the fence, the replication measurement); undefined: no DynamoDB access. */
    readonly openTable?: (tableName: string, timeoutMs: number) => RegionalTable;
    /** The flip's safety rules; default `FLIP_RULES`. */
    readonly rules?: readonly FlipRule[];
}

/** What a command reports: an exit code, one human sentence, and the details for `--json`. */
export interface OperationResult<T = Record<string, unknown>> {
    readonly exitCode: ExitCode;
    readonly message: string;
    readonly data: T;
    /** The one line the CLI prints as `error: ...` on a non-zero exit; default `message`. */
    readonly failureLine?: string;
}
