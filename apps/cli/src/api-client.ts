import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A small GraphQL client for the CLI: bearer token, or e-mail and password for a session. */
export type Credentials = { token?: string; email?: string; password?: string };

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export class ApiClient {
  private cookie?: string;
  private csrfToken?: string;

  constructor(
    private readonly baseUrl: string,
    private readonly credentials: Credentials,
  ) {}

  async query<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    if (!this.credentials.token && !this.cookie && this.credentials.email) await this.signIn();
    let response: Response;
    try {
      response = await fetch(new URL('/graphql', this.baseUrl), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-modelgate-client': 'cli',
          ...(this.credentials.token ? { authorization: `Bearer ${this.credentials.token}` } : {}),
          ...(this.cookie ? { cookie: this.cookie } : {}),
          ...(this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
    } catch (error) {
      throw new CliError(`cannot reach ${this.baseUrl}: ${(error as Error).message}`);
    }
    const body = (await response.json().catch(() => null)) as {
      data?: T;
      errors?: Array<{ message: string; extensions?: { code?: string } }>;
    } | null;
    const error = body?.errors?.[0];
    if (error) throw new CliError(`${error.extensions?.code ?? 'ERROR'}: ${error.message}`);
    if (!body?.data) throw new CliError(`the server answered HTTP ${response.status}`);
    return body.data;
  }

  /** GETs a file the API serves (e.g. a report bundle) with the same credentials, into `file`. */
  /**
   * Saves a download to `file`, through `file.part` renamed once complete: a transfer cut short, or whose SHA-256
   * differs from the one the server announced (`x-content-sha256`), leaves no file behind and fails with exit code 1.
   */
  async download(path: string, file: string): Promise<void> {
    if (!this.credentials.token && !this.cookie && this.credentials.email) await this.signIn();
    const response = await fetch(new URL(path, this.baseUrl), {
      headers: {
        'x-modelgate-client': 'cli',
        ...(this.credentials.token ? { authorization: `Bearer ${this.credentials.token}` } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
    }).catch((error: Error) => {
      throw new CliError(`cannot reach ${this.baseUrl}: ${error.message}`);
    });
    if (!response.ok || !response.body) {
      const body = (await response.json().catch(() => null)) as { errors?: Array<{ message: string }> } | null;
      throw new CliError(`download failed (HTTP ${response.status}): ${body?.errors?.[0]?.message ?? response.statusText}`);
    }
    const announced = response.headers.get('x-content-sha256');
    const hash = createHash('sha256');
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const partial = `${file}.part`;
    try {
      await pipeline(Readable.fromWeb(response.body), hashing, createWriteStream(partial));
      const received = hash.digest('hex');
      if (announced && received !== announced) {
        throw new CliError(`download corrupted: SHA-256 ${received}, the server announced ${announced}`, 1);
      }
      await rename(partial, file);
    } catch (error) {
      await rm(partial, { force: true });
      if (error instanceof CliError) throw error;
      throw new CliError(`download of ${file} failed: ${(error as Error).message}`, 1);
    }
  }

  private async signIn(): Promise<void> {
    const response = await fetch(new URL('/graphql', this.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-modelgate-client': 'cli' },
      body: JSON.stringify({
        query: 'mutation ($input: SignInInput!) { signIn(input: $input) { viewer { id csrfToken } } }',
        variables: { input: { email: this.credentials.email, password: this.credentials.password ?? '' } },
      }),
    }).catch((error: Error) => {
      throw new CliError(`cannot reach ${this.baseUrl}: ${error.message}`);
    });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('mg_session='));
    if (!cookie) throw new CliError(`sign-in as ${this.credentials.email} failed`);
    this.cookie = cookie.split(';')[0];
    // Mutations made with a session must echo its CSRF token.
    const body = (await response.json().catch(() => null)) as { data?: { signIn?: { viewer?: { csrfToken?: string } } } } | null;
    this.csrfToken = body?.data?.signIn?.viewer?.csrfToken;
  }
}
