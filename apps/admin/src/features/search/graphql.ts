import { graphql } from '../../gql';

export const GlobalSearchQuery = graphql(`
  query GlobalSearch($query: String!, $first: Int) {
    globalSearch(query: $query, first: $first) {
      kind
      id
      title
      subtitle
      url
      match
      retired
    }
  }
`);
