import Link from "next/link";
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

/** The look of a link in running text or a table: indigo and underlined. */
export const linkClass = "text-indigo-700 underline underline-offset-4";

/** A link in running text or a table; `className` adds to the link look (weight, size, spacing). */
export function TextLink({ className, ...props }: ComponentProps<typeof Link>) {
  return <Link {...props} className={cn(linkClass, className)} />;
}
