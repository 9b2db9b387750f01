package io.toolcatalog.core.changerequest;

/**
 * What every change-request service works on: where the requests are kept, the check their items
 * pass (as direct writes would), and how one moves from state to state under its row lock.
 */
record Workflow(ChangeRequestStore store, StagedValidation validation, Transitions transitions) {}
