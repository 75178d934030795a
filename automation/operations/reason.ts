import { BadInputError } from "../../topology";
import { CONTROL_CHARACTERS, escapeControl } from "../terminalText";

/** Long enough for an incident id and a sentence; short enough for stack config and an update message. */
export const MAX_REASON_LENGTH = 500;

/** A reason goes into the audit log, stack config and the update message, and is printed back by `status`. */
export function checkReason(reason: string, command: string): void {
    if (reason.length > MAX_REASON_LENGTH) {
        throw new BadInputError(`${command}: --reason is too long (${reason.length} characters; the limit is ${MAX_REASON_LENGTH} characters)`);
    }
    const control = new RegExp(CONTROL_CHARACTERS.source).exec(reason);
    if (control) {
        throw new BadInputError(`${command}: --reason must not contain control characters (found ${escapeControl(control[0])} at position ${control.index}): use one line of plain text`);
    }
}

/** `--reason` is required: it goes into the audit log. */
export function requireReason(reason: string | undefined, command: string): string {
    if (!reason || reason.trim() === "") {
        throw new BadInputError(`${command} needs --reason "<why>" (it goes into the audit log)`);
    }
    checkReason(reason, command);
    return reason;
}
