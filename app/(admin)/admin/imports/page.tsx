import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/guards";
import { ComingSoon } from "../_components/coming-soon";

export const metadata: Metadata = { title: "Imports" };

export default async function ImportsPage() {
  await requireAdmin();
  return <ComingSoon title="Imports">Upload roster files (CSV, TSV, XLS, XLSX), preview what would change, and review every import on Import Details.</ComingSoon>;
}
