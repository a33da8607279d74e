import { createTranslator } from '../../i18n/translate';

/** The English text of the api-tokens feature. */
export const apiTokensMessages = {
  'apiTokens.title': 'API tokens',
  'apiTokens.intro':
    'Tokens let CI pipelines and scripts call the API with {header}. Each carries only the scopes you give it and expires; only a hash is stored, so the token is shown once.',

  'apiTokens.scope.deployments:write': "Register, update and retire deployments (of the token's team).",
  'apiTokens.scope.deployments:read': 'Read deployments.',
  'apiTokens.scope.models:read': 'Read the model inventory.',
  'apiTokens.scope.models:write':
    'Register and update providers, licenses, model versions and hosting targets; import the inventory.',
  'apiTokens.scope.approvals:write':
    "Request approval of model versions and follow the requests (the token's team's, for a team token).",
  'apiTokens.scope.approvals:read': 'Read approval requests, their reviews and decisions.',
  'apiTokens.scope.decisions:read': 'Read approval decisions ("may I use model X here?").',
  'apiTokens.scope.scans:write':
    'Upload `modelgate scan` results (and read them), so the admin app shows which models each repository uses.',
  'apiTokens.scope.scans:read': 'Read uploaded scan results.',
  'apiTokens.scope.reports:read': 'Read and download reports.',
  'apiTokens.scope.audit:read': 'Read the audit trail.',
  'apiTokens.scope.audit:verify': 'Verify the audit trail’s hash chain.',

  'apiTokens.list.label': 'API tokens',
  'apiTokens.list.loading': 'API tokens',
  'apiTokens.list.error': 'Could not load API tokens',
  'apiTokens.list.empty': 'No API tokens yet.',
  'apiTokens.list.emptyDescription': 'Create one below for a pipeline or a script.',
  'apiTokens.list.emptyReadOnly': 'Nobody has created a token yet.',
  'apiTokens.column.name': 'Name',
  'apiTokens.column.prefix': 'Prefix',
  'apiTokens.column.scopes': 'Scopes',
  'apiTokens.column.boundTo': 'Bound to',
  'apiTokens.column.created': 'Created',
  'apiTokens.column.expires': 'Expires',
  'apiTokens.column.lastUsed': 'Last used',
  'apiTokens.column.status': 'Status',
  'apiTokens.boundToTeam': 'Team {team}',
  'apiTokens.expiresIn': 'expires {relative}',
  'apiTokens.expiredAgo': 'expired {relative}',
  'apiTokens.lastUsed.never': 'never',
  'apiTokens.status.active': 'Active',
  'apiTokens.status.expired': 'Expired',
  'apiTokens.status.revoked': 'Revoked',
  'apiTokens.status.revokedOn': 'Revoked {when}',
  'apiTokens.status.expiredWhy': 'Past its expiry: requests with it are refused. Create a new token.',
  'apiTokens.status.revokedWhy': 'Requests with it are refused: someone revoked it.',

  'apiTokens.revoke.button': 'Revoke',
  'apiTokens.revoke.buttonLabel': 'Revoke {name}',
  'apiTokens.revoke.title': 'Revoke “{name}”?',
  'apiTokens.revoke.body': 'Requests with {prefix} are refused from now on. This cannot be undone.',
  'apiTokens.revoke.cancel': 'Cancel',
  'apiTokens.revoke.confirm': 'Revoke token',
  'apiTokens.revoke.done': 'Token revoked',
  'apiTokens.revoke.doneMessage': '“{name}” no longer works.',

  'apiTokens.create.title': 'New token',
  'apiTokens.create.label': 'Create an API token',
  'apiTokens.create.name': 'Name',
  'apiTokens.create.nameDescription': 'What uses it, e.g. “deploy pipeline”.',
  'apiTokens.create.scopes': 'Scopes',
  'apiTokens.create.expiresInDays': 'Expires in (days)',
  'apiTokens.create.expiresOn': 'Expires on {day}.',
  'apiTokens.create.boundTo': 'Bound to',
  'apiTokens.create.boundToDescription': 'Yourself, or one of your teams.',
  'apiTokens.create.me': 'Me',
  'apiTokens.create.team': 'Team {team}',
  'apiTokens.create.failed': 'The token was not created',
  'apiTokens.create.submit': 'Create token',

  'apiTokens.secret.title': 'API token “{name}” created',
  'apiTokens.secret.copyNow': 'Copy it now',
  'apiTokens.secret.warning':
    'You will not see this token again. Store it in your CI system’s secrets; if you lose it, revoke it and create a new one.',
  'apiTokens.secret.usage': 'Send it as {header}.',
  'apiTokens.secret.copy': 'Copy token',
  'apiTokens.secret.copied': 'Copied',
  'apiTokens.secret.stored': 'I have stored it',
} as const;

export const t = createTranslator(apiTokensMessages);
