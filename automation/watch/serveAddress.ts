import { BadInputError } from "../../topology";

export interface ServeAddress {
    readonly host: string;
    /** 0: any free port (tests). */
    readonly port: number;
}

/** Where `--serve` listens when only a port is given: this machine only. Put a proxy or 0.0.0.0 in front on purpose. */
export const DEFAULT_SERVE_HOST = "127.0.0.1";

/** Parses `--serve [host:]port` (`9464`, `0.0.0.0:9464`, `[::1]:9464`); anything else is bad input. */
export function parseServeAddress(text: string): ServeAddress {
    const match = /^(?:(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):)?(\d{1,5})$/.exec(text.trim());
    const port = match ? Number(match[2]) : NaN;
    if (!match || port > 65535) {
        throw new BadInputError(`--serve ${JSON.stringify(text)} must be [host:]port, e.g. 9464 or 0.0.0.0:9464`);
    }
    const host = match[1] ? match[1].replace(/^\[|\]$/g, "") : DEFAULT_SERVE_HOST;
    return { host, port };
}
