import { graphql } from '../../gql';

export const PeopleQuery = graphql(`
  query People {
    users {
      id
      email
      displayName
      roles
      reviewCategories
      disabled
      lockedUntil
      lastSignInAt
      singleSignOn
      createdAt
      teams {
        id
        slug
        name
      }
    }
    teams {
      id
      slug
      name
      memberCount
    }
  }
`);

export const CreateUserMutation = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
    }
  }
`);

export const UpdateUserMutation = graphql(`
  mutation UpdateUser($input: UpdateUserInput!) {
    updateUser(input: $input) {
      id
    }
  }
`);

export const CreateTeamMutation = graphql(`
  mutation CreateTeam($input: CreateTeamInput!) {
    createTeam(input: $input) {
      id
    }
  }
`);
