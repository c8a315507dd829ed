import { describe, expect, it } from 'vitest';
import { renderAnsweredCard, renderTeamsOutputs } from '../../../src/channels/teams/render.js';

describe('renderTeamsOutputs', () => {
  it('sends say as markdown text and ask as an Adaptive Card with one Action.Submit per choice', () => {
    const activities = renderTeamsOutputs([
      { kind: 'say', text: 'A **421** is a temporary refusal.' },
      { kind: 'ask', stepId: 'q1', text: 'Does it happen for every recipient?', choices: [{ id: 'all', label: 'All of them' }, { id: 'one', label: 'Only Gmail' }] },
      { kind: 'schedule', followupId: 'f1', at: 1, text: 'later' },
    ]);
    expect(activities).toHaveLength(2);
    expect(activities[0]).toEqual({ type: 'message', text: 'A **421** is a temporary refusal.', textFormat: 'markdown' });
    const card = activities[1]?.attachments?.[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card?.content.body).toEqual([{ type: 'TextBlock', text: 'Does it happen for every recipient?', wrap: true }]);
    expect(card?.content.actions).toEqual([
      { type: 'Action.Submit', title: 'All of them', data: { softbounce: { stepId: 'q1', choice: 'all', label: 'All of them', question: 'Does it happen for every recipient?' } } },
      { type: 'Action.Submit', title: 'Only Gmail', data: { softbounce: { stepId: 'q1', choice: 'one', label: 'Only Gmail', question: 'Does it happen for every recipient?' } } },
    ]);
  });

  it('sends a question without choices as plain text', () => {
    expect(renderTeamsOutputs([{ kind: 'ask', stepId: 'q', text: 'Paste the bounce', choices: [] }])).toEqual([
      { type: 'message', text: 'Paste the bounce', textFormat: 'markdown' },
    ]);
  });

  it('redraws an answered card with the choice and no actions', () => {
    const content = renderAnsweredCard('Does it happen for every recipient?', 'Only Gmail').attachments?.[0]?.content;
    expect(content?.actions).toBeUndefined();
    expect(JSON.stringify(content?.body)).toContain('Does it happen for every recipient?');
    expect(JSON.stringify(content?.body)).toContain('Only Gmail');
  });
});
