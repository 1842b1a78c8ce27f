export declare const CRON_SECRET: string;
export declare const dropRootFor: (port: string | number) => string;
