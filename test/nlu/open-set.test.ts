import { describe, expect, it } from 'vitest';
import { readTrainingData } from '../../scripts/build-model.js';
import { BLIND_SETS, DEV_SET, HOLDOUT_SET, TARGETS, heldOutUnrelated, predictTopics, readLabelled } from '../../scripts/eval-intents.js';
import { isHeldOut, readOosCorpus } from '../../scripts/oos-corpus.js';
import { evaluate, falseAccepts } from '../../src/nlu/evaluate.js';
import { normalizeShort } from '../../src/nlu/tokenize.js';
import { TOPICS, type Topic } from '../../src/nlu/types.js';
import { trainedNlu } from './fixture.js';

const nlu = trainedNlu();
const corpus = readOosCorpus();

describe('the vendored out-of-scope texts (intents/external)', () => {
  it('are split about 80 / 20 by a hash of the text, and the held-out part is never trained on', () => {
    const total = corpus.train.length + corpus.heldOut.length;
    expect(total).toBe(1451);
    expect(corpus.heldOut.length / total).toBeGreaterThan(0.15);
    expect(corpus.heldOut.length / total).toBeLessThan(0.25);
    expect(corpus.heldOut.every(isHeldOut)).toBe(true);
    const { openSet } = readTrainingData();
    const trained = new Set([...openSet.topic, ...openSet.intent].map(normalizeShort));
    expect(corpus.heldOut.filter((t) => trained.has(normalizeShort(t)))).toEqual([]);
  });

  // Short replies ("bye!", "i dont know") are everybody's words; a held-out text or a longer request is a copy.
  it('stay out of the hand-written example files', () => {
    const { data } = readTrainingData();
    const ours = new Set([...data.topicDocs, ...data.intentDocs].map((d) => normalizeShort(d.text)));
    const copied = (t: string): boolean => ours.has(normalizeShort(t));
    expect(corpus.heldOut.filter(copied)).toEqual([]);
    expect(corpus.train.filter((t) => normalizeShort(t).split(' ').length > 4).filter(copied)).toEqual([]);
  });
});

describe('open-set topic rejection', () => {
  it('takes held-out unrelated text for a delivery problem or any mail topic no more often than the targets', () => {
    const rates = falseAccepts(predictTopics(nlu, heldOutUnrelated()).map((p) => p.predicted));
    expect(rates.count).toBeGreaterThan(200);
    expect(rates.delivery).toBeLessThanOrEqual(TARGETS.deliveryFalseAccept);
    expect(rates.mail).toBeLessThanOrEqual(TARGETS.mailFalseAccept);
  });

  it('reaches the four-topic macro-F1 target with real text and held-out unrelated text pooled', () => {
    const real = [DEV_SET, HOLDOUT_SET, ...BLIND_SETS].flatMap(readLabelled);
    const e = evaluate(TOPICS, predictTopics(nlu, [...real, ...heldOutUnrelated()]));
    expect(e.macroF1).toBeGreaterThanOrEqual(TARGETS.pooledMacroF1);
  });

  it.each([
    "where can I download last month's invoice for my hosting plan?",
    'why did my bill go up this month',
    'please send me the invoice as PDF, our accounting needs it',
    'please send the invoices to accounting@example.com instead of to me',
    'my domain renewal failed, the card was declined',
    'your renewal reminder email says my domain expires tomorrow but I already paid',
    'the A record for shop.example.com points to the old server',
    'how do I add a CNAME for www',
    "let's encrypt certificate did not renew and the site shows a warning",
    'wordpress login page keeps redirecting to itself',
    'how do I create an FTP account for my web designer',
    'I got an email saying my SSL certificate expires in 7 days, do I need to do anything?',
    'can you restore my website from yesterday\'s backup',
    'hi there, how are you today?',
    "what's the weather like in Berlin",
  ])('a hosting or small-talk request that is not about mail is out of scope: %s', (text) => {
    expect(nlu.classify(text).topic).toBe('out_of_scope');
  });

  it.each(['see you later!', 'block my card right away', 'what is 500 x 25', 'does the pizza place have delivery'])(
    'gives a message with no mail word, code, provider or address no mail topic: %s',
    (text) => {
      expect(nlu.classify(text).topic).toBe('out_of_scope');
    },
  );

  it.each<[string, Topic]>([
    ['messages to one customer\'s domain are stuck in the queue since morning', 'delivery_temporary'],
    ['the client says our letters never arrive, the sent ones come back with user unknown', 'delivery_permanent'],
    ['how do I set up my mailbox on android', 'mail_other'],
  ])('still reads mail problems told without the word "email": %s', (text, topic) => {
    expect(nlu.classify(text).topic).toBe(topic);
  });
});
