import packageJson from '../../package.json';

/** The version every front end reports; one source, the package manifest. */
export const APP_VERSION: string = packageJson.version;
