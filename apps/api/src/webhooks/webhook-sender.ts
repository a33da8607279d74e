import { Injectable } from '@nestjs/common';
import { isSuccessfulStatus } from '@modelgate/domain/webhooks';

export type WebhookRequest = { url: string; body: string; headers: Record<string, string>; timeoutMs: number };

/** The outcome of one POST: never throws; `error` is one short line fit for the delivery log. */
export type WebhookResponse = { ok: boolean; statusCode: number | null; error: string | null };

const MAX_ERROR_LENGTH = 300;
const short = (text: string) => (text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text);

function describeStatus(response: Response): string {
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return response.status >= 300 && response.status < 400 ? `${status} (redirects are not followed)` : status;
}

type ErrorLike = { name?: unknown; message?: unknown; code?: unknown; cause?: unknown };
/** Duck-typed rather than `instanceof Error`: fetch's errors may come from another realm (a VM context). */
const asErrorLike = (value: unknown): ErrorLike | null => (typeof value === 'object' && value !== null ? value : null);
const firstLine = (value: unknown) => (typeof value === 'string' ? value.split('\n')[0] : '');

/** Node's fetch wraps network failures in a TypeError whose cause carries the system error code. */
function describeError(error: unknown, timeoutMs: number): string {
  const failure = asErrorLike(error);
  if (failure?.name === 'TimeoutError' || failure?.name === 'AbortError') return `no response within ${timeoutMs} ms`;
  const cause = asErrorLike(failure?.cause);
  if (typeof cause?.code === 'string') return `connection failed: ${cause.code}`;
  const message = firstLine(cause?.message) || firstLine(failure?.message);
  return message ? `request failed: ${message}` : 'request failed';
}

/** POSTs one delivery: no redirects followed, bounded by a timeout, the response body discarded. */
@Injectable()
export class WebhookSender {
  async post(request: WebhookRequest): Promise<WebhookResponse> {
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(request.timeoutMs),
      });
      // Only the status matters; release the connection without reading what the receiver sent.
      await response.body?.cancel().catch(() => undefined);
      return isSuccessfulStatus(response.status)
        ? { ok: true, statusCode: response.status, error: null }
        : { ok: false, statusCode: response.status, error: short(describeStatus(response)) };
    } catch (error) {
      return { ok: false, statusCode: null, error: short(describeError(error, request.timeoutMs)) };
    }
  }
}
