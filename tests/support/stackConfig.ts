import { RawConfig, rawConfigOf, readStackConfig, withOverrides } from "../../topology";

/** A real stack file's config with `key=value` overrides, as the program would read it. */
export function stackRawConfig(stack: string, overrides: Record<string, string> = {}): RawConfig {
    return rawConfigOf(withOverrides(readStackConfig(stack).values, overrides));
}
