import { createTranslator } from '../../i18n/translate';

/**
 * The English text of the system feature: the server's status, and the app's own pages that belong to no feature
 * (the overview page's frame, "page not found", a section that is not available). These load with the first page,
 * so the dashboard's larger catalog can stay with its lazily loaded charts.
 */
export const systemMessages = {
  'system.overview.title': 'Overview',
  'system.overview.intro':
    'Modelgate keeps the inventory of the AI models your organization uses, who approved them, under which policy, and the evidence an auditor needs.',
  'system.overview.loadingDashboard': 'Loading the dashboard',

  'system.status.title': 'System status',
  'system.status.loading': 'system status',
  'system.status.error': 'System status is unavailable',
  'system.status.ready': 'Ready',
  'system.status.notReady': 'Not ready',
  'system.status.readyWhy': 'The database is reachable and every migration is applied.',
  'system.status.notReadyUnreachable': 'The server cannot reach its database.',
  'system.status.notReadyMigrations': 'Migrations are pending: the database schema is older than this server.',
  'system.status.organization': 'Organization',
  'system.status.organizationNotSet': 'Not set',
  'system.status.version': 'Server version',
  'system.status.environment': 'Environment',
  'system.status.upFor': 'Up for',
  'system.status.startedAt': 'since {when}',
  'system.status.database': 'Database',
  'system.status.reachable': 'Reachable',
  'system.status.unreachable': 'Unreachable',
  'system.status.postgres': 'PostgreSQL {version}',
  'system.status.embedded': 'embedded',
  'system.status.migrations': 'Migrations',
  'system.status.upToDate': 'Up to date',
  'system.status.pending': 'Pending',
  'system.status.applied_one': '{count} applied',
  'system.status.applied_other': '{count} applied',
  'system.status.appliedLatest_one': '{count} applied, latest {latest}',
  'system.status.appliedLatest_other': '{count} applied, latest {latest}',
  'system.status.failed': 'Failed: {names}',

  'system.duration.days': '{days} d {hours} h',
  'system.duration.hours': '{hours} h {minutes} min',
  'system.duration.minutes': '{minutes} min',
  'system.duration.seconds': '{seconds} s',

  'system.notFound.title': 'Page not found',
  'system.notFound.body': 'There is no page at this address.',
  'system.notFound.home': 'Go to the overview',

  'system.section.forbiddenTitle': 'Not available to your roles',
  'system.section.forbiddenBody': 'Your roles do not include this section. Ask an admin if you need it.',
  'system.section.notBuiltTitle': 'Not available yet',
  'system.section.notBuiltBody': 'This part of Modelgate is not built yet. The overview page shows what the server can do today.',
} as const;

export const t = createTranslator(systemMessages);
