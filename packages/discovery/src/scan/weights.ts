import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { WeightFileDefinition, WeightFormat } from '../rules/schema.js';

/** What a weight-file candidate turned out to be. */
export type WeightFile = {
  format: WeightFormat | 'git-lfs-pointer';
  sha256: string;
  /** The weights' size: the file's, or for a Git LFS pointer the size it names. */
  bytes: number;
  /** A short description for the snippet, e.g. `GGUF v3` or `safetensors, 1.2 KiB header`. */
  detail: string;
};

const HEAD_BYTES = 64;
const LFS_POINTER_MAX_BYTES = 1024;
const LFS_POINTER = /^version https:\/\/git-lfs\.github\.com\/spec\/v1\r?\noid sha256:([0-9a-f]{64})\r?\nsize (\d+)\r?\n?/;
const MAX_SAFETENSORS_HEADER = 100 * 1024 * 1024;
/** llama.cpp's pre-GGUF magics, as the first four bytes of the file (little-endian 'ggml', 'ggmf', 'ggjt'). */
const GGML_MAGICS = ['lmgg', 'fmgg', 'tjgg'];
/** How torch.save's legacy format begins: pickle protocol 2, then the 10-byte magic number as a LONG1. */
const TORCH_LEGACY_PICKLE = Buffer.from([0x80, 0x02, 0x8a, 0x0a]);

/** The first-bytes test of each format. `head` holds up to the first 64 bytes. */
const FORMAT_CHECKS: Record<WeightFormat, (head: Buffer, size: number) => string | null> = {
  safetensors: (head, size) => {
    if (head.length < 9) return null;
    const headerBytes = head.readBigUInt64LE(0);
    if (headerBytes < 2n || headerBytes > BigInt(MAX_SAFETENSORS_HEADER) || 8n + headerBytes > BigInt(size)) return null;
    return head[8] === 0x7b ? `safetensors, ${headerBytes} bytes of header` : null;
  },
  gguf: (head) => {
    if (head.length < 8 || head.toString('latin1', 0, 4) !== 'GGUF') return null;
    const version = head.readUInt32LE(4);
    return version >= 1 && version <= 16 ? `GGUF v${version}` : null;
  },
  'pytorch-zip': (head) => {
    if (head.length < 30 || head.readUInt32LE(0) !== 0x04034b50) return null;
    const nameLength = head.readUInt16LE(26);
    // The first entry of a torch.save zip is "<archive>/data.pkl" (or its "version"/"byteorder" record).
    const name = head.toString('utf8', 30, Math.min(head.length, 30 + nameLength));
    return /^[^/]+\/(?:data\.pkl|version|byteorder|\.data\/version)$/.test(name) ? 'PyTorch zip checkpoint' : null;
  },
  'pytorch-pickle': (head) => (head.subarray(0, 4).equals(TORCH_LEGACY_PICKLE) ? 'PyTorch legacy checkpoint' : null),
  ggml: (head) => (head.length >= 4 && GGML_MAGICS.includes(head.toString('latin1', 0, 4)) ? 'GGML (pre-GGUF llama.cpp)' : null),
};

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file, { highWaterMark: 1024 * 1024 }), hash);
  return hash.digest('hex');
}

/**
 * Whether an opened file with a weight extension really is weights (its first bytes), and its SHA-256
 * (streamed, never read whole). A Git LFS pointer to weights counts, with the checksum it names.
 */
export async function inspectWeightFile(
  handle: FileHandle,
  file: string,
  size: number,
  definition: WeightFileDefinition,
): Promise<WeightFile | null> {
  const head = Buffer.alloc(Math.min(size, size <= LFS_POINTER_MAX_BYTES ? LFS_POINTER_MAX_BYTES : HEAD_BYTES));
  const { bytesRead } = await handle.read(head, 0, head.length, 0);
  const start = head.subarray(0, bytesRead);
  if (size <= LFS_POINTER_MAX_BYTES) {
    const pointer = LFS_POINTER.exec(start.toString('utf8'));
    if (pointer) {
      const bytes = Number(pointer[2]);
      return bytes >= definition.minBytes
        ? { format: 'git-lfs-pointer', sha256: pointer[1]!, bytes, detail: `Git LFS pointer to ${bytes} bytes` }
        : null;
    }
  }
  if (size < definition.minBytes) return null;
  for (const format of definition.formats) {
    const detail = FORMAT_CHECKS[format](start.subarray(0, HEAD_BYTES), size);
    if (detail) return { format, sha256: await sha256OfFile(file), bytes: size, detail };
  }
  return null;
}
