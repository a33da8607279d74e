import { createTranslator } from '../../i18n/translate';

/** The English text of the dashboard feature (the overview's charts; the overview page's own text is `system.`). */
export const dashboardMessages = {
  'dashboard.loading': 'Loading the dashboard',
  'dashboard.error': 'The dashboard is unavailable',
  'dashboard.asOf': 'Figures as of {when}.',

  'dashboard.group.inventory': 'Model versions in use',
  'dashboard.group.approvals': 'Approvals',
  'dashboard.group.policies': 'Policies and the CI gate',
  'dashboard.group.yourWork': 'Your work',
  'dashboard.group.waitingForReview': 'Waiting for review',
  'dashboard.group.yourModels': 'Your models and the gate',

  'dashboard.card.showAsTable': 'Show as table',
  'dashboard.card.showAsTableOf': ': {title}',

  'dashboard.figure.versionsInUse': 'Model versions in use',
  'dashboard.figure.waitingForDecision': 'Requests waiting for a decision',
  'dashboard.figure.expiringWithin30Days': 'Approvals ending within 30 days',
  'dashboard.figure.openViolations': 'Open policy violations',
  'dashboard.figure.activeExceptions': 'Active policy exceptions',
  'dashboard.figure.reviewsWaiting': 'Reviews waiting for you',
  'dashboard.figure.myOpenRequests': 'Your requests waiting for a decision',

  'dashboard.link.inUse': 'View the versions in use',
  'dashboard.link.riskTiersReports': 'Export the risk register in Reports',
  'dashboard.link.allRequests': 'View all approval requests',
  'dashboard.link.reviewQueue': 'Open the review queue',
  'dashboard.link.expiring': 'View approvals expiring soon',
  'dashboard.link.myRequests': 'View my requests',
  'dashboard.link.violations': 'View open violations',
  'dashboard.link.exceptions': 'View exceptions',
  'dashboard.link.gateReports': 'Export the gate decisions in Reports',
  'dashboard.link.askGate': 'Ask the gate',

  'dashboard.count.modelVersions_one': '{count} model version',
  'dashboard.count.modelVersions_other': '{count} model versions',
  'dashboard.count.countries_one': '{count} country',
  'dashboard.count.countries_other': '{count} countries',
  'dashboard.count.requests_one': '{count} request',
  'dashboard.count.requests_other': '{count} requests',
  'dashboard.count.days_one': '{count} day',
  'dashboard.count.days_other': '{count} days',
  'dashboard.count.openViolations_one': '{count} open violation',
  'dashboard.count.openViolations_other': '{count} open violations',
  'dashboard.count.activeExceptions_one': '{count} active exception',
  'dashboard.count.activeExceptions_other': '{count} active exceptions',
  'dashboard.count.decisions_one': '{count} decision',
  'dashboard.count.decisions_other': '{count} decisions',

  'dashboard.leaders.item': '{label} {count}',
  'dashboard.leaders.more_one': '{list} and {count} more',
  'dashboard.leaders.more_other': '{list} and {count} more',
  'dashboard.chart.note': 'The chart shows the {shown} largest; the table lists all {count}.',
  'dashboard.nothingToChart': 'Nothing to chart yet.',

  'dashboard.inUse.notInUse': 'No model version is in use yet.',
  'dashboard.inUse.summary': '{intro} {leaders}.',
  'dashboard.inUse.seriesLabel': 'Model versions in use',
  'dashboard.inUse.countHeader': 'Model versions in use',

  'dashboard.developerCountry.title': 'Model versions in use by developer country',
  'dashboard.developerCountry.header': 'Developer country',
  'dashboard.developerCountry.intro': '{versions} in use, from {countries}:',
  'dashboard.effectiveOrigin.title': 'Model versions in use by effective origin',
  'dashboard.effectiveOrigin.header': 'Effective origin',
  'dashboard.effectiveOrigin.intro':
    "Every country along a version's lineage counts, so a fine-tune of a foreign base model shows under both:",
  'dashboard.licenseClass.title': 'Model versions in use by license class',
  'dashboard.licenseClass.header': 'License class',
  'dashboard.licenseClass.intro': 'By what limits commercial use most:',
  'dashboard.hostingMode.title': 'Model versions in use by hosting mode',
  'dashboard.hostingMode.header': 'Hosting mode',
  'dashboard.hostingMode.intro': 'Where their active deployments run (a version hosted several ways counts once for each):',
  'dashboard.riskTier.title': 'Model versions in use by risk tier',
  'dashboard.riskTier.header': 'Risk tier of the latest approval request',
  'dashboard.riskTier.intro': "The tier of each version's latest approval request:",
  'dashboard.riskTier.none': 'Never assessed',

  'dashboard.approvalsByState.title': 'Approval requests by state',
  'dashboard.approvalsByState.none': 'No approval request yet.',
  'dashboard.approvalsByState.summary': '{requests}: {leaders}. Ages count from submission (drafts: from creation).',
  'dashboard.states.state': 'State',
  'dashboard.states.requests': 'Requests',
  'dashboard.states.oldest': 'Oldest (days since submitted)',
  'dashboard.states.median': 'Median (days)',

  'dashboard.waiting.title': 'Requests waiting for a decision, by age',
  'dashboard.waiting.none': 'No request is waiting for a decision.',
  'dashboard.waiting.summary':
    '{requests} submitted or in review; {over30} waiting for more than 30 days, the oldest for {oldest}.',
  'dashboard.waiting.empty': 'Nothing is waiting.',
  'dashboard.waiting.under7Days': 'Under 7 days',
  'dashboard.waiting.from7To30Days': '7 to 30 days',
  'dashboard.waiting.over30Days': 'Over 30 days',
  'dashboard.waiting.header': 'Waiting since submission',
  'dashboard.waiting.countHeader': 'Requests',

  'dashboard.expiring.title': 'Approvals expiring',
  'dashboard.expiring.summary_one':
    '{count} approval ends within 30 days, {within60} within 60 and {within90} within 90 (each window includes the shorter ones).',
  'dashboard.expiring.summary_other':
    '{count} approvals end within 30 days, {within60} within 60 and {within90} within 90 (each window includes the shorter ones).',
  'dashboard.expiring.within30Days': 'Within 30 days',
  'dashboard.expiring.within60Days': 'Within 60 days',
  'dashboard.expiring.within90Days': 'Within 90 days',
  'dashboard.expiring.header': 'Validity ends',
  'dashboard.expiring.countHeader': 'Approvals',

  'dashboard.myRequests.title': 'My approval requests',
  'dashboard.myRequests.none': 'You have not requested approval of a model version yet.',
  'dashboard.myRequests.summary': '{requests} you made; {open} waiting for a decision.',

  'dashboard.violations.title': 'Open policy violations',
  'dashboard.violations.none': 'No deployment violates the policy in force.',
  'dashboard.violations.summary': '{violations}: {leaders}.',
  'dashboard.violations.empty': 'Nothing to chart.',
  'dashboard.violations.header': 'Kind',
  'dashboard.violations.countHeader': 'Open violations',

  'dashboard.exceptions.title': 'Policy exceptions',
  'dashboard.exceptions.summary':
    '{active} ({expiring} ending within 30 days), {awaiting} awaiting a decision, {expired} expired.',
  'dashboard.exceptions.awaitingDecision': 'Awaiting decision',
  'dashboard.exceptions.active': 'Active',
  'dashboard.exceptions.expiringWithin30Days': 'Active, ending within 30 days',
  'dashboard.exceptions.expired': 'Expired',
  'dashboard.exceptions.header': 'Exceptions',
  'dashboard.exceptions.countHeader': 'Count',

  'dashboard.gate.title': 'CI gate decisions per day',
  'dashboard.gate.none': 'The gate has not been asked anything in the last 30 days.',
  'dashboard.gate.summary': 'Last 30 days (UTC): {allowed} allowed, {reviewRequired} review required, {denied} denied.',
  'dashboard.gate.day': 'Day (UTC)',
} as const;

export const t = createTranslator(dashboardMessages);
