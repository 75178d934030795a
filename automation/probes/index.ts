export * from "./types";
export * from "./addressGuard";
export * from "./http";
export * from "./dynamo";
export * from "./run";
export * from "./plan";
export * from "./certificate";
export * from "./certificateDays";
