import { graphql } from '../../gql';

/** One audited change of a record, as its History section shows it. */
export const RecordChangeEntryFragment = graphql(`
  fragment RecordChangeEntry on RecordChange {
    action
    occurredAt
    actorType
    actorLabel
    channel
    changes {
      path
      before
      after
    }
  }
`);

/** A deployment as a row of a deployments table, with what editing or retiring it needs. */
export const DeploymentRowFragment = graphql(`
  fragment DeploymentRow on Deployment {
    id
    version
    application
    purpose
    environment
    dataClassification
    personalData
    euAiActCategory
    status
    retiredAt
    registeredVia
    registeredBy {
      id
      displayName
    }
    team {
      id
      name
    }
    hostingTarget {
      id
      name
      mode
    }
    modelVersion {
      id
      familyName
      versionName
      provider {
        id
        name
      }
    }
  }
`);

/** One file of a version's weights folder, as the Weights section lists it. */
export const WeightFileRowFragment = graphql(`
  fragment WeightFileRow on WeightFile {
    path
    sha256
    sizeBytes
    attachedAt
  }
`);

/**
 * A model version as a row of the inventory list: what the columns show, and what explains them (the license's
 * catalog names and combined terms, the bases an effective origin comes through). Every nested read is batched.
 */
export const ModelVersionRowFragment = graphql(`
  fragment ModelVersionRow on ModelVersion {
    id
    familyName
    versionName
    developerCountry
    effectiveOrigin
    distribution
    declaredLicense
    concludedLicense
    licenseClass
    deploymentCount
    retiredAt
    releaseDate
    parameterCount
    updatedAt
    provider {
      id
      name
    }
    licenses {
      id
      licenseId
      name
      licenseVersion
    }
    obligations {
      commercialUse
      userCap
      attributionRequired
      attributionTexts
      acceptableUsePolicyUrls
      shareAlike
      researchOnly
      incomplete
    }
    bases {
      relation
      modelVersion {
        id
        familyName
        versionName
        developerCountry
        effectiveOrigin
      }
    }
  }
`);

/** A page of the list. Its facets are a query of their own, so the rows never wait for the counts. */
export const ModelVersionsQuery = graphql(`
  query ModelVersions($filter: ModelVersionFilter, $orderBy: ModelVersionOrder, $first: Int, $after: String) {
    modelVersions(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...ModelVersionRow
        }
      }
    }
  }
`);

/** Each facet's values with the versions the filter leaves for each: the list's filters beside its rows. */
export const ModelVersionFacetsQuery = graphql(`
  query ModelVersionFacets($filter: ModelVersionFilter) {
    modelVersions(filter: $filter) {
      facets {
        provider {
          value
          label
          count
        }
        developerCountry {
          value
          label
          count
        }
        effectiveOrigin {
          value
          label
          count
        }
        distribution {
          value
          label
          count
        }
        licenseClass {
          value
          label
          count
        }
        hostingMode {
          value
          label
          count
        }
        environment {
          value
          label
          count
        }
        dataClassification {
          value
          label
          count
        }
        approvalState {
          value
          label
          count
        }
      }
    }
  }
`);

/** The next rows of the list without its facets and count: the CSV of the whole filtered view reads these. */
export const ModelVersionRowsQuery = graphql(`
  query ModelVersionRows($filter: ModelVersionFilter, $orderBy: ModelVersionOrder, $first: Int, $after: String) {
    modelVersions(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...ModelVersionRow
        }
      }
    }
  }
`);

export const ModelVersionOptionsQuery = graphql(`
  query ModelVersionOptions($filter: ModelVersionFilter, $first: Int) {
    modelVersions(filter: $filter, first: $first) {
      edges {
        node {
          id
          familyName
          versionName
          provider {
            id
            name
          }
        }
      }
    }
  }
`);

export const ModelVersionDetailQuery = graphql(`
  query ModelVersionDetail($id: ID!) {
    modelVersion(id: $id) {
      id
      key
      version
      familyName
      versionName
      provider {
        id
        name
        headquartersCountry
      }
      supplier
      distribution
      developerCountry
      effectiveOrigin
      lineageProblem
      sourceUrl
      huggingFaceRepo
      revision
      weightsSha256
      weightFiles {
        ...WeightFileRow
      }
      releaseDate
      parameterCount
      modalities
      contextLength
      task
      modelCardUrl
      trainingDataUrl
      intendedUse
      limitations
      declaredLicense
      concludedLicense
      licenseClass
      uncataloguedLicenseIds
      verified
      retiredAt
      createdAt
      updatedAt
      deploymentCount
      licenses {
        id
        licenseId
        name
        licenseVersion
        licenseClass
        url
        terms {
          commercialUse
          userCap
          attributionRequired
          attributionText
          acceptableUsePolicyUrl
          shareAlike
          researchOnly
        }
      }
      approvalRequests {
        id
        reference
        cycle
        state
        weightsSha256
        createdAt
        decidedAt
        validUntil
        team {
          id
          name
        }
        scope {
          environments
          hostingModes
          maxDataClassification
        }
        conditions {
          description
        }
      }
      licenseHistory {
        id
        declaredLicense
        concludedLicense
        effectiveFrom
        note
        recordedAt
      }
      obligations {
        commercialUse
        userCap
        attributionRequired
        attributionTexts
        acceptableUsePolicyUrls
        shareAlike
        researchOnly
        incomplete
      }
      bases {
        relation
        modelVersion {
          id
          familyName
          versionName
          developerCountry
          effectiveOrigin
        }
      }
      derivatives {
        relation
        modelVersion {
          id
          familyName
          versionName
          developerCountry
          effectiveOrigin
        }
      }
      deployments {
        ...DeploymentRow
      }
      history {
        ...RecordChangeEntry
      }
    }
  }
`);

