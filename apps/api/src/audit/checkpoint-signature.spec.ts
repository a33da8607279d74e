import { describe, expect, it } from '@jest/globals';
import { checkStatement, generateSigningKey, signStatement } from './checkpoint-signature.js';

describe('checkpoint signatures (Ed25519)', () => {
  const key = generateSigningKey();
  const statement = { seq: '42', hash: 'a'.repeat(64), signedAt: '2026-11-23T20:00:00.000Z', keyId: key.keyId };
  const signature = signStatement(statement, key);
  const trusted = new Set([key.keyId]);

  it('verifies a statement signed with the trusted instance key', () => {
    expect(checkStatement(statement, signature, key.publicKeyPem, trusted)).toBe('VALID');
  });

  it('detects any change to the signed statement', () => {
    expect(checkStatement({ ...statement, hash: 'b'.repeat(64) }, signature, key.publicKeyPem, trusted)).toBe('BAD_SIGNATURE');
    expect(checkStatement({ ...statement, seq: '43' }, signature, key.publicKeyPem, trusted)).toBe('BAD_SIGNATURE');
  });

  it('does not trust a checkpoint signed with another key, even a valid signature', () => {
    const forger = generateSigningKey();
    const forged = { ...statement, keyId: forger.keyId };
    expect(checkStatement(forged, signStatement(forged, forger), forger.publicKeyPem, trusted)).toBe('UNTRUSTED_KEY');
  });

  it('rejects a key id that does not belong to the public key', () => {
    const other = generateSigningKey();
    expect(checkStatement(statement, signature, other.publicKeyPem, trusted)).toBe('KEY_MISMATCH');
  });
});
