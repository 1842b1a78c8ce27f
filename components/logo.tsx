import Image from "next/image";

/** The RosterSync mark (public/logo.svg, also the favicon's picture) and name. */
export function Logo({ className = "" }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-semibold tracking-tight ${className}`}>
      <Image src="/logo.svg" alt="" width={28} height={28} unoptimized className="size-7" />
      RosterSync
    </span>
  );
}
