/** Awaits work that must fail with a CheckError and returns that error (anything else fails the test). */
import { CheckError } from '../../src/checks/types.js';

export async function checkFailure(work: Promise<unknown>): Promise<CheckError> {
  const error: unknown = await work.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!(error instanceof CheckError)) throw new Error(`expected a CheckError, got ${String(error)}`);
  return error;
}
