import { describe, expect, it } from '@jest/globals';
import { MAX_RECENT_ITEMS, parseRecentItems, withRecentItem, type RecentItem } from './recent-items';

const item = (id: string, title = `Version ${id}`): RecentItem => ({
  kind: 'MODEL_VERSION',
  id,
  title,
  url: `/inventory/versions/${id}`,
  openedAt: '2026-01-01T00:00:00.000Z',
});

describe('recent items', () => {
  it('puts the opened item first, once, with its current title, and keeps the last eight', () => {
    let items: RecentItem[] = [];
    for (let n = 1; n <= 10; n += 1) items = withRecentItem(items, item(String(n)));
    expect(items.map((entry) => entry.id)).toEqual(['10', '9', '8', '7', '6', '5', '4', '3']);
    expect(items).toHaveLength(MAX_RECENT_ITEMS);
    items = withRecentItem(items, item('5', 'Renamed'));
    expect(items.map((entry) => entry.id)).toEqual(['5', '10', '9', '8', '7', '6', '4', '3']);
    expect(items[0]?.title).toBe('Renamed');
  });

  it('tells things of different kinds with the same id apart', () => {
    const provider: RecentItem = { ...item('1'), kind: 'PROVIDER', url: '/inventory/providers/1' };
    expect(withRecentItem([item('1')], provider).map((entry) => entry.kind)).toEqual(['PROVIDER', 'MODEL_VERSION']);
  });

  it('reads a missing or damaged list as empty, and drops entries it cannot use', () => {
    expect(parseRecentItems(null)).toEqual([]);
    expect(parseRecentItems('not json')).toEqual([]);
    expect(parseRecentItems('{"kind":"MODEL_VERSION"}')).toEqual([]);
    const stored = JSON.stringify([
      item('1'),
      { ...item('2'), kind: 'SOMETHING' },
      { ...item('3'), url: 'https://evil.example' },
      { ...item('4'), url: '//evil.example/x' },
    ]);
    expect(parseRecentItems(stored).map((entry) => entry.id)).toEqual(['1']);
  });
});
