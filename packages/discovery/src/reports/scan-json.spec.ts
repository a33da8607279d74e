import { describe, expect, it } from '@jest/globals';
import { readScanJson } from './scan-json.js';

const finding = {
  kind: 'HUGGING_FACE',
  reference: 'Qwen/Qwen2.5-7B-Instruct',
  provider: null,
  file: 'app/chat.py',
  line: 4,
  column: 31,
  snippet: 'model = AutoModel.from_pretrained("Qwen/Qwen2.5-7B-Instruct")',
  ruleId: 'huggingface-from-pretrained',
  inComment: false,
  informational: false,
  sha256: null,
  bytes: null,
  status: 'APPROVED',
  matchedBy: 'HUGGING_FACE_REPO',
  modelVersion: null,
  reasons: [],
  hint: null,
  fails: false,
};
const output = {
  tool: { name: 'modelgate', version: '0.1.0' },
  root: '/home/ci/work/support-bot',
  filesScanned: 42,
  context: {
    offline: false,
    environment: 'PRODUCTION',
    dataClassification: 'CONFIDENTIAL',
    hostingTarget: 'GPU cluster',
    teamId: null,
    personalData: true,
  },
  findings: [
    finding,
    { ...finding, line: 0 },
    { ...finding, kind: 'WEIGHTS_FILE', reference: 'sha256:x', sha256: null, file: 'm.gguf', line: 1 },
  ],
};

describe('readScanJson: the JSON of `modelgate scan`, pasted in the admin app', () => {
  it('keeps what an upload needs, drops statuses, and names each finding that does not fit', () => {
    const read = readScanJson(JSON.stringify(output));
    expect(read).toEqual({
      folderName: 'support-bot',
      context: {
        environment: 'PRODUCTION',
        dataClassification: 'CONFIDENTIAL',
        personalData: true,
        hostingTarget: 'GPU cluster',
        teamId: null,
      },
      filesScanned: 42,
      findings: [
        {
          kind: 'HUGGING_FACE',
          reference: 'Qwen/Qwen2.5-7B-Instruct',
          provider: null,
          file: 'app/chat.py',
          line: 4,
          column: 31,
          snippet: 'model = AutoModel.from_pretrained("Qwen/Qwen2.5-7B-Instruct")',
          sha256: null,
          bytes: null,
          inComment: false,
          informational: false,
        },
      ],
      problems: [
        'Finding 2 (app/chat.py:0): line must be at least 1',
        'Finding 3 (m.gguf:1): sha256 a weights file needs its SHA-256',
      ],
    });
  });

  it('says what is wrong with text that is not a scan', () => {
    expect(() => readScanJson('<sarif/>')).toThrow('This is not JSON');
    expect(() => readScanJson('{"runs": []}')).toThrow('This JSON has no "findings" list');
  });
});
