#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ApiClient, CliError } from './api-client.js';
import { verifyLocally, verifyOnServer } from './audit-verify.js';
import { describeImport, exportInventory, formatFor, importInventory } from './inventory-transfer.js';
import { CHECK_EXIT_CODES, checkPolicy, describeCheck } from './policy-check.js';
import { exportReport } from './report-export.js';
import { describeVerification, verifyReportBundle } from './report-verify.js';
import { scanCommand, writeReport } from './scan.js';
import { uploadScan, uploadTarget } from './scan-upload.js';
import { attachWeightsFolder, describeWeightsAttach } from './weights-attach.js';

const USAGE = `Usage:
  modelgate audit verify [--json] [connection options]
  modelgate import <file> [--dry-run] [--format csv|json] [connection options]
  modelgate export [--format csv|json] [--output FILE] [connection options]
  modelgate report export --type TYPE [--format FORMAT] [--from DAY] [--to DAY] [--as-of DAY] [--team ID]
                         [--application NAME] [--filters JSON] [--output FILE] [connection options]
  modelgate report verify <bundle.zip> [--key PUBLIC_KEY.pem] [--json]
  modelgate check --model KEY|NAME [--provider NAME] [--weights SHA256] --env ENV --hosting TARGET
                  --data CLASS [--personal-data] [--team ID] [--json] [connection options]
  modelgate scan <path> [--format text|json|sarif] [--output FILE] [--env ENV] [--data CLASS]
                 [--hosting TARGET] [--team ID] [--personal-data] [--fail-on unknown|unapproved|none] [--offline]
                 [--rules FILE] [--upload [--repository NAME] [--branch NAME] [--commit SHA]] [connection options]
  modelgate weights attach <folder> --model KEY|NAME [--provider NAME] [--dry-run] [--json] [connection options]

  audit verify  Verifies the audit trail twice: the server's own check (chain and signed checkpoints),
                and an independent re-computation of every hash on this machine. Exit code 0 when both
                say intact, 1 when tampering was found.
  import        Imports model versions from a CSV or JSON file (format: docs/inventory-import.md):
                every row or none. --dry-run checks every row and reports what would change. Exit code
                0 when the file is valid (and imported), 1 when rows have errors (listed by row and column).
  export        Writes the whole inventory in the import format to FILE, or to standard output.
  report export Exports a report as a signed bundle and saves it (TYPE: INVENTORY, APPROVALS, RISK_REGISTER,
                POLICY_COMPLIANCE, AUDIT_TRAIL or ML_BOM; FORMAT: CSV, XLSX, PDF, JSON, or CYCLONEDX for the
                ML-BOM; see docs/reports.md). Waits while a large export runs. Exit code 0 when saved.
  report verify Checks a report bundle offline, without a server: the manifest's Ed25519 signature, the
                signing key (against --key, the instance's published public key, when given), and the
                SHA-256 of every file. Exit code 0 when intact, 1 when anything was altered, added or removed.
  check         Asks the CI gate whether the model may be used there (ENV: development, staging or
                production; CLASS: public, internal, confidential or restricted; TARGET: a hosting
                target's name). Prints the decision and its reasons. Exit code 0 on ALLOW, 1 on DENY,
                3 on REVIEW_REQUIRED.
  scan          Finds the AI models a source tree uses (Hugging Face ids, vendor API model names, Ollama
                tags, GGUF files, vLLM/TGI arguments, weight files with their SHA-256) and asks the server
                which are registered and approved for this use (ENV default production, CLASS default
                internal; TARGET optional: with it, the CI gate's full answer). Prints text grouped by
                status, JSON, or SARIF 2.1.0 for code-scanning tools (docs/discovery.md). --offline only
                scans. --rules adds a rules file to the built-in ones. Exit code 1 when a reference fails
                --fail-on (default unapproved: unknown or not approved; offline every reference fails
                unless --fail-on none), else 0. --upload also sends the findings to the server, where the
                admin app's Discovery page shows them by repository (repository, branch and commit default
                to GitHub Actions' or GitLab CI's variables, else the folder's git checkout).
  weights attach
                Hashes the weight files of a downloaded model folder (safetensors shards, GGUF, PyTorch
                checkpoints; Git LFS pointers with the checksum they name) and attaches the checksums to the
                model version, replacing those attached before. The version's weights checksum becomes their
                digest (one file: its SHA-256; several: the SHA-256 of the sorted \`sha256sum\` lines); scans
                and the CI gate then recognise the version by any one file. --dry-run only prints the
                checksums. Exit code 0 when attached.

  Exit code 2 on a usage or connection error.

Connection options:
  --url       Modelgate URL (default $MODELGATE_URL or http://localhost:4000)
  --token     API token (default $MODELGATE_TOKEN); audit verify needs audit:read and audit:verify,
              import needs models:write, export needs models:read, check needs decisions:read,
              report export needs reports:read, scan needs decisions:read (and scans:write to --upload), weights attach needs models:write
  --email     sign in with an account instead (default $MODELGATE_EMAIL; password from $MODELGATE_PASSWORD)
  --json      audit verify: print the result as JSON`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      json: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      model: { type: 'string' },
      provider: { type: 'string' },
      weights: { type: 'string' },
      env: { type: 'string' },
      hosting: { type: 'string' },
      data: { type: 'string' },
      'personal-data': { type: 'boolean', default: false },
      team: { type: 'string' },
      key: { type: 'string' },
      type: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'as-of': { type: 'string' },
      application: { type: 'string' },
      filters: { type: 'string' },
      'fail-on': { type: 'string' },
      offline: { type: 'boolean', default: false },
      rules: { type: 'string' },
      upload: { type: 'boolean', default: false },
      repository: { type: 'string' },
      branch: { type: 'string' },
      commit: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  const known =
    (command === 'audit' && rest.join(' ') === 'verify') ||
    (command === 'import' && rest.length === 1) ||
    (command === 'export' && rest.length === 0) ||
    (command === 'check' && rest.length === 0) ||
    (command === 'scan' && rest.length === 1) ||
    (command === 'weights' && rest[0] === 'attach' && rest.length === 2) ||
    (command === 'report' && rest[0] === 'verify' && rest.length === 2) ||
    (command === 'report' && rest[0] === 'export' && rest.length === 1);
  if (values.help || !known) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  if (command === 'report' && rest[0] === 'verify') {
    const result = await verifyReportBundle(rest[1]!, values.key);
    process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : describeVerification(rest[1]!, result));
    return result.ok ? 0 : 1;
  }
  const baseUrl = values.url ?? process.env.MODELGATE_URL ?? 'http://localhost:4000';
  const client = new ApiClient(baseUrl, {
    token: values.token ?? process.env.MODELGATE_TOKEN,
    email: values.email ?? process.env.MODELGATE_EMAIL,
    password: values.password ?? process.env.MODELGATE_PASSWORD,
  });

  if (command === 'scan') {
    if (values.upload && values.offline) throw new CliError('--upload cannot be used with --offline');
    const target = values.upload ? uploadTarget(rest[0]!, values) : null;
    const { report, format } = await scanCommand(values.offline ? null : client, rest[0]!, {
      ...values,
      failOn: values['fail-on'],
      personalData: values['personal-data'],
    });
    await writeReport(report, format, values.output, (text) => process.stdout.write(text));
    if (target) {
      const uploaded = await uploadScan(client, report, target);
      const link = new URL(`/discovery/reports/${uploaded.id}`, baseUrl);
      process.stderr.write(`Uploaded the scan of ${uploaded.repository}: ${link.href}\n`);
    }
    return report.exitCode;
  }
  if (command === 'weights') {
    const result = await attachWeightsFolder(values['dry-run'] ? null : client, rest[1]!, {
      model: values.model,
      provider: values.provider,
      dryRun: values['dry-run'],
    });
    process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : describeWeightsAttach(result));
    return 0;
  }
  if (command === 'report') {
    const { view, file } = await exportReport(
      client,
      {
        ...values,
        asOf: values['as-of'],
        team: values.team ? [values.team] : undefined,
      },
      (line) => process.stderr.write(`${line}\n`),
    );
    const rows = `${view.rowsWritten} row${view.rowsWritten === 1 ? '' : 's'}`;
    process.stdout.write(`${file}: ${rows}, bundle SHA-256 ${view.sha256}\n`);
    return 0;
  }
  if (command === 'import') {
    const file = rest[0]!;
    const summary = await importInventory(client, file, formatFor(file, values.format), values['dry-run']);
    process.stdout.write(describeImport(summary));
    return summary.ok ? 0 : 1;
  }
  if (command === 'check') {
    const result = await checkPolicy(client, { ...values, personalData: values['personal-data'] });
    process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : describeCheck(result));
    return CHECK_EXIT_CODES[result.decision];
  }
  if (command === 'export') {
    process.stdout.write(
      await exportInventory(
        client,
        formatFor(values.output ?? '', values.format ?? (values.output ? undefined : 'csv')),
        values.output,
      ),
    );
    return 0;
  }

  const [server, local] = await Promise.all([verifyOnServer(client), verifyLocally(client)]);
  const intact = server.ok && local.ok;
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ intact, server, local }, null, 2)}\n`);
  } else {
    const line = (label: string, ok: boolean, detail: string) =>
      process.stdout.write(`${ok ? 'OK  ' : 'FAIL'} ${label}: ${detail}\n`);
    line(
      'chain (verified here)',
      local.ok,
      local.ok ? `${local.checkedEvents} events, head #${local.headSeq} ${local.headHash}` : `${local.firstBreak?.message}`,
    );
    line(
      'chain (verified by the server)',
      server.firstBreak === null,
      server.firstBreak ? server.firstBreak.message : `${server.checkedEvents} events`,
    );
    line(
      'signed checkpoints',
      server.checkpointProblems.length === 0,
      server.checkpointProblems.length === 0
        ? `${server.checkpointsChecked} checked, key ${server.signingKeyId}`
        : server.checkpointProblems.map((p) => `#${p.seq} ${p.problem}`).join(', '),
    );
    process.stdout.write(intact ? 'The audit trail is intact.\n' : 'The audit trail was tampered with.\n');
  }
  return intact ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`modelgate: ${error instanceof CliError ? error.message : String(error)}\n`);
    process.exit(error instanceof CliError ? error.exitCode : 2);
  },
);
