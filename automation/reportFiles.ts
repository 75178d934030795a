import * as fs from "fs";
import * as path from "path";

/** Writes a report as `<base>.json` and `<base>.md` into `dir` (created); returns their paths. */
export function writeReportFiles<T>(dir: string, names: { readonly json: string; readonly markdown: string }, report: T, render: (report: T) => string): { json: string; markdown: string } {
    fs.mkdirSync(dir, { recursive: true });
    const json = path.join(dir, names.json);
    const markdown = path.join(dir, names.markdown);
    fs.writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`, "utf8");
    fs.writeFileSync(markdown, render(report), "utf8");
    return { json, markdown };
}
