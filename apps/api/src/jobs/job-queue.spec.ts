import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { JobQueue } from './job-queue.service.js';

describe('job queue', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ env: { JOBS_ENABLED: 'true', JOBS_POLLING_INTERVAL_SECONDS: '0.5' } });
  });
  afterAll(() => api.close());

  it('runs as the application role on the schema the migrations installed, each job once, retrying failures', async () => {
    const queue = api.app.get(JobQueue);
    expect(queue.running).toBe(true);
    const runs: string[] = [];
    let failuresLeft = 1;
    await queue.define<{ label: string }>({
      name: 'test.echo',
      retryDelaySeconds: 1,
      retryBackoff: false,
      handler: ({ label }) => {
        if (label === 'flaky' && failuresLeft-- > 0) return Promise.reject(new Error('first attempt fails'));
        runs.push(label);
        return Promise.resolve();
      },
    });
    expect(await queue.nudge('test.echo', { label: 'a' })).toBe(true);
    expect(await queue.nudge('test.echo', { label: 'flaky' })).toBe(true);
    const deadline = Date.now() + 20_000;
    while (runs.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // would a job run twice?
    expect(runs.sort()).toEqual(['a', 'flaky']);
  });
});
