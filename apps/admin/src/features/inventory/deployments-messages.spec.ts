import { describe, expect, it } from '@jest/globals';
import { createElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { t, tWith } from './deployments-messages';

const childrenOf = (node: ReactNode): unknown[] => {
  if (!isValidElement(node)) throw new Error('not an element');
  const { children } = (node as ReactElement<{ children: unknown }>).props;
  return Array.isArray(children) ? children : [children];
};

describe('deployments messages', () => {
  it('counts retention days and deployments with their plural forms', () => {
    expect(t('deployments.hosting.retention', { count: 1 })).toBe('1 day');
    expect(t('deployments.hosting.retention', { count: 30 })).toBe('30 days');
    expect(t('deployments.list.count', { count: 1250 })).toBe('1,250 deployments');
  });

  it('puts React nodes where a message has their placeholders, the text around them as it is', () => {
    const date = createElement('time', { dateTime: '2026-12-02T06:00:00.000Z' }, '2 Dec 2026');
    const [before, node, after] = childrenOf(
      tWith('deployments.history.retiredBy', { date, person: 'compliance@demo.modelgate.local', channel: 'Admin app' }),
    );
    expect(before).toBe('Retired ');
    expect(node).toBe(date);
    expect(after).toBe(' by compliance@demo.modelgate.local (Admin app)');
  });

  it('leaves a message without node placeholders as plain text', () => {
    expect(childrenOf(tWith('deployments.hosting.retiredOn', { date: 'today' }))).toEqual(['Retired today']);
  });
});
