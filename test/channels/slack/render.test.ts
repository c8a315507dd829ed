import { describe, expect, it } from 'vitest';
import { renderAnsweredMessage, renderSlackOutputs, toMrkdwn } from '../../../src/channels/slack/render.js';

describe('renderSlackOutputs', () => {
  it('posts say as mrkdwn in the thread and ask as a section with one button per choice', () => {
    const messages = renderSlackOutputs(
      [
        { kind: 'say', text: 'A **421** is temporary.' },
        { kind: 'ask', stepId: 'q1', text: 'Every recipient?', choices: [{ id: 'all', label: 'All of them' }, { id: 'one', label: 'Only Gmail' }] },
        { kind: 'cancel_schedule', followupId: 'f' },
      ],
      { channel: 'C1', threadTs: '1.2' },
    );
    expect(messages).toHaveLength(2);
    expect(messages[0]).toEqual({ channel: 'C1', thread_ts: '1.2', text: 'A *421* is temporary.' });
    expect(messages[1]).toEqual({
      channel: 'C1',
      thread_ts: '1.2',
      text: 'Every recipient?',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'Every recipient?' } },
        {
          type: 'actions',
          block_id: 'ask:q1',
          elements: [
            { type: 'button', text: { type: 'plain_text', text: 'All of them' }, action_id: 'choice:all', value: '{"step":"q1","choice":"all"}' },
            { type: 'button', text: { type: 'plain_text', text: 'Only Gmail' }, action_id: 'choice:one', value: '{"step":"q1","choice":"one"}' },
          ],
        },
      ],
    });
  });

  it('posts to a DM without a thread', () => {
    expect(renderSlackOutputs([{ kind: 'say', text: 'hi' }], { channel: 'D1' })).toEqual([{ channel: 'D1', text: 'hi' }]);
  });

  it('keeps button text within Slack\'s 75 characters', () => {
    const label = 'x'.repeat(90);
    const [message] = renderSlackOutputs([{ kind: 'ask', stepId: 's', text: 'q', choices: [{ id: 'long', label }] }], { channel: 'C' });
    const button = (message?.blocks?.[1] as { elements: { text: { text: string } }[] }).elements[0]!;
    expect(button.text.text.length).toBe(75);
  });

  it('redraws an answered question with the choice and who made it, without buttons', () => {
    const message = renderAnsweredMessage('C1', '9.9', 'Every recipient?', 'Only <Gmail>', 'U5');
    expect(message.ts).toBe('9.9');
    expect(JSON.stringify(message.blocks)).not.toContain('actions');
    expect(JSON.stringify(message.blocks)).toContain('Only &lt;Gmail&gt;');
    expect(JSON.stringify(message.blocks)).toContain('<@U5>');
  });
});

describe('toMrkdwn', () => {
  it('converts bold and links and escapes the characters Slack reserves', () => {
    expect(toMrkdwn('See **the guide** at [SMTP codes](https://example.com/codes) & check <MX>')).toBe(
      'See *the guide* at <https://example.com/codes|SMTP codes> &amp; check &lt;MX&gt;',
    );
  });
});
