import { Injectable } from '@nestjs/common';
import {
  approvalScopeSchema,
  type ApprovalCondition,
  type ApprovalScope,
  type RequestState,
  type ReviewCategory,
} from '@modelgate/domain/approvals';
import { defineAbilitiesFor, type Principal } from '@modelgate/domain/auth';
import { ApprovalJobsService } from '../approvals/approval-jobs.service.js';
import { ApprovalRequestsService } from '../approvals/approval-requests.service.js';
import { approvalRequestSelect } from '../approvals/approvals.repository.js';
import { DecisionsService } from '../approvals/decisions.service.js';
import { RiskReviewsService } from '../approvals/risk-reviews.service.js';
import type { Actor } from '../common/auth/actor.js';
import { PrismaService } from '../database/prisma.service.js';
import { Clock } from '../jobs/clock.js';

type Story = {
  versionKey: string;
  scope: Omit<ApprovalScope, 'euAiActCategory'> & { euAiActCategory?: ApprovalScope['euAiActCategory'] };
  /** Where the story ends. */
  until: RequestState;
  /** Rating every review gets: [likelihood, impact]. */
  rating?: [number, number];
  conditions?: ApprovalCondition[];
  /** How long ago it was submitted, in days (the clock is set back while it happens). */
  daysAgo?: number;
  validityMonths?: number;
};

const production = (intendedUse: string, extra: Partial<Story['scope']> = {}): Story['scope'] => ({
  intendedUse,
  environments: ['STAGING', 'PRODUCTION'],
  hostingModes: ['ON_PREMISES'],
  maxDataClassification: 'CONFIDENTIAL',
  personalData: false,
  expectedUsers: 250,
  ...extra,
});

/** One request in each state, so a new user sees a living workflow. */
const STORIES: Story[] = [
  { versionKey: 'phi-4', scope: production('Draft: code review suggestions in the internal developer portal'), until: 'DRAFT' },
  {
    versionKey: 'mistral-7b-instruct-v0.2',
    scope: production('Classify incoming payment disputes by reason code'),
    until: 'SUBMITTED',
  },
  {
    versionKey: 'deepseek-r1-distill-qwen-32b',
    scope: production('Reasoning assistant for fraud analysts', { personalData: true }),
    until: 'IN_REVIEW',
  },
  {
    versionKey: 'llama-3.1-8b-instruct',
    scope: production('Extract fields from supplier invoices'),
    until: 'APPROVED',
    rating: [2, 2],
    daysAgo: 40,
  },
  {
    versionKey: 'qwen2.5-7b-instruct',
    scope: production('Summarise confidential support tickets for agents'),
    until: 'APPROVED_WITH_CONDITIONS',
    rating: [2, 2],
    conditions: [{ kind: 'HOSTING_MODES', hostingModes: ['ON_PREMISES'] }, { kind: 'PIN_WEIGHTS_CHECKSUM' }],
    daysAgo: 20,
  },
  {
    versionKey: 'command-r-v01',
    scope: production('Draft customer letters in production', { hostingModes: ['VENDOR_API'] }),
    until: 'REJECTED',
    rating: [4, 3],
    daysAgo: 60,
  },
  { versionKey: 'gemma-2-9b-it', scope: production('Tag marketing copy by campaign'), until: 'WITHDRAWN', daysAgo: 15 },
  {
    versionKey: 'mixtral-8x7b-instruct-v0.1',
    scope: production('Answer HR policy questions', { personalData: true }),
    until: 'SUSPENDED',
    rating: [2, 2],
    daysAgo: 90,
  },
  {
    versionKey: 'yi-34b-chat',
    scope: production('Translate vendor contracts'),
    until: 'REVOKED',
    rating: [2, 2],
    daysAgo: 120,
  },
  {
    versionKey: 'falcon-7b',
    scope: production('Prototype: cluster transaction descriptions', {
      environments: ['DEVELOPMENT'],
      maxDataClassification: 'INTERNAL',
    }),
    until: 'EXPIRED',
    rating: [1, 2],
    daysAgo: 400,
  },
  {
    versionKey: 'glm-4-9b-chat',
    scope: production('Chinese-language customer chat triage'),
    until: 'APPROVED',
    rating: [2, 2],
    daysAgo: 350,
  },
];

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Plays a set of approval stories through the real workflow services, as the demo people, with the
 * clock set back so that some approvals are old enough to have expired or to be up for re-review.
 */
@Injectable()
export class DemoApprovalsSeeder {
  constructor(
    private readonly prisma: PrismaService,
    private readonly requests: ApprovalRequestsService,
    private readonly reviews: RiskReviewsService,
    private readonly decisions: DecisionsService,
    private readonly jobs: ApprovalJobsService,
    private readonly clock: Clock,
  ) {}

