import { graphql } from '../../gql';

export const ReportExportFieldsFragment = graphql(`
  fragment ReportExportFields on ReportExport {
    id
    type
    format
    filters
    status
    rowsTotal
    rowsWritten
    progress
    fileName
    bytes
    sha256
    downloadPath
    error
    createdAt
    finishedAt
  }
`);

export const ReportExportsQuery = graphql(`
  query ReportExports {
    reportExports {
      ...ReportExportFields
    }
  }
`);

export const ReportExportQuery = graphql(`
  query ReportExport($id: ID!) {
    reportExport(id: $id) {
      ...ReportExportFields
      requestedBy
      startedAt
      manifest
    }
  }
`);

export const CreateReportExportMutation = graphql(`
  mutation CreateReportExport($input: CreateReportExportInput!) {
    createReportExport(input: $input) {
      ...ReportExportFields
    }
  }
`);

export const ReportSigningKeyQuery = graphql(`
  query ReportSigningKey {
    reportSigningKey {
      algorithm
      keyId
      publicKeyPem
      downloadPath
    }
  }
`);
