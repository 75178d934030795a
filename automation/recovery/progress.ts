import { escapeControl } from "../terminalText";

/** Writes one whole line (a single write call, so lines from stacks running at once never interleave). */
export type LineSink = (line: string) => void;

/** Progress of one stack: every line prefixed `[stack]`; streamed text (the update's output) is cut into whole lines. */
export interface StackProgress {
    readonly log: (line: string) => void;
    readonly stream: (text: string) => void;
    /** Writes what is left of a streamed line. */
    readonly flush: () => void;
}

export function stackProgress(sink: LineSink, stack: string): StackProgress {
    const prefix = `[${stack}] `;
    let partial = "";
    const emit = (line: string) => sink(`${prefix}${escapeControl(line)}`);
    return {
        log: (line) => line.split("\n").forEach(emit),
        stream: (text) => {
            const lines = (partial + text).split("\n");
            partial = lines.pop() ?? "";
            lines.forEach(emit);
        },
        flush: () => {
            if (partial) {
                emit(partial);
                partial = "";
            }
        },
    };
}
