import 'reflect-metadata';
import { createApp } from './bootstrap/create-app.js';
import { openDatabase, type OpenDatabase } from './bootstrap/database-runtime.js';
import { createLogger } from './common/logging/logger.js';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config.js';
import { DemoDataSeeder } from './seed/demo-data.seeder.js';

function readConfig(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Modelgate cannot start. ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.log.level);
  const log = logger.child({ component: 'bootstrap' });
  let database: OpenDatabase | undefined;
  let shuttingDown = false;

  const fail = async (message: string, error: unknown) => {
    log.fatal({ err: error }, message);
    await database?.stop().catch((stopError: unknown) => log.error({ err: stopError }, 'could not stop the embedded database'));
    process.exit(1);
  };
  process.on('uncaughtException', (error) => void fail('uncaught exception', error));
  process.on('unhandledRejection', (error) => void fail('unhandled promise rejection', error));

  try {
    database = await openDatabase(config, { info: (m) => log.info(m), warn: (m) => log.warn(m) });
  } catch (error) {
    return fail('could not open the database', error);
  }

  const app = await createApp(config, database.runtime, { logger }).catch((error: unknown) =>
    fail('could not build the application', error),
  );
  if (!app) return;

  if (config.seedDemoData && (await app.get(DemoDataSeeder).seedOnce())) log.info('seeded demo data');

  // Shutdown order matters: stop taking requests and finish the ones in flight, then stop the database.
  const shutdown = async (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('graceful shutdown timed out, exiting');
      process.exit(1);
    }, config.http.shutdownTimeoutMs);
    force.unref();
    try {
      await app.close();
      await database?.stop();
      log.info('stopped');
      process.exit(0);
    } catch (error) {
      await fail('error during shutdown', error);
    }
  };
  process.on('SIGTERM', (signal) => void shutdown(signal));
  process.on('SIGINT', (signal) => void shutdown(signal));

  try {
    await app.listen({ port: config.http.port, host: config.http.host });
  } catch (error) {
    const inUse = (error as { code?: string }).code === 'EADDRINUSE';
    return fail(inUse ? `port ${config.http.port} is already in use (set PORT to another port)` : 'could not listen', error);
  }
  const shownHost = ['0.0.0.0', '127.0.0.1', '::'].includes(config.http.host) ? 'localhost' : config.http.host;
  const url = `http://${shownHost}:${config.http.port}/`;
  log.info({ url }, 'Modelgate is ready');
  process.stderr.write(`\n  Modelgate is running at ${url}  (GraphQL API: ${url}graphql)\n  Press Ctrl+C to stop.\n\n`);
}

void main();
