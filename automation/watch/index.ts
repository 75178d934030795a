export * from "./hooks";
export * from "./serveAddress";
export * from "./stateMachine";
export * from "./watch";
export * from "./watchServer";
export * from "./watchServices";
