import { graphql } from '../../gql';

export const AuditEventsQuery = graphql(`
  query AuditEvents($filter: AuditEventFilter, $first: Int, $after: String, $order: AuditOrder) {
    auditEvents(filter: $filter, first: $first, after: $after, order: $order) {
      edges {
        cursor
        node {
          id
          seq
          occurredAt
          actorType
          actorId
          actorLabel
          actorRoles
          channel
          action
          entityType
          entityId
          outcome
          reason
          requestId
          ip
          userAgent
          hash
          prevHash
          changes {
            path
            before
            after
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const AuditTrailVerificationQuery = graphql(`
  query AuditTrailVerification {
    auditTrailVerification {
      ok
      checkedEvents
      headSeq
      headHash
      verifiedAt
      checkpointsChecked
      checkpointProblems {
        seq
        problem
      }
      signingKeyId
      firstBreak {
        seq
        reason
        message
      }
    }
  }
`);
