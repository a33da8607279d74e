import { graphql } from '../../gql';

export const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      id
      email
      displayName
      roles
      reviewCategories
      teams {
        id
        slug
        name
      }
      csrfToken
    }
  }
`);

export const AuthOptionsQuery = graphql(`
  query AuthOptions {
    authOptions {
      localAccountsEnabled
      singleSignOn {
        enabled
        label
        loginUrl
      }
    }
  }
`);

export const SignInMutation = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      viewer {
        id
        csrfToken
      }
    }
  }
`);

export const SignOutMutation = graphql(`
  mutation SignOut {
    signOut
  }
`);
