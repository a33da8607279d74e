import { createPrivateKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { generateSigningKey, signingKeyFrom, type SigningKey } from './checkpoint-signature.js';

/**
 * The instance's Ed25519 key, kept in a PEM file outside the database (so someone who can write the
 * database cannot also sign). Created on first use when the file does not exist. It signs audit
 * checkpoints and report manifests.
 */
@Injectable()
export class SigningKeyStore {
  private key?: Promise<SigningKey>;
  private readonly file: string;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'audit'>) {
    this.file = config.audit.signingKeyFile;
  }

  get(): Promise<SigningKey> {
    return (this.key ??= this.loadOrCreate());
  }

  private async loadOrCreate(): Promise<SigningKey> {
    try {
      return signingKeyFrom(createPrivateKey(await readFile(this.file, 'utf8')));
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT')
        throw new Error(`cannot read the audit signing key ${this.file}: ${String(error)}`, { cause: error });
    }
    const key = generateSigningKey();
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeFile(this.file, key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600, flag: 'wx' });
    await chmod(this.file, 0o600);
    return key;
  }
}
