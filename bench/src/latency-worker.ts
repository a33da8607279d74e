// The open-loop load generator's thread (see `latencyAtRate`): runs one measurement and posts its result.
import { parentPort, workerData } from 'node:worker_threads';
import { openLoopLatency, type Target } from './load.js';

const { target, rate, seconds } = workerData as { target: Target; rate: number; seconds: number };
parentPort!.postMessage(await openLoopLatency(target, rate, seconds));
