import { describe, expect, it } from '@jest/globals';
import { actionEntries, filterEntries, navigationEntries, reachable, resultEntries, type PaletteViewer } from './palette-items';

const viewer = (roles: PaletteViewer['roles']): PaletteViewer => ({
  id: 'u',
  roles,
  teams: [{ id: 't', name: 'Payments' }],
  reviewCategories: [],
});

describe('the command palette’s entries', () => {
  it('offers the pages each role sees, and the actions it may take', () => {
    expect(navigationEntries(['ADMIN']).map((entry) => entry.url)).toEqual([
      '/',
      '/inventory',
      '/audit',
      '/tokens',
      '/admin',
      '/inventory/deployments',
      '/inventory/providers',
      '/inventory/hosting',
    ]);
    expect(actionEntries(viewer(['ENGINEER'])).map((entry) => entry.label)).toEqual([
      'Register model version',
      'New approval request',
      'Import inventory',
      'Upload scan results',
      'Create an API token',
    ]);
    expect(actionEntries(viewer(['AUDITOR'])).map((entry) => entry.label)).toEqual(['Export a signed report']);
    expect(actionEntries(viewer(['REVIEWER'])).map((entry) => entry.label)).toEqual(['Review queue', 'Create an API token']);
  });

  it('keeps only hits the viewer can open, and never an address outside the app', () => {
    const hit = (kind: 'APPROVAL_REQUEST' | 'MODEL_VERSION', url: string) => ({
      kind,
      id: url,
      title: url,
      subtitle: null,
      url,
      match: 'EXACT' as const,
      retired: false,
    });
    const hits = [hit('MODEL_VERSION', '/inventory/versions/1'), hit('APPROVAL_REQUEST', '/approvals/2')];
    // An admin may read approval requests, but has no Approvals section to open them in.
    expect(resultEntries(hits, ['ADMIN']).map((entry) => entry.url)).toEqual(['/inventory/versions/1']);
    expect(resultEntries(hits, ['AUDITOR']).map((entry) => entry.tag)).toEqual(['Model version', 'Approval request']);
    expect(reachable('//evil.example/inventory', ['AUDITOR'])).toBe(false);
    expect(reachable('/', [])).toBe(true);
  });

  it('filters by every typed word, in the label, description or kind', () => {
    const entries = navigationEntries(['COMPLIANCE_OFFICER']);
    expect(filterEntries(entries, 'INV').map((entry) => entry.label)).toEqual([
      'Inventory',
      'Deployments',
      'Providers',
      'Hosting targets',
    ]);
    expect(filterEntries(entries, 'hosting inventory').map((entry) => entry.label)).toEqual(['Inventory', 'Hosting targets']);
    expect(filterEntries(entries, '   ')).toHaveLength(entries.length);
  });
});
