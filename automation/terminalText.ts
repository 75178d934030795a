/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators: never printed raw. */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** Stored text (a hand-edited stack config value, say) made safe for a terminal: controls become visible escapes. */
export function escapeControl(text: string): string {
    return text.replace(CONTROL_CHARACTERS, (c) => {
        const code = c.charCodeAt(0);
        return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`);
    });
}
