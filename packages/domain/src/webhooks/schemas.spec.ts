import { describe, expect, it } from '@jest/globals';
import { parseOrThrow } from '../validation.js';
import { ValidationError } from '../errors.js';
import { subscribesTo, WEBHOOK_EVENT_TYPES } from './events.js';
import {
  createWebhookSubscriptionInputSchema,
  markNotificationsReadInputSchema,
  notificationsArgsSchema,
  updateWebhookSubscriptionInputSchema,
  webhookDeliveriesArgsSchema,
} from './schemas.js';

const fieldsOf = (run: () => unknown): Record<string, string> => {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return Object.fromEntries(error.fields.map((f) => [f.field, f.reason]));
    throw error;
  }
  throw new Error('expected a ValidationError');
};

const id = '6f1c2a4e-8b0d-4c3e-9a7f-1b2c3d4e5f60';

describe('webhook subscription input', () => {
  it('accepts an http(s) URL and known events, deduplicated and sorted', () => {
    expect(
      createWebhookSubscriptionInputSchema.parse({
        name: '  CI bot ',
        url: 'https://hooks.example.com/modelgate',
        events: ['decision.made', 'request.submitted', 'decision.made'],
      }),
    ).toEqual({ name: 'CI bot', url: 'https://hooks.example.com/modelgate', events: ['decision.made', 'request.submitted'] });
    expect(createWebhookSubscriptionInputSchema.parse({ name: 'all', url: 'http://127.0.0.1:8080/x' }).events).toEqual([]);
  });

  it('lists every workflow event and the test event', () => {
    expect(WEBHOOK_EVENT_TYPES).toEqual([
      'request.submitted',
      'review.assigned',
      'review.overdue',
      'decision.made',
      'approval.expiring',
      'approval.expired',
      'request.state_changed',
      'approval.review_needed',
      'exception.requested',
      'exception.state_changed',
      'violation.detected',
      'violation.resolved',
      'webhook.test',
    ]);
  });

  it.each([
    'ftp://example.com/x',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'not a url',
    `https://example.com/${'a'.repeat(2000)}`,
  ])('refuses the URL %p', (url) => {
    const fields = fieldsOf(() => parseOrThrow(createWebhookSubscriptionInputSchema, { name: 'x', url, events: [] }, 'input'));
    expect(Object.keys(fields)).toEqual(['input.url']);
  });

  it('names each bad field', () => {
    const fields = fieldsOf(() =>
      parseOrThrow(createWebhookSubscriptionInputSchema, { name: '', url: 'https://example.com', events: ['nope'] }, 'input'),
    );
    expect(fields['input.name']).toBe('must not be empty');
    expect(fields['input.events.0']).toMatch(/^must be one of request.submitted/);
    expect(
      fieldsOf(() =>
        parseOrThrow(createWebhookSubscriptionInputSchema, { name: 'x'.repeat(201), url: 'https://e.com' }, 'input'),
      ),
    ).toEqual({
      'input.name': 'must be at most 200 characters',
    });
  });

  it('updates only the fields given', () => {
    expect(updateWebhookSubscriptionInputSchema.parse({ id, expectedVersion: 2, active: false, name: null })).toEqual({
      id,
      expectedVersion: 2,
      active: false,
      name: undefined,
      url: undefined,
      events: undefined,
    });
    expect(
      Object.keys(fieldsOf(() => parseOrThrow(updateWebhookSubscriptionInputSchema, { id: 'x', expectedVersion: 0 }, 'input'))),
    ).toEqual(['input.id', 'input.expectedVersion']);
  });

  it('matches a subscription with no events to every event', () => {
    expect(subscribesTo([], 'decision.made')).toBe(true);
    expect(subscribesTo(['decision.made'], 'decision.made')).toBe(true);
    expect(subscribesTo(['decision.made'], 'review.assigned')).toBe(false);
  });
});

describe('list arguments', () => {
  it('bounds the page size and defaults it', () => {
    expect(notificationsArgsSchema.parse({})).toEqual({ first: 20, after: null, unreadOnly: false });
    expect(fieldsOf(() => parseOrThrow(notificationsArgsSchema, { first: 101 }))).toEqual({ first: 'must be at most 100' });
    expect(webhookDeliveriesArgsSchema.parse({ subscriptionId: id, status: 'FAILED' })).toEqual({
      subscriptionId: id,
      first: 20,
      after: null,
      status: 'FAILED',
    });
    expect(
      Object.keys(fieldsOf(() => parseOrThrow(webhookDeliveriesArgsSchema, { subscriptionId: id, status: 'LOST' }))),
    ).toEqual(['status']);
  });
});

describe('marking notifications read', () => {
  it('takes ids or all, not both and not neither', () => {
    expect(markNotificationsReadInputSchema.parse({ ids: [id, id] })).toEqual({ ids: [id], all: false });
    expect(markNotificationsReadInputSchema.parse({ all: true })).toEqual({ ids: null, all: true });
    expect(fieldsOf(() => parseOrThrow(markNotificationsReadInputSchema, {}, 'input'))).toEqual({
      'input.ids': 'is required unless all is true',
    });
    expect(fieldsOf(() => parseOrThrow(markNotificationsReadInputSchema, { ids: [id], all: true }, 'input'))).toEqual({
      'input.all': 'must not be true when ids are given',
    });
    expect(Object.keys(fieldsOf(() => parseOrThrow(markNotificationsReadInputSchema, { ids: ['x'] }, 'input')))).toEqual([
      'input.ids.0',
    ]);
    expect(Object.keys(fieldsOf(() => parseOrThrow(markNotificationsReadInputSchema, { ids: [] }, 'input')))).toEqual([
      'input.ids',
    ]);
  });
});
