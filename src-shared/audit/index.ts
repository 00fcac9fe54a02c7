// Access records (issue 14): entry schema, hash chain, wire contract, review flags.
export * from './entry';
export * from './chain';
export * from './protocol';
export * from './review-flags';
