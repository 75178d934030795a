export * from "./board";
export * from "./history";
export * from "./render";
