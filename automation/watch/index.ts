export * from "./stateMachine";
export * from "./watch";
