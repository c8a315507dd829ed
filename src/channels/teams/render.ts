/**
 * Turns engine outputs into Bot Framework activities: text for `say`, an Adaptive Card with one
 * `Action.Submit` per choice for `ask`, and the same card without buttons once it has been answered.
 * Each button carries the question so the answered card can be redrawn without storing the card.
 */
import type { Choice, Output } from '../../core/types.js';

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

/** The subset of the Bot Framework activity we send. */
export interface OutgoingActivity {
  type: 'message' | 'typing' | 'event';
  /** Event name, e.g. `handoff.initiate`. */
  name?: string;
  value?: unknown;
  text?: string;
  textFormat?: 'markdown' | 'plain';
  attachments?: { contentType: string; content: Record<string, unknown> }[];
}

/** One outgoing activity per output the user should see; bookkeeping outputs render to nothing. */
export function renderTeamsOutputs(outputs: Output[]): OutgoingActivity[] {
  const activities: OutgoingActivity[] = [];
  for (const output of outputs) {
    if (output.kind === 'say') activities.push({ type: 'message', text: output.text, textFormat: 'markdown' });
    if (output.kind === 'ask') activities.push(askCard(output.stepId, output.text, output.choices));
  }
  return activities;
}

function askCard(stepId: string, text: string, choices: Choice[]): OutgoingActivity {
  if (choices.length === 0) return { type: 'message', text, textFormat: 'markdown' };
  return cardActivity({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body: [{ type: 'TextBlock', text, wrap: true }],
    actions: choices.map((choice) => ({
      type: 'Action.Submit',
      title: choice.label,
      data: { softbounce: { stepId, choice: choice.id, label: choice.label, question: text } },
    })),
  });
}

/** The card as it looks after an answer: the question, the choice taken, and no live buttons. */
export function renderAnsweredCard(question: string | undefined, label: string): OutgoingActivity {
  const body: Record<string, unknown>[] = [];
  if (question) body.push({ type: 'TextBlock', text: question, wrap: true });
  body.push({ type: 'TextBlock', text: `✔ ${label}`, wrap: true, weight: 'Bolder', color: 'Good' });
  return cardActivity({ type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.4', body });
}

function cardActivity(content: Record<string, unknown>): OutgoingActivity {
  return { type: 'message', attachments: [{ contentType: CARD_TYPE, content }] };
}
