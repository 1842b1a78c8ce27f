import { PageLoading } from "@/components/page-error";

// Shown inside the admin layout while a page's data loads (a roster list of many thousand rows,
// Import Details), so the navigation answers at once.
export default function AdminLoading() {
  return <PageLoading label="Loading…" />;
}
