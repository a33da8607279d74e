import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { type ApprovalVote, mayApprove, mayReject, mayReview, type Person, quorumReached } from './duties.js';
import type { ApproverRule } from './requirements.js';

const parties = { requesterId: 'engineer', lastEditorIds: ['editor', null] };
const officer: Person = { id: 'officer', roles: ['COMPLIANCE_OFFICER'], reviewCategories: [] };
const officer2: Person = { id: 'officer-2', roles: ['COMPLIANCE_OFFICER'], reviewCategories: [] };
const securityReviewer: Person = { id: 'sec', roles: ['REVIEWER'], reviewCategories: ['security'] };
const legalReviewer: Person = { id: 'legal', roles: ['REVIEWER'], reviewCategories: ['legal'] };
const engineer: Person = { id: 'engineer', roles: ['ENGINEER', 'REVIEWER'], reviewCategories: ['security'] };
const editor: Person = { id: 'editor', roles: ['COMPLIANCE_OFFICER'], reviewCategories: [] };
const otherEngineer: Person = { id: 'other', roles: ['ENGINEER'], reviewCategories: [] };

const fourEyes: ApproverRule = { count: 2, complianceOfficerRequired: true };
const single: ApproverRule = { count: 1, complianceOfficerRequired: false };
const vote = (person: Person): ApprovalVote => ({
  personId: person.id,
  asComplianceOfficer: person.roles.includes('COMPLIANCE_OFFICER'),
});

describe('separation of duties', () => {
  it('lets reviewers review their own categories and compliance officers any', () => {
    expect(mayReview(parties, 'security', securityReviewer)).toEqual({ ok: true });
    expect(mayReview(parties, 'legal', securityReviewer)).toEqual({
      ok: false,
      reason: 'Only reviewers of legal and licensing and compliance officers may review it.',
    });
    expect(mayReview(parties, 'sovereignty', officer)).toEqual({ ok: true });
    expect(mayReview(parties, 'security', otherEngineer).ok).toBe(false);
  });

  it('keeps the requester and the last editor away from reviewing, approving and rejecting', () => {
    expect(mayReview(parties, 'security', engineer)).toEqual({
      ok: false,
      reason: 'You requested this approval; someone else must review it.',
    });
    expect(mayApprove(parties, single, [], engineer).ok).toBe(false);
    expect(mayReject(parties, engineer).ok).toBe(false);
    expect(mayApprove(parties, single, [], editor)).toEqual({
      ok: false,
      reason: 'You last edited this request or its model version; someone else must approve it.',
    });
  });

  it('lets only compliance officers and reviewers decide', () => {
    expect(mayApprove(parties, single, [], otherEngineer)).toEqual({
      ok: false,
      reason: 'Only compliance officers and reviewers may approve requests.',
    });
    expect(mayReject(parties, otherEngineer).ok).toBe(false);
    expect(mayApprove(parties, single, [], securityReviewer)).toEqual({ ok: true });
  });

  it('never lets one person fill two approvals, and keeps the last one for a compliance officer when required', () => {
    expect(mayApprove(parties, fourEyes, [vote(officer)], officer)).toEqual({
      ok: false,
      reason: 'You have already approved this request; the next approval must come from someone else.',
    });
    expect(mayApprove(parties, fourEyes, [], securityReviewer)).toEqual({ ok: true });
    expect(mayApprove(parties, fourEyes, [vote(securityReviewer)], legalReviewer)).toEqual({
      ok: false,
      reason: 'The remaining approval must come from a compliance officer.',
    });
    expect(mayApprove(parties, fourEyes, [vote(securityReviewer)], officer)).toEqual({ ok: true });
    expect(mayApprove(parties, fourEyes, [vote(officer)], legalReviewer)).toEqual({ ok: true });
  });

  it('reaches quorum only with enough distinct people, including a compliance officer when required', () => {
    expect(quorumReached(fourEyes, [vote(officer)])).toBe(false);
    expect(quorumReached(fourEyes, [vote(securityReviewer), vote(legalReviewer)])).toBe(false);
    expect(quorumReached(fourEyes, [vote(securityReviewer), vote(officer)])).toBe(true);
    expect(quorumReached(single, [vote(securityReviewer)])).toBe(true);
  });

  it('over random approval attempts: whatever is accepted never breaks the rule', () => {
    const people = [officer, officer2, securityReviewer, legalReviewer, engineer, editor, otherEngineer];
    const rule = fc.record({ count: fc.integer({ min: 1, max: 4 }), complianceOfficerRequired: fc.boolean() });
    fc.assert(
      fc.property(rule, fc.array(fc.constantFrom(...people), { maxLength: 12 }), (approverRule, attempts) => {
        const votes: ApprovalVote[] = [];
        for (const person of attempts) {
          if (quorumReached(approverRule, votes)) break;
          if (mayApprove(parties, approverRule, votes, person).ok) votes.push(vote(person));
        }
        expect(new Set(votes.map((v) => v.personId)).size).toBe(votes.length);
        expect(votes.some((v) => v.personId === 'engineer' || v.personId === 'editor' || v.personId === 'other')).toBe(false);
        if (approverRule.complianceOfficerRequired && votes.length >= approverRule.count) {
          expect(votes.some((v) => v.asComplianceOfficer)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
