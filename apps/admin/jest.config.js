import { createJestConfig } from '@modelgate/jest-config';

// The admin app's plain-TypeScript parts (table views, message catalogs, formatting); pages are tested in a
// real browser by the end-to-end suite in test/.
export default createJestConfig();
