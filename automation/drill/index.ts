export * from "./resolver";
export * from "./verify";
export * from "./report";
export * from "./drill";
export * from "./rpo";