export const ProvidersQuery = graphql(`
  query Providers {
    providers {
      id
      name
      headquartersCountry
      type
      modelVersionCount
    }
  }
`);

export const ProviderDetailQuery = graphql(`
  query ProviderDetail($id: ID!) {
    provider(id: $id) {
      id
      key
      name
      legalEntity
      headquartersCountry
      type
      website
      sourceUrl
      verified
      modelVersionCount
      retiredAt
      updatedAt
      history {
        ...RecordChangeEntry
      }
    }
  }
`);

export const ModelVersionOptionQuery = graphql(`
  query ModelVersionOption($id: ID!) {
    modelVersion(id: $id) {
      id
      familyName
      versionName
      provider {
        id
        name
      }
    }
  }
`);

export const DeploymentsQuery = graphql(`
  query Deployments($filter: DeploymentFilter, $first: Int, $after: String) {
    deployments(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...DeploymentRow
        }
      }
    }
  }
`);

export const DeploymentDetailQuery = graphql(`
  query DeploymentDetail($id: ID!) {
    deployment(id: $id) {
      ...DeploymentRow
      history {
        ...RecordChangeEntry
      }
    }
  }
`);

export const HostingTargetsQuery = graphql(`
  query HostingTargets($includeRetired: Boolean!) {
    hostingTargets(includeRetired: $includeRetired) {
      id
      version
      name
      mode
      operator
      region
      country
      retentionDays
      trainsOnInputs
      zeroDataRetention
      retiredAt
    }
  }
`);

export const TeamsQuery = graphql(`
  query InventoryTeams {
    teams {
      id
      name
    }
  }
`);

export const InventoryExportQuery = graphql(`
  query InventoryExport($format: TransferFormat!) {
    inventoryExport(format: $format) {
      content
      fileName
      format
      rowCount
    }
  }
`);

export const CreateModelVersionMutation = graphql(`
  mutation CreateModelVersion($input: CreateModelVersionInput!) {
    createModelVersion(input: $input) {
      id
      familyName
      versionName
    }
  }
`);

export const UpdateModelVersionMutation = graphql(`
  mutation UpdateModelVersion($input: UpdateModelVersionInput!) {
    updateModelVersion(input: $input) {
      id
      version
    }
  }
`);

/** Replaces a version's weight files; the version's weights checksum becomes their digest. */
export const AttachModelWeightsMutation = graphql(`
  mutation AttachModelWeights($input: AttachModelWeightsInput!) {
    attachModelWeights(input: $input) {
      id
      version
      weightsSha256
      weightFiles {
        ...WeightFileRow
      }
    }
  }
`);

export const RetireModelVersionMutation = graphql(`
  mutation RetireModelVersion($input: RetireInput!) {
    retireModelVersion(input: $input) {
      id
      retiredAt
    }
  }
`);

export const CreateProviderMutation = graphql(`
  mutation CreateProvider($input: CreateProviderInput!) {
    createProvider(input: $input) {
      id
      name
      headquartersCountry
    }
  }
`);

export const CreateDeploymentMutation = graphql(`
  mutation CreateDeployment($input: CreateDeploymentInput!) {
    createDeployment(input: $input) {
      id
      application
    }
  }
`);

export const UpdateDeploymentMutation = graphql(`
  mutation UpdateDeployment($input: UpdateDeploymentInput!) {
    updateDeployment(input: $input) {
      id
      version
      application
    }
  }
`);

export const RetireDeploymentMutation = graphql(`
  mutation RetireDeployment($input: RetireInput!) {
    retireDeployment(input: $input) {
      id
      status
      retiredAt
    }
  }
`);

export const CreateHostingTargetMutation = graphql(`
  mutation CreateHostingTarget($input: CreateHostingTargetInput!) {
    createHostingTarget(input: $input) {
      id
      name
      mode
    }
  }
`);

export const UpdateHostingTargetMutation = graphql(`
  mutation UpdateHostingTarget($input: UpdateHostingTargetInput!) {
    updateHostingTarget(input: $input) {
      id
      version
      name
    }
  }
`);

export const RetireHostingTargetMutation = graphql(`
  mutation RetireHostingTarget($input: RetireInput!) {
    retireHostingTarget(input: $input) {
      id
      name
      retiredAt
    }
  }
`);

export const ImportInventoryMutation = graphql(`
  mutation ImportInventory($input: ImportInventoryInput!) {
    importInventory(input: $input) {
      ok
      dryRun
      rowCount
      created
      updated
      unchanged
      providersCreated
      providersUpdated
      errors {
        row
        column
        reason
      }
    }
  }
`);

/** A model card read into a draft model version; nothing is saved. */
export const ModelCardDraftQuery = graphql(`
  query ModelCardDraft($input: ModelCardDraftInput!) {
    modelCardDraft(input: $input) {
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
      }
      providerName
      provider {
        id
        name
      }
      cardLicense
      licenseLink
      licenseInCatalog
      bases {
        repo
        relation
        modelVersion {
          id
          familyName
          versionName
        }
      }
      languages
      datasets
      tags
      notes
    }
  }
`);
