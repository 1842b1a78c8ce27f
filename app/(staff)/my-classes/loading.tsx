import { PageLoading } from "@/components/page-error";

export default function MyClassesLoading() {
  return <PageLoading label="Loading your classes…" />;
}
