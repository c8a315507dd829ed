/**
 * The one way into botframework-connector. Loading it takes ~0.5 s and ~40 MB on Node, so it is imported on
 * first use, by a configured Teams channel only; a bot without Teams never pays for it.
 */
type BotFramework = typeof import('botframework-connector');

let loading: Promise<BotFramework> | undefined;

/** The library, loaded once on first call. */
export function botFramework(): Promise<BotFramework> {
  loading ??= import('botframework-connector');
  return loading;
}
