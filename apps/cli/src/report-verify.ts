import { verify } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { verifyBundle, type BundleVerification } from '@modelgate/domain/reports';
import { unzipSync } from 'fflate';
import { CliError } from './api-client.js';

/** The largest bundle the command reads: checking happens in memory. */
const MAX_BUNDLE_BYTES = 2 * 1024 * 1024 * 1024;

/** Checks a report bundle (a .zip) offline: signature, trusted key, and every file's SHA-256. */
export async function verifyReportBundle(path: string, trustedKeyPath: string | undefined): Promise<BundleVerification> {
  let zip: Uint8Array;
  try {
    zip = await readFile(path);
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as Error).message}`);
  }
  if (zip.length > MAX_BUNDLE_BYTES) throw new CliError(`${path} is larger than 2 GiB`);
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (error) {
    throw new CliError(`${path} is not a report bundle (a zip file): ${(error as Error).message}`);
  }
  const trusted = trustedKeyPath
    ? await readFile(trustedKeyPath, 'utf8').catch((error: unknown) => {
        throw new CliError(`cannot read ${trustedKeyPath}: ${(error as Error).message}`);
      })
    : undefined;
  const files = new Map(Object.entries(entries).filter(([name]) => !name.endsWith('/')));
  return verifyBundle(
    files,
    (publicKeyPem, message, signature) => {
      try {
        return verify(null, message, publicKeyPem, signature);
      } catch {
        return false;
      }
    },
    trusted,
  );
}

export function describeVerification(path: string, result: BundleVerification): string {
  const lines: string[] = [];
  if (result.manifest) {
    const m = result.manifest;
    lines.push(`${m.title} (${m.reportType}), generated ${m.generatedAt} by ${m.generator.name} ${m.generator.version}`);
    lines.push(`audit trail up to #${m.snapshot.lastAuditSeq ?? '-'} ${m.snapshot.chainHeadHash ?? ''}`.trimEnd());
    for (const file of m.files) {
      const problem = result.problems.find((p) => 'file' in p && p.file === file.name);
      lines.push(
        `${problem ? 'FAIL' : 'OK  '} ${file.name} (${file.bytes} bytes${file.rows === null ? '' : `, ${file.rows} rows`})`,
      );
    }
  }
  for (const problem of result.problems) lines.push(`FAIL ${problem.detail}`);
  lines.push(result.ok ? `${path}: intact and signed.` : `${path}: NOT intact.`);
  return `${lines.join('\n')}\n`;
}
