/** This app's version (package.json, inlined by Vite): sent to HQ with each sync. */
import { version } from '../../package.json';

export const APP_VERSION: string = version;
