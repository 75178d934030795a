import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Browser, chromium } from "playwright-core";

/** Debian's Chromium (`apt-get install chromium`; scripts/test.sh installs it when missing), or MULTICLOUD_DR_CHROMIUM. */
export const CHROMIUM = process.env.MULTICLOUD_DR_CHROMIUM || "/usr/bin/chromium";

/** Headless Chromium. A missing browser is a failure, never a skip: the status page must be tested in CI. */
export async function launchChromium(): Promise<Browser> {
    if (!fs.existsSync(CHROMIUM)) {
        throw new Error(`no browser at ${CHROMIUM}: install Debian's chromium (scripts/test.sh does: apt-get install -y chromium) or set MULTICLOUD_DR_CHROMIUM`);
    }
    // Chromium refuses to run as root with its sandbox on (CI runs as root).
    const args = process.getuid?.() === 0 ? ["--no-sandbox"] : [];
    return chromium.launch({ executablePath: CHROMIUM, headless: true, args });
}

/** Where tests leave artifacts (screenshots): MULTICLOUD_DR_ARTIFACTS, else a directory under the OS temp dir; never the project. */
export function artifactsDir(): string {
    const dir = process.env.MULTICLOUD_DR_ARTIFACTS || path.join(os.tmpdir(), "multicloud-dr-artifacts");
    fs.mkdirSync(dir, { recursive: true });
    return dir;
}
