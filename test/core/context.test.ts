import { describe, expect, it } from 'vitest';
import { absorb } from '../../src/core/context.js';
import { initialState } from '../../src/core/state.js';
import { openTurn } from '../../src/core/turn.js';
import type { Classification } from '../../src/nlu/types.js';
import { T0, testDeps } from '../conversations/harness.js';

const deps = testDeps({ now: T0 });

function recipientDomainAfter(text: string, domains: string[]): unknown {
  const turn = openTurn(initialState(deps.flows, T0), deps);
  const cls = { ...deps.nlu.classify(text), text, entities: { emails: [], domains } } as Classification;
  absorb(turn, cls, { plainDomains: false });
  return turn.state.slots.recipient_domain;
}

describe('absorb reading "to <domain>"', () => {
  it('takes the domain after "to" or "at" only when the matcher took it for a domain', () => {
    expect(recipientDomainAfter('mail to t-online.de is deferred', ['t-online.de'])).toBe('t-online.de');
    expect(recipientDomainAfter('sending to clients at example.com fails', ['other.org', 'example.com'])).toBe('example.com');
    expect(recipientDomainAfter('mail to t-online.de is deferred', [])).toBeUndefined();
    expect(recipientDomainAfter('mail to t-online.de is deferred', ['other.org'])).toBeUndefined();
  });
});
