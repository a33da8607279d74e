import { graphql } from '../../gql';

/** A request as a row of the approvals lists: enough to sort the review queue by what is due and to say why each state and tier is what it is. */
export const ApprovalRequestRowFragment = graphql(`
  fragment ApprovalRequestRow on ApprovalRequest {
    id
    reference
    number
    cycle
    state
    stateReason
    riskTier
    createdAt
    updatedAt
    submittedAt
    decidedAt
    validUntil
    conditions {
      description
    }
    votes {
      id
      decision
      rationale
      asComplianceOfficer
      createdAt
      person {
        id
        displayName
      }
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
    team {
      id
      name
    }
    requester {
      id
      displayName
    }
    scope {
      environments
      maxDataClassification
    }
    requirements {
      categories
      missingReviews
      approvalsGiven
      approvers
      complianceOfficerRequired
    }
    reviews {
      id
      category
      status
      dueAt
      overdue
      signedOffAt
      likelihood
      impact
      tier
      reviewer {
        id
        displayName
      }
    }
  }
`);

export const ApprovalRequestsQuery = graphql(`
  query ApprovalRequests($filter: ApprovalRequestFilter, $first: Int!, $after: String) {
    approvalRequests(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...ApprovalRequestRow
        }
      }
    }
  }
`);

export const ApprovalConditionPartsFragment = graphql(`
  fragment ApprovalConditionParts on ApprovalCondition {
    kind
    description
    hostingModes
    environments
    dataClassification
    text
  }
`);

export const ApprovalRequestDetailQuery = graphql(`
  query ApprovalRequestDetail($id: ID!) {
    approvalRequest(id: $id) {
      id
      reference
      number
      cycle
      version
      state
      stateReason
      riskTier
      requestedVia
      createdAt
      updatedAt
      submittedAt
      decidedAt
      decisionRationale
      validFrom
      validUntil
      policyVersion
      weightsSha256
      coversCurrentWeights
      team {
        id
        name
      }
      requester {
        id
        displayName
        email
      }
      scope {
        intendedUse
        environments
        hostingModes
        maxDataClassification
        personalData
        expectedUsers
        euAiActCategory
      }
      conditions {
        ...ApprovalConditionParts
      }
      requirements {
        tier
        categories
        missingReviews
        approvers
        approvalsGiven
        complianceOfficerRequired
      }
      reviews {
        id
        version
        category
        status
        reviewer {
          id
          displayName
          email
        }
        assignedAt
        dueAt
        overdue
        signedOffAt
        likelihood
        impact
        tier
        findings
        mitigations
        evidence {
          id
          kind
          title
          url
          fileName
          contentType
          sizeBytes
          sha256
          createdAt
          addedBy {
            id
            displayName
          }
        }
      }
      votes {
        id
        decision
        rationale
        asComplianceOfficer
        createdAt
        person {
          id
          displayName
        }
        conditions {
          ...ApprovalConditionParts
        }
      }
      previousRequest {
        id
        reference
        cycle
        state
      }
      timeline {
        ...RecordChangeEntry
      }
      modelVersion {
        id
        familyName
        versionName
        version
        provider {
          id
          name
        }
        distribution
        developerCountry
        effectiveOrigin
        weightsSha256
        huggingFaceRepo
        declaredLicense
        concludedLicense
        licenseClass
        obligations {
          commercialUse
          userCap
          attributionRequired
          researchOnly
          shareAlike
          incomplete
        }
        approvalRequests {
          id
          reference
          cycle
          state
          createdAt
          decidedAt
          validUntil
          scope {
            environments
            maxDataClassification
          }
        }
      }
    }
  }
`);

/** The bytes of one piece of evidence, fetched only when someone views or downloads it. */
export const EvidenceContentQuery = graphql(`
  query EvidenceContent($id: ID!) {
    reviewEvidence(id: $id) {
      id
      fileName
      contentType
      contentBase64
    }
  }
`);

/** What a request form shows beside the scope: facts, license terms and effective origin. */
export const RequestModelFactsQuery = graphql(`
  query RequestModelFacts($id: ID!) {
    modelVersion(id: $id) {
      id
      familyName
      versionName
      provider {
        id
        name
      }
      distribution
      developerCountry
      effectiveOrigin
      weightsSha256
      intendedUse
      declaredLicense
      concludedLicense
      licenseClass
      obligations {
        commercialUse
        userCap
        attributionRequired
        researchOnly
        shareAlike
        incomplete
      }
      deployments {
        id
        status
        environment
        dataClassification
        personalData
        euAiActCategory
        team {
          id
        }
        hostingTarget {
          id
          mode
        }
      }
    }
  }
`);

export const ApprovalPolicyQuery = graphql(`
  query ApprovalPolicy {
    approvalPolicy {
      version
      validityMonths
      reviewSlaDays
      renewalLeadDays
    }
  }
`);

/** People a compliance officer can assign reviews to. */
export const ReviewersQuery = graphql(`
  query Reviewers {
    users {
      id
      displayName
      email
      roles
      reviewCategories
      disabled
    }
  }
`);

export const NotificationsQuery = graphql(`
  query Notifications($first: Int) {
    unreadNotificationCount
    notifications(first: $first) {
      edges {
        node {
          id
          event
          title
          body
          requestId
          createdAt
          readAt
        }
      }
    }
  }
`);

export const CreateApprovalRequestMutation = graphql(`
  mutation CreateApprovalRequest($input: CreateApprovalRequestInput!) {
    createApprovalRequest(input: $input) {
      id
      reference
      state
    }
  }
`);

export const UpdateApprovalRequestMutation = graphql(`
  mutation UpdateApprovalRequest($input: UpdateApprovalRequestInput!) {
    updateApprovalRequest(input: $input) {
      id
      version
    }
  }
`);

export const SubmitApprovalRequestMutation = graphql(`
  mutation SubmitApprovalRequest($input: RequestStepInput!) {
    submitApprovalRequest(input: $input) {
      id
      state
    }
  }
`);

export const WithdrawApprovalRequestMutation = graphql(`
  mutation WithdrawApprovalRequest($input: RequestStepInput!) {
    withdrawApprovalRequest(input: $input) {
      id
      state
    }
  }
`);

export const AssignReviewMutation = graphql(`
  mutation AssignReview($input: AssignReviewInput!) {
    assignReview(input: $input) {
      id
      category
    }
  }
`);

export const FileReviewMutation = graphql(`
  mutation FileReview($input: FileReviewInput!) {
    fileReview(input: $input) {
      id
      status
    }
  }
`);

export const AddReviewEvidenceMutation = graphql(`
  mutation AddReviewEvidence($input: AddEvidenceInput!) {
    addReviewEvidence(input: $input) {
      id
      sha256
    }
  }
`);

export const DecideApprovalRequestMutation = graphql(`
  mutation DecideApprovalRequest($input: DecideInput!) {
    decideApprovalRequest(input: $input) {
      id
      state
    }
  }
`);

export const ChangeApprovalMutation = graphql(`
  mutation ChangeApproval($input: ApprovalStepInput!) {
    changeApproval(input: $input) {
      id
      state
    }
  }
`);

export const RenewApprovalMutation = graphql(`
  mutation RenewApproval($id: ID!) {
    renewApproval(id: $id) {
      id
      reference
    }
  }
`);

export const MarkNotificationsReadMutation = graphql(`
  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {
    markNotificationsRead(input: $input)
  }
`);
