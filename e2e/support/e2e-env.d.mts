export declare const CRON_SECRET: string;
export declare const dropRootFor: (port: string | number) => string;
export declare const pgliteDirFor: (port: string | number) => string;
export declare const serverDirFor: (port: string | number) => string;
export declare const serverLogFor: (port: string | number) => string;
export declare const serverTmpFor: (port: string | number) => string;

export declare function serverEnvFor(port: string | number, base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
