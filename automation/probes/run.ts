import { setMaxListeners } from "events";
import { Probe, ProbeResult, result } from "./types";

/** Runs every probe at once; whatever has not answered by the overall deadline is reported as a timeout. */
export async function runProbes(probes: readonly Probe[], deadlineMs: number): Promise<ProbeResult[]> {
    const controller = new AbortController();
    // Every probe listens for the abort; a large estate has more probes than Node's default of 10 listeners.
    setMaxListeners(probes.length + 2, controller.signal);
    const deadline = new Promise<void>((resolve) => controller.signal.addEventListener("abort", () => resolve()));
    const timer = setTimeout(() => controller.abort(), deadlineMs);
    const started = Date.now();
    try {
        return await Promise.all(
            probes.map((probe) =>
                Promise.race([
                    probe.run(controller.signal).catch((err: Error) => result(probe, "error", err.message, Date.now() - started)),
                    // A probe that ignores the signal still cannot hold the round past the deadline.
                    deadline.then(() => result(probe, "timeout", `stopped at the overall probe deadline (${deadlineMs} ms)`, Date.now() - started)),
                ]),
            ),
        );
    } finally {
        clearTimeout(timer);
        controller.abort();
    }
}
