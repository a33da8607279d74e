import { Role } from '../auth/roles.js';
import type { ApproverRule } from './requirements.js';
import { type ReviewCategory, reviewCategoryInfo } from './risk.js';

/** Separation of duties: who may review and who may approve a request. Pure rules, no storage. */

export type Person = { id: string; roles: readonly string[]; reviewCategories: readonly string[] };

export type RequestParties = {
  requesterId: string | null;
  /** Whoever last edited the request and whoever last edited the model version. */
  lastEditorIds: readonly (string | null)[];
};

export type ApprovalVote = { personId: string; asComplianceOfficer: boolean };

export type Verdict = { ok: true } | { ok: false; reason: string };

const allowed: Verdict = { ok: true };
const refused = (reason: string): Verdict => ({ ok: false, reason });

function conflictOfInterest(parties: RequestParties, person: Person, doing: string): Verdict | null {
  if (parties.requesterId === person.id) return refused(`You requested this approval; someone else must ${doing} it.`);
  if (parties.lastEditorIds.includes(person.id)) {
    return refused(`You last edited this request or its model version; someone else must ${doing} it.`);
  }
  return null;
}

/** Reviewers review the categories they hold; compliance officers may review any category. */
export function mayReview(parties: RequestParties, category: ReviewCategory, person: Person): Verdict {
  const conflict = conflictOfInterest(parties, person, 'review');
  if (conflict) return conflict;
  if (person.roles.includes(Role.ComplianceOfficer)) return allowed;
  if (person.roles.includes(Role.Reviewer) && person.reviewCategories.includes(category)) return allowed;
  return refused(`Only reviewers of ${reviewCategoryInfo[category].label.toLowerCase()} and compliance officers may review it.`);
}

const mayDecideAtAll = (person: Person) => person.roles.includes(Role.ComplianceOfficer) || person.roles.includes(Role.Reviewer);

/**
 * Whether a person may give one of the approvals the rule requires, given the approvals already given:
 * nobody twice, and when a compliance officer is required and none has approved yet, the last open
 * approval is kept for one.
 */
export function mayApprove(parties: RequestParties, rule: ApproverRule, votes: readonly ApprovalVote[], person: Person): Verdict {
  const conflict = conflictOfInterest(parties, person, 'approve');
  if (conflict) return conflict;
  if (!mayDecideAtAll(person)) return refused('Only compliance officers and reviewers may approve requests.');
  if (votes.some((vote) => vote.personId === person.id)) {
    return refused('You have already approved this request; the next approval must come from someone else.');
  }
  const isComplianceOfficer = person.roles.includes(Role.ComplianceOfficer);
  const officerStillNeeded = rule.complianceOfficerRequired && !votes.some((vote) => vote.asComplianceOfficer);
  if (officerStillNeeded && !isComplianceOfficer && votes.length + 1 >= rule.count) {
    return refused('The remaining approval must come from a compliance officer.');
  }
  return allowed;
}

/** Any one person who may approve may also reject. */
export function mayReject(parties: RequestParties, person: Person): Verdict {
  const conflict = conflictOfInterest(parties, person, 'reject');
  if (conflict) return conflict;
  if (!mayDecideAtAll(person)) return refused('Only compliance officers and reviewers may reject requests.');
  return allowed;
}

/** True when the approvals given fill the rule: enough distinct people, a compliance officer among them if required. */
export function quorumReached(rule: ApproverRule, votes: readonly ApprovalVote[]): boolean {
  const people = new Set(votes.map((vote) => vote.personId));
  return people.size >= rule.count && (!rule.complianceOfficerRequired || votes.some((vote) => vote.asComplianceOfficer));
}