  async seed(): Promise<void> {
    const people = await this.prisma.user.findMany({
      where: { email: { endsWith: '@demo.modelgate.local' } },
      select: {
        id: true,
        email: true,
        displayName: true,
        roles: true,
        reviewCategories: true,
        memberships: { select: { teamId: true } },
      },
    });
    const actorOf = (email: string): Actor => {
      const person = people.find((p) => p.email === email)!;
      const principal: Principal = {
        kind: 'user',
        userId: person.id,
        email: person.email,
        displayName: person.displayName,
        roles: person.roles,
        teamIds: person.memberships.map((m) => m.teamId),
        reviewCategories: person.reviewCategories,
        sessionId: 'demo-seed',
      };
      return {
        principal,
        ability: defineAbilitiesFor(principal),
        channel: 'SYSTEM',
        requestId: 'demo-seed',
        ip: null,
        userAgent: null,
        csrfToken: null,
      };
    };
    const engineer = actorOf('engineer@demo.modelgate.local');
    const reviewer = actorOf('reviewer@demo.modelgate.local');
    const compliance = actorOf('compliance@demo.modelgate.local');
    const realNow = new Date();
    try {
      for (const story of STORIES) {
        this.clock.travelTo(new Date(realNow.getTime() - (story.daysAgo ?? 1) * DAY_MS));
        await this.play(story, { engineer, reviewer, compliance });
      }
    } finally {
      this.clock.travelTo(realNow);
    }
    // Today: expire what lapsed, open re-reviews that are due.
    await this.jobs.runMaintenance();
  }

  private async play(story: Story, as: { engineer: Actor; reviewer: Actor; compliance: Actor }): Promise<void> {
    const version = await this.prisma.modelVersion.findUnique({ where: { key: story.versionKey }, select: { id: true } });
    if (!version) return;
    const scope = approvalScopeSchema.parse(story.scope);
    let request = await this.requests.create(
      { modelVersionId: version.id, teamId: null, scope, submit: story.until !== 'DRAFT' },
      as.engineer,
    );
    if (story.until === 'DRAFT' || story.until === 'SUBMITTED') return;
    if (story.until === 'WITHDRAWN') {
      await this.requests.withdraw(
        { id: request.id, expectedVersion: request.version, reason: 'The team chose a smaller model.' },
        as.engineer,
      );
      return;
    }
    // Reviews: the reviewer takes their categories, the compliance officer the rest.
    let signedOff = 0;
    for (;;) {
      const pending = (request.requiredCategories as ReviewCategory[]).filter((c) => !this.done.has(`${request.id}:${c}`));
      if (pending.length === 0) break;
      const category = pending[0]!;
      const takesIt = ['security', 'legal', 'privacy'].includes(category) ? as.reviewer : as.compliance;
      const review = await this.reviews.assign(
        { requestId: request.id, expectedVersion: request.version, category, reviewerId: null },
        takesIt,
      );
      this.done.add(`${request.id}:${category}`);
      if (story.until === 'IN_REVIEW' && signedOff === 1) break;
      const [likelihood, impact] = story.rating ?? [2, 2];
      await this.reviews.file(
        {
          reviewId: review.id,
          expectedVersion: review.version,
          likelihood,
          impact,
          findings: `Reviewed ${category} for "${scope.intendedUse}"; see mitigations.`,
          mitigations: ['Pin the approved weights checksum', 'Log prompts and outputs for 30 days'],
          signOff: true,
        },
        takesIt,
      );
      signedOff += 1;
      request = await this.prisma.approvalRequest.findUniqueOrThrow({ where: { id: request.id }, select: approvalRequestSelect });
    }
    if (story.until === 'IN_REVIEW') return;

    const decide = async (actor: Actor, decision: 'APPROVE' | 'REJECT') => {
      request = await this.decisions.decide(
        {
          requestId: request.id,
          expectedVersion: request.version,
          decision,
          rationale:
            decision === 'APPROVE'
              ? 'Reviews found no blocking risk for this scope; mitigations accepted.'
              : 'Vendor API hosting for customer letters conflicts with our data residency rules.',
          conditions: decision === 'APPROVE' ? (story.conditions ?? []) : [],
          validityMonths: story.validityMonths ?? null,
        },
        actor,
      );
    };
    if (story.until === 'REJECTED') {
      await decide(as.compliance, 'REJECT');
      return;
    }
    if (request.requiredApprovers > 1) await decide(as.reviewer, 'APPROVE');
    await decide(as.compliance, 'APPROVE');
    const step = { SUSPENDED: 'SUSPEND', REVOKED: 'REVOKE' } as const;
    if (story.until === 'SUSPENDED' || story.until === 'REVOKED') {
      await this.requests.changeApproval(
        {
          id: request.id,
          expectedVersion: request.version,
          step: step[story.until],
          reason:
            story.until === 'SUSPENDED'
              ? 'Suspended while a reported prompt-injection issue is investigated.'
              : 'Revoked: the team moved the use case to an approved vendor model.',
        },
        as.compliance,
      );
    }
  }

  private readonly done = new Set<string>();
}
