// Checks the upload page makes in the browser, before a byte is sent: a file the server could
// only refuse is refused at once, naming the file and what to do.

type Chosen = { name: string; size: number };

/** Null when the chosen files may be sent; else the sentence to show. */
export function refuseBeforeUpload(files: Chosen[], maxBytes: number): string | null {
  const empty = files.find((file) => file.size === 0);
  if (empty)
    return `${empty.name} is empty (0 bytes), so there is nothing to import. Export the roster from your SIS again and choose the new file.`;
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (total > maxBytes) {
    const name = files.length === 1 ? files[0]!.name : "These files";
    return `${name} ${files.length === 1 ? "is" : "are"} ${(total / 1_048_576).toFixed(1)} MB; the limit is ${maxBytes / 1_048_576} MB.`;
  }
  return null;
}
