/**
 * Technical questions at any step ("how do I see what is stuck in the postfix queue?"): answered for the mail
 * server the user named, the one their pasted log showed, or the control panel they mentioned.
 */
import type { Classification } from '../nlu/types.js';
import { SLOT } from './slots.js';
import { say, type Turn } from './turn.js';

const PANEL = /\b(?:c-?panel|whm|mail queue manager|track delivery)\b/i;

type Server = 'exim' | 'postfix' | 'cpanel' | 'generic';

/** Which server's commands to give: named now, else remembered, else a panel the message names, else all. */
function serverOf(turn: Turn, cls: Classification): Server {
  const named = cls.entities.mta;
  if (named === 'exim' || named === 'postfix') return named;
  if (PANEL.test(cls.text)) return 'cpanel';
  const known = turn.state.slots[SLOT.mta];
  return known === 'exim' || known === 'postfix' ? known : 'generic';
}

/** Answers the how-to topics the message asks about; false when it asks none the flow has answers for. */
export function answerHowto(turn: Turn, cls: Classification): boolean {
  const topics = cls.readings.howto.filter((topic) => turn.flow.howto[topic] !== undefined);
  if (topics.length === 0) return false;
  const server = serverOf(turn, cls);
  if (cls.entities.mta) turn.state.slots[SLOT.mta] = cls.entities.mta;
  for (const topic of topics) {
    const answers = turn.flow.howto[topic];
    if (answers) say(turn, answers[server]);
  }
  turn.understood = true;
  return true;
}
