/** Recorded Teams activities from test/fixtures/teams, re-pointed at a local connector service. */
import { readFileSync } from 'node:fs';

export type Activity = Record<string, unknown> & { serviceUrl: string; conversation: { id: string }; id: string };

/** A fresh copy of a recorded activity, optionally with fields replaced. */
export function teamsFixture(name: string, overrides: Record<string, unknown> = {}): Activity {
  const recorded = JSON.parse(readFileSync(new URL(`../../fixtures/teams/${name}.json`, import.meta.url), 'utf8')) as Activity;
  return { ...recorded, ...overrides };
}
