// Loads TypeScript sources directly: esbuild-register transpiles each file on require (no type checking: that is
// `npm run typecheck`). Used by bin/multicloud-dr, mocha (.mocharc.json), the npm scripts and the child processes
// tests start (`node -r <this file>`). esbuild transpiles about four times faster than ts-node's TypeScript
// transpiler, which made every CLI start cost a second.
"use strict";
// `import()` becomes a `require` in a promise, as tsc emits it for CommonJS (native `import()` would resolve as ESM).
// Source maps only with MULTICLOUD_DR_DEBUG (see offline/stackTraces.ts): generating them costs CPU on every load.
const debug = Boolean(process.env.MULTICLOUD_DR_DEBUG);
require("esbuild-register/dist/node").register({ target: "node20", supported: { "dynamic-import": false }, sourcemap: debug ? "both" : false });
require("../offline/stackTraces").useUnmappedStackTraces();
