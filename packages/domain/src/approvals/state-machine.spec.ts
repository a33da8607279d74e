import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  allowedSteps,
  FINAL_STATES,
  GRANTED_STATES,
  mayRenew,
  REQUEST_STATES,
  RequestState,
  transition,
  WORKFLOW_STEPS,
  type RequestState as State,
} from './state-machine.js';

/** The lifecycle as the product defines it, written out once more by hand: every legal (state, step) pair. */
const LEGAL: Record<string, State> = {
  'DRAFT SUBMIT': 'SUBMITTED',
  'DRAFT WITHDRAW': 'WITHDRAWN',
  'SUBMITTED START_REVIEW': 'IN_REVIEW',
  'SUBMITTED WITHDRAW': 'WITHDRAWN',
  'IN_REVIEW APPROVE': 'APPROVED',
  'IN_REVIEW REJECT': 'REJECTED',
  'IN_REVIEW WITHDRAW': 'WITHDRAWN',
  'APPROVED SUSPEND': 'SUSPENDED',
  'APPROVED REVOKE': 'REVOKED',
  'APPROVED EXPIRE': 'EXPIRED',
  'APPROVED_WITH_CONDITIONS SUSPEND': 'SUSPENDED',
  'APPROVED_WITH_CONDITIONS REVOKE': 'REVOKED',
  'APPROVED_WITH_CONDITIONS EXPIRE': 'EXPIRED',
  'SUSPENDED REINSTATE': 'APPROVED',
  'SUSPENDED REVOKE': 'REVOKED',
  'SUSPENDED EXPIRE': 'EXPIRED',
};

describe('approval request state machine', () => {
  it('allows exactly the listed transitions, for every state and step', () => {
    for (const state of REQUEST_STATES) {
      for (const step of WORKFLOW_STEPS) {
        const result = transition(state, step);
        const expected = LEGAL[`${state} ${step}`];
        if (expected) expect(result).toEqual({ ok: true, state: expected });
        else expect(result.ok).toBe(false);
      }
    }
  });

  it('approves with conditions when the decision carries some, also when reinstating', () => {
    expect(transition('IN_REVIEW', 'APPROVE', { withConditions: true })).toEqual({ ok: true, state: 'APPROVED_WITH_CONDITIONS' });
    expect(transition('SUSPENDED', 'REINSTATE', { withConditions: true })).toEqual({
      ok: true,
      state: 'APPROVED_WITH_CONDITIONS',
    });
  });

  it('explains a refusal in words and says what is possible instead', () => {
    expect(transition('WITHDRAWN', 'APPROVE')).toEqual({
      ok: false,
      reason: 'A request that is withdrawn cannot be approved; it is final.',
    });
    expect(transition('SUBMITTED', 'APPROVE')).toEqual({
      ok: false,
      reason: 'A request that is submitted cannot be approved; it can only be put into review or withdrawn.',
    });
  });

  it('keeps final states final and lets only granted, suspended or expired approvals be renewed', () => {
    for (const state of FINAL_STATES) expect(allowedSteps(state)).toEqual([]);
    expect(REQUEST_STATES.filter(mayRenew)).toEqual(['APPROVED', 'APPROVED_WITH_CONDITIONS', 'SUSPENDED', 'EXPIRED']);
  });

  it('over random step sequences: only legal steps change the state, and a grant is always preceded by review', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ step: fc.constantFrom(...WORKFLOW_STEPS), withConditions: fc.boolean() }), { maxLength: 30 }),
        (steps) => {
          let state: State = RequestState.Draft;
          const visited: State[] = [state];
          for (const { step, withConditions } of steps) {
            const result = transition(state, step, { withConditions });
            const expected = LEGAL[`${state} ${step}`];
            if (!result.ok) {
              expect(expected).toBeUndefined();
              continue; // a refused step changes nothing
            }
            expect(expected).toBeDefined();
            state = result.state;
            visited.push(state);
          }
          const firstGrant = visited.findIndex((s) => GRANTED_STATES.includes(s));
          if (firstGrant >= 0) expect(visited.slice(0, firstGrant)).toEqual(['DRAFT', 'SUBMITTED', 'IN_REVIEW']);
          const firstFinal = visited.findIndex((s) => FINAL_STATES.includes(s));
          if (firstFinal >= 0) expect(visited.length).toBe(firstFinal + 1);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
