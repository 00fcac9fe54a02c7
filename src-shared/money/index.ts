export * from './currency';
export * from './fx';
export { DEFAULT_FX_RATES } from './default-rates';
