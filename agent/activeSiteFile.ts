import * as fs from "node:fs/promises";
import * as path from "node:path";

/** Replaces the file in one step (write a temporary file beside it, then rename), so readers never see half of it. */
export async function writeAtomically(file: string, content: string): Promise<void> {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    await fs.writeFile(temporary, content, { mode: 0o644 });
    await fs.rename(temporary, file);
}
