import { describe, expect, it } from 'vitest';
import { userProse } from '../../src/nlu/prose.js';
import { trainedNlu } from './fixture.js';

const ENVIRONMENT = '\n\nEnvironment:\n- OS: Ubuntu 22.04.3 LTS\n- Docker version 24.0.7, build afdd53b\n\nSteps to reproduce: see above.';
const TRACE = '\n\n```\nTraceback (most recent call last):\n  File "/app/worker.py", line 88, in run\n    raise RuntimeError(msg)\n```\nThanks in advance!';
const CONFIG = '\n\nconfig.yml:\n```\nserver:\n  host: 0.0.0.0\n  port: 8080\n```\nany help appreciated, sorry for my bad english';

describe('userProse', () => {
  it('drops environment lists, fenced blocks, stack frames and template phrases', () => {
    const prose = userProse(`Outlook asks for my password again and again${ENVIRONMENT}${TRACE}`);
    expect(prose).toContain('Outlook asks for my password again and again');
    for (const gone of ['Ubuntu', 'Docker', 'Traceback', 'worker.py', 'Steps to reproduce', 'Thanks in advance']) {
      expect(prose).not.toContain(gone);
    }
  });

  it('keeps a quoted bounce sentence and drops a log line made of numbers and symbols', () => {
    const prose = userProse('My mail came back with this:\n> The email account that you tried to reach does not exist\n2024-01-02 10:11:12 1rK3x-000Abc-7Q ** a@b.example');
    expect(prose).toContain('does not exist');
    expect(prose).not.toContain('1rK3x');
  });

  it('returns the whole text when nothing in it reads as prose', () => {
    const log = 'postfix/smtp[2231]: 8F1A43E0C2: to=<a@b.example>, delay=1200, dsn=4.4.2, status=deferred';
    expect(userProse(log)).toBe(log);
  });
});

describe('topics of messages wrapped in issue-template noise', () => {
  const nlu = trainedNlu();
  it.each([
    ['Can I have a catch-all address so every mail to my domain lands in one inbox?', 'mail_other'],
    ['I deleted a folder of old emails on my phone, can it be restored?', 'mail_other'],
    ['The password reset mails from our app take 40 minutes to reach Microsoft addresses', 'delivery_temporary'],
    ['The settings page crashes when the email field of the user is empty', 'out_of_scope'],
  ])('%s -> %s with environment, trace or config pasted around it', (text, topic) => {
    for (const noise of [ENVIRONMENT, TRACE, CONFIG]) expect(nlu.classify(text + noise).topic, noise).toBe(topic);
  });
});
