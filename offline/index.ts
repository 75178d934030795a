export * from "./placeholders";
export * from "./mockRuntime";
export * from "./evaluate";
export * from "./programErrors";
