import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { constantTimeEqual, signWebhook, verifyWebhookSignature } from './signature.js';

const secret = 'whsec_test-secret';
const body = '{"id":"d1","event":"decision.made"}';
const at = new Date('2026-03-01T12:00:00.000Z');
const t = at.getTime() / 1000;

describe('webhook signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 of the secret, as any receiver can recompute it', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signWebhook(secret, body, at)).toBe(`t=${t},v1=${expected}`);
    expect(signWebhook(secret, body, t)).toBe(`t=${t},v1=${expected}`);
  });

  it('accepts its own signature within the tolerance, on either side of the clock', () => {
    const header = signWebhook(secret, body, at);
    expect(verifyWebhookSignature(secret, body, header, at)).toEqual({ ok: true, timestamp: t });
    expect(verifyWebhookSignature(secret, new TextEncoder().encode(body), header, at).ok).toBe(true);
    expect(verifyWebhookSignature(secret, body, header, new Date(at.getTime() + 300_000)).ok).toBe(true);
    expect(verifyWebhookSignature(secret, body, header, new Date(at.getTime() - 300_000)).ok).toBe(true);
  });

  it('refuses a timestamp further than the tolerance from now', () => {
    const header = signWebhook(secret, body, at);
    expect(verifyWebhookSignature(secret, body, header, new Date(at.getTime() + 301_000))).toEqual({
      ok: false,
      reason: 'TOO_OLD',
    });
    expect(verifyWebhookSignature(secret, body, header, new Date(at.getTime() - 301_000))).toEqual({
      ok: false,
      reason: 'TOO_OLD',
    });
    expect(verifyWebhookSignature(secret, body, header, new Date(at.getTime() + 9_000), 5)).toEqual({
      ok: false,
      reason: 'TOO_OLD',
    });
  });

  it('refuses another body, another secret or a changed timestamp', () => {
    const header = signWebhook(secret, body, at);
    expect(verifyWebhookSignature(secret, `${body} `, header, at)).toEqual({ ok: false, reason: 'MISMATCH' });
    expect(verifyWebhookSignature('whsec_other', body, header, at)).toEqual({ ok: false, reason: 'MISMATCH' });
    const shifted = header.replace(`t=${t}`, `t=${t + 1}`);
    expect(verifyWebhookSignature(secret, body, shifted, at)).toEqual({ ok: false, reason: 'MISMATCH' });
  });

  it('accepts a header with several signatures when one matches, and ignores unknown schemes', () => {
    const good = signWebhook(secret, body, at).split(',')[1]!;
    const header = `t=${t},v1=${'0'.repeat(64)},v0=legacy,${good}`;
    expect(verifyWebhookSignature(secret, body, header, at).ok).toBe(true);
  });

  it.each([
    [undefined],
    [null],
    [''],
    ['v1=abc'],
    [`t=${t}`],
    [`t=abc,v1=${'0'.repeat(64)}`],
    [`t=${t},v1=xyz`],
    [`t=${t},t=${t},v1=${'0'.repeat(64)}`],
    [`t=${t},v1=${'0'.repeat(63)}`],
    ['garbage'],
  ])('refuses the malformed header %p', (header) => {
    expect(verifyWebhookSignature(secret, body, header, at)).toEqual({ ok: false, reason: 'BAD_FORMAT' });
  });

  it('verifies every signature it makes, and no other body (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string(),
        fc.string(),
        fc.integer({ min: 0, max: 4_000_000_000 }),
        (key, a, b, seconds) => {
          const header = signWebhook(key, a, seconds);
          expect(verifyWebhookSignature(key, a, header, seconds).ok).toBe(true);
          if (a !== b) expect(verifyWebhookSignature(key, b, header, seconds)).toEqual({ ok: false, reason: 'MISMATCH' });
        },
      ),
    );
  });

  it('compares bytes of equal length only', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
  });
});
