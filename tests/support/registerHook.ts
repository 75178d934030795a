import * as path from "path";

/** `node -r <this>` runs a TypeScript file in a child process the way the CLI and mocha run them. */
export const REGISTER_HOOK = path.join(__dirname, "..", "..", "bin", "register.js");
