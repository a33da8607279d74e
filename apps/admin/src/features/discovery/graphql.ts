import { graphql } from '../../gql';

export const ScanReportSummaryFragment = graphql(`
  fragment ScanReportSummary on ScanReport {
    id
    repository
    branch
    commit
    environment
    dataClassification
    personalData
    hostingTarget
    team {
      id
      name
    }
    submittedBy {
      id
      displayName
    }
    submittedVia
    filesScanned
    approvedCount
    notApprovedCount
    unknownCount
    informationalCount
    createdAt
  }
`);

export const ScanReportsQuery = graphql(`
  query ScanReports($repository: String) {
    scanReports(repository: $repository) {
      ...ScanReportSummary
    }
  }
`);

export const ScanReportQuery = graphql(`
  query ScanReport($id: ID!) {
    scanReport(id: $id) {
      ...ScanReportSummary
      findings {
        id
        kind
        reference
        provider
        file
        line
        column
        snippet
        sha256
        inComment
        statusAtScan
        status
        matchedBy
        modelVersion {
          id
          key
          versionName
          familyName
          provider
          retired
        }
        reasons
        hint
      }
    }
  }
`);

export const SubmitScanReportMutation = graphql(`
  mutation SubmitScanReport($input: SubmitScanReportInput!) {
    submitScanReport(input: $input) {
      id
    }
  }
`);

export const RegistrationDraftQuery = graphql(`
  query RegistrationDraftFromFinding($findingId: ID!) {
    registrationDraftFromFinding(findingId: $findingId) {
      fields {
        familyName
        versionName
        supplier
        distribution
        huggingFaceRepo
        sourceUrl
        modelCardUrl
        parameterCount
        modalities
        task
        declaredLicense
        weightsSha256
      }
      provider {
        id
        name
      }
      notes
    }
  }
`);
