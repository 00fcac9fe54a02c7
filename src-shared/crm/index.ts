/** CRM domain (issue 3): pure, shared by renderer, worker and HQ server. */
export * from './codes';
export * from './schemas';
export * from './validators';
export * from './names';
export * from './places';
export * from './reading';
export * from './fold';
export * from './search-keys';
export * from './search-index';
export * from './collation';
export * from './duplicates';
export * from './duplicate-pairs';
export * from './merge';
export * from './dashboard';
export * from './talk-amounts';
export * from './products';
export {
  generateDemoData,
  generateSmeFirms,
  seededRandom,
  type DemoData,
  type DemoOptions,
} from './demo';
