import { PageLoading } from "@/components/page-error";

// Shown inside the admin layout while the Staff list loads, so the navigation answers at once.
// Only on pages that never answer 404 themselves: a page streamed behind a loading boundary has
// sent its 200 before it could call notFound() (the admin layout checks the role before it).
export default function StaffLoading() {
  return <PageLoading label="Loading staff…" />;
}
