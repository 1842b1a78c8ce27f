"use client";

/**
 * A GET form that leaves its empty fields out of the URL (`?q=ann`, not `?q=ann&school=&term=`).
 * Without JavaScript it still works; the URL is only longer.
 */
export function FilterForm({
  action,
  className,
  children,
}: {
  action: string;
  className: string;
  children: React.ReactNode;
}) {
  return (
    <form
      action={action}
      method="get"
      role="search"
      className={className}
      onSubmit={(event) => {
        for (const element of Array.from(event.currentTarget.elements)) {
          if (
            (element instanceof HTMLInputElement || element instanceof HTMLSelectElement) &&
            element.name &&
            element.value === ""
          ) {
            element.disabled = true;
          }
        }
      }}
    >
      {children}
    </form>
  );
}
