import { describe, expect, it } from '@jest/globals';
import { compareMigrations } from './system.js';

const done = (name: string) => ({ name, finishedAt: new Date('2026-01-01'), rolledBackAt: null });

describe('compareMigrations', () => {
  it('is up to date when every shipped migration finished', () => {
    const state = compareMigrations(['001_a', '002_b'], [done('001_a'), done('002_b')]);
    expect(state).toEqual({ applied: ['001_a', '002_b'], pending: [], failed: [], unknown: [], upToDate: true });
  });

  it('lists shipped migrations the database has not applied as pending, in order', () => {
    const state = compareMigrations(['001_a', '002_b', '003_c'], [done('001_a')]);
    expect(state.pending).toEqual(['002_b', '003_c']);
    expect(state.upToDate).toBe(false);
  });

  it('reports a started but unfinished migration as failed, not pending', () => {
    const state = compareMigrations(['001_a'], [{ name: '001_a', finishedAt: null, rolledBackAt: null }]);
    expect(state.failed).toEqual(['001_a']);
    expect(state.pending).toEqual([]);
    expect(state.upToDate).toBe(false);
  });

  it('treats a rolled-back attempt followed by a successful re-run as applied', () => {
    const state = compareMigrations(['001_a'], [{ name: '001_a', finishedAt: null, rolledBackAt: new Date() }, done('001_a')]);
    expect(state).toMatchObject({ applied: ['001_a'], failed: [], upToDate: true });
  });

  it('names migrations the database has but this build does not know', () => {
    const state = compareMigrations(['001_a'], [done('001_a'), done('002_newer')]);
    expect(state.unknown).toEqual(['002_newer']);
    expect(state.upToDate).toBe(true);
  });

  it('is not ready on an empty database', () => {
    expect(compareMigrations(['001_a'], []).upToDate).toBe(false);
  });
});
