export * from "./context";
export * from "./flipOperation";
export * from "./status";
