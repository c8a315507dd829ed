import { describe, expect, it } from 'vitest';
import { variationOf } from '../../src/bounce/variation.js';

describe('variationOf', () => {
  it('follows the enhanced status subject for 4xx replies', () => {
    expect(variationOf('421', '4.2.1', 'DYN:T1')).toBe('resource');
    expect(variationOf('421', '4.3.2', 'All server ports are busy')).toBe('resource');
    expect(variationOf('421', '4.4.2', 'timeout exceeded')).toBe('connection');
    expect(variationOf('421', '4.4.5', 'Too many connections from your host')).toBe('connection');
    expect(variationOf('421', '4.7.0', 'too many errors')).toBe('policy');
    expect(variationOf('450', '4.7.1', 'Client host rejected')).toBe('policy');
  });

  it('calls greylisting policy whatever the code', () => {
    expect(variationOf('451', '4.3.0', 'Greylisted, please try again in 300 seconds')).toBe('policy');
    expect(variationOf('421', '', 'Greylisting enabled, please try later')).toBe('policy');
  });

  it('falls back to words, then to downstream', () => {
    expect(variationOf('421', '', 'Downstream server error')).toBe('downstream');
    expect(variationOf('421', '', 'Fork failed')).toBe('downstream');
    expect(variationOf('421', '4.0.0', 'Connection timed out')).toBe('connection');
    expect(variationOf('421', '', 'Service not available')).toBe('downstream');
  });

  it('returns null for permanent failures and for text with no sign of a temporary one', () => {
    expect(variationOf('550', '5.1.1', 'User unknown')).toBeNull();
    expect(variationOf('421', '5.7.1', 'mixed signals: the enhanced status wins')).toBeNull();
    expect(variationOf('', '', 'User unknown')).toBeNull();
    expect(variationOf('', '', 'temporary failure, will retry')).toBe('downstream');
  });
});

describe('variationOf with subjects the guide does not name', () => {
  it('calls 4.1.x, 4.5.x and 4.6.x downstream whatever the words', () => {
    expect(variationOf('451', '4.5.0', 'connection lost during data')).toBe('downstream');
    expect(variationOf('450', '4.1.1', 'Recipient address rejected: unverified address')).toBe('downstream');
  });
});
