import { describe, expect, it } from 'vitest';
import type { Intent } from '../../src/nlu/types.js';
import { trainedNlu } from './fixture.js';

const nlu = trainedNlu();

describe('short answers', () => {
  it.each<[string, Intent]>([
    ['yes', 'yes'], ['Y', 'yes'], ['yep!', 'yes'], ['Yeah.', 'yes'], ['sure', 'yes'],
    ['no', 'no'], ['nope', 'no'], ['N', 'no'], ['nah', 'no'], ['not yet', 'no'],
    ['idk', 'not_sure'], ['not sure', 'not_sure'], ['dunno', 'not_sure'], ["I don't know", 'not_sure'], ['maybe', 'not_sure'],
  ])('"%s" -> %s with full confidence', (text, intent) => {
    const c = nlu.classify(text);
    expect(c.intent).toBe(intent);
    expect(c.confidence).toBe(1);
  });

  it.each<[string, Intent]>([
    ['yes, I already waited more than an hour', 'yes'],
    ["no, I haven't resent anything", 'no'],
    ["I'm not sure where I would find that", 'not_sure'],
  ])('longer answer "%s" -> %s', (text, intent) => {
    expect(nlu.classify(text).intent).toBe(intent);
  });
});

describe('conversation control', () => {
  it.each<[string, Intent]>([
    ['can I talk to a human please', 'human'],
    ['I want a real person, not a bot', 'human'],
    ['agent', 'human'],
    ['start over', 'start_over'],
    ["let's begin again from the start", 'start_over'],
    ['cancel', 'cancel'],
    ['never mind, forget it', 'cancel'],
    ['go back', 'go_back'],
    ['I want to change my previous answer', 'go_back'],
    ['hello', 'greeting'],
    ['hi there, can you help', 'greeting'],
    ['thanks!', 'thanks'],
    ['thank you, that sorted it', 'thanks'],
    ['could I get a human on the line', 'human'],
    ['I need an actual person', 'human'],
    ['ok never mind then', 'cancel'],
    ['forget it, I will ask my IT guy', 'cancel'],
  ])('"%s" -> %s', (text, intent) => {
    expect(nlu.classify(text).intent).toBe(intent);
  });
});

describe('questions', () => {
  it.each<[string, Intent]>([
    ['Is a 421 permanent?', 'faq_permanent'],
    ['is this error temporary or permanent', 'faq_permanent'],
    ['is my domain blocked?', 'faq_blocked'],
    ['have we been blacklisted by Yahoo', 'faq_blocked'],
    ['can I fix this myself?', 'faq_fix_myself'],
    ['is there something I can change on my side', 'faq_fix_myself'],
    ['is my mail lost?', 'faq_mail_lost'],
    ['is my mail gone for good', 'faq_mail_lost'],
    ['can I sort this out without your help', 'faq_fix_myself'],
    ['will the message still be delivered or is it gone', 'faq_mail_lost'],
    ['how long should I wait?', 'faq_how_long'],
    ['how long until it goes through', 'faq_how_long'],
  ])('"%s" -> %s', (text, intent) => {
    expect(nlu.classify(text).intent).toBe(intent);
  });
});

describe('problem reports and corrections', () => {
  it('reads a description of a problem as report_problem', () => {
    const c = nlu.classify('my emails to gmail keep coming back with 421 try again later');
    expect(c.intent).toBe('report_problem');
    expect(c.topic).toBe('delivery_temporary');
  });

  it('reads a greeting that carries a problem as the problem', () => {
    expect(nlu.classify('Hi, my mails to Yahoo are deferred with 421').intent).toBe('report_problem');
  });

  it.each([
    ['actually it says 550', '550'],
    ['sorry, I meant 421 not 451', '421'],
    ['no wait, the code is 4.7.0', undefined],
  ])('"%s" is a correction', (text, replyCode) => {
    const c = nlu.classify(text);
    expect(c.intent).toBe('correction');
    expect(c.entities.replyCode).toBe(replyCode);
  });

  it('does not take an apology that opens a report as a correction', () => {
    expect(nlu.classify('sorry to bother you, my mail to Outlook bounced with 550').intent).toBe('report_problem');
  });

  it.each(['reserve a table at an italian restaurant', "what's the weather in Madrid tomorrow", 'can you recommend a movie', 'who won the match yesterday'])(
    'calls the off-topic request "%s" unknown and out of scope',
    (text) => {
      const c = nlu.classify(text);
      expect(c.intent).toBe('unknown');
      expect(c.topic).toBe('out_of_scope');
    },
  );

  it('calls gibberish unknown with low confidence', () => {
    const c = nlu.classify('qwzx vbnm');
    expect(c.intent).toBe('unknown');
    expect(c.topic).toBe('out_of_scope');
    expect(c.confidence).toBeLessThan(0.5);
  });
});
