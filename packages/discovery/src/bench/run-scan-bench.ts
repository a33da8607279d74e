// `npm run bench -w @modelgate/discovery [-- --files N]`: scans a generated tree and prints the figures as JSON.
import { runScanBenchmark } from './scan-benchmark.js';

const args = process.argv.slice(2);
const filesArg = args.indexOf('--files');
const files = filesArg === -1 ? 50_000 : Number(args[filesArg + 1]);
const result = await runScanBenchmark({ files, log: (line) => console.error(`[scan-bench] ${line}`) });
console.log(JSON.stringify(result, null, 2));
if (!result.correct) process.exitCode = 1;
