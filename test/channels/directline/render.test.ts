import { describe, expect, it } from 'vitest';
import { activityId, choiceFromText, renderReplies } from '../../../src/channels/directline/render.js';
import type { Output, Position } from '../../../src/core/types.js';

const position: Position = { flowId: 'smtp_421', stepId: 'sending_volume', stepNumber: 3, stepCount: 6, status: 'active' };
const ctx = { conversationId: 'conv1', user: { id: 'dl_u', name: 'Pat' }, at: Date.parse('2026-11-30T09:00:00Z') };

describe('renderReplies', () => {
  const outputs: Output[] = [
    { kind: 'say', text: 'High volume is a common trigger.' },
    { kind: 'cancel_schedule', followupId: 'f1' },
    {
      kind: 'ask',
      stepId: 'sending_volume',
      text: 'Were you sending in bulk?',
      choices: [
        { id: 'bulk', label: 'Yes, bulk' },
        { id: 'single', label: 'No, normal sending' },
      ],
    },
  ];

  it('turns say and ask into bot messages numbered from the given sequence, each with the position', () => {
    const [say, ask, ...rest] = renderReplies(outputs, position, ctx, 7, 'conv1|0000006');
    expect(rest).toEqual([]);
    expect(say).toMatchObject({
      id: 'conv1|0000007',
      type: 'message',
      from: { role: 'bot' },
      recipient: { id: 'dl_u', role: 'user' },
      text: 'High volume is a common trigger.',
      inputHint: 'acceptingInput',
      replyToId: 'conv1|0000006',
      timestamp: '2026-11-30T09:00:00.000Z',
      channelData: { softbounce: position },
    });
    expect(say).not.toHaveProperty('suggestedActions');
    expect(ask).toMatchObject({ id: 'conv1|0000008', inputHint: 'expectingInput', channelData: { softbounce: position } });
    expect(ask!.suggestedActions).toEqual({
      actions: [
        { type: 'imBack', title: 'Yes, bulk', value: 'Yes, bulk', channelData: { choiceId: 'bulk' } },
        { type: 'imBack', title: 'No, normal sending', value: 'No, normal sending', channelData: { choiceId: 'single' } },
      ],
    });
  });

  it('maps a clicked or typed label back to its choice, from the latest bot message only', () => {
    const log = renderReplies(outputs, position, ctx, 0);
    expect(choiceFromText(log, '  no, NORMAL sending ')).toBe('single');
    expect(choiceFromText(log, 'no, mostly normal')).toBeUndefined();
    const later = [...log, ...renderReplies([{ kind: 'say', text: 'Thanks.' }], position, ctx, 2)];
    expect(choiceFromText(later, 'Yes, bulk')).toBeUndefined();
    const withUserAfter = [...log, { id: activityId('conv1', 2), type: 'message', from: { role: 'user' }, text: 'hm' }];
    expect(choiceFromText(withUserAfter, 'Yes, bulk')).toBe('bulk');
  });

  it('pads sequence numbers so ids sort in log order', () => {
    expect([activityId('c', 10), activityId('c', 9), activityId('c', 100)].sort()).toEqual(['c|0000009', 'c|0000010', 'c|0000100']);
  });
});
