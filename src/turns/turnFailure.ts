/**
 * Marks a turn that someone is waiting on — an agent's message or action in a customer's chat.
 * If it fails, the failure goes back to that caller (the agent is told it was not delivered)
 * instead of the customer's error path, which would apologise and reset their dialogs.
 */
export const FAILURE_GOES_TO_CALLER = Symbol('failureGoesToCaller');
