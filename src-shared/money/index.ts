export * from './currency';
export * from './fx';
export * from './fx-rows';
export { DEFAULT_FX_RATES } from './default-rates';
