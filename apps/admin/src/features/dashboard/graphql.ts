import { graphql } from '../../gql';

export const DashboardQuery = graphql(`
  query Dashboard {
    dashboard {
      generatedAt
      versionsInUse
      inUseByDeveloperCountry {
        key
        count
      }
      inUseByEffectiveOrigin {
        key
        count
      }
      inUseByLicenseClass {
        key
        count
      }
      inUseByHostingMode {
        key
        count
      }
      inUseByRiskTier {
        key
        count
      }
      approvalsByState {
        state
        count
        oldestAgeDays
        medianAgeDays
      }
      openApprovalsByAge {
        under7Days
        from7To30Days
        over30Days
      }
      approvalsExpiring {
        within30Days
        within60Days
        within90Days
      }
      openViolations {
        total
        byKind {
          key
          count
        }
      }
      exceptions {
        awaitingDecision
        active
        expiringWithin30Days
        expired
      }
      gateDecisionsPerDay {
        day
        allow
        reviewRequired
        deny
      }
      viewerWork {
        approvalRequestsByState {
          state
          count
          oldestAgeDays
          medianAgeDays
        }
        reviewsWaiting
      }
    }
  }
`);
