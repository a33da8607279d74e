export { generateTree, type GeneratedTree } from './generate-tree.js';
export { readTreeBaseline, runScanBenchmark, type ScanBenchmarkResult, type ScanBenchmarkRun } from './scan-benchmark.js';
