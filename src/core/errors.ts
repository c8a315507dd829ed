/** Errors the engine throws; each carries a `code` and says the fix. */

/** The interpreter walked more steps in one turn than allowed: a flow loops without asking anything. */
export class StepBudgetError extends Error {
  readonly code = 'step_budget_exceeded';
  constructor(flowId: string, stepId: string, budget: number) {
    super(`flow ${flowId} ran ${budget} steps in one turn without waiting for the user (last step ${stepId}); make every loop pass through an ask step`);
  }
}

/** The state names a flow or step the loaded flows do not have (flows changed under a stored conversation). */
export class UnknownStepError extends Error {
  readonly code = 'unknown_step';
  constructor(flowId: string, stepId: string) {
    super(`conversation is at ${flowId}/${stepId}, which the loaded flows do not have; restore the step or reset the conversation`);
  }
}
