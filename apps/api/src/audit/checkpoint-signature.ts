import { createHash, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '@modelgate/domain/audit';

export type CheckpointStatement = { seq: string; hash: string; signedAt: string; keyId: string };

export type SigningKey = { privateKey: KeyObject; publicKeyPem: string; keyId: string };

/** SHA-256 of the DER-encoded public key: a short, stable name for the key. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

export function signingKeyFrom(privateKey: KeyObject): SigningKey {
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: keyIdOf(publicKey) };
}

export function generateSigningKey(): SigningKey {
  return signingKeyFrom(generateKeyPairSync('ed25519').privateKey);
}

/** The exact bytes that are signed: canonical JSON, so anyone can rebuild them from the four fields. */
export function statementBytes(statement: CheckpointStatement): Buffer {
  return Buffer.from(canonicalJson({ v: 1, ...statement }), 'utf8');
}

export function signStatement(statement: CheckpointStatement, key: SigningKey): string {
  return sign(null, statementBytes(statement), key.privateKey).toString('base64');
}

export type CheckpointCheck = 'VALID' | 'BAD_SIGNATURE' | 'KEY_MISMATCH' | 'UNTRUSTED_KEY';

/**
 * A checkpoint is valid when its signature verifies with its public key, the key id is that key's,
 * and the key is one this instance trusts (its own): a forger with database access could sign with a
 * key of their own, but not with the instance's, which lives outside the database.
 */
export function checkStatement(
  statement: CheckpointStatement,
  signature: string,
  publicKeyPem: string,
  trustedKeyIds: ReadonlySet<string>,
): CheckpointCheck {
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(publicKeyPem);
  } catch {
    return 'BAD_SIGNATURE';
  }
  if (keyIdOf(publicKey) !== statement.keyId) return 'KEY_MISMATCH';
  if (!verify(null, statementBytes(statement), publicKey, Buffer.from(signature, 'base64'))) return 'BAD_SIGNATURE';
  return trustedKeyIds.has(statement.keyId) ? 'VALID' : 'UNTRUSTED_KEY';
}
