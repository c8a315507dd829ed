import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileSpelling, editDistance } from '../../src/nlu/spelling.js';
import type { Topic } from '../../src/nlu/types.js';
import { trainedNlu } from './fixture.js';

describe('editDistance', () => {
  it('counts substitutions, insertions, deletions and adjacent swaps, and stops past the limit', () => {
    expect(editDistance('deleyed', 'delayed', 2)).toBe(1);
    expect(editDistance('emials', 'emails', 2)).toBe(1);
    expect(editDistance('rejeced', 'rejected', 2)).toBe(1);
    expect(editDistance('deffered', 'deferred', 2)).toBe(2);
    expect(editDistance('mail', 'mail', 1)).toBe(0);
    expect(editDistance('greylisted', 'mail', 2)).toBe(3);
  });
});

describe('compileSpelling', () => {
  const known = new Set(['relay', 'refer', 'main', 'the', 'are']);
  const mend = compileSpelling(['delay', 'delayed', 'defer', 'deferred', 'emails', 'mail'], (w) => known.has(w));

  it('mends unknown words one edit from a cue word, two from a long one', () => {
    expect(mend('the emials are deleyed')).toBe('the emails are delayed');
    expect(mend('Mail is deffered')).toBe('Mail is deferred');
  });

  it('leaves known words, other first letters, short words and addresses alone', () => {
    expect(mend('the relay is main')).toBe('the relay is main');
    expect(mend('please refer to it')).toBe('please refer to it');
    expect(mend('write to emials@deleyed.com or see deleyed.example')).toBe('write to emials@deleyed.com or see deleyed.example');
    expect(mend('zzzz')).toBe('zzzz');
  });
});

describe('misspelt messages reach the right topic', () => {
  const nlu = trainedNlu();
  it.each<[string, Topic]>([
    ['my emials to gmial are deleyed for hours', 'delivery_temporary'],
    ['why are all mails deffered since the update', 'delivery_temporary'],
    ['the mail to my supplier was rejeced, adress does not exsist', 'delivery_permanent'],
  ])('%s -> %s', (text, topic) => {
    const result = nlu.classify(text);
    expect(result.topic).toBe(topic);
    expect(result.text).toBe(text);
  });
});

describe('the mender over a whole text', () => {
  // The mender walks the word matches itself; a replace with a callback over the same pattern is the reference.
  const WORD = /(?<![\w.@/-])[a-z]{4,}(?![\w@/-]|\.\w)/gi;
  const mend = compileSpelling(['deferred', 'delayed', 'rejected', 'bounced', 'emails', 'messages'], (word) => ['relay', 'refer', 'mail', 'email'].includes(word));

  it('gives what replacing each word by its mended form gives', () => {
    const pieces = ['deffered', 'Deleyed', 'rejeced', 'EMIALS', 'emails', 'relay', 'realy', 'mail', 'bouncd', 'the', 'x@deleyed.com', 'a.rejeced', 'deleyed.com', '/deffered', 'deffered-', ' ', '. ', ', ', '\n', 'é', '421'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(mend(text)).toBe(text.replace(WORD, (word) => mend(word)));
      }),
      { numRuns: 2000 },
    );
    expect(mend('mail deffered, Deleyed and rejeced')).toBe('mail deferred, delayed and rejected');
  });
});
