import { graphql } from '../../gql';

export const SystemStatusQuery = graphql(`
  query SystemStatus {
    systemStatus {
      version
      environment
      startedAt
      uptimeSeconds
      organizationName
      database {
        reachable
        embedded
        serverVersion
        migrations {
          upToDate
          appliedCount
          latestApplied
          pending
          failed
        }
      }
    }
  }
`);
