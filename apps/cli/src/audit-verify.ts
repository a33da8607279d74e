import { hash } from 'node:crypto';
import { ChainVerifier, type ChainedAuditEvent, type ChainVerification } from '@modelgate/domain/audit';
import type { ApiClient } from './api-client.js';

/** An event as the API returns it: the hashed fields, with the 64-bit seq and the time as strings. */
type EventNode = Omit<ChainedAuditEvent, 'seq' | 'occurredAt'> & { seq: string; occurredAt: string; hash: string };

const EVENTS = `query ($after: String) { auditEvents(first: 50, after: $after) {
  edges { node { seq id occurredAt actorType actorId actorLabel actorRoles channel action entityType entityId
                 before after outcome reason requestId ip userAgent prevHash hash } }
  pageInfo { hasNextPage endCursor } } }`;

const SERVER_VERIFICATION = `{ auditTrailVerification {
  ok checkedEvents headSeq headHash firstBreak { seq reason message } checkpointsChecked checkpointProblems { seq problem } signingKeyId } }`;

export type ServerVerification = ChainVerification & {
  checkpointsChecked: number;
  checkpointProblems: Array<{ seq: string; problem: string }>;
  signingKeyId: string;
};

/** node:crypto's SHA-256: the same digest as the domain's pure-JS default, several times faster. */
const sha256Hex = (text: string): string => hash('sha256', text);

/**
 * Downloads every event and re-computes the chain here, with this tool's own copy of the hashing
 * rules, so the result does not depend on trusting the server's verification.
 */
export async function verifyLocally(client: ApiClient): Promise<ChainVerification> {
  const events: EventNode[] = [];
  let after: string | null = null;
  for (;;) {
    const page: {
      auditEvents: { edges: Array<{ node: EventNode }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    } = await client.query(EVENTS, { after });
    events.push(...page.auditEvents.edges.map((edge) => edge.node));
    if (!page.auditEvents.pageInfo.hasNextPage) break;
    after = page.auditEvents.pageInfo.endCursor;
  }
  // The API lists newest first; the chain is checked oldest first.
  const chain = events.map((e) => ({ ...e, seq: BigInt(e.seq), occurredAt: new Date(e.occurredAt) }));
  chain.sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
  const verifier = new ChainVerifier(sha256Hex);
  verifier.add(chain);
  return verifier.result();
}

export async function verifyOnServer(client: ApiClient): Promise<ServerVerification> {
  return (await client.query<{ auditTrailVerification: ServerVerification }>(SERVER_VERIFICATION)).auditTrailVerification;
}
