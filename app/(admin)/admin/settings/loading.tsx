import { PageLoading } from "@/components/page-error";

// See ../staff/loading.tsx: only pages that never answer 404 themselves get a loading boundary.
export default function SettingsLoading() {
  return <PageLoading label="Loading settings…" />;
}
