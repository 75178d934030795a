// Usage: node pick-dependencies.js <package.json> <name>...
// Prints a package.json that holds only the named packages, at the versions the repository pins, so that
// `npm install` next to the repository's package-lock.json installs them (and what they need) as locked.
"use strict";
const fs = require("fs");

const [file, ...names] = process.argv.slice(2);
const root = JSON.parse(fs.readFileSync(file, "utf8"));
const pinned = { ...root.devDependencies, ...root.dependencies };
const dependencies = {};
for (const name of names) {
    if (pinned[name] === undefined) {
        process.stderr.write(`pick-dependencies: ${name} is not a dependency of ${file}\n`);
        process.exit(1);
    }
    dependencies[name] = pinned[name];
}
process.stdout.write(`${JSON.stringify({ name: "mcdr-agent", version: root.version, private: true, license: root.license, dependencies }, null, 2)}\n`);
