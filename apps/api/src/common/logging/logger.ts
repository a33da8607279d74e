import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import type { AppConfig } from '../../config/app-config.js';

/** The process's one structured JSON logger; Fastify gives each request a child carrying `reqId`. */
export function createLogger(level: AppConfig['log']['level']): Logger {
  return pino({
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie'],
  });
}

/** Routes Nest's own log calls (module loading, exceptions) into the same pino logger. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  private write(level: 'error' | 'warn' | 'info' | 'debug' | 'trace', message: unknown, params: unknown[]) {
    const context = typeof params.at(-1) === 'string' ? (params.at(-1) as string) : undefined;
    const extra = context ? params.slice(0, -1) : params;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (message instanceof Error) fields.err = message;
    else if (typeof message === 'object' && message !== null) Object.assign(fields, message);
    if (level === 'error' && typeof extra[0] === 'string') fields.stack = extra[0];
    this.logger[level](fields, typeof message === 'string' ? message : undefined);
  }

  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
}
