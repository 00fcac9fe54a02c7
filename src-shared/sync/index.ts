export * from './hlc';
export * from './merge';
export * from './protocol';
export * from './tables';
export * from './demo-ids';
