import type { JobHandler } from "@/lib/jobs/handlers";

// Placeholder until the import queue lands: see docs/decisions.md "Job queue".
export const runImportJob: JobHandler<"import"> = async () => {};
export const failImportJob: JobHandler<"import-failed"> = async () => {};
