/** Reading an SMTP reply as its bytes arrive. */
import { describe, expect, it } from 'vitest';
import { parseSmtpReply } from '../../src/checks/smtp-reply.js';

describe('parseSmtpReply', () => {
  it('waits until the last line of the reply has arrived', () => {
    expect(parseSmtpReply('')).toBeUndefined();
    expect(parseSmtpReply('220 mx.example')).toBeUndefined();
    expect(parseSmtpReply('220-mx.example first\r\n')).toBeUndefined();
    expect(parseSmtpReply('220-mx.example first\r\n220 ready\r\n')).toEqual({
      code: 220,
      lines: ['220 mx.example first', '220 ready'],
    });
  });

  it('accepts bare line feeds and a code with no text', () => {
    expect(parseSmtpReply('421\n')).toEqual({ code: 421, lines: ['421'] });
  });

  it('rejects lines that are not SMTP, or that change code mid-reply', () => {
    expect(() => parseSmtpReply('SSH-2.0-OpenSSH_9.6\r\n')).toThrow('the mail server sent no valid greeting');
    expect(() => parseSmtpReply('220-first\r\n421 second\r\n')).toThrow('the mail server sent no valid greeting');
  });

  it('rejects an endless greeting', () => {
    expect(() => parseSmtpReply(`220-${'x'.repeat(5000)}`)).toThrow('the mail server sent no valid greeting');
  });
});
