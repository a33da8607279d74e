import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` */
export const WEBHOOK_SIGNATURE_HEADER = 'Modelgate-Signature';
/** The event type, e.g. `decision.made`. */
export const WEBHOOK_EVENT_HEADER = 'Modelgate-Event';
/** The delivery id (also the payload's `id`): receivers use it to ignore duplicates. */
export const WEBHOOK_DELIVERY_HEADER = 'Modelgate-Delivery';

/** How far a signature's timestamp may be from the receiver's clock, by default. */
export const WEBHOOK_SIGNATURE_TOLERANCE_SECONDS = 300;

export type WebhookSignatureCheck =
  | { ok: true; timestamp: number }
  /**
   * BAD_FORMAT: the header is missing or not `t=<seconds>,v1=<64 hex>`; TOO_OLD: its timestamp is
   * further than the tolerance from `now` (either way: a replay or a badly wrong clock); MISMATCH:
   * no `v1` signature matches the secret and body.
   */
  | { ok: false; reason: 'BAD_FORMAT' | 'TOO_OLD' | 'MISMATCH' };

const toBytes = (body: string | Uint8Array) => (typeof body === 'string' ? utf8ToBytes(body) : body);
const unixSeconds = (time: Date | number) => (typeof time === 'number' ? Math.floor(time) : Math.floor(time.getTime() / 1000));

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}

function mac(secret: string, body: string | Uint8Array, timestamp: number): Uint8Array {
  return hmac(sha256, utf8ToBytes(secret), concat(utf8ToBytes(`${timestamp}.`), toBytes(body)));
}

/** Compares in time that depends only on the length, never on where the bytes differ. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

/**
 * The `Modelgate-Signature` header value for this body. `timestamp` is a Date or unix seconds; the body
 * must be exactly the bytes sent.
 */
export function signWebhook(secret: string, body: string | Uint8Array, timestamp: Date | number): string {
  const t = unixSeconds(timestamp);
  return `t=${t},v1=${bytesToHex(mac(secret, body, t))}`;
}

function parseHeader(header: string): { timestamp: number; signatures: Uint8Array[] } | null {
  let timestamp: number | null = null;
  const signatures: Uint8Array[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator < 1) return null;
    const key = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (key === 't') {
      if (timestamp !== null || !/^\d{1,12}$/.test(value)) return null;
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-fA-F]{64}$/.test(value)) return null;
      signatures.push(hexToBytes(value.toLowerCase()));
    }
    // Other schemes (v0, future versions) are ignored, so receivers keep working when one is added.
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

/**
 * Checks a received `Modelgate-Signature` header against the secret and the raw body (the bytes as
 * received, before any JSON parsing). Several `v1` entries are accepted, any one may match.
 */
export function verifyWebhookSignature(
  secret: string,
  body: string | Uint8Array,
  header: string | null | undefined,
  now: Date | number,
  toleranceSeconds: number = WEBHOOK_SIGNATURE_TOLERANCE_SECONDS,
): WebhookSignatureCheck {
  if (!header || header.length > 2_000) return { ok: false, reason: 'BAD_FORMAT' };
  const parsed = parseHeader(header);
  if (!parsed) return { ok: false, reason: 'BAD_FORMAT' };
  if (Math.abs(unixSeconds(now) - parsed.timestamp) > toleranceSeconds) return { ok: false, reason: 'TOO_OLD' };
  const expected = mac(secret, body, parsed.timestamp);
  // Check every candidate, so the time taken does not tell which one (if any) matched.
  let matched = false;
  for (const signature of parsed.signatures) matched = constantTimeEqual(signature, expected) || matched;
  return matched ? { ok: true, timestamp: parsed.timestamp } : { ok: false, reason: 'MISMATCH' };
}
