import { graphql } from '../../gql';

export const PolicyInForceQuery = graphql(`
  query PolicyInForce {
    policyInForce {
      number
      policy
    }
  }
`);

export const PolicyVersionFieldsFragment = graphql(`
  fragment PolicyVersionFields on PolicyVersion {
    id
    number
    status
    note
    version
    policy
    createdAt
    updatedAt
    activatedAt
    draftedBy {
      id
      displayName
    }
    activatedBy {
      id
      displayName
    }
  }
`);

export const PolicyVersionsQuery = graphql(`
  query PolicyVersions {
    policyVersions {
      ...PolicyVersionFields
    }
  }
`);

export const PolicyPreviewQuery = graphql(`
  query PolicyPreview($policy: JSON!) {
    policyPreview(policy: $policy) {
      deploymentsChecked
      changes {
        deploymentId
        description
        before
        after
        reasons {
          source
          ruleId
          message
        }
      }
    }
  }
`);

export const DraftPolicyVersionMutation = graphql(`
  mutation DraftPolicyVersion($input: DraftPolicyInput!) {
    draftPolicyVersion(input: $input) {
      ...PolicyVersionFields
    }
  }
`);

export const UpdatePolicyDraftMutation = graphql(`
  mutation UpdatePolicyDraft($input: UpdatePolicyDraftInput!) {
    updatePolicyDraft(input: $input) {
      ...PolicyVersionFields
    }
  }
`);

export const ActivatePolicyVersionMutation = graphql(`
  mutation ActivatePolicyVersion($input: PolicyVersionStepInput!) {
    activatePolicyVersion(input: $input) {
      ...PolicyVersionFields
    }
  }
`);

export const DiscardPolicyVersionMutation = graphql(`
  mutation DiscardPolicyVersion($input: PolicyVersionStepInput!) {
    discardPolicyVersion(input: $input) {
      ...PolicyVersionFields
    }
  }
`);

export const PolicyExceptionsQuery = graphql(`
  query PolicyExceptions {
    policyExceptions {
      id
      reference
      state
      stateReason
      version
      environments
      hostingTargetIds
      maxDataClassification
      ruleIds
      justification
      compensatingControls
      expiresAt
      grantedAt
      createdAt
      requestedBy {
        id
        displayName
      }
      grantedBy {
        id
        displayName
      }
      team {
        id
        name
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
  }
`);

export const RequestPolicyExceptionMutation = graphql(`
  mutation RequestPolicyException($input: RequestExceptionInput!) {
    requestPolicyException(input: $input) {
      id
      reference
    }
  }
`);

export const DecidePolicyExceptionMutation = graphql(`
  mutation DecidePolicyException($input: DecideExceptionInput!) {
    decidePolicyException(input: $input) {
      id
      state
    }
  }
`);

export const ChangePolicyExceptionMutation = graphql(`
  mutation ChangePolicyException($input: ExceptionStepInput!) {
    changePolicyException(input: $input) {
      id
      state
    }
  }
`);

/** What the policy's rules read of a model version (see the API's policy-facts.ts), to show why a rule matched. */
export const PolicyModelFactsFragment = graphql(`
  fragment PolicyModelFacts on ModelVersion {
    id
    familyName
    versionName
    developerCountry
    effectiveOrigin
    distribution
    weightsSha256
    licenseClass
    declaredLicense
    concludedLicense
    obligations {
      commercialUse
      userCap
      researchOnly
      incomplete
    }
  }
`);

/** What the policy's rules read of a hosting target. */
export const PolicyHostingFactsFragment = graphql(`
  fragment PolicyHostingFacts on HostingTarget {
    id
    name
    mode
    operator
    country
    trainsOnInputs
    retentionDays
    zeroDataRetention
  }
`);

export const PolicyModelFactsQuery = graphql(`
  query PolicyModelFacts($id: ID!) {
    modelVersion(id: $id) {
      ...PolicyModelFacts
    }
  }
`);

export const PolicyViolationsQuery = graphql(`
  query PolicyViolations($openOnly: Boolean!) {
    policyViolations(openOnly: $openOnly) {
      id
      kind
      message
      policyVersion
      detectedAt
      resolvedAt
      resolution
      deployment {
        id
        application
        environment
        dataClassification
        personalData
        euAiActCategory
        team {
          id
          name
        }
        hostingTarget {
          ...PolicyHostingFacts
        }
        modelVersion {
          ...PolicyModelFacts
        }
      }
    }
  }
`);

export const RunDriftSweepMutation = graphql(`
  mutation RunDriftSweep {
    runDriftSweep {
      checked
      opened
      resolved
      updated
    }
  }
`);

export const AskPolicyDecisionQuery = graphql(`
  query AskPolicyDecision($input: PolicyQuestionInput!) {
    policyDecision(input: $input) {
      id
      decision
      decidedAt
      policyVersion
      reasons {
        source
        ruleId
        message
      }
      approval {
        id
        reference
        state
      }
      modelVersion {
        id
        familyName
        versionName
      }
      hostingTarget {
        id
        name
      }
    }
  }
`);
