import { describe, expect, it } from 'vitest';
import { compileAnswerReader } from '../../src/nlu/answer-readers.js';
import { trainedModel, trainedNlu } from './fixture.js';

const read = compileAnswerReader(trainedModel().answers);
const nlu = trainedNlu();
const readings = (text: string) => nlu.classify(text).readings;

describe('answer readers', () => {
  it.each([
    ['bulk', 'not a newsletter, just the usual few dozen emails a day', 'single'],
    ['bulk', 'no bulk, just replies to customers', 'single'],
    ['bulk', 'yes, a newsletter to 3000 subscribers', 'bulk'],
    ['bulk', 'we never send mass mail', 'single'],
    ['domain_scope', 'everyone really', 'several'],
    ['domain_scope', 'only the one client, their server', 'one'],
    ['domain_scope', 'not just gmail', 'several'],
    ['test_result', "the test didn't go through either", 'fails'],
    ['test_result', "haven't tried it yet", 'not_sure'],
    ['log_status', 'the delivery report lists them all as deferred, none delivered', 'deferred'],
    ['log_status', 'it says delivered', 'delivered'],
    ['log_status', "I can't find it in there", 'not_found'],
    ['still_failing', 'not anymore, it went through an hour ago', 'delivered'],
    ['still_failing', 'yep still stuck', 'still_failing'],
  ])('reads %s from "%s" as %s', (slot, text, value) => {
    expect(read(text, 0).answers[slot]).toBe(value);
  });

  it('reads a reply by its own subject: "yes I already waited" is about waiting, not volume', () => {
    const r = read('yes I already waited and retried twice, still deferred', 0);
    expect(r.subjects).toEqual(['retry_result']);
    expect(r.facts).toEqual({ retry_result: 'still_failing' });
    expect(r.answers.bulk).toBeUndefined();
  });

  it('a clause without a subject belongs to the one before it in the same sentence', () => {
    expect(read('tried a one-line test to my own gmail, also deferred', 0).facts).toEqual({ test_result: 'fails' });
    expect(read('about two hours ago, and by the way I sent a plain test message and it went through fine', 0).facts).toEqual({ test_result: 'works' });
  });

  it('a question answers nothing, and a fact needs its subject', () => {
    expect(read('did the test go through?', 0).facts).toEqual({});
    expect(read('did the test go through?', 0).answers).toEqual({});
    expect(read('it went through fine', 0).facts).toEqual({});
  });

  it('counts named recipients for the domain question when no cue decides', () => {
    expect(read('bigpond and icloud', 2).answers.domain_scope).toBe('several');
    expect(read('hotmail', 1).answers.domain_scope).toBe('one');
    expect(readings('bigpond, icloud and a couple of .co.za addresses').answers.domain_scope).toBe('several');
    expect(readings('gmail and outlook').answers.domain_scope).toBe('several');
    expect(readings('just outlook.com').answers.domain_scope).toBe('one');
  });

  it('finds how-to questions and their topics only when the message asks', () => {
    expect(read('how do I see what is stuck in the postfix queue and push it again?', 0).howto).toEqual(['queue', 'flush']);
    expect(read('where is the exim log', 0).howto).toEqual(['log']);
    expect(read('how can I delete the stuck messages', 0).howto).toEqual(['remove']);
    expect(read('the queue is full of stuck messages', 0).howto).toEqual([]);
    expect(read('the queue is full of stuck messages', 0).asking).toBe(false);
  });
});

describe('answer readers reading again', () => {
  it('read a "not sure" cue the same every time, whatever was read before', () => {
    const texts = ["I'm not sure", 'no idea, maybe a few', 'the test went through', "haven't tried it yet", 'not sure, several domains'];
    const first = texts.map((text) => read(text, 0));
    for (const order of [texts, [...texts].reverse(), [...texts, ...texts]]) {
      for (const text of order) expect(read(text, 0)).toEqual(first[texts.indexOf(text)]);
    }
  });
});
